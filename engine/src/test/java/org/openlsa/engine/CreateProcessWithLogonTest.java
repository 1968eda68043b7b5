package org.openlsa.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openlsa.engine.EngineTest.INTERACTIVE_RIGHTS;
import static org.openlsa.engine.EngineTest.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openlsa.core.AccessToken;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.core.SecurityLogonType;
import org.openlsa.core.WellKnownSids;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.engine.CreateProcessAsUserTest.FakeLauncher;
import org.openlsa.launch.ExitStatus;
import org.openlsa.launch.ProcessSpec;

/**
 * CreateProcessWithLogon in the engine (docs/lsa-behaviour.md, "CreateProcessWithLogon"): an untrusted caller who
 * knows the account's password starts a process as the account, without the privilege CreateProcessAsUser would
 * need; the logon's own rules apply; the token handle never outlives the call; the process holds the session; the
 * audit names the account and the caller. Over the password package double (user "tester" has the right password,
 * any other name the wrong one) and the launcher double.
 */
class CreateProcessWithLogonTest {
    private static final ProcessSpec SPEC = ProcessSpec.of(Path.of("/usr/bin/id")).arguments("-u").build();

    private final FakeLauncher launcher = new FakeLauncher();
    private final EngineTest.PasswordPackage pkg = new EngineTest.PasswordPackage();
    private final List<AuditEvent> events = new CopyOnWriteArrayList<>();

    @TempDir
    Path dir;

    private LsaEngine engine() throws LsaException {
        return engine(events::add);
    }

    private LsaEngine engine(AuditSink audit) throws LsaException {
        return LsaEngine.builder(store(INTERACTIVE_RIGHTS, Set.of())).addPackage(pkg).random(new Random(11))
                .clock(InstantSource.fixed(Instant.parse("2026-12-07T21:00:00Z"))).audit(audit)
                .processLauncher(launcher).build();
    }

    private static SecretBytes password() {
        return SecretBytes.copyOf("hunter2".getBytes(StandardCharsets.UTF_16LE));
    }

    @Test
    void anUntrustedCallerWithThePasswordStartsAProcessAsTheAccountWithoutAPrivilege() throws Exception {
        try (LsaEngine lsa = engine();
             LsaConnection bob = lsa.connectUntrusted(lsa.tokenForUnixCaller(4000, 4000));
             SecretBytes pw = password()) {
            UserProcess p = bob.createProcessWithLogon("tester", "DOM", pw, "msv1_0", SecurityLogonType.INTERACTIVE,
                    SPEC);
            FakeLauncher.Call call = launcher.calls.getFirst();
            AccessToken t = call.token();
            assertEquals(EngineTest.USER, t.user().sid(), "the account's token, not the caller's");
            assertEquals(SPEC, call.spec());
            assertEquals("tester", call.accountName());
            assertTrue(t.hasEnabledSid(WellKnownSids.LOCAL), "LOCAL, as LogonUser gives it");
            assertTrue(t.logonSid().isPresent(), "a fresh logon SID, as LogonUser gives it");
            assertEquals("seclogo", t.source().trimmedName());
            assertFalse(pw.isDestroyed(), "the caller's password is the caller's to close");
            assertTrue(pkg.encoded.getFirst().isDestroyed(), "the logon structure holding the password is gone");
            p.terminate();
            assertEquals(new ExitStatus.Signaled(15), p.waitFor());

            // The same caller with the same password through LogonUser + CreateProcessAsUser needs the privilege:
            // the exemption belongs to CreateProcessWithLogon alone.
            TokenHandle h = bob.logonUserWithPassword("tester", "DOM", pw, Logon32.LOGON_INTERACTIVE,
                    Logon32.PROVIDER_DEFAULT);
            assertEquals(NtStatus.PRIVILEGE_NOT_HELD,
                    assertThrows(LsaException.class, () -> bob.createProcessAsUser(h, SPEC)).status());
            assertEquals(1, launcher.calls.size());
        }
    }

    @Test
    void aWrongPasswordIsLogonFailureAndStartsNothing() throws Exception {
        try (LsaEngine lsa = engine();
             LsaConnection bob = lsa.connectUntrusted(lsa.tokenForUnixCaller(4000, 4000));
             SecretBytes pw = password()) {
            int before = lsa.sessionCount();
            LsaException e = assertThrows(LsaException.class, () -> bob.createProcessWithLogon("other", "DOM", pw,
                    "MSV1_0", SecurityLogonType.INTERACTIVE, SPEC));
            assertEquals(NtStatus.LOGON_FAILURE, e.status());
            assertEquals(NtStatus.SUCCESS, e.subStatus(), "an untrusted caller learns no SubStatus");
            assertTrue(launcher.calls.isEmpty());
            assertEquals(before, lsa.sessionCount());
            assertFalse(bob.holdsObjects());
        }
    }

    @Test
    void aLogonTypeThatMakesNoPrimaryTokenIsInvalidParameterBeforeAnyLogon() throws Exception {
        try (LsaEngine lsa = engine();
             LsaConnection bob = lsa.connectUntrusted(lsa.tokenForUnixCaller(4000, 4000));
             SecretBytes pw = password()) {
            for (SecurityLogonType type : List.of(SecurityLogonType.NETWORK, SecurityLogonType.NETWORK_CLEARTEXT,
                    SecurityLogonType.UNLOCK, SecurityLogonType.NEW_CREDENTIALS)) {
                LsaException e = assertThrows(LsaException.class, () -> bob.createProcessWithLogon("tester", "DOM", pw,
                        "MSV1_0", type, SPEC));
                assertEquals(NtStatus.INVALID_PARAMETER, e.status(), type.toString());
            }
            assertTrue(pkg.encoded.isEmpty(), "no logon was tried");
            assertTrue(launcher.calls.isEmpty());
        }
    }

    @Test
    void theAccountsLogonRightsAndThePackageNameApply() throws Exception {
        try (LsaEngine lsa = engine();
             LsaConnection bob = lsa.connectUntrusted(lsa.tokenForUnixCaller(4000, 4000));
             SecretBytes pw = password()) {
            // The store grants interactive logon only: a batch logon is not granted, as for LogonUser.
            LsaException batch = assertThrows(LsaException.class, () -> bob.createProcessWithLogon("tester", "DOM",
                    pw, "MSV1_0", SecurityLogonType.BATCH, SPEC));
            assertEquals(NtStatus.LOGON_TYPE_NOT_GRANTED, batch.status());
            LsaException unknown = assertThrows(LsaException.class, () -> bob.createProcessWithLogon("tester", "DOM",
                    pw, "NoSuchPackage", SecurityLogonType.INTERACTIVE, SPEC));
            assertEquals(NtStatus.NO_SUCH_PACKAGE, unknown.status());
            assertTrue(launcher.calls.isEmpty());
            assertFalse(bob.holdsObjects());
        }
    }

    @Test
    void theProcessAloneHoldsTheSessionWhichEndsWithItAndTheCallerHoldsNoHandle() throws Exception {
        try (LsaEngine lsa = engine();
             LsaConnection bob = lsa.connectUntrusted(lsa.tokenForUnixCaller(4000, 4000));
             SecretBytes pw = password()) {
            int before = lsa.sessionCount();
            UserProcess p = bob.createProcessWithLogon("tester", "DOM", pw, "MSV1_0", SecurityLogonType.INTERACTIVE,
                    SPEC);
            assertFalse(bob.holdsObjects(), "the token handle was closed at the end of the call");
            assertEquals(before + 1, lsa.sessionCount(), "the running process keeps the session");
            assertTrue(p.isAlive());
            launcher.started.getFirst().exit.complete(new ExitStatus.Exited(7));
            assertEquals(new ExitStatus.Exited(7), p.waitFor());
            assertEquals(before, lsa.sessionCount(), "the process was the session's last reference");
            assertFalse(bob.holdsObjects());
        }
    }

    @Test
    void aLaunchFailureEndsTheNewSessionAndLeavesNoHandle() throws Exception {
        launcher.failure = new LsaException(NtStatus.OBJECT_NAME_NOT_FOUND, "no such program: /usr/bin/id");
        try (LsaEngine lsa = engine();
             LsaConnection bob = lsa.connectUntrusted(lsa.tokenForUnixCaller(4000, 4000));
             SecretBytes pw = password()) {
            int before = lsa.sessionCount();
            LsaException e = assertThrows(LsaException.class, () -> bob.createProcessWithLogon("tester", "DOM", pw,
                    "MSV1_0", SecurityLogonType.INTERACTIVE, SPEC));
            assertEquals(NtStatus.OBJECT_NAME_NOT_FOUND, e.status());
            assertEquals(before, lsa.sessionCount());
            assertFalse(bob.holdsObjects());
        }
    }

    @Test
    void theAuditNamesTheAccountAndTheCallerInTheLogonTheStartTheExitAndTheLogoff() throws Exception {
        Path log = dir.resolve("audit.jsonl");
        try (JsonLinesAuditLog audit = JsonLinesAuditLog.open(log);
             LsaEngine lsa = engine(e -> {
                 events.add(e);
                 audit.record(e);
             });
             LsaConnection bob = lsa.connectUntrusted(lsa.tokenForUnixCaller(4000, 4000));
             SecretBytes pw = password()) {
            UserProcess p = bob.createProcessWithLogon("tester", "DOM", pw, "MSV1_0", SecurityLogonType.INTERACTIVE,
                    SPEC);
            launcher.started.getFirst().exit.complete(new ExitStatus.Exited(0));
            p.waitFor();
        }
        List<String> kinds = events.stream().map(AuditEvent::kind).toList();
        assertEquals(List.of(AuditEvent.LOGON, AuditEvent.PROCESS_START, AuditEvent.PROCESS_EXIT, AuditEvent.LOGOFF),
                kinds);
        String callerSid = WellKnownSids.unixUser(4000).toString();
        for (AuditEvent e : events.subList(0, 3)) {
            assertEquals("tester", e.userName(), e.toString());
            assertEquals(callerSid, e.caller().toString(), e.toString());
            assertEquals("Unix User\\4000", e.callerName(), e.toString());
            assertEquals("CreateProcessWithLogon", e.origin(), e.toString());
        }
        List<String> lines = Files.readAllLines(log);
        assertTrue(lines.get(0).contains("\"eventId\":4624") && lines.get(0).contains("\"callerName\":\"Unix User\\\\4000\""),
                lines.get(0));
        assertTrue(lines.get(1).contains("\"eventId\":4688") && lines.get(1).contains("\"user\":\"tester\"")
                && lines.get(1).contains("\"callerName\":\"Unix User\\\\4000\""), lines.get(1));
    }

    @Test
    void aFailedLogonIsAuditedWithTheCaller() throws Exception {
        try (LsaEngine lsa = engine();
             LsaConnection bob = lsa.connectUntrusted(lsa.tokenForUnixCaller(4000, 4000));
             SecretBytes pw = password()) {
            assertThrows(LsaException.class, () -> bob.createProcessWithLogon("other", "DOM", pw, "MSV1_0",
                    SecurityLogonType.INTERACTIVE, SPEC));
        }
        AuditEvent failed = events.getFirst();
        assertEquals(AuditEvent.LOGON, failed.kind());
        assertFalse(failed.success());
        assertEquals(NtStatus.WRONG_PASSWORD, failed.subStatus(), "the log has the full SubStatus");
        assertEquals("Unix User\\4000", failed.callerName());
    }
}
