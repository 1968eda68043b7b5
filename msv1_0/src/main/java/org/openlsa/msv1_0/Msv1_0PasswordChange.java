package org.openlsa.msv1_0;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.engine.spi.logon.ChangePasswordRequest;
import org.openlsa.engine.spi.PackageCallResult;
import org.openlsa.engine.spi.PackageContext;
import org.openlsa.sam.AccountFlag;
import org.openlsa.sam.AccountRestrictions;
import org.openlsa.sam.AccountStore;
import org.openlsa.sam.DomainInfo;
import org.openlsa.sam.DomainPolicy;
import org.openlsa.sam.Lockout;
import org.openlsa.sam.Passwords;
import org.openlsa.sam.SamAccounting;
import org.openlsa.sam.SecurityEvent;
import org.openlsa.sam.UserAccount;

/**
 * MsV1_0ChangePassword: a user who knows the old password sets a new one. Open to untrusted callers, so it follows
 * the logon's information hiding: for them an unknown user and a wrong old password both read LOGON_FAILURE. A wrong
 * old password counts toward lockout like a failed logon. The outcome is the ProtocolStatus; malformed requests fail
 * the call itself (INVALID_PARAMETER).
 */
final class Msv1_0PasswordChange {
    private final PackageContext context;

    Msv1_0PasswordChange(PackageContext context) {
        this.context = context;
    }

    PackageCallResult change(byte[] submitBuffer, boolean trusted) throws LsaException {
        AccountStore store = context.store();
        DomainInfo domain = store.domain();
        DomainPolicy policy = domain.policy();
        byte[] info = policyInfo(policy).encode();
        try (ChangePasswordRequest req = ChangePasswordRequest.decode(submitBuffer)) {
            Optional<UserAccount> found = domain.answersTo(req.domainName()) && !req.accountName().isEmpty()
                    ? store.findUser(req.accountName()) : Optional.empty();
            if (found.isEmpty()) {
                // What a wrong old password costs a real account (issue 17): hash read, hash, counting transaction.
                Passwords.burnEquivalentWork(store, req.oldPassword());
                SamAccounting.spendBadPasswordWork(store, policy);
                return new PackageCallResult(info, trusted ? NtStatus.NO_SUCH_USER : NtStatus.LOGON_FAILURE);
            }
            UserAccount user = found.get();
            Instant now = context.clock().instant();
            NtStatus outcome = change(store, domain, user, req, now, trusted);
            // 4723, an attempt to change an account's password, whatever came of it (the full status: the log is
            // the administrators', even when an untrusted caller was shown only LOGON_FAILURE).
            context.events().record(SecurityEvent.of(now, SecurityEvent.PASSWORD_CHANGE, "passwordChange",
                    fullStatus(outcome, trusted), user, domain, "msv1_0", "", "", List.of()));
            return new PackageCallResult(info, outcome);
        }
    }

    private NtStatus change(AccountStore store, DomainInfo domain, UserAccount user, ChangePasswordRequest req,
                            Instant now, boolean trusted) throws LsaException {
        DomainPolicy policy = domain.policy();
        if (Lockout.isLockedOut(user, user.logonState(), policy, now)) {
            return NtStatus.ACCOUNT_LOCKED_OUT;
        }
        if (!Passwords.matches(store, user, req.oldPassword())) {
            try {
                throw SamAccounting.badPassword(store, user, policy, now, () -> context.events().record(
                        SecurityEvent.of(now, SecurityEvent.ACCOUNT_LOCKED_OUT, "lockout", NtStatus.ACCOUNT_LOCKED_OUT,
                                user, domain, "msv1_0", "", "", List.of())));
            } catch (LsaException e) {
                return e.subStatus().equals(NtStatus.ACCOUNT_LOCKED_OUT) ? NtStatus.ACCOUNT_LOCKED_OUT
                        : trusted ? NtStatus.WRONG_PASSWORD : NtStatus.LOGON_FAILURE;
            }
        }
        if (user.has(AccountFlag.DISABLED)) {
            return NtStatus.ACCOUNT_DISABLED;
        }
        boolean mustChange = user.has(AccountFlag.MUST_CHANGE_PASSWORD) || user.passwordLastSet().isEmpty();
        Optional<Instant> canChange = AccountRestrictions.passwordCanChangeAt(user, policy);
        if (!mustChange && canChange.isPresent() && now.isBefore(canChange.get())) {
            return NtStatus.PASSWORD_RESTRICTION;
        }
        try {
            Passwords.change(store, user.rid(), req.newPassword(), now);
        } catch (LsaException e) {
            if (e.status().equals(NtStatus.PASSWORD_RESTRICTION)) {
                return NtStatus.PASSWORD_RESTRICTION;
            }
            throw e;
        }
        return NtStatus.SUCCESS;
    }

    /** What an untrusted caller saw as LOGON_FAILURE was a wrong old password (the user was found). */
    private static NtStatus fullStatus(NtStatus shown, boolean trusted) {
        return !trusted && shown.equals(NtStatus.LOGON_FAILURE) ? NtStatus.WRONG_PASSWORD : shown;
    }

    /** DOMAIN_PASSWORD_INFORMATION with ages as negative 100 ns intervals (MS-SAMR 2.2.3.5). */
    private static Msv1_0ChangePasswordResponse policyInfo(DomainPolicy p) {
        long max = p.maxPasswordAge().map(Msv1_0PasswordChange::negativeTicks).orElse(Msv1_0ChangePasswordResponse.NEVER);
        return new Msv1_0ChangePasswordResponse(true, p.minPasswordLength(), p.passwordHistoryLength(),
                p.passwordComplexity() ? Msv1_0ChangePasswordResponse.DOMAIN_PASSWORD_COMPLEX : 0, max,
                negativeTicks(p.minPasswordAge()));
    }

    private static long negativeTicks(Duration d) {
        return -Math.multiplyExact(d.toMillis(), 10_000L);
    }
}
