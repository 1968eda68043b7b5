package org.openlsa.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.openlsa.core.AccessToken;
import org.openlsa.core.GroupAttributes;
import org.openlsa.core.ImpersonationLevel;
import org.openlsa.core.LogonRight;
import org.openlsa.core.LsaException;
import org.openlsa.core.Luid;
import org.openlsa.core.NtStatus;
import org.openlsa.core.NtTime;
import org.openlsa.core.Privilege;
import org.openlsa.core.PrivilegeAndAttributes;
import org.openlsa.core.PrivilegeAttributes;
import org.openlsa.core.SecurityLogonType;
import org.openlsa.core.Sid;
import org.openlsa.core.SidAndAttributes;
import org.openlsa.core.TokenSource;
import org.openlsa.core.TokenType;
import org.openlsa.core.WellKnownSids;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.engine.CallPackageResult;
import org.openlsa.engine.Logon32;
import org.openlsa.engine.LogonRequest;
import org.openlsa.engine.LogonResult;
import org.openlsa.engine.LogonSessionData;
import org.openlsa.engine.LookupNamesResult;
import org.openlsa.engine.LookupSidsResult;
import org.openlsa.engine.NameTranslator;
import org.openlsa.engine.SidNameUse;
import org.openlsa.engine.TranslatedName;
import org.openlsa.engine.TranslatedSid;
import org.openlsa.engine.LsaConnection;
import org.openlsa.engine.TokenHandle;
import org.openlsa.engine.TokenInformation;
import org.openlsa.engine.TokenInformationClass;
import org.openlsa.engine.spi.logon.ChangePasswordRequest;
import org.openlsa.msv1_0.Msv1_0ProtocolMessageType;
import org.openlsa.msv1_0.Msv1_0ChangePasswordResponse;
import org.openlsa.engine.spi.logon.InteractiveProfile;
import org.openlsa.msv1_0.Msv1_0InteractiveProfileCodec;
import org.openlsa.sam.AccountFlag;
import org.openlsa.sam.AccountRight;
import org.openlsa.sam.AccountStore;
import org.openlsa.sam.LogonHours;
import org.openlsa.sam.UserAccount;

/**
 * The LSA conformance suite: every applicable status of lsa-semantics.md and the token contents per logon type,
 * through the {@link org.openlsa.engine.Lsa} API only. A subclass says how to start an LSA over a provisioned store
 * ({@link #start}); the same tests then run in-process and through the daemon.
 */
public abstract class LsaConformanceSuite {
    protected static final String PASSWORD = "Corr3ct-Horse";
    private static final String ORIGIN = "conformance";

    @TempDir
    protected Path stateDir;
    protected MutableClock clock;
    protected LsaUnderTest lsa;
    protected AccountStore store;
    protected LsaConnection trusted;
    protected int msv;

    /** Starts an LSA whose account store at {@code stateDir} is already provisioned, using {@code clock}. */
    protected abstract LsaUnderTest start(Path stateDir, MutableClock clock, SuiteLimits limits) throws Exception;

    /** Limits for this run; tests that need other limits restart through {@link #restart}. */
    @BeforeEach
    void setUp() throws Exception {
        clock = new MutableClock(TestRealm.START);
        restart(SuiteLimits.DEFAULT);
    }

    protected void restart(SuiteLimits limits) throws Exception {
        if (lsa != null) {
            trusted.close();
            lsa.close();
        }
        lsa = start(stateDir, clock, limits);
        store = lsa.store();
        trusted = lsa.lsa().registerLogonProcess(lsa.systemCaller(), "ConformanceSuite");
        msv = trusted.lookupAuthenticationPackage("MSV1_0");
    }

    @AfterEach
    void tearDown() throws Exception {
        if (trusted != null) {
            trusted.close();
        }
        if (lsa != null) {
            lsa.close();
        }
    }

    // ------------------------------------------------------------------ helpers

    protected UserAccount user(String name) throws LsaException {
        return TestRealm.addUser(store, name, PASSWORD, clock.instant());
    }

    protected LogonRequest request(SecurityLogonType type, byte[] buffer) {
        return new LogonRequest(ORIGIN, type, msv, buffer, Optional.empty(), new TokenSource("OpenLSA", new Luid(77)));
    }

    protected LogonResult logon(LsaConnection c, SecurityLogonType type, String user, String password) throws LsaException {
        return c.logonUser(request(type, TestRealm.interactiveLogon(TestRealm.DOMAIN, user, password)));
    }

    protected LsaException fails(NtStatus status, NtStatus subStatus, Executable call) {
        LsaException e = assertThrows(LsaException.class, call);
        assertEquals(status, e.status(), () -> "status of: " + e.getMessage());
        assertEquals(subStatus, e.subStatus(), () -> "SubStatus of: " + e.getMessage());
        return e;
    }

    /** A connection whose caller is an ordinary logged-on user (no SeTcbPrivilege). */
    protected LsaConnection untrustedAs(String name) throws Exception {
        LogonResult r = logon(trusted, SecurityLogonType.INTERACTIVE, name, PASSWORD);
        AccessToken callerToken = trusted.queryToken(r.token());
        return lsa.connectAs(callerToken, Optional.empty());
    }

    private static List<Sid> sids(AccessToken t) {
        return t.groups().stream().map(SidAndAttributes::sid).toList();
    }

    private static int attributesOf(AccessToken t, Sid sid) {
        return t.groups().stream().filter(g -> g.sid().equals(sid)).findFirst().orElseThrow(
                () -> new AssertionError(sid + " not in token " + t.groups())).attributes();
    }

    private static Map<Privilege, Integer> privileges(AccessToken t) {
        return t.privileges().stream().collect(Collectors.toMap(PrivilegeAndAttributes::privilege,
                PrivilegeAndAttributes::attributes));
    }

    // ------------------------------------------------------------------ token contents

    @Test
    void interactiveLogonGivesPrimaryTokenWithWindowsGroups() throws Exception {
        UserAccount alice = user("alice");
        List<SidAndAttributes> local = List.of(
                new SidAndAttributes(Sid.parse("S-1-5-5-0-4242"), GroupAttributes.LOGON_SID),
                new SidAndAttributes(WellKnownSids.LOCAL, GroupAttributes.DEFAULT));
        LogonResult r = trusted.logonUser(new LogonRequest(ORIGIN, SecurityLogonType.INTERACTIVE, msv,
                TestRealm.interactiveLogon(TestRealm.DOMAIN, "alice", PASSWORD), Optional.of(local),
                new TokenSource("Tester", new Luid(99))));
        AccessToken t = trusted.queryToken(r.token());
        assertEquals(alice.sid(), t.user().sid());
        assertEquals(TokenType.PRIMARY, t.type());
        assertTrue(t.impersonationLevel().isEmpty());
        assertEquals(r.logonId(), t.authenticationId());
        assertTrue(r.quotas().isPresent(), "a primary token comes with QUOTA_LIMITS");
        List<Sid> g = sids(t);
        Sid domainUsers = store.domain().sid().append(UserAccount.RID_DOMAIN_USERS);
        for (Sid expected : List.of(WellKnownSids.WORLD, WellKnownSids.INTERACTIVE, WellKnownSids.AUTHENTICATED_USERS,
                WellKnownSids.THIS_ORGANIZATION, WellKnownSids.LOCAL, WellKnownSids.BUILTIN_USERS, domainUsers,
                Sid.parse("S-1-5-5-0-4242"))) {
            assertTrue(g.contains(expected), expected + " missing from " + g);
        }
        for (Sid absent : List.of(WellKnownSids.NETWORK, WellKnownSids.BATCH, WellKnownSids.SERVICE,
                WellKnownSids.BUILTIN_ADMINISTRATORS)) {
            assertFalse(g.contains(absent), absent + " must not be in an ordinary interactive token");
        }
        assertEquals(GroupAttributes.LOGON_SID, attributesOf(t, Sid.parse("S-1-5-5-0-4242")));
        assertEquals(Sid.parse("S-1-5-5-0-4242"), t.logonSid().orElseThrow().sid());
        assertEquals(GroupAttributes.DEFAULT, attributesOf(t, WellKnownSids.BUILTIN_USERS));
        assertEquals(1, g.stream().filter(s -> s.equals(WellKnownSids.INTERACTIVE)).count());
        assertEquals(alice.sid(), t.owner(), "without Administrators the user owns new objects");
        assertEquals(domainUsers, t.primaryGroup());
        assertEquals("Tester  ", t.source().sourceName());
        Map<Privilege, Integer> p = privileges(t);
        assertEquals(PrivilegeAttributes.ENABLED | PrivilegeAttributes.ENABLED_BY_DEFAULT, p.get(Privilege.SE_CHANGE_NOTIFY));
        assertEquals(0, p.get(Privilege.SE_SHUTDOWN), "granted to BUILTIN\\Users, disabled by default");
        assertFalse(p.containsKey(Privilege.SE_BACKUP));
        assertFalse(p.containsKey(Privilege.SE_TCB));
        assertTrue(t.defaultDacl().isPresent());
        assertEquals("D:(A;;GA;;;" + alice.sid() + ")(A;;GA;;;S-1-5-18)", t.defaultDacl().get().toSddl());

        InteractiveProfile profile = Msv1_0InteractiveProfileCodec.decode(r.profileBuffer().bytes());
        assertEquals(1, profile.logonCount());
        assertEquals("alice Test", profile.fullName());
        assertEquals(TestRealm.MACHINE, profile.logonServer());
        assertEquals(NtTime.fromInstant(clock.instant()), profile.logonTime());
        assertEquals(NtTime.fromInstant(clock.instant().plus(Duration.ofDays(42))), profile.passwordMustChange());
        assertEquals(NtTime.NEVER, profile.kickOffTime());
    }

    @Test
    void privilegesComeFromTheUserSidItselfToo() throws Exception {
        UserAccount carol = user("carol");
        store.grantRight(carol.sid(), AccountRight.of(Privilege.SE_BACKUP));
        AccessToken t = trusted.queryToken(logon(trusted, SecurityLogonType.INTERACTIVE, "carol", PASSWORD).token());
        assertEquals(0, privileges(t).get(Privilege.SE_BACKUP), "a right granted to the user SID reaches its token");
    }

    @Test
    void administratorOwnsThroughBuiltinAdministrators() throws Exception {
        AccessToken t = trusted.queryToken(logon(trusted, SecurityLogonType.INTERACTIVE, "Administrator",
                TestRealm.ADMIN_PASSWORD).token());
        assertEquals(WellKnownSids.BUILTIN_ADMINISTRATORS, t.owner());
        assertEquals(GroupAttributes.DEFAULT | GroupAttributes.OWNER, attributesOf(t, WellKnownSids.BUILTIN_ADMINISTRATORS));
        assertTrue(sids(t).contains(store.domain().sid().append(UserAccount.RID_DOMAIN_ADMINS)));
        Map<Privilege, Integer> p = privileges(t);
        assertEquals(0, p.get(Privilege.SE_BACKUP));
        assertEquals(PrivilegeAttributes.ENABLED | PrivilegeAttributes.ENABLED_BY_DEFAULT, p.get(Privilege.SE_IMPERSONATE));
        assertTrue(sids(t).contains(WellKnownSids.HIGH_MANDATORY_LEVEL));
        assertEquals("D:(A;;GA;;;S-1-5-32-544)(A;;GA;;;S-1-5-18)", t.defaultDacl().orElseThrow().toSddl());
    }

    @Test
    void eachLogonTypeAddsExactlyItsOwnSid() throws Exception {
        UserAccount dave = user("dave");
        store.grantRight(dave.sid(), AccountRight.of(LogonRight.SE_BATCH_LOGON));
        store.grantRight(dave.sid(), AccountRight.of(LogonRight.SE_SERVICE_LOGON));
        Map<SecurityLogonType, Sid> expected = Map.of(
                SecurityLogonType.INTERACTIVE, WellKnownSids.INTERACTIVE,
                SecurityLogonType.BATCH, WellKnownSids.BATCH,
                SecurityLogonType.SERVICE, WellKnownSids.SERVICE,
                SecurityLogonType.NETWORK, WellKnownSids.NETWORK);
        List<Sid> typeSids = List.of(WellKnownSids.INTERACTIVE, WellKnownSids.BATCH, WellKnownSids.SERVICE,
                WellKnownSids.NETWORK);
        for (Map.Entry<SecurityLogonType, Sid> e : expected.entrySet()) {
            AccessToken t = trusted.queryToken(logon(trusted, e.getKey(), "dave", PASSWORD).token());
            List<Sid> g = sids(t);
            for (Sid s : typeSids) {
                assertEquals(s.equals(e.getValue()), g.contains(s), e.getKey() + " token and " + s + ": " + g);
            }
            assertTrue(g.contains(WellKnownSids.WORLD));
            assertTrue(t.logonSid().isPresent(), "every token has a logon SID");
        }
    }

    @Test
    void networkLogonGivesImpersonationTokenWithoutQuotas() throws Exception {
        user("erin");
        LogonResult r = logon(trusted, SecurityLogonType.NETWORK, "erin", PASSWORD);
        AccessToken t = trusted.queryToken(r.token());
        assertEquals(TokenType.IMPERSONATION, t.type());
        assertEquals(ImpersonationLevel.IMPERSONATION, t.impersonationLevel().orElseThrow());
        assertTrue(r.quotas().isEmpty(), "QUOTA_LIMITS come only with primary tokens");
        assertEquals(ImpersonationLevel.IMPERSONATION, ((TokenInformation.Level) trusted.getTokenInformation(
                r.token(), TokenInformationClass.TOKEN_IMPERSONATION_LEVEL)).level());
    }

    @Test
    void unlockLogonGivesInteractiveToken() throws Exception {
        user("fay");
        LogonResult first = logon(trusted, SecurityLogonType.INTERACTIVE, "fay", PASSWORD);
        LogonResult r = trusted.logonUser(request(SecurityLogonType.UNLOCK,
                TestRealm.unlockLogon(TestRealm.DOMAIN, "fay", PASSWORD, first.logonId())));
        AccessToken t = trusted.queryToken(r.token());
        assertEquals(TokenType.PRIMARY, t.type());
        assertTrue(sids(t).contains(WellKnownSids.INTERACTIVE));
        assertFalse(r.logonId().equals(first.logonId()), "an unlock logon creates its own session");
    }

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

    // ------------------------------------------------------------------ credential failures

    @Test
    void wrongPasswordAndUnknownUserLookAlikeToUntrustedCallers() throws Exception {
        user("hal");
        fails(NtStatus.LOGON_FAILURE, NtStatus.WRONG_PASSWORD,
                () -> logon(trusted, SecurityLogonType.INTERACTIVE, "hal", "wrong"));
        fails(NtStatus.LOGON_FAILURE, NtStatus.NO_SUCH_USER,
                () -> logon(trusted, SecurityLogonType.INTERACTIVE, "nobody", "wrong"));
        try (LsaConnection u = untrustedAs("hal")) {
            fails(NtStatus.LOGON_FAILURE, NtStatus.SUCCESS, () -> logon(u, SecurityLogonType.INTERACTIVE, "hal", "wrong"));
            fails(NtStatus.LOGON_FAILURE, NtStatus.SUCCESS, () -> logon(u, SecurityLogonType.INTERACTIVE, "nobody", "x"));
            // An untrusted caller may still log users on, without LocalGroups.
            assertEquals(TokenType.PRIMARY, u.queryToken(logon(u, SecurityLogonType.INTERACTIVE, "hal", PASSWORD)
                    .token()).type());
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
        TestRealm.addUser(store, "jan", PASSWORD, clock.instant(), b -> b.flag(AccountFlag.DISABLED, true));
        fails(NtStatus.ACCOUNT_RESTRICTION, NtStatus.ACCOUNT_DISABLED,
                () -> logon(trusted, SecurityLogonType.INTERACTIVE, "jan", PASSWORD));
        fails(NtStatus.LOGON_FAILURE, NtStatus.WRONG_PASSWORD,
                () -> logon(trusted, SecurityLogonType.INTERACTIVE, "jan", "wrong"));
    }

    @Test
    void logonHoursAreEnforced() throws Exception {
        TestRealm.addUser(store, "kim", PASSWORD, clock.instant(), b -> b.logonHours(LogonHours.parse("Mon-Fri 08-18")));
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
        TestRealm.addUser(store, "lee", PASSWORD, clock.instant(), b -> b.workstations(List.of("OTHERPC")));
        fails(NtStatus.ACCOUNT_RESTRICTION, NtStatus.INVALID_WORKSTATION,
                () -> logon(trusted, SecurityLogonType.INTERACTIVE, "lee", PASSWORD));
        TestRealm.addUser(store, "leo", PASSWORD, clock.instant(), b -> b.workstations(List.of("otherpc", "testhost")));
        logon(trusted, SecurityLogonType.INTERACTIVE, "leo", PASSWORD);
    }

    @Test
    void expiredPasswordAndExpiredAccountAndMustChange() throws Exception {
        user("max");
        TestRealm.addUser(store, "mia", PASSWORD, clock.instant(),
                b -> b.accountExpires(Optional.of(TestRealm.START.plus(Duration.ofDays(1)))));
        TestRealm.addUser(store, "mo", PASSWORD, clock.instant(), b -> b.flag(AccountFlag.MUST_CHANGE_PASSWORD, true));
        TestRealm.addUser(store, "ned", PASSWORD, clock.instant(), b -> b.flag(AccountFlag.PASSWORD_NEVER_EXPIRES, true));
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
        TestRealm.addUser(store, "sam", PASSWORD, clock.instant(), b -> b.flag(AccountFlag.SMARTCARD_REQUIRED, true));
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

    // ------------------------------------------------------------------ rights, packages, validation classes

    @Test
    void logonRightsDecideTheLogonType() throws Exception {
        UserAccount u = user("quinn");
        fails(NtStatus.LOGON_TYPE_NOT_GRANTED, NtStatus.SUCCESS,
                () -> logon(trusted, SecurityLogonType.BATCH, "quinn", PASSWORD));
        store.grantRight(u.sid(), AccountRight.of(LogonRight.SE_BATCH_LOGON));
        logon(trusted, SecurityLogonType.BATCH, "quinn", PASSWORD);
        store.grantRight(u.sid(), AccountRight.of(LogonRight.SE_DENY_INTERACTIVE_LOGON));
        fails(NtStatus.LOGON_TYPE_NOT_GRANTED, NtStatus.SUCCESS,
                () -> logon(trusted, SecurityLogonType.INTERACTIVE, "quinn", PASSWORD));
    }

    @Test
    void unknownPackageIsNoSuchPackage() throws Exception {
        fails(NtStatus.NO_SUCH_PACKAGE, NtStatus.SUCCESS, () -> trusted.lookupAuthenticationPackage("NoSuchPackage"));
        assertEquals(msv, trusted.lookupAuthenticationPackage("MICROSOFT_AUTHENTICATION_PACKAGE_V1_0"));
        user("rae");
        fails(NtStatus.NO_SUCH_PACKAGE, NtStatus.SUCCESS, () -> trusted.logonUser(new LogonRequest(ORIGIN,
                SecurityLogonType.INTERACTIVE, 4711, TestRealm.interactiveLogon("", "rae", PASSWORD), Optional.empty(),
                new TokenSource("x", Luid.ZERO))));
    }

    @Test
    void wrongStructureForTheLogonTypeIsBadValidationClass() throws Exception {
        user("sid");
        fails(NtStatus.BAD_VALIDATION_CLASS, NtStatus.SUCCESS, () -> trusted.logonUser(request(
                SecurityLogonType.INTERACTIVE, TestRealm.unlockLogon("", "sid", PASSWORD, new Luid(5000)))));
        fails(NtStatus.BAD_VALIDATION_CLASS, NtStatus.SUCCESS, () -> trusted.logonUser(request(
                SecurityLogonType.UNLOCK, TestRealm.interactiveLogon("", "sid", PASSWORD))));
        fails(NtStatus.BAD_VALIDATION_CLASS, NtStatus.SUCCESS, () -> trusted.logonUser(request(
                SecurityLogonType.PROXY, TestRealm.interactiveLogon("", "sid", PASSWORD))));
        byte[] s4u = TestRealm.interactiveLogon("", "sid", PASSWORD);
        s4u[0] = 12; // MsV1_0S4ULogon: not served by this MSV1_0
        fails(NtStatus.BAD_VALIDATION_CLASS, NtStatus.SUCCESS, () -> trusted.logonUser(request(
                SecurityLogonType.NETWORK, s4u)));
    }

    @Test
    void malformedBuffersAreInvalidParameter() throws Exception {
        user("tia");
        byte[] good = TestRealm.interactiveLogon(TestRealm.DOMAIN, "tia", PASSWORD);
        for (int len : new int[] {0, 3, 4, 20, 55}) {
            byte[] cut = java.util.Arrays.copyOf(good, len);
            fails(NtStatus.INVALID_PARAMETER, NtStatus.SUCCESS,
                    () -> trusted.logonUser(request(SecurityLogonType.INTERACTIVE, cut)));
        }
        byte[] truncatedStrings = java.util.Arrays.copyOf(good, good.length - 2);
        fails(NtStatus.INVALID_PARAMETER, NtStatus.SUCCESS,
                () -> trusted.logonUser(request(SecurityLogonType.INTERACTIVE, truncatedStrings)));
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
    }

    @Test
    void untrustedCallersCannotPassLocalGroupsOrRegister() throws Exception {
        user("uma");
        try (LsaConnection u = untrustedAs("uma")) {
            assertFalse(u.isTrusted());
            fails(NtStatus.PRIVILEGE_NOT_HELD, NtStatus.SUCCESS, () -> u.logonUser(new LogonRequest(ORIGIN,
                    SecurityLogonType.INTERACTIVE, msv, TestRealm.interactiveLogon("", "uma", PASSWORD),
                    Optional.of(List.of(new SidAndAttributes(WellKnownSids.BUILTIN_ADMINISTRATORS, GroupAttributes.DEFAULT))),
                    new TokenSource("x", Luid.ZERO))));
        }
        AccessToken umaToken = trusted.queryToken(logon(trusted, SecurityLogonType.INTERACTIVE, "uma", PASSWORD).token());
        fails(NtStatus.PRIVILEGE_NOT_HELD, NtStatus.SUCCESS, () -> lsa.connectAs(umaToken, Optional.of("Evil")));
        store.grantRight(umaToken.user().sid(), AccountRight.of(Privilege.SE_TCB));
        AccessToken withTcb = trusted.queryToken(logon(trusted, SecurityLogonType.INTERACTIVE, "uma", PASSWORD).token());
        try (LsaConnection c = lsa.connectAs(withTcb, Optional.of("Granted"))) {
            assertTrue(c.isTrusted(), "SeTcbPrivilege granted by policy makes a caller trusted");
        }
    }

    // ------------------------------------------------------------------ quotas

    @Test
    void unfreedReturnBuffersExceedTheQuota() throws Exception {
        restart(new SuiteLimits(2000, 4096, 65536));
        user("val");
        List<LogonResult> held = new ArrayList<>();
        LsaException e = assertThrows(LsaException.class, () -> {
            for (int i = 0; i < 100; i++) {
                held.add(logon(trusted, SecurityLogonType.INTERACTIVE, "val", PASSWORD));
            }
        });
        assertEquals(NtStatus.QUOTA_EXCEEDED, e.status());
        assertTrue(held.size() >= 2 && held.size() < 100, "quota reached after " + held.size() + " logons");
        int sessionsBefore = trusted.enumerateLogonSessions().size();
        trusted.freeReturnBuffer(held.get(0).profileBuffer());
        logon(trusted, SecurityLogonType.INTERACTIVE, "val", PASSWORD);
        assertEquals(sessionsBefore + 1, trusted.enumerateLogonSessions().size(),
                "the refused logon left no session behind");
        fails(NtStatus.INVALID_PARAMETER, NtStatus.SUCCESS, () -> trusted.freeReturnBuffer(held.get(0).profileBuffer()));
    }

    @Test
    void tooManyHandlesExceedTheQuota() throws Exception {
        restart(new SuiteLimits(1 << 20, 4096, 3));
        user("wes");
        LogonResult r = logon(trusted, SecurityLogonType.INTERACTIVE, "wes", PASSWORD);
        trusted.duplicateToken(r.token(), 0, null, TokenType.PRIMARY);
        trusted.duplicateToken(r.token(), 0, null, TokenType.PRIMARY);
        fails(NtStatus.QUOTA_EXCEEDED, NtStatus.SUCCESS, () -> trusted.duplicateToken(r.token(), 0, null, TokenType.PRIMARY));
    }

    // ------------------------------------------------------------------ sessions and handles

    @Test
    void sessionEndsWithItsLastToken() throws Exception {
        UserAccount u = user("xia");
        LogonResult r = logon(trusted, SecurityLogonType.INTERACTIVE, "xia", PASSWORD);
        assertTrue(trusted.enumerateLogonSessions().contains(r.logonId()));
        LogonSessionData d = trusted.getLogonSessionData(r.logonId());
        assertEquals("xia", d.userName());
        assertEquals(TestRealm.DOMAIN, d.logonDomain());
        assertEquals(u.sid(), d.sid());
        assertEquals(SecurityLogonType.INTERACTIVE, d.logonType());
        assertEquals("MICROSOFT_AUTHENTICATION_PACKAGE_V1_0", d.authenticationPackage());
        assertEquals(TestRealm.MACHINE, d.logonServer());
        TokenHandle dup = trusted.duplicateToken(r.token(), 0, ImpersonationLevel.IDENTIFICATION, TokenType.IMPERSONATION);
        trusted.closeHandle(r.token());
        assertEquals(1, trusted.getLogonSessionData(r.logonId()).tokenCount());
        fails(NtStatus.INVALID_HANDLE, NtStatus.SUCCESS, () -> trusted.closeHandle(r.token()));
        fails(NtStatus.INVALID_HANDLE, NtStatus.SUCCESS, () -> trusted.queryToken(r.token()));
        trusted.closeHandle(dup);
        fails(NtStatus.NO_SUCH_LOGON_SESSION, NtStatus.SUCCESS, () -> trusted.getLogonSessionData(r.logonId()));
        assertFalse(trusted.enumerateLogonSessions().contains(r.logonId()));
    }

    @Test
    void handlesBelongToTheirConnection() throws Exception {
        user("yan");
        LsaConnection other = lsa.lsa().registerLogonProcess(lsa.systemCaller(), "Other");
        LogonResult r = logon(other, SecurityLogonType.INTERACTIVE, "yan", PASSWORD);
        fails(NtStatus.INVALID_HANDLE, NtStatus.SUCCESS, () -> trusted.queryToken(r.token()));
        other.close();
        fails(NtStatus.NO_SUCH_LOGON_SESSION, NtStatus.SUCCESS, () -> trusted.getLogonSessionData(r.logonId()));
        fails(NtStatus.INVALID_HANDLE, NtStatus.SUCCESS, () -> other.queryToken(r.token()));
    }

    @Test
    void sessionDataOfOthersIsDeniedToUntrustedCallers() throws Exception {
        user("zed");
        user("amy");
        LogonResult amys = logon(trusted, SecurityLogonType.INTERACTIVE, "amy", PASSWORD);
        try (LsaConnection z = untrustedAs("zed")) {
            fails(NtStatus.ACCESS_DENIED, NtStatus.SUCCESS, () -> z.getLogonSessionData(amys.logonId()));
            LogonResult own = logon(z, SecurityLogonType.INTERACTIVE, "zed", PASSWORD);
            assertEquals("zed", z.getLogonSessionData(own.logonId()).userName());
            assertTrue(z.enumerateLogonSessions().contains(amys.logonId()));
        }
        assertEquals("amy", trusted.getLogonSessionData(amys.logonId()).userName());
    }

    @Test
    void sessionsACallerCreatedAreItsOwnAndNoOneElses() throws Exception {
        user("zed");
        user("amy");
        user("bob");
        try (LsaConnection z = untrustedAs("zed"); LsaConnection b = untrustedAs("bob")) {
            // zed logs amy on with her password (a service acting for her): zed may inspect that logon, bob may not
            LogonResult amys = logon(z, SecurityLogonType.INTERACTIVE, "amy", PASSWORD);
            assertEquals("amy", z.getLogonSessionData(amys.logonId()).userName());
            fails(NtStatus.ACCESS_DENIED, NtStatus.SUCCESS, () -> b.getLogonSessionData(amys.logonId()));
            LogonResult byTcb = logon(trusted, SecurityLogonType.INTERACTIVE, "amy", PASSWORD);
            fails(NtStatus.ACCESS_DENIED, NtStatus.SUCCESS, () -> z.getLogonSessionData(byTcb.logonId()));
            fails(NtStatus.ACCESS_DENIED, NtStatus.SUCCESS, () -> z.getLogonSessionData(Luid.SYSTEM));
        }
    }

    // ------------------------------------------------------------------ LsaLookupSids / LsaLookupNames

    @Test
    void anyCallerTranslatesSidsWithTheirKindAndDomain() throws Exception {
        UserAccount alice = user("alice");
        user("zed");
        Sid domain = store.domain().sid();
        Sid domainUsers = domain.append(UserAccount.RID_DOMAIN_USERS);
        Sid deleted = domain.append(77777);
        Sid logonSid = Sid.parse("S-1-5-5-0-4242");
        List<Sid> asked = List.of(alice.sid(), domainUsers, WellKnownSids.BUILTIN_USERS, WellKnownSids.WORLD,
                WellKnownSids.LOCAL_SYSTEM, logonSid, WellKnownSids.SYSTEM_MANDATORY_LEVEL, WellKnownSids.unixUser(1234),
                domain, deleted);
        try (LsaConnection z = untrustedAs("zed")) {
            LookupSidsResult r = z.lookupSids(asked);
            assertEquals(asked.size(), r.names().size());
            assertEquals(List.of(SidNameUse.USER, SidNameUse.GROUP, SidNameUse.ALIAS, SidNameUse.WELL_KNOWN_GROUP,
                    SidNameUse.WELL_KNOWN_GROUP, SidNameUse.LOGON_SESSION, SidNameUse.LABEL, SidNameUse.USER,
                    SidNameUse.DOMAIN, SidNameUse.UNKNOWN), r.names().stream().map(TranslatedName::use).toList());
            List<String> names = new ArrayList<>();
            for (int i = 0; i < asked.size(); i++) {
                names.add(r.qualifiedName(i));
            }
            assertEquals(List.of(TestRealm.DOMAIN + "\\alice", TestRealm.DOMAIN + "\\Domain Users", "BUILTIN\\Users",
                    "Everyone", "NT AUTHORITY\\SYSTEM", "NT AUTHORITY\\LogonSessionId_0_4242",
                    "Mandatory Label\\System Mandatory Level", "Unix User\\1234", TestRealm.DOMAIN, deleted.toString()),
                    names);
            assertEquals(-1, r.names().get(9).domainIndex(), "an untranslated SID has no domain");
            assertEquals(domain, r.domains().get(r.names().get(0).domainIndex()).sid());
            assertEquals(r.names().get(0).domainIndex(), r.names().get(1).domainIndex(), "each domain is listed once");
            assertEquals(NtStatus.SOME_NOT_MAPPED, r.status());
            assertEquals(NtStatus.NONE_MAPPED, z.lookupSids(List.of(deleted, Sid.parse("S-1-9-1"))).status());
            assertEquals(NtStatus.SUCCESS, z.lookupSids(List.of()).status());
        }
    }

    @Test
    void anyCallerTranslatesNamesQualifiedOrIsolated() throws Exception {
        UserAccount alice = user("alice");
        user("zed");
        Sid domainUsers = store.domain().sid().append(UserAccount.RID_DOMAIN_USERS);
        List<String> asked = List.of(TestRealm.DOMAIN.toLowerCase() + "\\ALICE", "alice", "Domain Users", "Everyone",
                "NT AUTHORITY\\SYSTEM", "SYSTEM", "BUILTIN\\Administrators", "Users", TestRealm.DOMAIN, "BUILTIN\\",
                "Unix User\\1234", "nobody", "OTHERDOM\\alice", "");
        try (LsaConnection z = untrustedAs("zed")) {
            LookupNamesResult r = z.lookupNames(asked);
            assertEquals(asked.size(), r.sids().size());
            List<Optional<Sid>> sids = r.sids().stream().map(TranslatedSid::sid).toList();
            assertEquals(List.of(Optional.of(alice.sid()), Optional.of(alice.sid()), Optional.of(domainUsers),
                    Optional.of(WellKnownSids.WORLD), Optional.of(WellKnownSids.LOCAL_SYSTEM),
                    Optional.of(WellKnownSids.LOCAL_SYSTEM), Optional.of(WellKnownSids.BUILTIN_ADMINISTRATORS),
                    Optional.of(WellKnownSids.BUILTIN_USERS), Optional.of(store.domain().sid()),
                    Optional.of(WellKnownSids.BUILTIN), Optional.of(WellKnownSids.unixUser(1234)), Optional.<Sid>empty(),
                    Optional.<Sid>empty(), Optional.<Sid>empty()), sids);
            assertEquals(List.of(SidNameUse.USER, SidNameUse.USER, SidNameUse.GROUP, SidNameUse.WELL_KNOWN_GROUP,
                    SidNameUse.WELL_KNOWN_GROUP, SidNameUse.WELL_KNOWN_GROUP, SidNameUse.ALIAS, SidNameUse.ALIAS,
                    SidNameUse.DOMAIN, SidNameUse.DOMAIN, SidNameUse.USER, SidNameUse.UNKNOWN, SidNameUse.UNKNOWN,
                    SidNameUse.UNKNOWN), r.sids().stream().map(TranslatedSid::use).toList());
            assertEquals("BUILTIN", r.domains().get(r.sids().get(6).domainIndex()).name());
            assertEquals(NtStatus.SOME_NOT_MAPPED, r.status());
            assertEquals(NtStatus.NONE_MAPPED, z.lookupNames(List.of("nobody")).status());
        }
    }

    @Test
    void lookupsAboveTheSpecLimitsAreInvalidParameter() throws Exception {
        List<Sid> sids = new ArrayList<>();
        for (int i = 0; i <= NameTranslator.MAX_SIDS; i++) {
            sids.add(WellKnownSids.unixUser(i));
        }
        fails(NtStatus.INVALID_PARAMETER, NtStatus.SUCCESS, () -> trusted.lookupSids(sids));
        List<String> names = new ArrayList<>();
        for (int i = 0; i <= NameTranslator.MAX_NAMES; i++) {
            names.add("u" + i);
        }
        fails(NtStatus.INVALID_PARAMETER, NtStatus.SUCCESS, () -> trusted.lookupNames(names));
        assertEquals(NameTranslator.MAX_SIDS, trusted.lookupSids(sids.subList(0, NameTranslator.MAX_SIDS)).names().size());
    }

    @Test
    void tokenInformationClasses() throws Exception {
        UserAccount u = user("ben");
        LogonResult r = logon(trusted, SecurityLogonType.INTERACTIVE, "ben", PASSWORD);
        TokenHandle h = r.token();
        AccessToken t = trusted.queryToken(h);
        assertEquals(u.sid(), ((TokenInformation.User) trusted.getTokenInformation(h, TokenInformationClass.TOKEN_USER)).user().sid());
        assertEquals(t.groups(), ((TokenInformation.Groups) trusted.getTokenInformation(h, TokenInformationClass.TOKEN_GROUPS)).groups());
        assertEquals(t.privileges(), ((TokenInformation.Privileges) trusted.getTokenInformation(h, TokenInformationClass.TOKEN_PRIVILEGES)).privileges());
        assertEquals(u.sid(), ((TokenInformation.Owner) trusted.getTokenInformation(h, TokenInformationClass.TOKEN_OWNER)).owner());
        assertEquals(t.primaryGroup(), ((TokenInformation.PrimaryGroup) trusted.getTokenInformation(h, TokenInformationClass.TOKEN_PRIMARY_GROUP)).primaryGroup());
        assertTrue(((TokenInformation.DefaultDacl) trusted.getTokenInformation(h, TokenInformationClass.TOKEN_DEFAULT_DACL)).defaultDacl().isPresent());
        assertEquals("OpenLSA ", ((TokenInformation.Source) trusted.getTokenInformation(h, TokenInformationClass.TOKEN_SOURCE)).source().sourceName());
        assertEquals(TokenType.PRIMARY, ((TokenInformation.Type) trusted.getTokenInformation(h, TokenInformationClass.TOKEN_TYPE)).type());
        fails(NtStatus.INVALID_PARAMETER, NtStatus.SUCCESS, () -> trusted.getTokenInformation(h, TokenInformationClass.TOKEN_IMPERSONATION_LEVEL));
        var stats = ((TokenInformation.Statistics) trusted.getTokenInformation(h, TokenInformationClass.TOKEN_STATISTICS)).statistics();
        assertEquals(r.logonId(), stats.authenticationId());
        assertEquals(t.groups().size(), stats.groupCount());
        assertEquals(t.privileges().size(), stats.privilegeCount());
        assertEquals(NtTime.NEVER, stats.expirationTime());
        List<SidAndAttributes> logonSid = ((TokenInformation.LogonSid) trusted.getTokenInformation(h, TokenInformationClass.TOKEN_LOGON_SID)).groups();
        assertEquals(1, logonSid.size());
        assertEquals(WellKnownSids.logonSid(r.logonId()), logonSid.get(0).sid(),
                "without LocalGroups the LSA derives the logon SID from the session");
    }

    @Test
    void duplicateTokenFollowsTheImpersonationLevelRules() throws Exception {
        user("cal");
        LogonResult r = logon(trusted, SecurityLogonType.INTERACTIVE, "cal", PASSWORD);
        TokenHandle ident = trusted.duplicateToken(r.token(), 0, ImpersonationLevel.IDENTIFICATION, TokenType.IMPERSONATION);
        AccessToken it = trusted.queryToken(ident);
        assertEquals(TokenType.IMPERSONATION, it.type());
        assertFalse(it.tokenId().equals(trusted.queryToken(r.token()).tokenId()), "a duplicate is a new token");
        fails(NtStatus.BAD_IMPERSONATION_LEVEL, NtStatus.SUCCESS,
                () -> trusted.duplicateToken(ident, 0, null, TokenType.PRIMARY));
        fails(NtStatus.BAD_IMPERSONATION_LEVEL, NtStatus.SUCCESS,
                () -> trusted.duplicateToken(ident, 0, ImpersonationLevel.IMPERSONATION, TokenType.IMPERSONATION));
        TokenHandle queryOnly = trusted.duplicateToken(r.token(), org.openlsa.core.AccessMask.TOKEN_QUERY,
                ImpersonationLevel.IMPERSONATION, TokenType.IMPERSONATION);
        fails(NtStatus.ACCESS_DENIED, NtStatus.SUCCESS,
                () -> trusted.duplicateToken(queryOnly, 0, ImpersonationLevel.IMPERSONATION, TokenType.IMPERSONATION));
        fails(NtStatus.ACCESS_DENIED, NtStatus.SUCCESS,
                () -> trusted.getTokenInformation(queryOnly, TokenInformationClass.TOKEN_SOURCE));
    }

    // ------------------------------------------------------------------ LogonUser wrapper

    @Test
    void logonUserWrapperAddsLogonSidAndLocal() throws Exception {
        user("dee");
        try (LsaConnection u = untrustedAs("dee"); SecretBytes pw = TestRealm.utf16(PASSWORD)) {
            TokenHandle h = u.logonUserWithPassword("dee", TestRealm.DOMAIN, pw, Logon32.LOGON_INTERACTIVE,
                    Logon32.PROVIDER_DEFAULT);
            AccessToken t = u.queryToken(h);
            assertTrue(sids(t).contains(WellKnownSids.LOCAL));
            assertTrue(t.logonSid().isPresent());
            assertEquals("Advapi  ", t.source().sourceName());
            assertEquals(TokenType.IMPERSONATION, u.queryToken(u.logonUserWithPassword("dee", "", pw,
                    Logon32.LOGON_NETWORK, Logon32.PROVIDER_WINNT40)).type());
            fails(NtStatus.INVALID_PARAMETER, NtStatus.SUCCESS, () -> u.logonUserWithPassword("dee", "", pw,
                    Logon32.LOGON_NEW_CREDENTIALS, Logon32.PROVIDER_DEFAULT));
            fails(NtStatus.INVALID_PARAMETER, NtStatus.SUCCESS, () -> u.logonUserWithPassword("dee", "", pw,
                    Logon32.LOGON_INTERACTIVE, Logon32.PROVIDER_VIRTUAL));
        }
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
            assertEquals(NtStatus.LOGON_FAILURE, u.callAuthenticationPackage(msv, wrong).protocolStatus());
            assertEquals(NtStatus.WRONG_PASSWORD, trusted.callAuthenticationPackage(msv, wrong).protocolStatus());
            byte[] right;
            try (ChangePasswordRequest req = new ChangePasswordRequest(TestRealm.DOMAIN, "eve",
                    TestRealm.utf16(PASSWORD), TestRealm.utf16("N3w-Password"), false)) {
                right = msvChangePassword(req);
            }
            // The administrator set eve's password just now: the default minimum age (a day) holds her change back.
            CallPackageResult early = u.callAuthenticationPackage(msv, right);
            assertEquals(NtStatus.PASSWORD_RESTRICTION, early.protocolStatus());
            u.freeReturnBuffer(early.returnBuffer());
            clock.advance(Duration.ofDays(1));
            CallPackageResult ok = u.callAuthenticationPackage(msv, right);
            assertEquals(NtStatus.SUCCESS, ok.protocolStatus());
            u.freeReturnBuffer(ok.returnBuffer());
            logon(u, SecurityLogonType.INTERACTIVE, "eve", "N3w-Password");
            fails(NtStatus.LOGON_FAILURE, NtStatus.SUCCESS, () -> logon(u, SecurityLogonType.INTERACTIVE, "eve", PASSWORD));
            fails(NtStatus.ACCESS_DENIED, NtStatus.SUCCESS,
                    () -> u.callAuthenticationPackage(msv, new byte[] {0, 0, 0, 0})); // Lm20ChallengeRequest
            fails(NtStatus.INVALID_PARAMETER, NtStatus.SUCCESS, () -> u.callAuthenticationPackage(msv, new byte[] {5}));
            fails(NtStatus.INVALID_PARAMETER, NtStatus.SUCCESS,
                    () -> trusted.callAuthenticationPackage(msv, new byte[] {(byte) 200, 0, 0, 0}));
            fails(NtStatus.INVALID_PARAMETER, NtStatus.SUCCESS,
                    () -> u.callAuthenticationPackage(msv, java.util.Arrays.copyOf(right, 60)));
        }
    }

    /** MsV1_0ChangePassword with the new domain's default policy: what it refuses, and what it reports. */
    @Test
    void aChangeFollowsTheDefaultPasswordPolicy() throws Exception {
        user("gus");
        TestRealm.addUser(store, "hal", PASSWORD, clock.instant(), b -> b.flag(AccountFlag.MUST_CHANGE_PASSWORD, true));
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
                return c.callAuthenticationPackage(msv, submit);
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
