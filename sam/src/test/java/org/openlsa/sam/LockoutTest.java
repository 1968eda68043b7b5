package org.openlsa.sam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openlsa.core.Sid;

class LockoutTest {
    private static final Sid DOMAIN = Sid.parse("S-1-5-21-100-200-300");
    private static final UserAccount ALICE = UserAccount.newAccount(DOMAIN, 1000, "alice").build();
    private static final UserAccount ADMIN = UserAccount.newAccount(DOMAIN, 500, "Administrator").build();
    private static final Duration WINDOW = Duration.ofMinutes(30);
    private static final DomainPolicy THREE_STRIKES =
            DomainPolicy.DEFAULT.withLockout(3, Optional.of(Duration.ofMinutes(30)), WINDOW);
    private static final Instant T0 = Instant.parse("2024-03-01T12:00:00Z");

    private static LogonState bad(UserAccount u, LogonState s, DomainPolicy p, Instant now, int times) {
        for (int i = 0; i < times; i++) {
            s = Lockout.afterBadPassword(u, s, p, now);
        }
        return s;
    }

    @Test
    void thresholdZeroNeverLocks() {
        DomainPolicy off = DomainPolicy.DEFAULT.withLockout(0, Optional.empty(), WINDOW);
        LogonState s = bad(ALICE, LogonState.NEW, off, T0, 50);
        assertEquals(Optional.empty(), s.lockoutTime());
        assertFalse(Lockout.isLockedOut(ALICE, s, off, T0));
        // even a stored lockout time does not count while lockout is off
        LogonState stored = new LogonState(5, Optional.of(T0), Optional.of(T0), Optional.empty(), 0);
        assertFalse(Lockout.isLockedOut(ALICE, stored, off, T0));
    }

    @Test
    void locksExactlyWhenTheCountReachesTheThreshold() {
        LogonState s = bad(ALICE, LogonState.NEW, THREE_STRIKES, T0, 1);
        assertEquals(1, s.badPasswordCount());
        assertEquals(Optional.of(T0), s.badPasswordTime());
        s = bad(ALICE, s, THREE_STRIKES, T0.plusSeconds(1), 1);
        assertEquals(2, s.badPasswordCount());
        assertEquals(Optional.empty(), s.lockoutTime());
        assertFalse(Lockout.isLockedOut(ALICE, s, THREE_STRIKES, T0.plusSeconds(1)));
        Instant third = T0.plusSeconds(2);
        s = Lockout.afterBadPassword(ALICE, s, THREE_STRIKES, third);
        assertEquals(3, s.badPasswordCount());
        assertEquals(Optional.of(third), s.lockoutTime());
        assertTrue(Lockout.isLockedOut(ALICE, s, THREE_STRIKES, third));
        // further bad passwords keep the original lockout time
        LogonState more = Lockout.afterBadPassword(ALICE, s, THREE_STRIKES, third.plusSeconds(60));
        assertEquals(Optional.of(third), more.lockoutTime());
        assertEquals(4, more.badPasswordCount());
    }

    @Test
    void thresholdOneLocksOnTheFirstBadPassword() {
        DomainPolicy one = THREE_STRIKES.withLockout(1, Optional.of(WINDOW), WINDOW);
        assertTrue(Lockout.isLockedOut(ALICE, bad(ALICE, LogonState.NEW, one, T0, 1), one, T0));
    }

    @Test
    void observationWindowExpiryResetsTheEffectiveCount() {
        LogonState s = bad(ALICE, LogonState.NEW, THREE_STRIKES, T0, 2);
        assertEquals(2, Lockout.effectiveBadCount(s, THREE_STRIKES, T0));
        assertEquals(2, Lockout.effectiveBadCount(s, THREE_STRIKES, T0.plus(WINDOW)), "lastBad + window >= now still counts");
        assertEquals(0, Lockout.effectiveBadCount(s, THREE_STRIKES, T0.plus(WINDOW).plusNanos(1)));
        // a third bad password after the window starts again at 1: no lockout
        LogonState later = Lockout.afterBadPassword(ALICE, s, THREE_STRIKES, T0.plus(WINDOW).plusSeconds(1));
        assertEquals(1, later.badPasswordCount());
        assertEquals(Optional.empty(), later.lockoutTime());
        // the same third bad password at the edge of the window locks
        LogonState edge = Lockout.afterBadPassword(ALICE, s, THREE_STRIKES, T0.plus(WINDOW));
        assertEquals(3, edge.badPasswordCount());
        assertTrue(edge.lockoutTime().isPresent());
        assertEquals(0, Lockout.effectiveBadCount(LogonState.NEW, THREE_STRIKES, T0));
    }

    @Test
    void windowIsMeasuredFromTheLastBadPassword() {
        LogonState s = bad(ALICE, LogonState.NEW, THREE_STRIKES, T0, 1);
        s = bad(ALICE, s, THREE_STRIKES, T0.plus(Duration.ofMinutes(20)), 1);
        s = bad(ALICE, s, THREE_STRIKES, T0.plus(Duration.ofMinutes(40)), 1); // 40 min after the first, 20 after the second
        assertTrue(Lockout.isLockedOut(ALICE, s, THREE_STRIKES, T0.plus(Duration.ofMinutes(40))));
    }

    @Test
    void lockoutDurationExpires() {
        LogonState locked = bad(ALICE, LogonState.NEW, THREE_STRIKES, T0, 3);
        assertTrue(Lockout.isLockedOut(ALICE, locked, THREE_STRIKES, T0.plus(Duration.ofMinutes(29))));
        assertTrue(Lockout.isLockedOut(ALICE, locked, THREE_STRIKES, T0.plus(Duration.ofMinutes(30))),
                "lockoutTime + duration >= now is still locked");
        assertFalse(Lockout.isLockedOut(ALICE, locked, THREE_STRIKES, T0.plus(Duration.ofMinutes(30)).plusNanos(1)));
        // a bad password after the lockout expired does not resurrect it: the count restarted
        LogonState after = Lockout.afterBadPassword(ALICE, locked, THREE_STRIKES, T0.plus(Duration.ofHours(1)));
        assertEquals(1, after.badPasswordCount());
        assertEquals(Optional.empty(), after.lockoutTime());
        assertFalse(Lockout.isLockedOut(ALICE, after, THREE_STRIKES, T0.plus(Duration.ofHours(1))));
    }

    @Test
    void foreverDurationStaysLockedUntilUnlocked() {
        DomainPolicy forever = THREE_STRIKES.withLockout(3, Optional.empty(), WINDOW);
        LogonState locked = bad(ALICE, LogonState.NEW, forever, T0, 3);
        assertTrue(Lockout.isLockedOut(ALICE, locked, forever, T0.plus(Duration.ofDays(3650))));
        LogonState unlocked = locked.unlocked();
        assertFalse(Lockout.isLockedOut(ALICE, unlocked, forever, T0.plus(Duration.ofDays(1))));
        assertEquals(0, unlocked.badPasswordCount());
    }

    @Test
    void builtinAdministratorIsExemptUnlessLockoutAdmins() {
        LogonState s = bad(ADMIN, LogonState.NEW, THREE_STRIKES, T0, 10);
        assertEquals(Optional.empty(), s.lockoutTime());
        assertFalse(Lockout.isLockedOut(ADMIN, s, THREE_STRIKES, T0));
        assertEquals(10, s.badPasswordCount(), "bad passwords are still counted");

        DomainPolicy strict = THREE_STRIKES.withLockoutAdmins(true);
        LogonState locked = bad(ADMIN, LogonState.NEW, strict, T0, 3);
        assertEquals(Optional.of(T0), locked.lockoutTime());
        assertTrue(Lockout.isLockedOut(ADMIN, locked, strict, T0));
        // only RID 500 is exempt
        UserAccount other = UserAccount.newAccount(DOMAIN, 512 + 1000, "helpdesk").build();
        assertTrue(Lockout.isLockedOut(other, bad(other, LogonState.NEW, THREE_STRIKES, T0, 3), THREE_STRIKES, T0));
    }

    @Test
    void successClearsCountAndLockout() {
        LogonState s = bad(ALICE, LogonState.NEW, THREE_STRIKES, T0, 2);
        LogonState ok = Lockout.afterSuccess(s, T0.plusSeconds(5));
        assertEquals(0, ok.badPasswordCount());
        assertEquals(Optional.empty(), ok.lockoutTime());
        assertEquals(Optional.of(T0.plusSeconds(5)), ok.lastLogon());
        assertEquals(1, ok.logonCount());
        assertEquals(2, Lockout.afterSuccess(ok, T0.plusSeconds(6)).logonCount());
        // the next bad password starts from 1
        assertEquals(1, Lockout.afterBadPassword(ALICE, ok, THREE_STRIKES, T0.plusSeconds(7)).badPasswordCount());
    }
}
