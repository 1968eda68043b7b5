package org.openlsa.sam;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openlsa.core.NtStatus;
import org.openlsa.core.Sid;

/**
 * An account security event outside a logon session's life: a Kerberos pre-authentication failure, a lockout, a
 * password change or reset, an administrative change to an account. Modelled on the Windows Security log's events and
 * numbered like them ({@link #eventId}); the audit log's format is docs/audit.md. Holds names, SIDs and statuses,
 * never a secret.
 *
 * @param eventId the Windows event it corresponds to (4771, 4740, 4723, 4724, 4738)
 * @param event its name in the log ({@code preauthFailure}, {@code lockout}, {@code passwordChange}, ...)
 * @param status the outcome (SUCCESS, or why it failed)
 * @param userName the target account as named (in the request, or the account's name once found)
 * @param userSid the target account's SID when it was identified
 * @param source who saw it: {@code kdc}, {@code kpasswd}, {@code msv1_0}, {@code lsa} (the command line)
 * @param caller who did it, when not the target itself: a SID, or {@code uid <n>} for a command run by a Unix user
 * @param clientAddress the network address the request came from, empty when local
 * @param changed for 4738, the account attributes the change touched (names as {@code lsa user set} spells them)
 */
public record SecurityEvent(Instant time, int eventId, String event, NtStatus status, String userName, String domain,
                            Optional<Sid> userSid, String source, String caller, String clientAddress,
                            List<String> changed) {
    /** Kerberos pre-authentication failed (wrong password in PA-ENC-TIMESTAMP). */
    public static final int PREAUTH_FAILED = 4771;
    /** A user account was locked out. */
    public static final int ACCOUNT_LOCKED_OUT = 4740;
    /** An attempt was made to change an account's password (knowing the old one). */
    public static final int PASSWORD_CHANGE = 4723;
    /** An attempt was made to reset an account's password (an administrator setting it). */
    public static final int PASSWORD_RESET = 4724;
    /** A user account was changed. */
    public static final int ACCOUNT_CHANGED = 4738;

    public SecurityEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(userSid, "userSid");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(clientAddress, "clientAddress");
        changed = List.copyOf(changed);
    }

    public boolean success() {
        return status.isSuccess();
    }

    /** The event for {@code user} of {@code domain}, by its Windows id and name. */
    public static SecurityEvent of(Instant time, int eventId, String event, NtStatus status, UserAccount user,
                                   DomainInfo domain, String source, String caller, String clientAddress,
                                   List<String> changed) {
        return new SecurityEvent(time, eventId, event, status, user.name(), domain.name(),
                Optional.of(user.sid()), source, caller, clientAddress, changed);
    }
}
