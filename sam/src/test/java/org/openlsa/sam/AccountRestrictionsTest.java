package org.openlsa.sam;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openlsa.core.NtStatus;
import org.openlsa.core.Sid;

class AccountRestrictionsTest {
    private static final Sid DOMAIN = Sid.parse("S-1-5-21-100-200-300");
    private static final Instant NOW = Instant.parse("2024-01-08T10:00:00Z"); // a Monday
    private static final DomainPolicy POLICY = DomainPolicy.DEFAULT; // max password age 42 days, lockout 10 / 30 min

    private static UserAccount.Builder fine() {
        return UserAccount.newAccount(DOMAIN, 1000, "alice").passwordLastSet(Optional.of(NOW.minus(Duration.ofDays(1))));
    }

    private static Optional<NtStatus> check(UserAccount.Builder b, String workstation) {
        return AccountRestrictions.check(b.build(), POLICY, NOW, workstation);
    }

    private static Optional<NtStatus> check(UserAccount.Builder b) {
        return check(b, "WS1");
    }

    @Test
    void anUnrestrictedAccountPasses() {
        assertEquals(Optional.empty(), check(fine()));
    }

    /** Every restriction at once, removed one by one: each SubStatus appears in the documented order. */
    @Test
    void restrictionsAreCheckedInTheDocumentedOrder() {
        LogonState locked = new LogonState(10, Optional.of(NOW.minusSeconds(60)), Optional.of(NOW.minusSeconds(60)),
                Optional.empty(), 3);
        UserAccount.Builder b = fine()
                .flag(AccountFlag.DISABLED, true)
                .logonState(locked)
                .accountExpires(Optional.of(NOW.minusSeconds(1)))
                .flag(AccountFlag.MUST_CHANGE_PASSWORD, true)
                .workstations(List.of("OTHER"))
                .logonHours(LogonHours.parse("never"));
        assertEquals(Optional.of(NtStatus.ACCOUNT_DISABLED), check(b));
        b.flag(AccountFlag.DISABLED, false);
        assertEquals(Optional.of(NtStatus.ACCOUNT_LOCKED_OUT), check(b));
        b.logonState(locked.unlocked());
        assertEquals(Optional.of(NtStatus.ACCOUNT_EXPIRED), check(b));
        b.accountExpires(Optional.empty());
        assertEquals(Optional.of(NtStatus.PASSWORD_MUST_CHANGE), check(b));
        b.flag(AccountFlag.MUST_CHANGE_PASSWORD, false).passwordLastSet(Optional.of(NOW.minus(Duration.ofDays(43))));
        assertEquals(Optional.of(NtStatus.PASSWORD_EXPIRED), check(b));
        b.passwordLastSet(Optional.of(NOW.minus(Duration.ofDays(1))));
        assertEquals(Optional.of(NtStatus.INVALID_WORKSTATION), check(b));
        b.workstations(List.of());
        assertEquals(Optional.of(NtStatus.INVALID_LOGON_HOURS), check(b));
        b.logonHours(LogonHours.ALWAYS);
        assertEquals(Optional.empty(), check(b));
    }

    @Test
    void disabledBeatsExpired() {
        assertEquals(Optional.of(NtStatus.ACCOUNT_DISABLED),
                check(fine().flag(AccountFlag.DISABLED, true).accountExpires(Optional.of(NOW.minusSeconds(1)))));
    }

    @Test
    void accountExpiry() {
        assertEquals(Optional.of(NtStatus.ACCOUNT_EXPIRED), check(fine().accountExpires(Optional.of(NOW))),
                "expiring exactly now is expired");
        assertEquals(Optional.empty(), check(fine().accountExpires(Optional.of(NOW.plusSeconds(1)))));
    }

    @Test
    void lockoutThatExpiredDoesNotRestrict() {
        LogonState old = new LogonState(10, Optional.of(NOW.minus(Duration.ofHours(2))),
                Optional.of(NOW.minus(Duration.ofHours(2))), Optional.empty(), 0);
        assertEquals(Optional.empty(), check(fine().logonState(old)));
    }

    @Test
    void passwordMustChangeWhenNeverSetOrFlagged() {
        assertEquals(Optional.of(NtStatus.PASSWORD_MUST_CHANGE), check(fine().passwordLastSet(Optional.empty())));
        assertEquals(Optional.of(NtStatus.PASSWORD_MUST_CHANGE), check(fine().flag(AccountFlag.MUST_CHANGE_PASSWORD, true)));
        // must-change wins over expired
        assertEquals(Optional.of(NtStatus.PASSWORD_MUST_CHANGE), check(fine().flag(AccountFlag.MUST_CHANGE_PASSWORD, true)
                .passwordLastSet(Optional.of(NOW.minus(Duration.ofDays(100))))));
    }

    @Test
    void passwordExpiresAfterMaxPasswordAge() {
        assertEquals(Optional.of(NtStatus.PASSWORD_EXPIRED),
                check(fine().passwordLastSet(Optional.of(NOW.minus(Duration.ofDays(42))))), "lastSet + maxAge <= now");
        assertEquals(Optional.empty(),
                check(fine().passwordLastSet(Optional.of(NOW.minus(Duration.ofDays(42)).plusSeconds(1)))));
        assertEquals(Optional.empty(), check(fine().passwordLastSet(Optional.of(NOW.minus(Duration.ofDays(400))))
                .flag(AccountFlag.PASSWORD_NEVER_EXPIRES, true)));
        DomainPolicy noMaxAge = POLICY.withPasswordAges(Duration.ZERO, Optional.empty());
        assertEquals(Optional.empty(), AccountRestrictions.check(
                fine().passwordLastSet(Optional.of(NOW.minus(Duration.ofDays(4000)))).build(), noMaxAge, NOW, "WS1"));
    }

    @Test
    void passwordTimes() {
        UserAccount u = fine().build();
        Instant set = NOW.minus(Duration.ofDays(1));
        assertEquals(Optional.of(set.plus(Duration.ofDays(42))), AccountRestrictions.passwordMustChangeAt(u, POLICY));
        assertEquals(Optional.of(set.plus(DomainPolicy.DEFAULT_MIN_PASSWORD_AGE)),
                AccountRestrictions.passwordCanChangeAt(u, POLICY), "the default minimum age, one day");
        assertEquals(Optional.of(set.plus(Duration.ofDays(2))), AccountRestrictions.passwordCanChangeAt(u,
                POLICY.withPasswordAges(Duration.ofDays(2), Optional.of(Duration.ofDays(42)))));
        assertEquals(Optional.empty(), AccountRestrictions.passwordMustChangeAt(
                fine().flag(AccountFlag.PASSWORD_NEVER_EXPIRES, true).build(), POLICY));
    }

    @Test
    void workstationListIsCaseInsensitive() {
        UserAccount.Builder b = fine().workstations(List.of("WS1", "Build-Box"));
        assertEquals(Optional.empty(), check(b, "ws1"));
        assertEquals(Optional.empty(), check(b, "BUILD-BOX"));
        assertEquals(Optional.empty(), check(b, "build-box"));
        assertEquals(Optional.of(NtStatus.INVALID_WORKSTATION), check(b, "WS2"));
        assertEquals(Optional.of(NtStatus.INVALID_WORKSTATION), check(b, "WS"));
        assertEquals(Optional.of(NtStatus.INVALID_WORKSTATION), check(b, ""));
        assertEquals(Optional.empty(), check(fine(), "anything"), "an empty list allows any workstation");
    }

    @Test
    void logonHoursAreChecked() {
        assertEquals(Optional.empty(), check(fine().logonHours(LogonHours.parse("Mon-Fri 08-18"))));
        assertEquals(Optional.of(NtStatus.INVALID_LOGON_HOURS), check(fine().logonHours(LogonHours.parse("Mon-Fri 11-18"))));
        assertEquals(Optional.of(NtStatus.INVALID_LOGON_HOURS), check(fine().logonHours(LogonHours.parse("Tue-Sun 00-24"))));
    }
}
