package org.openlsa.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openlsa.engine.EngineTest.INTERACTIVE_RIGHTS;
import static org.openlsa.engine.EngineTest.request;
import static org.openlsa.engine.EngineTest.store;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openlsa.core.AccessToken;
import org.openlsa.core.ImpersonationLevel;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.core.Privilege;
import org.openlsa.core.QuotaLimits;
import org.openlsa.core.TokenType;
import org.openlsa.engine.spi.ProcessLauncher;
import org.openlsa.launch.ExitStatus;
import org.openlsa.launch.ProcessSpec;
import org.openlsa.sam.AccountRight;

/**
 * CreateProcessAsUser in the engine (docs/lsa-behaviour.md, "CreateProcessAsUser"): who may start a process with
 * which token, the process's reference on its logon session, and the audit lines, over a launcher double that starts
 * nothing (the host's test starts real programs).
 */
class CreateProcessAsUserTest {
    private static final ProcessSpec SPEC = ProcessSpec.of(Path.of("/usr/bin/true")).arguments("a").build();

    /** A process that runs until the test ends it. */
    static final class FakeProcess implements UserProcess {
        final long pid;
        final CompletableFuture<ExitStatus> exit = new CompletableFuture<>();

        FakeProcess(long pid) {
            this.pid = pid;
        }

        @Override public long pid() { return pid; }
        @Override public ExitStatus waitFor() { return exit.join(); }
        @Override public Optional<ExitStatus> waitFor(Duration timeout) {
            return Optional.ofNullable(exit.getNow(null));
        }
        @Override public CompletableFuture<ExitStatus> onExit() { return exit; }
        @Override public boolean isAlive() { return !exit.isDone(); }
        @Override public void terminate() { exit.complete(new ExitStatus.Signaled(15)); }
        @Override public void kill() { exit.complete(new ExitStatus.Signaled(9)); }
        @Override public OutputStream stdin() { return OutputStream.nullOutputStream(); }
        @Override public InputStream stdout() { return InputStream.nullInputStream(); }
        @Override public InputStream stderr() { return InputStream.nullInputStream(); }
    }

    /** Records what it was asked to start; {@code failure} set: refuses with it instead. */
    static final class FakeLauncher implements ProcessLauncher {
        record Call(AccessToken token, String accountName, QuotaLimits quotas, ProcessSpec spec) {}

        final List<Call> calls = new CopyOnWriteArrayList<>();
        final List<FakeProcess> started = new CopyOnWriteArrayList<>();
        volatile LsaException failure;

        @Override
        public UserProcess start(AccessToken token, String accountName, QuotaLimits quotas, ProcessSpec spec)
                throws LsaException {
            calls.add(new Call(token, accountName, quotas, spec));
            if (failure != null) {
                throw failure;
            }
            FakeProcess p = new FakeProcess(1000 + started.size());
            started.add(p);
            return p;
        }
    }

    private final FakeLauncher launcher = new FakeLauncher();
    private final EngineTest.ScriptedPackage pkg = new EngineTest.ScriptedPackage();

    @TempDir
    Path dir;

    private LsaEngine engine(Set<AccountRight> rights) throws LsaException {
        return LsaEngine.builder(store(rights, Set.of())).addPackage(pkg).random(new Random(7))
                .clock(InstantSource.fixed(Instant.parse("2026-12-07T20:00:00Z"))).processLauncher(launcher).build();
    }

    @Test
    void withSeTcbPrivilegeAnyPrimaryTokenStartsAndTheLauncherGetsTheTokenTheAccountAndTheSpec() throws Exception {
        try (LsaEngine lsa = engine(INTERACTIVE_RIGHTS);
             LsaConnection tcb = lsa.registerLogonProcess(lsa.systemToken(), "scheduler")) {
            LogonResult logon = tcb.logonUser(request("ok:x", Optional.empty()));
            TokenHandle h = logon.token();
            UserProcess p = tcb.createProcessAsUser(h, SPEC);
            assertEquals(1000, p.pid());
            FakeLauncher.Call call = launcher.calls.getFirst();
            assertEquals(logon.quotas().orElseThrow(), call.quotas(), "the quotas LsaLogonUser returned with the token");
            assertEquals(tcb.queryToken(h), call.token());
            assertEquals("tester", call.accountName(), "the session's account name, for USER where no passwd entry");
            assertEquals(SPEC, call.spec());
            p.terminate();
            assertEquals(new ExitStatus.Signaled(15), p.waitFor());
        }
    }

    @Test
    void withoutAPrivilegeOnlyTheCallersOwnAccountsTokenStarts() throws Exception {
        try (LsaEngine lsa = engine(INTERACTIVE_RIGHTS);
             LsaConnection tcb = lsa.registerLogonProcess(lsa.systemToken(), "p")) {
            // The caller is a process running as the account (its token is that account's): its own token needs none.
            AccessToken self = tcb.queryToken(tcb.logonUser(request("ok:self", Optional.empty())).token());
            assertFalse(self.holdsPrivilege(Privilege.SE_TCB) || self.holdsPrivilege(Privilege.SE_ASSIGN_PRIMARY_TOKEN));
            try (LsaConnection own = lsa.connectUntrusted(self)) {
                TokenHandle h = own.logonUser(request("ok:again", Optional.empty())).token();
                own.createProcessAsUser(h, SPEC).terminate();
            }
            // Unix User\4000 logging the account on holds a token of another account: PRIVILEGE_NOT_HELD.
            try (LsaConnection other = lsa.connectUntrusted(lsa.tokenForUnixCaller(4000, 4000))) {
                TokenHandle h = other.logonUser(request("ok:other", Optional.empty())).token();
                LsaException e = assertThrows(LsaException.class, () -> other.createProcessAsUser(h, SPEC));
                assertEquals(NtStatus.PRIVILEGE_NOT_HELD, e.status());
                assertTrue(e.getMessage().contains("SeAssignPrimaryTokenPrivilege"), e.getMessage());
            }
            assertEquals(1, launcher.calls.size(), "the refused call started nothing");
        }
    }

    @Test
    void seAssignPrimaryTokenPrivilegeIsEnoughForAnotherAccountsToken() throws Exception {
        Set<AccountRight> rights = new HashSet<>(INTERACTIVE_RIGHTS);
        rights.add(AccountRight.of(Privilege.SE_ASSIGN_PRIMARY_TOKEN));
        try (LsaEngine lsa = engine(rights);
             LsaConnection c = lsa.connectUntrusted(lsa.tokenForUnixCaller(4000, 4000))) {
            TokenHandle h = c.logonUser(request("ok:x", Optional.empty())).token();
            c.createProcessAsUser(h, SPEC).terminate();
            assertEquals(1, launcher.started.size());
        }
    }

    @Test
    void anImpersonationOrIdentificationTokenIsBadTokenType() throws Exception {
        try (LsaEngine lsa = engine(INTERACTIVE_RIGHTS);
             LsaConnection tcb = lsa.registerLogonProcess(lsa.systemToken(), "p")) {
            TokenHandle h = tcb.logonUser(request("ok:x", Optional.empty())).token();
            for (ImpersonationLevel level : List.of(ImpersonationLevel.IMPERSONATION, ImpersonationLevel.IDENTIFICATION)) {
                TokenHandle imp = tcb.duplicateToken(h, 0, level, TokenType.IMPERSONATION);
                LsaException e = assertThrows(LsaException.class, () -> tcb.createProcessAsUser(imp, SPEC));
                assertEquals(NtStatus.BAD_TOKEN_TYPE, e.status(), level.toString());
            }
            // Duplicated to a primary token, as Windows requires, it starts.
            TokenHandle primary = tcb.duplicateToken(h, 0, null, TokenType.PRIMARY);
            tcb.createProcessAsUser(primary, SPEC).terminate();
            assertEquals(1, launcher.calls.size());
        }
    }

    @Test
    void anotherConnectionsHandleAndAHandleClosedAtLogoffAreInvalidHandle() throws Exception {
        try (LsaEngine lsa = engine(INTERACTIVE_RIGHTS);
             LsaConnection a = lsa.registerLogonProcess(lsa.systemToken(), "a");
             LsaConnection b = lsa.registerLogonProcess(lsa.systemToken(), "b")) {
            TokenHandle h = a.logonUser(request("ok:x", Optional.empty())).token();
            LsaException e = assertThrows(LsaException.class, () -> b.createProcessAsUser(h, SPEC));
            assertEquals(NtStatus.INVALID_HANDLE, e.status());
            int withSession = lsa.sessionCount();
            a.closeHandle(h); // the logoff: the last token is gone and so is the session
            assertEquals(withSession - 1, lsa.sessionCount());
            LsaException after = assertThrows(LsaException.class, () -> a.createProcessAsUser(h, SPEC));
            assertEquals(NtStatus.INVALID_HANDLE, after.status());
            assertTrue(launcher.calls.isEmpty());
        }
    }

    @Test
    void theProcessHoldsItsSessionOpenUntilItExitsThenTheSessionEndsAndEachStepIsAudited() throws Exception {
        Path log = dir.resolve("audit.jsonl");
        try (JsonLinesAuditLog audit = JsonLinesAuditLog.open(log);
             LsaEngine lsa = LsaEngine.builder(store(INTERACTIVE_RIGHTS, Set.of())).addPackage(pkg)
                     .random(new Random(8)).audit(audit).processLauncher(launcher).build();
             LsaConnection c = lsa.registerLogonProcess(lsa.systemToken(), "websvc")) {
            int before = lsa.sessionCount();
            LogonResult logon = c.logonUser(request("ok:x", Optional.empty()));
            UserProcess p = c.createProcessAsUser(logon.token(), SPEC);
            c.closeHandle(logon.token());
            assertEquals(before + 1, lsa.sessionCount(), "the running process keeps the session");
            assertTrue(pkg.terminated.isEmpty(), "no logoff yet");
            assertEquals(0, c.getLogonSessionData(logon.logonId()).tokenCount(), "no token left, only the process");
            assertTrue(p.isAlive());

            launcher.started.getFirst().exit.complete(new ExitStatus.Exited(3));
            assertEquals(new ExitStatus.Exited(3), p.waitFor());
            assertFalse(p.isAlive());
            assertEquals(before, lsa.sessionCount(), "the process was the session's last reference");
            assertEquals(List.of(logon.logonId()), pkg.terminated);
            LsaException gone = assertThrows(LsaException.class, () -> c.getLogonSessionData(logon.logonId()));
            assertEquals(NtStatus.NO_SUCH_LOGON_SESSION, gone.status());
        }
        List<String> lines = Files.readAllLines(log);
        assertEquals(4, lines.size(), lines.toString());
        String start = lines.get(1);
        String exit = lines.get(2);
        assertTrue(start.contains("\"eventId\":4688") && start.contains("\"event\":\"processStart\"")
                && start.contains("\"outcome\":\"success\"") && start.contains("\"user\":\"tester\"")
                && start.contains("\"caller\":\"S-1-5-18\"") && start.contains("\"callerProcess\":\"websvc\"")
                && start.contains("\"pid\":1000") && start.contains("\"program\":\"/usr/bin/true\"")
                && start.contains("\"userSid\":\"" + EngineTest.USER + "\""), start);
        assertTrue(exit.contains("\"eventId\":4689") && exit.contains("\"event\":\"processExit\"")
                && exit.contains("\"user\":\"tester\"") && exit.contains("\"callerProcess\":\"websvc\"")
                && exit.contains("\"exit\":\"exit 3\""), exit);
        assertTrue(lines.get(3).contains("\"event\":\"logoff\""), "the logoff follows the exit: " + lines.get(3));
    }

    @Test
    void aSessionEndsOnlyWhenItsLastTokenAndItsLastProcessAreGone() throws Exception {
        try (LsaEngine lsa = engine(INTERACTIVE_RIGHTS);
             LsaConnection c = lsa.registerLogonProcess(lsa.systemToken(), "p")) {
            int before = lsa.sessionCount();
            TokenHandle h = c.logonUser(request("ok:x", Optional.empty())).token();
            UserProcess first = c.createProcessAsUser(h, SPEC);
            UserProcess second = c.createProcessAsUser(h, SPEC);
            first.kill();
            assertEquals(new ExitStatus.Signaled(9), first.waitFor());
            assertEquals(before + 1, lsa.sessionCount(), "a token and a process remain");
            c.closeHandle(h);
            assertEquals(before + 1, lsa.sessionCount(), "a process remains");
            second.terminate();
            second.waitFor();
            assertEquals(before, lsa.sessionCount());
        }
    }

    @Test
    void aLaunchFailureReachesTheCallerWithItsStatusAndLeavesNoReference() throws Exception {
        List<AuditEvent> events = new CopyOnWriteArrayList<>();
        launcher.failure = new LsaException(NtStatus.OBJECT_NAME_NOT_FOUND, "no such program: /usr/bin/true");
        try (LsaEngine lsa = LsaEngine.builder(store(INTERACTIVE_RIGHTS, Set.of())).addPackage(pkg)
                .random(new Random(9)).audit(events::add).processLauncher(launcher).build();
             LsaConnection c = lsa.registerLogonProcess(lsa.systemToken(), "p")) {
            int before = lsa.sessionCount();
            TokenHandle h = c.logonUser(request("ok:x", Optional.empty())).token();
            LsaException e = assertThrows(LsaException.class, () -> c.createProcessAsUser(h, SPEC));
            assertEquals(NtStatus.OBJECT_NAME_NOT_FOUND, e.status());
            c.closeHandle(h);
            assertEquals(before, lsa.sessionCount(), "the failed process holds nothing");
        }
        AuditEvent failed = events.stream().filter(ev -> ev.kind().equals(AuditEvent.PROCESS_START)).findFirst()
                .orElseThrow();
        assertFalse(failed.success());
        assertEquals(NtStatus.OBJECT_NAME_NOT_FOUND, failed.status());
        assertEquals("tester", failed.userName());
    }

    @Test
    void anEngineWithoutALauncherIsNotSupported() throws Exception {
        try (LsaEngine lsa = LsaEngine.builder(store(INTERACTIVE_RIGHTS, Set.of())).addPackage(pkg)
                .random(new Random(10)).build();
             LsaConnection c = lsa.registerLogonProcess(lsa.systemToken(), "p")) {
            TokenHandle h = c.logonUser(request("ok:x", Optional.empty())).token();
            LsaException e = assertThrows(LsaException.class, () -> c.createProcessAsUser(h, SPEC));
            assertEquals(NtStatus.NOT_SUPPORTED, e.status());
        }
    }
}
