package org.openlsa.msv1_0;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.core.SecurityLogonType;
import org.openlsa.sam.DomainInfo;
import org.openlsa.sam.UserAccount;

/**
 * A subauthentication package: the narrow Java form of Windows' Msv1_0SubAuthenticationRoutine. MSV1_0 calls it for
 * network logons that name its {@link #id()} (MSV1_0_SUBAUTH_LOGON's SubAuthPackageId, or the top byte of an LM20 /
 * network logon's ParameterControl), and only for callers holding SeTcbPrivilege.
 *
 * <p>MSV1_0 has already found the account, refused it if locked out, and checked the responses against the
 * account's hashes; the package sees that verdict ({@link Request#passwordVerified()}) and decides. It may accept a
 * logon whose responses did not verify (when it authenticates by other means), or refuse one that did. After it
 * accepts, MSV1_0 still applies the account restrictions, the bad-password accounting and the token rules; a package
 * cannot widen a token, only shorten a session (KickOffTime, LogoffTime) and add UserFlags in the top byte, which
 * Windows reserves for subauthentication packages.
 *
 * <p>Implementations must be thread-safe and must not keep the request's response bytes.
 */
public interface SubAuthenticationPackage {

    /** 1..255: the id callers name. */
    int id();

    /** A name for logs and the audit trail. */
    String name();

    /**
     * Decides a logon.
     *
     * @return the verdict; a WRONG_PASSWORD verdict is counted as a bad password, like a failed response check
     * @throws LsaException for a malformed request (INVALID_PARAMETER); the logon fails with that status
     */
    Verdict validate(Request request) throws LsaException;

    /**
     * @param logon the logon as the caller sent it (its responses: AuthenticationInfo1/2 for MSV1_0_SUBAUTH_LOGON)
     * @param passwordVerified whether the responses prove the account's password
     */
    record Request(Msv1_0Lm20Logon logon, SecurityLogonType logonType, UserAccount user, DomainInfo domain,
                   Instant now, boolean passwordVerified) {
        public Request {
            Objects.requireNonNull(logon, "logon");
            Objects.requireNonNull(logonType, "logonType");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(domain, "domain");
            Objects.requireNonNull(now, "now");
        }
    }

    /**
     * @param status SUCCESS, or why the logon is refused: WRONG_PASSWORD (counted), or an account restriction
     *     status (INVALID_LOGON_HOURS, INVALID_WORKSTATION, ACCOUNT_DISABLED, ...), returned as ACCOUNT_RESTRICTION
     *     with that SubStatus, or any other status, returned as is
     * @param kickOffTime an earlier end of the session than the account's own, if any
     * @param userFlags bits for the top byte of UserFlags (0xFF000000); others are refused
     */
    record Verdict(NtStatus status, Optional<Instant> kickOffTime, int userFlags) {
        public static final int USER_FLAGS_MASK = 0xFF000000;

        public Verdict {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(kickOffTime, "kickOffTime");
            if ((userFlags & ~USER_FLAGS_MASK) != 0) {
                throw new IllegalArgumentException("a subauthentication package may set only the top byte of UserFlags");
            }
        }

        public static Verdict accept(Optional<Instant> kickOffTime) {
            return new Verdict(NtStatus.SUCCESS, kickOffTime, 0);
        }

        public static Verdict refuse(NtStatus status) {
            if (status.equals(NtStatus.SUCCESS)) {
                throw new IllegalArgumentException("a refusal needs a failure status");
            }
            return new Verdict(status, Optional.empty(), 0);
        }
    }
}
