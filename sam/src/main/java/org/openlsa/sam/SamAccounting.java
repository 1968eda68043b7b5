package org.openlsa.sam;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.openlsa.core.GroupAttributes;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.core.Sid;
import org.openlsa.core.SidAndAttributes;

/**
 * The SAM side every logon shares, whatever the protocol (MSV1_0 interactive or network, the KDC's AS exchange):
 * bad-password accounting and the lockout decision as one atomic store update, the success update, and the
 * account's global groups. One implementation, so a password guessed over NTLM and over Kerberos counts against the
 * same lockout threshold exactly once per attempt.
 */
public final class SamAccounting {
    private SamAccounting() {}

    /**
     * Counts a wrong password, atomically with the lockout decision: an attempt that finds the account locked inside
     * the update is not counted and reads ACCOUNT_LOCKED_OUT, so the count stops exactly at the threshold.
     *
     * @return never: throws LOGON_FAILURE/WRONG_PASSWORD or ACCOUNT_RESTRICTION/ACCOUNT_LOCKED_OUT
     */
    public static LsaException badPassword(AccountStore store, UserAccount user, DomainPolicy policy, Instant now)
            throws LsaException {
        return badPassword(store, user, policy, now, () -> {});
    }

    /**
     * {@link #badPassword(AccountStore, UserAccount, DomainPolicy, Instant)}, calling {@code lockedNow} when this very
     * attempt is the one that locked the account (the moment Windows logs event 4740), exactly once per lockout
     * however many attempts race for it: the decision is made inside the atomic update.
     */
    public static LsaException badPassword(AccountStore store, UserAccount user, DomainPolicy policy, Instant now,
                                           Runnable lockedNow) throws LsaException {
        if (!countsBadPasswords(policy)) {
            // Lockout off: the count serves nothing, so no write (and no durable commit an unknown name would lack).
            // Samba's passdb does the same (pdb_increment_bad_password_count: no lockout policy, no tracking).
            throw wrongPassword();
        }
        Optional<LogonState> counted = updateUnlessLocked(store, user, policy, now,
                s -> Lockout.afterBadPassword(user, s, policy, now));
        if (counted.isEmpty()) {
            throw lockedOut();
        }
        if (Lockout.isLockedOut(user, counted.get(), policy, now)) {
            lockedNow.run();
        }
        throw wrongPassword();
    }

    private static LsaException wrongPassword() {
        return new LsaException(NtStatus.LOGON_FAILURE, NtStatus.WRONG_PASSWORD, "wrong password");
    }

    /**
     * Whether wrong passwords are counted at all: only lockout uses the count, and threshold 0 disables lockout.
     * The built-in Administrator's count is kept while lockout is on although it never locks (as AD keeps its
     * badPwdCount), which also keeps its refusals as costly as everyone else's.
     */
    public static boolean countsBadPasswords(DomainPolicy policy) {
        return policy.lockoutThreshold() != 0;
    }

    /**
     * Refuses a name that has no account after the store work {@link #badPassword} costs a known one: with lockout
     * on, the same counting transaction, on a stand-in row and changing nothing. A refusal that skipped it would
     * return a durable commit (an fsync) sooner, and the time alone would tell an untrusted caller the name does
     * not exist (issue 17). The stand-in is Guest, which the store never lets anyone delete; its state is the same
     * after the transaction as before it ({@link AccountStore#rewriteLogonState}), so a concurrent update of Guest is
     * never lost.
     *
     * @return LOGON_FAILURE/NO_SUCH_USER, for the caller to throw
     */
    public static LsaException unknownUser(AccountStore store, DomainPolicy policy) throws LsaException {
        spendBadPasswordWork(store, policy);
        return new LsaException(NtStatus.LOGON_FAILURE, NtStatus.NO_SUCH_USER, "unknown user");
    }

    /** The store work of {@link #unknownUser}, for a caller that answers with a status of its own. */
    public static void spendBadPasswordWork(AccountStore store, DomainPolicy policy) throws LsaException {
        if (countsBadPasswords(policy)) {
            store.rewriteLogonState(UserAccount.RID_GUEST);
        }
    }

    /**
     * Records a successful logon, unless a concurrent failure locked the account since it was read.
     *
     * @param updateStatistics whether LastLogon and LogonCount change (interactive logons; network logons only
     *     with MSV1_0_UPDATE_LOGON_STATISTICS); the bad-password count is cleared either way
     */
    public static LogonState success(AccountStore store, UserAccount user, DomainPolicy policy, Instant now,
                              boolean updateStatistics) throws LsaException {
        LogonState read = user.logonState();
        if (!updateStatistics && read.badPasswordCount() == 0 && read.lockoutTime().isEmpty()) {
            // Nothing to clear and no statistics to update (a network logon of an account in good standing, the
            // common case): no write, so no durable commit on the logon path. A bad password counted concurrently
            // since the read stays counted, which is the safe side.
            return read;
        }
        UnaryOperator<LogonState> change = updateStatistics ? s -> Lockout.afterSuccess(s, now)
                : Lockout::afterSuccessWithoutStatistics;
        return updateUnlessLocked(store, user, policy, now, change).orElseThrow(SamAccounting::lockedOut);
    }

    private static Optional<LogonState> updateUnlessLocked(AccountStore store, UserAccount user, DomainPolicy policy,
                                                           Instant now, UnaryOperator<LogonState> change)
            throws LsaException {
        AtomicBoolean locked = new AtomicBoolean();
        LogonState state = store.updateLogonState(user.rid(), s -> {
            if (Lockout.isLockedOut(user, s, policy, now)) {
                locked.set(true);
                return s;
            }
            return change.apply(s);
        });
        return locked.get() ? Optional.empty() : Optional.of(state);
    }

    public static LsaException lockedOut() {
        return new LsaException(NtStatus.ACCOUNT_RESTRICTION, NtStatus.ACCOUNT_LOCKED_OUT, "account locked out");
    }

    /** The primary group first, then the other global groups the user belongs to. */
    public static List<SidAndAttributes> globalGroups(AccountStore store, UserAccount user, DomainInfo domain)
            throws LsaException {
        Sid primaryGroup = domain.sid().append(user.primaryGroupRid());
        List<SidAndAttributes> groups = new ArrayList<>();
        groups.add(new SidAndAttributes(primaryGroup, GroupAttributes.DEFAULT));
        for (GroupAccount g : store.groupsOfUser(user.rid())) {
            if (!g.sid().equals(primaryGroup)) {
                groups.add(new SidAndAttributes(g.sid(), GroupAttributes.DEFAULT));
            }
        }
        return groups;
    }

    /** When the session must end: the next forbidden logon hour or the account's expiry, whichever comes first. */
    public static Optional<Instant> kickOffTime(UserAccount user, Instant now) {
        Optional<Instant> kickOff = user.logonHours().nextForbiddenAfter(now);
        if (user.accountExpires().isPresent() && (kickOff.isEmpty() || user.accountExpires().get().isBefore(kickOff.get()))) {
            return user.accountExpires();
        }
        return kickOff;
    }
}
