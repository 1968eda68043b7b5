package org.openlsa.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openlsa.core.AccessToken;
import org.openlsa.core.GroupAttributes;
import org.openlsa.core.LogonRight;
import org.openlsa.core.LsaException;
import org.openlsa.core.Luid;
import org.openlsa.core.NtStatus;
import org.openlsa.core.TokenType;
import org.openlsa.core.ImpersonationLevel;
import org.openlsa.core.Privilege;
import org.openlsa.core.SecurityLogonType;
import org.openlsa.core.Sid;
import org.openlsa.core.SidAndAttributes;
import org.openlsa.core.TokenSource;
import org.openlsa.core.WellKnownSids;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.engine.spi.AuthenticationPackage;
import org.openlsa.engine.spi.CallPackageRequest;
import org.openlsa.engine.spi.PackageCallResult;
import org.openlsa.engine.spi.PackageContext;
import org.openlsa.engine.spi.PackageLogonRequest;
import org.openlsa.engine.spi.PackageLogonResult;
import org.openlsa.engine.spi.ProfileDetails;
import org.openlsa.sam.AccountRight;
import org.openlsa.sam.AccountStore;
import org.openlsa.sam.DomainInfo;
import org.openlsa.sam.DomainPolicy;

/**
 * Engine behaviour below the conformance suite: what the pipeline tells packages and the audit log, and the token
 * assembly steps, driven by a scripted package so each step is visible on its own.
 */
class EngineTest {
    private static final Sid DOMAIN = Sid.parse("S-1-5-21-10-20-30");
    static final Sid USER = DOMAIN.append(1000);
    private static final Instant NOW = Instant.parse("2026-11-18T10:00:00Z");

    /** A package that accepts the buffer "ok:<secret>" and refuses everything else with WRONG_PASSWORD. */
    static final class ScriptedPackage implements AuthenticationPackage {
        final List<Luid> terminated = new CopyOnWriteArrayList<>();
        List<SidAndAttributes> groups = List.of();
        ImpersonationLevel level = ImpersonationLevel.IMPERSONATION;
        final java.util.concurrent.atomic.AtomicInteger shutdowns = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public void shutdown() {
            shutdowns.incrementAndGet();
        }

        @Override
        public String name() {
            return "Scripted";
        }

        @Override
        public void initialize(PackageContext context) {}

        @Override
        public PackageLogonResult logonUser(PackageLogonRequest r) throws LsaException {
            String text = r.authenticationInformation().read(b -> new String(b, StandardCharsets.UTF_8));
            if (!text.startsWith("ok:")) {
                throw new LsaException(NtStatus.LOGON_FAILURE, NtStatus.WRONG_PASSWORD, "wrong password");
            }
            return new PackageLogonResult(USER, groups, USER, PackageLogonResult.NEVER_EXPIRES, new byte[64], "tester",
                    "DOM", "HOST", "", "", ProfileDetails.NONE, Optional.empty(), true).withImpersonationLevel(level);
        }

        @Override
        public Optional<String[]> namesForAudit(org.openlsa.crypto.SecretBytes info) {
            return Optional.of(new String[] {"DOM", "tester"});
        }

        @Override
        public PackageCallResult callPackage(CallPackageRequest r) {
            return new PackageCallResult(new byte[8], NtStatus.SUCCESS);
        }

        @Override
        public PackageCallResult callPackageUntrusted(CallPackageRequest r) throws LsaException {
            throw new LsaException(NtStatus.ACCESS_DENIED, "untrusted");
        }

        @Override
        public void logonTerminated(Luid logonId) {
            terminated.add(logonId);
        }
    }

    /** Just enough of a store for the engine: aliases, rights and the domain; everything else is unexpected. */
    static AccountStore store(Set<AccountRight> rights, Set<Sid> aliases) {
        DomainInfo domain = new DomainInfo("DOM", DOMAIN, "HOST", DomainPolicy.DEFAULT);
        return (AccountStore) Proxy.newProxyInstance(AccountStore.class.getClassLoader(), new Class<?>[] {AccountStore.class},
                (proxy, m, args) -> switch (m.getName()) {
                    case "domain" -> domain;
                    case "aliasesContaining" -> aliases;
                    case "rightsOf" -> rights;
                    case "close" -> null;
                    case "findUserByUnixUid", "findAlias" -> Optional.empty();
                    case "readScope" -> java.lang.reflect.InvocationHandler.invokeDefault(proxy, m, args);
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    static final Set<AccountRight> INTERACTIVE_RIGHTS = Set.of(AccountRight.of(LogonRight.SE_INTERACTIVE_LOGON),
            AccountRight.of(Privilege.SE_CHANGE_NOTIFY), AccountRight.of(Privilege.SE_BACKUP));

    static LogonRequest request(String buffer, Optional<List<SidAndAttributes>> local) {
        return new LogonRequest("engine-test", SecurityLogonType.INTERACTIVE, 0,
                buffer.getBytes(StandardCharsets.UTF_8), local, new TokenSource("Test", new Luid(5)));
    }

    @TempDir
    Path dir;

    @Test
    void auditRecordsLogonsFailuresAndLogoffsWithoutSecrets() throws Exception {
        ScriptedPackage pkg = new ScriptedPackage();
        Path log = dir.resolve("audit.jsonl");
        try (JsonLinesAuditLog audit = JsonLinesAuditLog.open(log);
             LsaEngine lsa = LsaEngine.builder(store(INTERACTIVE_RIGHTS, Set.of())).addPackage(pkg)
                     .clock(InstantSource.fixed(NOW)).random(new Random(1)).audit(audit).build();
             LsaConnection c = lsa.registerLogonProcess(lsa.systemToken(), "AuditProcess")) {
            LogonResult ok = c.logonUser(request("ok:hunter2-secret", Optional.empty()));
            assertThrows(LsaException.class, () -> c.logonUser(request("bad:hunter3-secret", Optional.empty())));
            c.closeHandle(ok.token());
            assertEquals(List.of(ok.logonId()), pkg.terminated, "the package hears that its session ended");
        }
        List<String> lines = Files.readAllLines(log);
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains("\"event\":\"logon\"") && lines.get(0).contains("\"outcome\":\"success\"")
                && lines.get(0).contains("\"callerProcess\":\"AuditProcess\"") && lines.get(0).contains("\"caller\":\"S-1-5-18\"")
                && lines.get(0).contains("\"userSid\":\"" + USER + "\"") && lines.get(0).contains("\"time\":\"2026-11-18T10:00:00Z\""),
                lines.get(0));
        assertTrue(lines.get(1).contains("\"outcome\":\"failure\"") && lines.get(1).contains("\"subStatus\":\"STATUS_WRONG_PASSWORD\"")
                && lines.get(1).contains("\"user\":\"tester\"") && lines.get(1).contains("\"origin\":\"engine-test\""), lines.get(1));
        assertTrue(lines.get(2).contains("\"event\":\"logoff\""), lines.get(2));
        assertTrue(lines.stream().noneMatch(l -> l.contains("hunter")), "no secret reaches the audit log");
    }

    @Test
    void localGroupsMergeWithPackageGroupsAndAliasesExpandOverAllOfThem() throws Exception {
        ScriptedPackage pkg = new ScriptedPackage();
        Sid global = DOMAIN.append(513);
        pkg.groups = List.of(new SidAndAttributes(global, GroupAttributes.DEFAULT));
        Sid alias = DOMAIN.append(2000);
        try (LsaEngine lsa = LsaEngine.builder(store(INTERACTIVE_RIGHTS, Set.of(alias))).addPackage(pkg)
                .random(new Random(2)).build();
             LsaConnection c = lsa.registerLogonProcess(lsa.systemToken(), "p")) {
            Sid extra = Sid.parse("S-1-5-21-9-9-9-1234");
            AccessToken t = c.queryToken(c.logonUser(request("ok:x", Optional.of(List.of(
                    new SidAndAttributes(global, GroupAttributes.OWNER), // merges into the package's group
                    new SidAndAttributes(extra, GroupAttributes.MANDATORY))))).token());
            List<Sid> sids = t.groups().stream().map(SidAndAttributes::sid).toList();
            assertEquals(1, sids.stream().filter(global::equals).count(), "no SID twice: " + sids);
            assertEquals(GroupAttributes.DEFAULT | GroupAttributes.OWNER, t.groups().get(sids.indexOf(global)).attributes());
            assertTrue(sids.contains(extra) && sids.contains(alias), sids.toString());
            assertFalse(t.holdsPrivilege(Privilege.SE_TCB));
            assertTrue(t.holdsPrivilege(Privilege.SE_BACKUP));
        }
    }

    @Test
    void aPackageMayLimitANetworkTokenToIdentificationButNotAPrimaryToken() throws Exception {
        ScriptedPackage pkg = new ScriptedPackage();
        pkg.level = ImpersonationLevel.IDENTIFICATION;
        Set<AccountRight> rights = Set.of(AccountRight.of(LogonRight.SE_INTERACTIVE_LOGON),
                AccountRight.of(LogonRight.SE_NETWORK_LOGON));
        try (LsaEngine lsa = LsaEngine.builder(store(rights, Set.of())).addPackage(pkg).random(new Random(5)).build();
             LsaConnection c = lsa.registerLogonProcess(lsa.systemToken(), "p")) {
            LogonResult network = c.logonUser(new LogonRequest("engine-test", SecurityLogonType.NETWORK, 0,
                    "ok:n".getBytes(StandardCharsets.UTF_8), Optional.empty(), new TokenSource("Test", new Luid(5))));
            AccessToken t = c.queryToken(network.token());
            assertEquals(TokenType.IMPERSONATION, t.type());
            assertEquals(Optional.of(ImpersonationLevel.IDENTIFICATION), t.impersonationLevel());
            // Nor can the caller raise it by duplicating.
            assertThrows(LsaException.class, () -> c.duplicateToken(network.token(), 0, ImpersonationLevel.IMPERSONATION,
                    TokenType.IMPERSONATION));
            LsaException primary = assertThrows(LsaException.class, () -> c.logonUser(request("ok:i", Optional.empty())));
            assertEquals(NtStatus.BAD_IMPERSONATION_LEVEL, primary.status());
            assertEquals(1, pkg.terminated.size(), "the refused logon's session was ended in the package");
        }
    }

    @Test
    void lostQuotaRaceLeavesNoSessionAndTellsThePackage() throws Exception {
        ScriptedPackage pkg = new ScriptedPackage();
        try (LsaEngine lsa = LsaEngine.builder(store(INTERACTIVE_RIGHTS, Set.of())).addPackage(pkg).random(new Random(3))
                .limits(100, 10, 10).build();
             LsaConnection c = lsa.registerLogonProcess(lsa.systemToken(), "p")) {
            int before = lsa.sessionCount();
            c.logonUser(request("ok:a", Optional.empty()));
            LsaException e = assertThrows(LsaException.class, () -> c.logonUser(request("ok:b", Optional.empty())));
            assertEquals(NtStatus.QUOTA_EXCEEDED, e.status());
            assertEquals(before + 1, lsa.sessionCount(), "the refused logon's session is gone");
            assertEquals(1, pkg.terminated.size(), "its package was told");
        }
    }

    /** docs/lsa-behaviour.md, "Logon session quotas": hit exactly at the limit; a TCB caller is exempt. */
    @Test
    void sessionQuotasPerAccountAndPerCallerAreHitExactlyAtTheLimit() throws Exception {
        ScriptedPackage pkg = new ScriptedPackage();
        try (LsaEngine lsa = LsaEngine.builder(store(INTERACTIVE_RIGHTS, Set.of())).addPackage(pkg).random(new Random(5))
                .sessionQuotas(3, 2).build()) {
            AccessToken unix = lsa.tokenForUnixCaller(4000, 4000);
            AccessToken other = lsa.tokenForUnixCaller(4001, 4001);
            int reserved = lsa.sessionCount();
            try (LsaConnection a = lsa.connectUntrusted(unix); LsaConnection b = lsa.connectUntrusted(other);
                 LsaConnection tcb = lsa.registerLogonProcess(lsa.systemToken(), "p")) {
                List<LogonResult> held = new ArrayList<>();
                held.add(a.logonUser(request("ok:1", Optional.empty())));
                held.add(a.logonUser(request("ok:2", Optional.empty())));
                LsaException perCaller = assertThrows(LsaException.class,
                        () -> a.logonUser(request("ok:3", Optional.empty())));
                assertEquals(NtStatus.QUOTA_EXCEEDED, perCaller.status(), "the caller's third session");
                assertTrue(perCaller.getMessage().contains("caller"), perCaller.getMessage());
                held.add(b.logonUser(request("ok:4", Optional.empty()))); // another caller, same account: 3 of 3
                LsaException perAccount = assertThrows(LsaException.class,
                        () -> b.logonUser(request("ok:5", Optional.empty())));
                assertEquals(NtStatus.QUOTA_EXCEEDED, perAccount.status(), "the account's fourth session");
                assertTrue(perAccount.getMessage().contains("account"), perAccount.getMessage());
                assertEquals(reserved + 3, lsa.sessionCount(), "refused logons leave no session");
                assertEquals(2, pkg.terminated.size(), "their packages were told");
                a.closeHandle(held.getFirst().token()); // that session ends: a place for the caller and the account
                a.logonUser(request("ok:6", Optional.empty()));
                for (int i = 0; i < 5; i++) {
                    tcb.logonUser(request("ok:t" + i, Optional.empty())); // SeTcbPrivilege: exempt from both
                }
                assertEquals(reserved + 8, lsa.sessionCount());
            }
        }
    }

    @Test
    void closingTheEngineEndsEveryConnectionAndSession() throws Exception {
        ScriptedPackage pkg = new ScriptedPackage();
        LsaEngine lsa = LsaEngine.builder(store(INTERACTIVE_RIGHTS, Set.of())).addPackage(pkg).random(new Random(4)).build();
        LsaConnection c = lsa.registerLogonProcess(lsa.systemToken(), "p");
        int reserved = lsa.sessionCount();
        List<Luid> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(c.logonUser(request("ok:" + i, Optional.empty())).logonId());
        }
        lsa.close();
        assertEquals(reserved, lsa.sessionCount());
        assertEquals(Set.copyOf(ids), Set.copyOf(pkg.terminated));
        lsa.close();
        assertEquals(1, pkg.shutdowns.get(), "the package hears once, after its sessions, that the engine closed");
        LsaException e = assertThrows(LsaException.class, () -> c.enumerateLogonSessions());
        assertEquals(NtStatus.INVALID_HANDLE, e.status());
        assertThrows(LsaException.class, () -> lsa.connectUntrusted(lsa.systemToken()));
    }

    @Test
    void systemTokenIsLocalSystemWithTcb() {
        try (LsaEngine lsa = build()) {
            AccessToken t = lsa.systemToken();
            assertEquals(WellKnownSids.LOCAL_SYSTEM, t.user().sid());
            assertEquals(Luid.SYSTEM, t.authenticationId());
            assertTrue(t.holdsPrivilege(Privilege.SE_TCB));
            assertEquals(WellKnownSids.BUILTIN_ADMINISTRATORS, t.owner());
        }
    }

    private static LsaEngine build() {
        try {
            return LsaEngine.builder(store(Set.of(), Set.of())).addPackage(new ScriptedPackage()).build();
        } catch (LsaException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void registerLogonProcessValidatesTheName() throws Exception {
        try (LsaEngine lsa = build()) {
            assertEquals(NtStatus.INVALID_PARAMETER, assertThrows(LsaException.class,
                    () -> lsa.registerLogonProcess(lsa.systemToken(), "")).status());
            assertEquals(NtStatus.INVALID_PARAMETER, assertThrows(LsaException.class,
                    () -> lsa.registerLogonProcess(lsa.systemToken(), "x".repeat(128))).status());
        }
    }

    /**
     * A password package for LogonUser: its logon structure is "ok:" or "no:" and the UTF-16LE password, encoded into
     * a secret it keeps a reference to, so the test can see what became of it.
     */
    static final class PasswordPackage implements AuthenticationPackage {
        final List<SecretBytes> encoded = new CopyOnWriteArrayList<>();
        final List<SecretBytes> seen = new CopyOnWriteArrayList<>();
        final List<Boolean> aliveWhenSeen = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "MICROSOFT_AUTHENTICATION_PACKAGE_V1_0";
        }

        @Override
        public List<String> aliases() {
            return List.of("MSV1_0");
        }

        @Override
        public void initialize(PackageContext context) {}

        @Override
        public Optional<SecretBytes> encodePasswordLogon(SecurityLogonType logonType, String userName, String domain,
                                                         SecretBytes password) {
            SecretBytes out = SecretBytes.allocate(3 + password.length());
            out.use(b -> {
                byte[] tag = (userName.equals("tester") ? "ok:" : "no:").getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(tag, 0, b, 0, 3);
                password.use(pw -> System.arraycopy(pw, 0, b, 3, pw.length));
            });
            encoded.add(out);
            return Optional.of(out);
        }

        @Override
        public PackageLogonResult logonUser(PackageLogonRequest r) throws LsaException {
            seen.add(r.authenticationInformation());
            aliveWhenSeen.add(!r.authenticationInformation().isDestroyed());
            if (r.authenticationInformation().read(b -> b[0] != 'o')) {
                throw new LsaException(NtStatus.LOGON_FAILURE, NtStatus.WRONG_PASSWORD, "wrong password");
            }
            return new PackageLogonResult(USER, List.of(), USER, PackageLogonResult.NEVER_EXPIRES, new byte[64],
                    "tester", "DOM", "HOST", "", "", ProfileDetails.NONE, Optional.empty(), true);
        }

        @Override
        public PackageCallResult callPackage(CallPackageRequest r) {
            return new PackageCallResult(new byte[0], NtStatus.SUCCESS);
        }

        @Override
        public PackageCallResult callPackageUntrusted(CallPackageRequest r) {
            return new PackageCallResult(new byte[0], NtStatus.SUCCESS);
        }

        @Override
        public void logonTerminated(Luid logonId) {}
    }

    /**
     * LogonUser's password stays in secrets end to end: the package's encoded structure reaches the package's
     * logonUser as the very same secret (no plain copy in between), and the engine destroys it when the logon is
     * over, whether it succeeded or failed; the caller's password is the caller's to close.
     */
    @Test
    void logonUserWithPasswordHandsThePackageItsOwnSecretAndDestroysIt() throws Exception {
        PasswordPackage pkg = new PasswordPackage();
        try (LsaEngine lsa = LsaEngine.builder(store(INTERACTIVE_RIGHTS, Set.of())).addPackage(pkg)
                     .clock(InstantSource.fixed(NOW)).random(new Random(1)).build();
             LsaConnection c = lsa.registerLogonProcess(lsa.systemToken(), "Password");
             SecretBytes password = SecretBytes.copyOf("hunter2".getBytes(StandardCharsets.UTF_16LE))) {
            TokenHandle token = c.logonUserWithPassword("tester", "DOM", password, Logon32.LOGON_INTERACTIVE,
                    Logon32.PROVIDER_DEFAULT);
            c.closeHandle(token);
            assertThrows(LsaException.class, () -> c.logonUserWithPassword("other", "DOM", password,
                    Logon32.LOGON_INTERACTIVE, Logon32.PROVIDER_DEFAULT));
            assertEquals(2, pkg.encoded.size());
            for (int i = 0; i < 2; i++) {
                assertSame(pkg.encoded.get(i), pkg.seen.get(i), "the package reads the structure it encoded, in place");
                assertTrue(pkg.aliveWhenSeen.get(i));
                assertTrue(pkg.encoded.get(i).isDestroyed(), "the engine destroyed the structure holding the password");
            }
            assertFalse(password.isDestroyed(), "the caller's password is the caller's to close");
        }
    }

    /** A request owns its structure: closing it destroys it; the plain-array constructor takes a copy. */
    @Test
    void aLogonRequestOwnsItsStructure() {
        byte[] plain = "ok:pw".getBytes(StandardCharsets.UTF_8);
        LogonRequest copied = request("ok:pw", Optional.empty());
        try (LogonRequest adopted = new LogonRequest("t", SecurityLogonType.INTERACTIVE, 0, SecretBytes.copyOf(plain),
                Optional.empty(), new TokenSource("Test", new Luid(5)))) {
            assertTrue(adopted.authenticationInformation().equalsConstantTime(plain));
            copied.close();
            assertTrue(copied.authenticationInformation().isDestroyed());
            assertFalse(adopted.authenticationInformation().isDestroyed());
        }
    }
}
