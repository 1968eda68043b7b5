package org.openlsa.sam;

import java.time.Instant;
import java.util.Optional;
import org.openlsa.core.NtStatus;

/**
 * The account restriction checks, in the documented order (lsa-semantics 4; MS-APDS 3.1.5), applied only once the
 * credentials are known to be valid. Each failure is a SubStatus of ACCOUNT_RESTRICTION:
 * disabled; locked out; account expired; password must change; password expired; workstation; logon hours.
 */
public final class AccountRestrictions {
    private AccountRestrictions() {}

    /**
     * @param workstation the client's workstation for network logons, the local machine name for interactive ones
     * @return the SubStatus of the first restriction that refuses the logon, or empty when none does
     */
    public static Optional<NtStatus> check(UserAccount user, DomainPolicy policy, Instant now, String workstation) {
        return check(user, policy, now, Optional.of(workstation));
    }

    /**
     * As above, where the workstation may be unknown (a Kerberos AS-REQ without a NetBIOS address): then the
     * account's workstation list is not checked, as Samba's KDC does; every other restriction is.
     */
    public static Optional<NtStatus> check(UserAccount user, DomainPolicy policy, Instant now,
                                           Optional<String> workstation) {
        if (user.has(AccountFlag.DISABLED)) {
            return Optional.of(NtStatus.ACCOUNT_DISABLED);
        }
        if (Lockout.isLockedOut(user, user.logonState(), policy, now)) {
            return Optional.of(NtStatus.ACCOUNT_LOCKED_OUT);
        }
        if (user.accountExpires().filter(t -> !t.isAfter(now)).isPresent()) {
            return Optional.of(NtStatus.ACCOUNT_EXPIRED);
        }
        if (user.has(AccountFlag.MUST_CHANGE_PASSWORD) || user.passwordLastSet().isEmpty()) {
            return Optional.of(NtStatus.PASSWORD_MUST_CHANGE);
        }
        if (passwordMustChangeAt(user, policy).filter(t -> !t.isAfter(now)).isPresent()) {
            return Optional.of(NtStatus.PASSWORD_EXPIRED);
        }
        if (workstation.isPresent() && !user.allowsWorkstation(workstation.get())) {
            return Optional.of(NtStatus.INVALID_WORKSTATION);
        }
        if (!user.logonHours().allows(now)) {
            return Optional.of(NtStatus.INVALID_LOGON_HOURS);
        }
        return Optional.empty();
    }

    /** The SubStatus values an ACCOUNT_RESTRICTION carries. */
    private static final java.util.Set<NtStatus> RESTRICTIONS = java.util.Set.of(NtStatus.ACCOUNT_DISABLED,
            NtStatus.ACCOUNT_LOCKED_OUT, NtStatus.ACCOUNT_EXPIRED, NtStatus.PASSWORD_MUST_CHANGE,
            NtStatus.PASSWORD_EXPIRED, NtStatus.INVALID_WORKSTATION, NtStatus.INVALID_LOGON_HOURS);

    /** Whether {@code status} is one of the account restrictions, returned as ACCOUNT_RESTRICTION with it as SubStatus. */
    public static boolean isRestriction(NtStatus status) {
        return RESTRICTIONS.contains(status);
    }

    /** PasswordLastSet + MaxPasswordAge, or empty when the password never expires. */
    public static Optional<Instant> passwordMustChangeAt(UserAccount user, DomainPolicy policy) {
        if (user.has(AccountFlag.PASSWORD_NEVER_EXPIRES) || user.passwordLastSet().isEmpty()) {
            return Optional.empty();
        }
        return policy.maxPasswordAge().map(age -> user.passwordLastSet().get().plus(age));
    }

    /** PasswordLastSet + MinPasswordAge: when the user may change the password again. */
    public static Optional<Instant> passwordCanChangeAt(UserAccount user, DomainPolicy policy) {
        return user.passwordLastSet().map(t -> t.plus(policy.minPasswordAge()));
    }
}
