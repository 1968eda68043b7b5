package org.openlsa.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.idmap.UnixCredentials;

/**
 * The launcher with a PAM service configured (docs/launch.md, "PAM session"): the program runs as the throwaway
 * user under the service's session, which opens before it and closes after it; an account the stack refuses never
 * runs; kill() still closes the session. Needs root.
 */
class LauncherPamTest {
    private static PamTestServices services;
    private static Path dir;
    private static Path log;
    private static String user;
    private static UnixCredentials credentials;
    private static String allow;
    private static String deny;

    @BeforeAll
    static void setUp() throws Exception {
        assertEquals("0", sh("id -u").strip(), "these tests need root");
        services = PamTestServices.create("olsa-lpam-", "$PAM_TYPE $PAM_USER");
        dir = services.dir;
        log = services.log;
        allow = services.allow;
        deny = services.deny;
        user = "olsa-lpam-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xFFFFF));
        sh("useradd -M -r -s /usr/sbin/nologin " + user);
        credentials = new UnixCredentials(Long.parseLong(sh("id -u " + user).strip()),
                Long.parseLong(sh("id -g " + user).strip()), List.of());
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (user != null) {
            sh("userdel " + user);
        }
        if (services != null) {
            services.close();
        }
    }

    private static LaunchPolicy pam(String service) {
        return new LaunchPolicy(Optional.of(service));
    }

    @Test
    void theProgramRunsAsTheUserInsideTheSession() throws Exception {
        Files.deleteIfExists(log);
        ProcessSpec spec = ProcessSpec.of(Path.of("/bin/sh")).arguments("-c",
                        "id -u; echo pam:$OLSA_FROM_PAM spec:$OLSA_SPEC; cat " + log + "; exit 5")
                .environment("OLSA_SPEC", "given").workingDirectory(dir).stdin(Stdio.NULL).stdout(Stdio.PIPE).build();
        LaunchedProcess p = Launcher.system().start(credentials, spec, pam(allow));
        String out = new String(p.stdout().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(new ExitStatus.Exited(5), p.waitFor());
        assertEquals(List.of(Long.toString(credentials.uid()), "pam:yes spec:given", "open_session " + user),
                out.lines().toList());
        assertEquals(List.of("open_session " + user, "close_session " + user), Files.readAllLines(log),
                "the session closes once the program has ended, before its end is reported");
    }

    @Test
    void theHandlesPidIsTheProgramsAndKillStillClosesTheSession() throws Exception {
        Files.deleteIfExists(log);
        ProcessSpec spec = ProcessSpec.of(Path.of("/bin/sleep")).arguments("60").workingDirectory(dir)
                .stdin(Stdio.NULL).stdout(Stdio.NULL).stderr(Stdio.NULL).build();
        LaunchedProcess p = Launcher.system().start(credentials, spec, pam(allow));
        String comm = Files.readString(Path.of("/proc/" + p.pid() + "/comm")).strip();
        assertEquals("sleep", comm, "pid() names the program, not the helper");
        long ppid = Long.parseLong(Files.readString(Path.of("/proc/" + p.pid() + "/stat")).split("\\) ")[1]
                .split(" ")[1]);
        assertNotEquals(ProcessHandle.current().pid(), ppid, "the helper is the program's parent");
        p.kill();
        assertEquals(new ExitStatus.Signaled(9), p.waitFor());
        assertEquals(List.of("open_session " + user, "close_session " + user), Files.readAllLines(log));
    }

    @Test
    void anAccountTheStackRefusesIsAccountRestrictionAndNeverRuns() throws Exception {
        Files.deleteIfExists(log);
        Path marker = dir.resolve("ran");
        ProcessSpec spec = ProcessSpec.of(Path.of("/bin/touch")).arguments(marker.toString()).workingDirectory(dir)
                .stdin(Stdio.NULL).stdout(Stdio.NULL).stderr(Stdio.NULL).build();
        LsaException e = assertThrows(LsaException.class,
                () -> Launcher.system().start(credentials, spec, pam(deny)));
        assertEquals(NtStatus.ACCOUNT_RESTRICTION, e.status(), e.getMessage());
        assertTrue(e.getMessage().contains(deny), e.getMessage());
        assertTrue(Files.notExists(marker));
        assertTrue(Files.notExists(log), "no session was opened");
    }

    @Test
    void aUidWithoutPasswdEntryIsNoSuchUserUnderPam() {
        UnixCredentials nobodyKnows = new UnixCredentials(1_999_999_001L, 1_999_999_001L, List.of());
        ProcessSpec spec = ProcessSpec.of(Path.of("/bin/true")).workingDirectory(Path.of("/")).build();
        LsaException e = assertThrows(LsaException.class,
                () -> Launcher.system().start(nobodyKnows, spec, pam(allow)));
        assertEquals(NtStatus.NO_SUCH_USER, e.status(), e.getMessage());
    }

    @Test
    void pamFailureLinesMapToTheDocumentedStatuses() {
        assertEquals(NtStatus.ACCOUNT_EXPIRED, Launcher.pamFailure("s", "E 13 pam_acct_mgmt: expired").status());
        assertEquals(NtStatus.PASSWORD_MUST_CHANGE, Launcher.pamFailure("s", "E 12 pam_acct_mgmt: x").status());
        assertEquals(NtStatus.NO_SUCH_USER, Launcher.pamFailure("s", "E 10 pam_acct_mgmt: x").status());
        assertEquals(NtStatus.ACCOUNT_RESTRICTION, Launcher.pamFailure("s", "E 6 pam_acct_mgmt: x").status());
        assertEquals(NtStatus.UNSUCCESSFUL, Launcher.pamFailure("s", "E 4 pam_open_session: x").status());
        assertEquals(NtStatus.UNSUCCESSFUL, Launcher.pamFailure("s", "").status());
        assertTrue(Launcher.pamFailure("s", "E 6 pam_acct_mgmt: \u001b[31mred").getMessage().contains("?[31mred"),
                "control characters of a module's message are not passed on");
    }

    private static String sh(String command) throws Exception {
        Process p = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(Duration.ofSeconds(30).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                || p.exitValue() != 0) {
            throw new IllegalStateException(command + " failed: " + out);
        }
        return out;
    }
}
