package org.openlsa.sam;

import java.time.Instant;
import java.util.Optional;

/**
 * Account lockout arithmetic (lsa-semantics 4, as Samba and AD count):
 * <ul>
 *   <li>threshold 0 disables lockout;</li>
 *   <li>the effective bad count is the stored count while {@code badPasswordTime + window >= now}, else 0;</li>
 *   <li>a wrong password sets count = effective + 1 and badPasswordTime = now, and locks (lockoutTime = now) when the
 *       count reaches the threshold;</li>
 *   <li>an account is locked iff lockoutTime is set and (the duration is forever or lockoutTime + duration &gt;= now);</li>
 *   <li>the built-in Administrator is exempt unless the policy's lockoutAdmins is set.</li>
 * </ul>
 * Pure functions over {@link LogonState}; the store applies them atomically ({@link AccountStore#updateLogonState}).
 */
public final class Lockout {
    private Lockout() {}

    private static boolean exempt(UserAccount user, DomainPolicy policy) {
        return policy.lockoutThreshold() == 0 || (user.isBuiltinAdministrator() && !policy.lockoutAdmins());
    }

    public static boolean isLockedOut(UserAccount user, LogonState state, DomainPolicy policy, Instant now) {
        if (exempt(user, policy) || state.lockoutTime().isEmpty()) {
            return false;
        }
        return policy.lockoutDuration().map(d -> !state.lockoutTime().get().plus(d).isBefore(now)).orElse(true);
    }

    /** The bad-password count that still counts at {@code now}. */
    public static int effectiveBadCount(LogonState state, DomainPolicy policy, Instant now) {
        return state.badPasswordTime()
                .filter(t -> !t.plus(policy.lockoutObservationWindow()).isBefore(now))
                .map(t -> state.badPasswordCount())
                .orElse(0);
    }

    /** The state after one more wrong password at {@code now}. */
    public static LogonState afterBadPassword(UserAccount user, LogonState state, DomainPolicy policy, Instant now) {
        int count = Math.min(0xFFFF, effectiveBadCount(state, policy, now) + 1);
        Optional<Instant> lockoutTime = state.lockoutTime();
        if (!exempt(user, policy)) {
            if (lockoutTime.isPresent() && !isLockedOut(user, state, policy, now)) {
                lockoutTime = Optional.empty(); // an expired lockout no longer stands
            }
            if (count >= policy.lockoutThreshold() && lockoutTime.isEmpty()) {
                lockoutTime = Optional.of(now);
            }
        }
        return new LogonState(count, Optional.of(now), lockoutTime, state.lastLogon(), state.logonCount());
    }

    /**
     * The state after a successful network logon that does not update the logon statistics (Windows' default for
     * network logons, MSV1_0_UPDATE_LOGON_STATISTICS unset): bad count and lockout cleared, LastLogon and LogonCount
     * kept.
     */
    public static LogonState afterSuccessWithoutStatistics(LogonState state) {
        return new LogonState(0, state.badPasswordTime(), Optional.empty(), state.lastLogon(), state.logonCount());
    }

    /** The state after a successful logon: bad count cleared, last logon now, logon count + 1. */
    public static LogonState afterSuccess(LogonState state, Instant now) {
        return new LogonState(0, state.badPasswordTime(), Optional.empty(), Optional.of(now),
                Math.min(Integer.MAX_VALUE - 1, state.logonCount()) + 1);
    }
}
