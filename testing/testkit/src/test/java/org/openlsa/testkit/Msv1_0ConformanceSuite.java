package org.openlsa.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.openlsa.core.AccessToken;
import org.openlsa.core.LsaException;
import org.openlsa.core.Luid;
import org.openlsa.core.NtStatus;
import org.openlsa.core.NtTime;
import org.openlsa.core.Privilege;
import org.openlsa.core.SecurityLogonType;
import org.openlsa.core.WellKnownSids;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.engine.CallPackageResult;
import org.openlsa.engine.LogonResult;
import org.openlsa.engine.LsaConnection;
import org.openlsa.engine.conformance.ConnectionLimits;
import org.openlsa.engine.conformance.LsaConformanceSuite;
import org.openlsa.engine.conformance.LsaUnderTest;
import org.openlsa.engine.spi.logon.ChangePasswordRequest;
import org.openlsa.engine.spi.logon.InteractiveProfile;
import org.openlsa.msv1_0.Msv1_0ChangePasswordResponse;
import org.openlsa.msv1_0.Msv1_0InteractiveProfileCodec;
import org.openlsa.msv1_0.Msv1_0Package;
import org.openlsa.msv1_0.Msv1_0ProtocolMessageType;
import org.openlsa.sam.AccountFlag;
import org.openlsa.sam.LogonHours;
import org.openlsa.sam.UserAccount;

/**
 * The LSA conformance suite with MSV1_0 as the password package: the engine's rules ({@link LsaConformanceSuite},
 * from the engine's test-jar) and, here, what is MSV1_0's own job: its profile, its structures, NT AUTHORITY
 * service accounts, domains, account restrictions, lockout, password changes and logon statistics. A subclass says
 * how to start an LSA over a store provisioned as {@link TestRealm} ({@link #start(Path, MutableClock, SuiteLimits)});
 * the same tests then run in process and through the daemon.
 */
public abstract class Msv1_0ConformanceSuite extends LsaConformanceSuite {
    /** A new clock per test (JUnit makes an instance per test), in place before the first start. */
    protected final MutableClock clock = new MutableClock(TestRealm.START);

    /** Starts an LSA whose account store at {@code stateDir} is already provisioned, using {@code clock}. */
    protected abstract LsaUnderTest start(Path stateDir, MutableClock clock, SuiteLimits limits) throws Exception;

    @Override
    protected final LsaUnderTest start(Path stateDir, ConnectionLimits limits) throws Exception {
        return start(stateDir, clock, new SuiteLimits(limits.returnBufferQuotaBytes(), limits.maxReturnBuffers(),
                limits.maxHandles()));
    }

    @Override
    protected InstantSource clock() {
        return clock;
    }

    @Override
    protected String packageName() {
        return Msv1_0Package.NAME;
    }

    @Override
    protected byte[] passwordLogon(String domain, String user, String password) {
        return TestRealm.interactiveLogon(domain, user, password);
    }

    @Override
    protected byte[] unlockLogon(String domain, String user, String password, Luid logonId) {
        return TestRealm.unlockLogon(domain, user, password, logonId);
    }

    // ------------------------------------------------------------------ MSV1_0's profile and structures

    @Test
    void interactiveProfileDescribesTheAccount() throws Exception {
        user("alice");
        LogonResult r = logon(trusted, SecurityLogonType.INTERACTIVE, "alice", PASSWORD);
        InteractiveProfile profile = Msv1_0InteractiveProfileCodec.decode(r.profileBuffer().bytes());
        assertEquals(1, profile.logonCount());
        assertEquals("alice Test", profile.fullName());
        assertEquals(TestRealm.MACHINE, profile.logonServer());
        assertEquals(NtTime.fromInstant(clock.instant()), profile.logonTime());
        assertEquals(NtTime.fromInstant(clock.instant().plus(Duration.ofDays(42))), profile.passwordMustChange());
        assertEquals(NtTime.NEVER, profile.kickOffTime());
    }

    @Test
    void s4uLogonsAreNotServedByThisMsv1_0() throws Exception {
        user("sid");
        byte[] s4u = TestRealm.interactiveLogon("", "sid", PASSWORD);
        s4u[0] = 12; // MsV1_0S4ULogon
        fails(NtStatus.BAD_VALIDATION_CLASS, NtStatus.SUCCESS, () -> trusted.logonUser(request(
                SecurityLogonType.NETWORK, s4u)));
        // the same buffer as an MsV1_0InteractiveLogon serves a Network logon: only the submit type was refused
        trusted.logonUser(request(SecurityLogonType.NETWORK, TestRealm.interactiveLogon("", "sid", PASSWORD)));
    }

    @Test
    void malformedInteractiveLogonFieldsAreInvalidParameter() throws Exception {
        UserAccount tia = user("tia");
        byte[] good = TestRealm.interactiveLogon(TestRealm.DOMAIN, "tia", PASSWORD);
        byte[] oddLength = good.clone();
        oddLength[24] = 3; // UserName.Length odd
        fails(NtStatus.INVALID_PARAMETER, NtStatus.SUCCESS,
                () -> trusted.logonUser(request(SecurityLogonType.INTERACTIVE, oddLength)));
        byte[] maxBelowLength = good.clone();
        maxBelowLength[26] = 0; // UserName.MaximumLength 0 < Length
        maxBelowLength[27] = 0;
        fails(NtStatus.INVALID_PARAMETER, NtStatus.SUCCESS,
                () -> trusted.logonUser(request(SecurityLogonType.INTERACTIVE, maxBelowLength)));
        byte[] farOffset = good.clone();
        farOffset[32 + 6] = 1; // UserName.Buffer high bytes: offset far outside
        fails(NtStatus.INVALID_PARAMETER, NtStatus.SUCCESS,
                () -> trusted.logonUser(request(SecurityLogonType.INTERACTIVE, farOffset)));
        // the buffer the three were made from logs tia on: each refusal is its one altered field's
        LogonResult r = trusted.logonUser(request(SecurityLogonType.INTERACTIVE, good));
        assertEquals(tia.sid(), trusted.queryToken(r.token()).user().sid());
    }

    // ------------------------------------------------------------------ NT AUTHORITY service accounts and domains

    @Test
    void localServiceJoinsItsBuiltinSessionForTrustedCallersOnly() throws Exception {
        LogonResult r = trusted.logonUser(request(SecurityLogonType.SERVICE,
                TestRealm.interactiveLogon("NT AUTHORITY", "LocalService", "")));
        AccessToken t = trusted.queryToken(r.token());
        assertEquals(WellKnownSids.LOCAL_SERVICE, t.user().sid());
        assertEquals(Luid.LOCAL_SERVICE, r.logonId());
        assertTrue(sids(t).contains(WellKnownSids.SERVICE));
        assertTrue(privileges(t).containsKey(Privilege.SE_IMPERSONATE));
        trusted.closeHandle(r.token());
        assertEquals("LOCAL SERVICE", trusted.getLogonSessionData(Luid.LOCAL_SERVICE).userName(),
                "the built-in session outlives its tokens");

        fails(NtStatus.LOGON_FAILURE, NtStatus.SUCCESS, () -> trusted.logonUser(request(SecurityLogonType.INTERACTIVE,
                TestRealm.interactiveLogon("NT AUTHORITY", "NetworkService", ""))));
        fails(NtStatus.LOGON_FAILURE, NtStatus.NO_SUCH_USER, () -> trusted.logonUser(request(SecurityLogonType.SERVICE,
                TestRealm.interactiveLogon("NT AUTHORITY", "SYSTEM", ""))));
        user("gus");
        try (LsaConnection u = untrustedAs("gus")) {
            fails(NtStatus.PRIVILEGE_NOT_HELD, NtStatus.SUCCESS, () -> u.logonUser(request(SecurityLogonType.SERVICE,
                    TestRealm.interactiveLogon("NT AUTHORITY", "NetworkService", ""))));
        }
    }

    @Test
    void unknownDomainIsALogonFailure() throws Exception {
        user("ida");
        fails(NtStatus.LOGON_FAILURE, NtStatus.NO_SUCH_DOMAIN, () -> trusted.logonUser(request(
                SecurityLogonType.INTERACTIVE, TestRealm.interactiveLogon("OTHERDOM", "ida", PASSWORD))));
        for (String d : List.of("", ".", TestRealm.MACHINE, TestRealm.DOMAIN.toLowerCase())) {
            trusted.logonUser(request(SecurityLogonType.INTERACTIVE, TestRealm.interactiveLogon(d, "ida", PASSWORD)));
        }
    }

    // ------------------------------------------------------------------ account restrictions

    @Test
    void disabledAccountIsRestrictedOnlyWithTheRightPassword() throws Exception {
        user("jan", b -> b.flag(AccountFlag.DISABLED, true));
        fails(NtStatus.ACCOUNT_RESTRICTION, NtStatus.ACCOUNT_DISABLED,
                () -> logon(trusted, SecurityLogonType.INTERACTIVE, "jan", PASSWORD));
        fails(NtStatus.LOGON_FAILURE, NtStatus.WRONG_PASSWORD,
                () -> logon(trusted, SecurityLogonType.INTERACTIVE, "jan", "wrong"));
    }

    @Test
    void logonHoursAreEnforced() throws Exception {
        user("kim", b -> b.logonHours(LogonHours.parse("Mon-Fri 08-18")));
        LogonResult r = logon(trusted, SecurityLogonType.INTERACTIVE, "kim", PASSWORD);
        InteractiveProfile p = Msv1_0InteractiveProfileCodec.decode(r.profileBuffer().bytes());
        assertEquals(NtTime.fromInstant(Instant.parse("2026-11-18T18:00:00Z")), p.kickOffTime(),
                "logons end when the allowed hours do");
        clock.set(Instant.parse("2026-11-21T10:00:00Z")); // Saturday
        fails(NtStatus.ACCOUNT_RESTRICTION, NtStatus.INVALID_LOGON_HOURS,
                () -> logon(trusted, SecurityLogonType.INTERACTIVE, "kim", PASSWORD));
    }

    @Test
    void workstationListIsCheckedAgainstTheMachine() throws Exception {
        user("lee", b -> b.workstations(List.of("OTHERPC")));
        fails(NtStatus.ACCOUNT_RESTRICTION, NtStatus.INVALID_WORKSTATION,
                () -> logon(trusted, SecurityLogonType.INTERACTIVE, "lee", PASSWORD));
        user("leo", b -> b.workstations(List.of("otherpc", "testhost")));
        logon(trusted, SecurityLogonType.INTERACTIVE, "leo", PASSWORD);
    }

    @Test
    void expiredPasswordAndExpiredAccountAndMustChange() throws Exception {
        user("max");
        user("mia", b -> b.accountExpires(Optional.of(TestRealm.START.plus(Duration.ofDays(1)))));
        user("mo", b -> b.flag(AccountFlag.MUST_CHANGE_PASSWORD, true));
        user("ned", b -> b.flag(AccountFlag.PASSWORD_NEVER_EXPIRES, true));
        fails(NtStatus.ACCOUNT_RESTRICTION, NtStatus.PASSWORD_MUST_CHANGE,
                () -> logon(trusted, SecurityLogonType.INTERACTIVE, "mo", PASSWORD));
        clock.advance(Duration.ofDays(2));
        fails(NtStatus.ACCOUNT_RESTRICTION, NtStatus.ACCOUNT_EXPIRED,
                () -> logon(trusted, SecurityLogonType.INTERACTIVE, "mia", PASSWORD));
        logon(trusted, SecurityLogonType.INTERACTIVE, "max", PASSWORD);
        clock.advance(Duration.ofDays(41));
        fails(NtStatus.ACCOUNT_RESTRICTION, NtStatus.PASSWORD_EXPIRED,
                () -> logon(trusted, SecurityLogonType.INTERACTIVE, "max", PASSWORD));
        logon(trusted, SecurityLogonType.INTERACTIVE, "ned", PASSWORD);
    }

    @Test
    void smartCardRequiredRefusesPasswords() throws Exception {
        user("sam", b -> b.flag(AccountFlag.SMARTCARD_REQUIRED, true));
        fails(NtStatus.SMARTCARD_LOGON_REQUIRED, NtStatus.SUCCESS,
                () -> logon(trusted, SecurityLogonType.INTERACTIVE, "sam", PASSWORD));
    }

    @Test
    void lockoutIsCheckedBeforeThePasswordAndExpires() throws Exception {
        UserAccount u = user("ola");
        int threshold = store.domain().policy().lockoutThreshold();
        for (int i = 0; i < threshold; i++) {
            fails(NtStatus.LOGON_FAILURE, NtStatus.WRONG_PASSWORD,
                    () -> logon(trusted, SecurityLogonType.INTERACTIVE, "ola", "wrong"));
        }
        fails(NtStatus.ACCOUNT_RESTRICTION, NtStatus.ACCOUNT_LOCKED_OUT,
                () -> logon(trusted, SecurityLogonType.INTERACTIVE, "ola", PASSWORD));
        fails(NtStatus.ACCOUNT_RESTRICTION, NtStatus.ACCOUNT_LOCKED_OUT,
                () -> logon(trusted, SecurityLogonType.INTERACTIVE, "ola", "wrong"));
        assertEquals(threshold, store.findUser(u.rid()).orElseThrow().logonState().badPasswordCount());
        clock.advance(store.domain().policy().lockoutDuration().orElseThrow().plusSeconds(1));
        LogonResult r = logon(trusted, SecurityLogonType.INTERACTIVE, "ola", PASSWORD);
        assertEquals(0, Msv1_0InteractiveProfileCodec.decode(r.profileBuffer().bytes()).badPasswordCount(),
                "the observation window has passed too: the old failures no longer count");
        assertEquals(0, store.findUser(u.rid()).orElseThrow().logonState().badPasswordCount());
        for (int i = 0; i < 2; i++) {
            fails(NtStatus.LOGON_FAILURE, NtStatus.WRONG_PASSWORD,
                    () -> logon(trusted, SecurityLogonType.INTERACTIVE, "ola", "wrong"));
        }
        LogonResult again = logon(trusted, SecurityLogonType.INTERACTIVE, "ola", PASSWORD);
        assertEquals(2, Msv1_0InteractiveProfileCodec.decode(again.profileBuffer().bytes()).badPasswordCount(),
                "the profile reports the bad passwords since the last good logon");
    }

    @Test
    void builtinAdministratorIsNotLockedOutByDefault() throws Exception {
        int threshold = store.domain().policy().lockoutThreshold();
        for (int i = 0; i < threshold + 2; i++) {
            fails(NtStatus.LOGON_FAILURE, NtStatus.WRONG_PASSWORD,
                    () -> logon(trusted, SecurityLogonType.INTERACTIVE, "Administrator", "wrong"));
        }
        logon(trusted, SecurityLogonType.INTERACTIVE, "Administrator", TestRealm.ADMIN_PASSWORD);
    }

    @Test
    void lockoutOffCountsNoBadPassword() throws Exception {
        // Issue 17: with threshold 0 the count serves nothing; writing it cost a durable commit an unknown name did
        // not, which made the refusal's time an oracle for the name. The state read back unchanged shows no write.
        UserAccount u = user("lou");
        store.setPolicy(store.domain().policy().withLockout(0, Optional.of(Duration.ofMinutes(30)),
                Duration.ofMinutes(30)));
        var before = store.findUser(u.rid()).orElseThrow().logonState();
        fails(NtStatus.LOGON_FAILURE, NtStatus.WRONG_PASSWORD,
                () -> logon(trusted, SecurityLogonType.INTERACTIVE, "lou", "wrong"));
        fails(NtStatus.LOGON_FAILURE, NtStatus.WRONG_PASSWORD,
                () -> logon(trusted, SecurityLogonType.NETWORK_CLEARTEXT, "lou", "wrong"));
        assertEquals(before, store.findUser(u.rid()).orElseThrow().logonState(),
                "no bad-password count or time is written while lockout is off");
    }

    @Test
    void unknownUserLeavesTheStandInAccountAsItWas() throws Exception {
        // With lockout on, an unknown name costs the counting transaction on Guest's row (a change and its inverse):
        // Guest must come out of it exactly as it went in.
        var before = store.findUser(UserAccount.RID_GUEST).orElseThrow().logonState();
        for (int i = 0; i < 3; i++) {
            fails(NtStatus.LOGON_FAILURE, NtStatus.NO_SUCH_USER,
                    () -> logon(trusted, SecurityLogonType.INTERACTIVE, "nobody-" + System.nanoTime(), "wrong"));
        }
        assertEquals(before, store.findUser(UserAccount.RID_GUEST).orElseThrow().logonState());
    }

    @Test
    void concurrentWrongPasswordsLockExactlyAtTheThreshold() throws Exception {
        UserAccount u = user("pat");
        int threshold = store.domain().policy().lockoutThreshold();
        int attempts = 64;
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        Map<NtStatus, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            futures.add(pool.submit(() -> {
                go.await();
                try {
                    logon(trusted, SecurityLogonType.INTERACTIVE, "pat", "wrong");
                    throw new AssertionError("a wrong password logged on");
                } catch (LsaException e) {
                    outcomes.computeIfAbsent(e.subStatus(), k -> new AtomicInteger()).incrementAndGet();
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals(threshold, outcomes.get(NtStatus.WRONG_PASSWORD).get(), "wrong-password answers: " + outcomes);
        assertEquals(attempts - threshold, outcomes.get(NtStatus.ACCOUNT_LOCKED_OUT).get(), "locked-out answers");
        assertEquals(threshold, store.findUser(u.rid()).orElseThrow().logonState().badPasswordCount());
    }

    // ------------------------------------------------------------------ CallPackage

    @Test
    void untrustedCallersMayChangeTheirPasswordOnly() throws Exception {
        user("eve");
        try (LsaConnection u = untrustedAs("eve")) {
            byte[] wrong;
            try (ChangePasswordRequest req = new ChangePasswordRequest(TestRealm.DOMAIN, "eve",
                    TestRealm.utf16("bad-old"), TestRealm.utf16("N3w-Password"), false)) {
                wrong = msvChangePassword(req);
            }
            assertEquals(NtStatus.LOGON_FAILURE, u.callAuthenticationPackage(pkg, wrong).protocolStatus());
            assertEquals(NtStatus.WRONG_PASSWORD, trusted.callAuthenticationPackage(pkg, wrong).protocolStatus());
            byte[] right;
            try (ChangePasswordRequest req = new ChangePasswordRequest(TestRealm.DOMAIN, "eve",
                    TestRealm.utf16(PASSWORD), TestRealm.utf16("N3w-Password"), false)) {
                right = msvChangePassword(req);
            }
            // The administrator set eve's password just now: the default minimum age (a day) holds her change back.
            CallPackageResult early = u.callAuthenticationPackage(pkg, right);
            assertEquals(NtStatus.PASSWORD_RESTRICTION, early.protocolStatus());
            u.freeReturnBuffer(early.returnBuffer());
            clock.advance(Duration.ofDays(1));
            CallPackageResult ok = u.callAuthenticationPackage(pkg, right);
            assertEquals(NtStatus.SUCCESS, ok.protocolStatus());
            u.freeReturnBuffer(ok.returnBuffer());
            logon(u, SecurityLogonType.INTERACTIVE, "eve", "N3w-Password");
            fails(NtStatus.LOGON_FAILURE, NtStatus.SUCCESS, () -> logon(u, SecurityLogonType.INTERACTIVE, "eve", PASSWORD));
            fails(NtStatus.ACCESS_DENIED, NtStatus.SUCCESS,
                    () -> u.callAuthenticationPackage(pkg, new byte[] {0, 0, 0, 0})); // Lm20ChallengeRequest
            fails(NtStatus.INVALID_PARAMETER, NtStatus.SUCCESS, () -> u.callAuthenticationPackage(pkg, new byte[] {5}));
            fails(NtStatus.INVALID_PARAMETER, NtStatus.SUCCESS,
                    () -> trusted.callAuthenticationPackage(pkg, new byte[] {(byte) 200, 0, 0, 0}));
            fails(NtStatus.INVALID_PARAMETER, NtStatus.SUCCESS,
                    () -> u.callAuthenticationPackage(pkg, java.util.Arrays.copyOf(right, 60)));
        }
    }

    /** MsV1_0ChangePassword with the new domain's default policy: what it refuses, and what it reports. */
    @Test
    void aChangeFollowsTheDefaultPasswordPolicy() throws Exception {
        user("gus");
        user("hal", b -> b.flag(AccountFlag.MUST_CHANGE_PASSWORD, true));
        try (LsaConnection u = untrustedAs("gus")) {
            // a password that must change may change at once, whatever the minimum age: must-change flag, expired
            assertEquals(NtStatus.SUCCESS, change(trusted, "hal", PASSWORD, "H4l-Second-Pw"));
            UserAccount ida = user("ida");
            store.updateUser(ida.rid(), x -> x.toBuilder()
                    .passwordLastSet(Optional.of(clock.instant().minus(Duration.ofDays(43)))).build());
            assertEquals(NtStatus.SUCCESS, change(trusted, "ida", PASSWORD, "Id4-Second-Pw"));
            assertEquals(NtStatus.PASSWORD_RESTRICTION, change(trusted, "ida", "Id4-Second-Pw", "Id4-Third-Pw"),
                    "and then waits a day like anyone");
            clock.advance(Duration.ofDays(1));
            CallPackageResult same = changeResult(u, "gus", PASSWORD, PASSWORD);
            assertEquals(NtStatus.PASSWORD_RESTRICTION, same.protocolStatus(), "the current password (history)");
            Msv1_0ChangePasswordResponse info = Msv1_0ChangePasswordResponse.decode(same.returnBuffer().bytes());
            u.freeReturnBuffer(same.returnBuffer());
            assertEquals(7, info.minPasswordLength());
            assertEquals(24, info.passwordHistoryLength());
            assertEquals(Msv1_0ChangePasswordResponse.DOMAIN_PASSWORD_COMPLEX, info.passwordProperties());
            assertEquals(-Duration.ofDays(1).toMillis() * 10_000L, info.minPasswordAge());
            assertEquals(NtStatus.PASSWORD_RESTRICTION, change(u, "gus", PASSWORD, "longbutsimple"), "complexity");
            assertEquals(NtStatus.PASSWORD_RESTRICTION, change(u, "gus", PASSWORD, "Gus-Pw-12"), "the account name");
            assertEquals(NtStatus.SUCCESS, change(u, "gus", PASSWORD, "S3cond-Choice"));
            clock.advance(Duration.ofDays(1));
            assertEquals(NtStatus.PASSWORD_RESTRICTION, change(u, "gus", "S3cond-Choice", PASSWORD),
                    "a remembered password");
            assertEquals(NtStatus.SUCCESS, change(u, "gus", "S3cond-Choice", "Th1rd-Choice"));
            assertEquals(NtStatus.PASSWORD_RESTRICTION, change(u, "gus", "Th1rd-Choice", "F0urth-Choice"),
                    "changed a moment ago: the minimum age");
        }
    }

    private NtStatus change(LsaConnection c, String user, String oldPassword, String newPassword) throws Exception {
        CallPackageResult r = changeResult(c, user, oldPassword, newPassword);
        c.freeReturnBuffer(r.returnBuffer());
        return r.protocolStatus();
    }

    private CallPackageResult changeResult(LsaConnection c, String user, String oldPassword, String newPassword)
            throws Exception {
        try (ChangePasswordRequest req = new ChangePasswordRequest(TestRealm.DOMAIN, user,
                TestRealm.utf16(oldPassword), TestRealm.utf16(newPassword), false)) {
            try (SecretBytes submit = req.encode(Msv1_0ProtocolMessageType.CHANGE_PASSWORD.value())) {
                return c.callAuthenticationPackage(pkg, submit);
            }
        }
    }

    /** MSV1_0_CHANGEPASSWORD_REQUEST as a plain array the test sends more than once (test passwords). */
    private static byte[] msvChangePassword(ChangePasswordRequest req) {
        try (SecretBytes submit = req.encode(Msv1_0ProtocolMessageType.CHANGE_PASSWORD.value())) {
            return submit.copyBytes();
        }
    }

    @Test
    void logonCountAndLastLogonAreUpdated() throws Exception {
        UserAccount u = user("fox");
        for (int i = 1; i <= 3; i++) {
            clock.advance(Duration.ofMinutes(1));
            LogonResult r = logon(trusted, SecurityLogonType.INTERACTIVE, "fox", PASSWORD);
            assertEquals(i, Msv1_0InteractiveProfileCodec.decode(r.profileBuffer().bytes()).logonCount());
        }
        UserAccount after = store.findUser(u.rid()).orElseThrow();
        assertEquals(3, after.logonState().logonCount());
        assertEquals(Optional.of(clock.instant()), after.logonState().lastLogon());
    }
}
