package org.openlsa.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The PAM session helper with Linux-PAM itself: a throwaway service in /etc/pam.d whose session stack runs pam_exec
 * (a hook that records open_session and close_session with the user, requesting user and tty PAM saw) and pam_env (a
 * variable the program must see), and whose account stack allows or denies. Needs root, as the launcher's tests do.
 */
class PamSessionMainTest {
    private static Path dir;
    private static Path log;
    private static PamTestServices services;
    private static String allow;
    private static String deny;

    @BeforeAll
    static void services() throws Exception {
        assertTrue(Files.readAllLines(Path.of("/proc/self/status")).stream().anyMatch(l -> l.matches("Uid:\\s+0\\s.*")),
                "writing /etc/pam.d needs root");
        services = PamTestServices.create("olsa-pam-", "$PAM_TYPE $PAM_SERVICE $PAM_USER $PAM_RUSER");
        dir = services.dir;
        log = services.log;
        allow = services.allow;
        deny = services.deny;
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (services != null) {
            services.close();
        }
    }

    @Test
    void theSessionIsOpenWhileTheProgramRunsAndClosedAfterIt() throws Exception {
        Files.deleteIfExists(log);
        Result r = helper(allow, "/bin/sh", "-c",
                "echo during:$(cat " + log + " | tr '\\n' ,); echo env:$OLSA_FROM_PAM:$OLSA_FROM_LAUNCHER:$OLSA_STATUS:;"
                        + " exit 7");
        assertEquals(0, r.exit, r.stderr);
        List<String> status = r.status;
        assertEquals(2, status.size(), status.toString());
        assertTrue(status.get(0).matches("P [0-9]+"), status.toString());
        assertEquals("X 7", status.get(1), "the program's exit value, reported after the close");
        assertTrue(r.stdout.contains("during:open_session " + allow + " nobody root,"), r.stdout);
        assertTrue(r.stdout.contains("env:yes:given::"), "pam_env's variable and the launcher's environment reach"
                + " the program, the helper's own environment does not: " + r.stdout);
        assertEquals(List.of("open_session " + allow + " nobody root", "close_session " + allow + " nobody root"),
                Files.readAllLines(log));
    }

    @Test
    void anAccountTheStackRefusesNeverStartsTheProgram() throws Exception {
        Files.deleteIfExists(log);
        Path marker = dir.resolve("ran");
        Result r = helper(deny, "/bin/sh", "-c", "touch " + marker); // pam_deny: PAM_AUTH_ERR (7)
        assertEquals(1, r.exit);
        assertEquals(1, r.status.size(), r.status.toString());
        assertTrue(r.status.getFirst().startsWith("E 7 pam_acct_mgmt: "), r.status.toString());
        assertTrue(Files.notExists(marker), "the program must not run");
        assertTrue(Files.notExists(log), "no session was opened");
    }

    @Test
    void aTerminationSignalReachesTheProgramAndTheSessionStillCloses() throws Exception {
        Files.deleteIfExists(log);
        Path status = dir.resolve("status-signal");
        Process p = start(allow, status, "/bin/sleep", "60");
        String first = awaitLine(status);
        assertTrue(first.matches("P [0-9]+"), first);
        p.destroy(); // SIGTERM to the helper
        assertEquals(0, p.waitFor());
        assertEquals(List.of(first, "X 143"), Files.readAllLines(status), "sleep died of the forwarded SIGTERM");
        assertEquals(2, Files.readAllLines(log).size(), "opened and closed");
    }

    @Test
    void usr1KillsTheProgramAndTheSessionStillCloses() throws Exception {
        Files.deleteIfExists(log);
        Path status = dir.resolve("status-usr1");
        Process p = start(allow, status, "/bin/sleep", "60");
        String first = awaitLine(status);
        assertEquals(0, new ProcessBuilder("kill", "-USR1", Long.toString(p.pid())).start().waitFor());
        assertEquals(0, p.waitFor());
        assertEquals(List.of(first, "X 137"), Files.readAllLines(status), "sleep died of SIGKILL");
        assertEquals(2, Files.readAllLines(log).size(), "opened and closed");
    }

    private record Result(int exit, String stdout, String stderr, List<String> status) {}

    private static Result helper(String service, String... command) throws Exception {
        Path status = dir.resolve("status-" + System.nanoTime());
        Process p = start(service, status, command);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        return new Result(exit, out, err, Files.readAllLines(status));
    }

    /** The helper as the launcher runs it, with descriptor 3 a file standing in for the status pipe. */
    private static Process start(String service, Path status, String... command) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", "exec \"$@\" 3>\"$OLSA_STATUS\" 4<\"$OLSA_ENV\"", "sh", java,
                "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), PamSessionMain.class.getName(), service, "nobody", "root", "--"));
        cmd.addAll(List.of(command));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("OLSA_STATUS", status.toString());
        Path env = dir.resolve("env-" + System.nanoTime());
        Files.writeString(env, "PATH=/usr/bin:/bin\0OLSA_FROM_LAUNCHER=given\0");
        pb.environment().put("OLSA_ENV", env.toString());
        return pb.start();
    }

    private static String awaitLine(Path file) throws Exception {
        for (int i = 0; i < 600; i++) {
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file);
                if (!lines.isEmpty()) {
                    return lines.getFirst();
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the helper wrote no status line in 30 s");
    }
}
