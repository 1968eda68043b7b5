package org.openlsa.engine;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.openlsa.core.Luid;
import org.openlsa.core.NtStatus;
import org.openlsa.core.SecurityLogonType;
import org.openlsa.core.Sid;

/**
 * One audit record: a logon attempt or a logoff. Holds names, SIDs and statuses, never a secret. The status and
 * SubStatus are the full ones (a wrong password is LOGON_FAILURE / WRONG_PASSWORD here even when the caller was
 * told only LOGON_FAILURE): the audit log is for the machine's administrators.
 *
 * @param kind "logon" or "logoff"
 * @param caller the caller's user SID
 * @param callerProcess the logon process name of a trusted connection, empty for an untrusted one
 */
public record AuditEvent(Instant time, String kind, boolean success, NtStatus status, NtStatus subStatus,
                         String origin, SecurityLogonType logonType, String authenticationPackage, Sid caller,
                         String callerProcess, String userName, String domain, Optional<Luid> logonId,
                         Optional<Sid> userSid) {
    public static final String LOGON = "logon";
    public static final String LOGOFF = "logoff";

    public AuditEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(subStatus, "subStatus");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(logonType, "logonType");
        Objects.requireNonNull(authenticationPackage, "authenticationPackage");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(callerProcess, "callerProcess");
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(logonId, "logonId");
        Objects.requireNonNull(userSid, "userSid");
    }
}
