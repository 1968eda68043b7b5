package org.openlsa.engine.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.openlsa.core.AccessMask;
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
import org.openlsa.engine.Logon32;
import org.openlsa.engine.LogonRequest;
import org.openlsa.engine.LogonResult;
import org.openlsa.engine.LogonSessionData;
import org.openlsa.engine.LookupNamesResult;
import org.openlsa.engine.LookupSidsResult;
import org.openlsa.engine.LsaConnection;
import org.openlsa.engine.NameTranslator;
import org.openlsa.engine.SidNameUse;
import org.openlsa.engine.TokenHandle;
import org.openlsa.engine.TokenInformation;
import org.openlsa.engine.TokenInformationClass;
import org.openlsa.engine.TranslatedName;
import org.openlsa.engine.TranslatedSid;
import org.openlsa.sam.AccountRight;
import org.openlsa.sam.AccountStore;
import org.openlsa.sam.Passwords;
import org.openlsa.sam.UserAccount;

/**
 * The LSA conformance suite: the engine's rules through the {@link org.openlsa.engine.Lsa} API only. Token contents
 * per logon type, logon rights, return-buffer and handle quotas, handles per connection, session lifetime, trusted
 * and untrusted callers, LsaLookupSids/Names, DuplicateToken, the LogonUser wrapper and the statuses for bad input.
 *
 * <p>A subclass says how to start an LSA over a provisioned store ({@link #start}) and how the password package
 * under test (the one known as MSV1_0) spells a logon ({@link #passwordLogon}, {@link #unlockLogon}). The engine's own
 * build runs it with {@link PasswordTestPackage}; the test kit runs it with the real packages in process, and the
 * daemon's build through its socket, each adding the rules that are MSV1_0's own.
 */
public abstract class LsaConformanceSuite {
    protected static final String PASSWORD = "Corr3ct-Horse";
    protected static final String ORIGIN = "conformance";

    @TempDir
    protected Path stateDir;
    protected LsaUnderTest lsa;
    protected AccountStore store;
    protected LsaConnection trusted;
    /** The id of the password package, looked up as MSV1_0. */
    protected int pkg;

    /** Starts an LSA whose account store at {@code stateDir} is provisioned (on first start) as a fresh domain. */
    protected abstract LsaUnderTest start(Path stateDir, ConnectionLimits limits) throws Exception;

    /** The clock the LSA under test reads, for setting passwords up at its "now". */
    protected abstract InstantSource clock();

    /** The name (not alias) of the package known as MSV1_0, as logon sessions report it. */
    protected abstract String packageName();

    /** The package's password logon structure (for Interactive, Batch, Service and Network logons). */
    protected abstract byte[] passwordLogon(String domain, String user, String password);

    /** The package's unlock logon structure, naming the session being unlocked. */
    protected abstract byte[] unlockLogon(String domain, String user, String password, Luid logonId);

    @BeforeEach
    void setUp() throws Exception {
        restart(ConnectionLimits.DEFAULT);
    }

    /** Starts the LSA again over the same state directory; tests that need other limits call this. */
    protected void restart(ConnectionLimits limits) throws Exception {
        if (lsa != null) {
            trusted.close();
            lsa.close();
        }
        lsa = start(stateDir, limits);
        store = lsa.store();
        trusted = lsa.lsa().registerLogonProcess(lsa.systemCaller(), "ConformanceSuite");
        pkg = trusted.lookupAuthenticationPackage("MSV1_0");
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

    protected String domain() throws LsaException {
        return store.domain().name();
    }

    protected String machine() throws LsaException {
        return store.domain().machineName();
    }

    protected static SecretBytes utf16(String password) {
        return SecretBytes.adopt(password.getBytes(StandardCharsets.UTF_16LE));
    }

    /** Creates an enabled user whose password {@link #PASSWORD} was set now, customized by {@code change}. */
    protected UserAccount user(String name, UnaryOperator<UserAccount.Builder> change) throws LsaException {
        return store.transact(s -> {
            long rid = s.allocateRid();
            UserAccount u = change.apply(UserAccount.newAccount(s.domain().sid(), rid, name).fullName(name + " Test"))
                    .build();
            s.createUser(u, Optional.empty());
            try (SecretBytes pw = utf16(PASSWORD)) {
                Passwords.set(s, rid, pw, clock().instant(), false);
            }
            // Re-apply what setting the password may have changed (must-change).
            return s.updateUser(rid, x -> change.apply(x.toBuilder()).passwordLastSet(Optional.of(clock().instant()))
                    .build());
        });
    }

    protected UserAccount user(String name) throws LsaException {
        return user(name, b -> b);
    }

    protected LogonRequest request(SecurityLogonType type, byte[] buffer) {
        return new LogonRequest(ORIGIN, type, pkg, buffer, Optional.empty(), new TokenSource("OpenLSA", new Luid(77)));
    }

    protected LogonResult logon(LsaConnection c, SecurityLogonType type, String user, String password) throws LsaException {
        return c.logonUser(request(type, passwordLogon(domain(), user, password)));
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

    protected static List<Sid> sids(AccessToken t) {
        return t.groups().stream().map(SidAndAttributes::sid).toList();
    }

    private static int attributesOf(AccessToken t, Sid sid) {
        return t.groups().stream().filter(g -> g.sid().equals(sid)).findFirst().orElseThrow(
                () -> new AssertionError(sid + " not in token " + t.groups())).attributes();
    }

    protected static Map<Privilege, Integer> privileges(AccessToken t) {
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
        LogonResult r = trusted.logonUser(new LogonRequest(ORIGIN, SecurityLogonType.INTERACTIVE, pkg,
                passwordLogon(domain(), "alice", PASSWORD), Optional.of(local),
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
        try (SecretBytes pw = utf16(PASSWORD)) {
            Passwords.set(store, UserAccount.RID_ADMINISTRATOR, pw, clock().instant(), false);
        }
        AccessToken t = trusted.queryToken(logon(trusted, SecurityLogonType.INTERACTIVE, "Administrator",
                PASSWORD).token());
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
                unlockLogon(domain(), "fay", PASSWORD, first.logonId())));
        AccessToken t = trusted.queryToken(r.token());
        assertEquals(TokenType.PRIMARY, t.type());
        assertTrue(sids(t).contains(WellKnownSids.INTERACTIVE));
        assertFalse(r.logonId().equals(first.logonId()), "an unlock logon creates its own session");
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
        assertEquals(pkg, trusted.lookupAuthenticationPackage(packageName()), "the name and the alias are one package");
        user("rae");
        fails(NtStatus.NO_SUCH_PACKAGE, NtStatus.SUCCESS, () -> trusted.logonUser(new LogonRequest(ORIGIN,
                SecurityLogonType.INTERACTIVE, 4711, passwordLogon("", "rae", PASSWORD), Optional.empty(),
                new TokenSource("x", Luid.ZERO))));
        // the same request to the package's own id logs rae on: only the id was wrong
        trusted.logonUser(new LogonRequest(ORIGIN, SecurityLogonType.INTERACTIVE, pkg,
                passwordLogon("", "rae", PASSWORD), Optional.empty(), new TokenSource("x", Luid.ZERO)));
    }

    @Test
    void wrongStructureForTheLogonTypeIsBadValidationClass() throws Exception {
        user("sid");
        fails(NtStatus.BAD_VALIDATION_CLASS, NtStatus.SUCCESS, () -> trusted.logonUser(request(
                SecurityLogonType.INTERACTIVE, unlockLogon("", "sid", PASSWORD, new Luid(5000)))));
        fails(NtStatus.BAD_VALIDATION_CLASS, NtStatus.SUCCESS, () -> trusted.logonUser(request(
                SecurityLogonType.UNLOCK, passwordLogon("", "sid", PASSWORD))));
        fails(NtStatus.BAD_VALIDATION_CLASS, NtStatus.SUCCESS, () -> trusted.logonUser(request(
                SecurityLogonType.PROXY, passwordLogon("", "sid", PASSWORD))));
        // each structure serves its own logon type: the refusals above are about the pairing, not the buffers
        LogonResult first = trusted.logonUser(request(SecurityLogonType.INTERACTIVE, passwordLogon("", "sid", PASSWORD)));
        trusted.logonUser(request(SecurityLogonType.UNLOCK, unlockLogon("", "sid", PASSWORD, first.logonId())));
    }

    @Test
    void everyTruncationOfAValidBufferIsInvalidParameter() throws Exception {
        UserAccount tia = user("tia");
        byte[] good = passwordLogon(domain(), "tia", PASSWORD);
        for (int len = 0; len < good.length; len++) {
            byte[] cut = Arrays.copyOf(good, len);
            fails(NtStatus.INVALID_PARAMETER, NtStatus.SUCCESS,
                    () -> trusted.logonUser(request(SecurityLogonType.INTERACTIVE, cut)));
        }
        LogonResult whole = trusted.logonUser(request(SecurityLogonType.INTERACTIVE, good));
        assertEquals(tia.sid(), trusted.queryToken(whole.token()).user().sid(), "the untruncated buffer logs tia on");
    }

    @Test
    void untrustedCallersCannotPassLocalGroupsOrRegister() throws Exception {
        user("uma");
        try (LsaConnection u = untrustedAs("uma")) {
            assertFalse(u.isTrusted());
            fails(NtStatus.PRIVILEGE_NOT_HELD, NtStatus.SUCCESS, () -> u.logonUser(new LogonRequest(ORIGIN,
                    SecurityLogonType.INTERACTIVE, pkg, passwordLogon("", "uma", PASSWORD),
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
        restart(new ConnectionLimits(2000, 4096, 65536));
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
        restart(new ConnectionLimits(1 << 20, 4096, 3));
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
        assertEquals(domain(), d.logonDomain());
        assertEquals(u.sid(), d.sid());
        assertEquals(SecurityLogonType.INTERACTIVE, d.logonType());
        assertEquals(packageName(), d.authenticationPackage());
        assertEquals(machine(), d.logonServer());
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
            assertEquals(List.of(domain() + "\\alice", domain() + "\\Domain Users", "BUILTIN\\Users",
                    "Everyone", "NT AUTHORITY\\SYSTEM", "NT AUTHORITY\\LogonSessionId_0_4242",
                    "Mandatory Label\\System Mandatory Level", "Unix User\\1234", domain(), deleted.toString()),
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
        List<String> asked = List.of(domain().toLowerCase() + "\\ALICE", "alice", "Domain Users", "Everyone",
                "NT AUTHORITY\\SYSTEM", "SYSTEM", "BUILTIN\\Administrators", "Users", domain(), "BUILTIN\\",
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
        TokenHandle queryOnly = trusted.duplicateToken(r.token(), AccessMask.TOKEN_QUERY,
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
        try (LsaConnection u = untrustedAs("dee"); SecretBytes pw = utf16(PASSWORD)) {
            TokenHandle h = u.logonUserWithPassword("dee", domain(), pw, Logon32.LOGON_INTERACTIVE,
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
}
