package org.openlsa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.openlsa.cli.InProcessCli.Run;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a new user and real peers hit first (issue 16): passwords that end before they start, the default password
 * policy of a new domain, serving and administering a state directory as the wrong user, exit codes for state
 * problems, JSON alone on stdout, and the daemon's log. The ordinary-user cases run lsa as a throwaway OS user.
 */
class FirstUseTest {
    private static final String ADMIN_PW = "Adm1n-Passw0rd!";
    private static final String ALICE_PW = "S3cret-Passw0rd";
    private static ChildLsa child;

    /** A parent every user may traverse (JUnit's temporary directories are 0700). */
    private Path base;
    private Path state;

    @BeforeAll
    static void startChildren() throws Exception {
        child = new ChildLsa();
    }

    @AfterAll
    static void stopChildren() throws Exception {
        child.close();
    }

    @BeforeEach
    void init() throws Exception {
        base = Files.createTempDirectory("olsa-first-use-");
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwx--x--x"));
        state = base.resolve("state");
        assertEquals(0, withStdin(ADMIN_PW + "\n", "init", "--domain", "FIRST", "--machine", "HOST1",
                "--password-stdin").exit());
        assertEquals(0, withStdin(ALICE_PW + "\n", "user", "add", "alice", "--password-stdin").exit());
    }

    @org.junit.jupiter.api.AfterEach
    void cleanUp() throws Exception {
        ChildLsa.run("rm", "-rf", base.toString());
    }

    /** lsa in this process on {@link #state}, unless the arguments name another --state first. */
    private Run lsa(String... args) {
        return InProcessCli.lsa(args.length > 0 && args[0].equals("--state") ? null : state, args);
    }

    private Run withStdin(String stdin, String... args) {
        InputStream old = System.in;
        try {
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            return lsa(args);
        } finally {
            System.setIn(old);
        }
    }

    private boolean logsOn(String user, String password) {
        return withStdin(password + "\n", "logon", "-u", user, "--password-stdin").exit() == 0;
    }

    // 1. End of input is not a password.

    @Test
    void endOfInputWherePasswordIsExpectedIsUsageErrorThatChangesNothing() throws Exception {
        Path fresh = base.resolve("fresh");
        Run init = withStdin("", "--state", fresh.toString(), "init", "--password-stdin");
        assertEquals(ExitCode.USAGE, init.exit(), init.err());
        assertTrue(init.err().contains("standard input ended before the password"), init.err());
        assertFalse(Files.exists(fresh), "nothing created");

        Run add = withStdin("", "user", "add", "zed", "--password-stdin");
        assertEquals(ExitCode.USAGE, add.exit(), add.err());
        assertEquals(ExitCode.LSA_STATUS, lsa("user", "show", "zed").exit(), "zed was not created");

        Run passwd = withStdin("", "user", "passwd", "alice", "--password-stdin");
        assertEquals(ExitCode.USAGE, passwd.exit(), passwd.err());
        assertTrue(logsOn("alice", ALICE_PW), "alice keeps her password");

        Run kpasswd = withStdin(ALICE_PW + "\n", "kpasswd", "-u", "alice", "--password-stdin");
        assertEquals(ExitCode.USAGE, kpasswd.exit(), kpasswd.err());
        assertTrue(kpasswd.err().contains("the new password"), kpasswd.err());
        assertFalse(kpasswd.out().contains("Password changed"), kpasswd.out());
        assertTrue(logsOn("alice", ALICE_PW), "alice keeps her password");

        Path empty = Files.createFile(base.resolve("empty.txt"));
        Run emptyFile = lsa("user", "passwd", "alice", "--password-file", empty.toString());
        assertEquals(ExitCode.USAGE, emptyFile.exit(), emptyFile.err());
        Run missing = lsa("user", "passwd", "alice", "--password-file", base.resolve("no-such-file").toString());
        assertEquals(ExitCode.USAGE, missing.exit(), missing.err());
        assertTrue(missing.err().contains("no such file") && !missing.err().contains("unexpected"), missing.err());
        assertTrue(logsOn("alice", ALICE_PW), "alice keeps her password");

        // A last line without its newline is still a line.
        assertEquals(0, withStdin("An0ther-Passw0rd", "user", "passwd", "alice", "--password-stdin").exit());
        assertTrue(logsOn("alice", "An0ther-Passw0rd"));
    }

    // 2. A new domain does not accept empty (or short) passwords; an administrator may lower the policy.

    @Test
    void newDomainRefusesEmptyAndShortPasswordsUntilThePolicyIsLowered() throws Exception {
        JsonNode policy = new ObjectMapper().readTree(lsa("policy", "show", "--json").out());
        assertEquals(7, policy.get("minPasswordLength").asInt());
        assertEquals("42d", policy.get("maxPasswordAge").asText());
        assertEquals(10, policy.get("lockoutThreshold").asInt());

        Run emptyLine = withStdin("\n", "user", "add", "zed", "--password-stdin");
        assertEquals(ExitCode.LSA_STATUS, emptyLine.exit(), emptyLine.err());
        assertTrue(emptyLine.err().contains("STATUS_PASSWORD_RESTRICTION"), emptyLine.err());
        assertEquals(ExitCode.LSA_STATUS, withStdin("Sh0rt!\n", "user", "passwd", "alice", "--password-stdin").exit());

        Path weak = base.resolve("weak");
        Run init = withStdin("\n", "--state", weak.toString(), "init", "--password-stdin");
        assertEquals(ExitCode.LSA_STATUS, init.exit(), init.err());
        assertFalse(Files.exists(weak), "a refused password creates nothing");

        assertEquals(0, lsa("policy", "set", "--min-password-length", "0").exit());
        Run stillComplex = withStdin("\n", "user", "add", "zed", "--password-stdin");
        assertEquals(ExitCode.LSA_STATUS, stillComplex.exit(), "an empty password has no character of any kind");
        assertTrue(stillComplex.err().contains("complexity"), stillComplex.err());
        assertEquals(0, lsa("policy", "set", "--complexity", "false").exit());
        assertEquals(0, withStdin("\n", "user", "add", "zed", "--password-stdin").exit(), "lowered explicitly");
    }

    // 3. Root does not serve (and litter) a state directory another user owns.

    @Test
    void rootRefusesToServeAnotherUsersStateDirectory() throws Exception {
        String user = child.newUser();
        ChildLsa.run("chown", "-R", user + ":", state.toString());
        List<String> before = listing(state);
        // In a child process: before the fix this served (as root, creating root-owned files) until the timeout.
        ChildLsa.Result serve = child.lsa(null, "", "--state", state.toString(), "serve", "--no-kdc");
        assertEquals(ExitCode.STATE, serve.exit(), serve.err());
        assertTrue(serve.err().contains("belongs to " + user) && serve.err().contains("run 'lsa serve' as " + user),
                serve.err());
        assertEquals(before, listing(state), "no file left behind");
    }

    private static List<String> listing(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    // 4. State directory problems exit 6, with a message that says which.

    @Test
    void anOrdinaryUserOnRootsStateDirectoryGetsAPermissionMessageAndExitSix() throws Exception {
        String user = child.newUser();
        for (String[] args : List.of(new String[] {"policy", "show"}, new String[] {"user", "list"},
                new String[] {"krb5conf"}, new String[] {"audit"})) {
            List<String> all = new ArrayList<>(List.of("--state", state.toString()));
            all.addAll(List.of(args));
            ChildLsa.Result r = child.lsa(user, "", all.toArray(String[]::new));
            assertEquals(ExitCode.STATE, r.exit(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.err().contains("permission denied") && r.err().contains("belongs to root"),
                    String.join(" ", args) + ": " + r.err());
            assertFalse(r.err().contains("INTERNAL_ERROR") || r.err().contains("unexpected"), r.err());
        }
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwx------")); // not even searchable
        ChildLsa.Result closed = child.lsa(user, "", "--state", state.toString(), "user", "list");
        assertEquals(ExitCode.STATE, closed.exit(), closed.err());
        assertTrue(closed.err().contains("permission denied: " + state + " belongs to root"), closed.err());
        ChildLsa.Result init = child.lsa(user, ADMIN_PW + "\n", "--state", base.resolve("not-here").toString(), "init",
                "--password-stdin");
        assertEquals(ExitCode.STATE, init.exit(), init.err());
        assertTrue(init.err().contains("cannot create the state directory") && init.err().contains("permission denied"),
                init.err());
    }

    @Test
    void damagedMissingAndUninitializedStateDirectoriesExitSix() throws Exception {
        Path garbage = base.resolve("garbage");
        Files.createDirectory(garbage);
        Files.write(garbage.resolve("sam.db"), "this is not an SQLite database, not even close to one".repeat(100)
                .getBytes(StandardCharsets.US_ASCII));
        for (String[] args : List.of(new String[] {"policy", "show"}, new String[] {"user", "list"},
                new String[] {"serve", "--no-kdc"})) {
            Run r = lsa(concat("--state", garbage.toString(), args));
            assertEquals(ExitCode.STATE, r.exit(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.err().contains("cannot use " + garbage.resolve("sam.db")), r.err());
        }
        Path none = base.resolve("none");
        Run serve = lsa("--state", none.toString(), "serve", "--no-kdc");
        assertEquals(ExitCode.STATE, serve.exit(), serve.err());
        assertTrue(serve.err().contains("run 'lsa init"), serve.err());
        Run audit = lsa("--state", none.toString(), "audit");
        assertEquals(ExitCode.STATE, audit.exit(), audit.err());
        Files.createDirectory(none);
        assertEquals(ExitCode.STATE, lsa("--state", none.toString(), "audit").exit(), "exists, not initialized");
    }

    private static String[] concat(String a, String b, String[] rest) {
        List<String> all = new ArrayList<>(List.of(a, b));
        all.addAll(List.of(rest));
        return all.toArray(String[]::new);
    }

    // 5. --json: JSON alone on stdout.

    @Test
    void logonJsonHoldPrintsOnlyJsonOnStdout() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(child.command(null, "--state", state.toString(), "logon", "-u", "alice",
                "--password-stdin", "--json", "--hold"));
        Path out = base.resolve("hold.out");
        Path err = base.resolve("hold.err");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            p.getOutputStream().write((ALICE_PW + "\n").getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(err).contains("Holding logon session") && p.isAlive()
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(Files.readString(err).contains("Holding logon session"), Files.readString(err));
        } finally {
            p.destroy(); // SIGTERM: the hold ends
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        }
        JsonNode j = new ObjectMapper().readTree(Files.readString(out)); // fails on anything after the document
        assertEquals("STATUS_SUCCESS", j.get("status").asText());
        assertFalse(Files.readString(out).contains("Holding"), Files.readString(out));
    }

    @Test
    void auditJsonOfAnEmptyLogPrintsNothingOnStdout() {
        Run r = lsa("audit", "--json");
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.out());
    }

    // 6. The daemon's log: one line per record, a level that can be set, each start-up line once.

    private static final Pattern LOG_LINE = Pattern.compile(
            "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z (ERROR|WARNING|INFO|DEBUG|TRACE) \\S+: .*");

    @Test
    void serveAnnouncesItselfOnceAndLogsOneLinePerRecordAtTheChosenLevel() throws Exception {
        String info = serveBriefly();
        assertEquals(1, count(info, "serving " + state + " on "), info);
        assertEquals(1, count(info, "kdc: serving"), info);
        for (String line : stderrOf(info)) {
            assertTrue(LOG_LINE.matcher(line).matches(), "not a one-line record: " + line);
        }
        String debug = serveBriefly("--log-level", "debug");
        List<String> debugLines = stderrOf(debug);
        assertTrue(debugLines.stream().anyMatch(l -> l.contains(" DEBUG org.openlsa.")), debug);
        for (String line : debugLines) {
            assertTrue(LOG_LINE.matcher(line).matches(), "not a one-line record: " + line);
        }
        Run bad = lsa("serve", "--log-level", "loud");
        assertEquals(ExitCode.USAGE, bad.exit(), bad.err());
    }

    /** Runs lsa serve in a child process until it announces the KDC, then SIGTERM; stdout, "--stderr--", stderr. */
    private String serveBriefly(String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("--state", state.toString(), "serve", "--kdc-port", "0"));
        args.addAll(List.of(options));
        Path out = base.resolve("serve.out");
        Path err = base.resolve("serve.err");
        Process p = new ProcessBuilder(child.command(null, args.toArray(String[]::new)))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            p.getOutputStream().close();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(out).contains("kdc: serving") && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        } finally {
            p.destroy(); // SIGTERM: a clean stop
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(0, p.exitValue(), Files.readString(err));
        return Files.readString(out) + "--stderr--\n" + Files.readString(err);
    }

    private static List<String> stderrOf(String both) {
        return both.substring(both.indexOf("--stderr--\n") + "--stderr--\n".length()).lines().toList();
    }

    private static int count(String text, String what) {
        return (int) Pattern.compile(Pattern.quote(what)).matcher(text).results().count();
    }
}
