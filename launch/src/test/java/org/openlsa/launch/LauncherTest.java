package org.openlsa.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.core.QuotaLimits;
import org.openlsa.idmap.UnixCredentials;

/**
 * The launcher with real programs as a real throwaway OS user (tests run as root, as in CI): what the child holds is
 * read from the kernel (/proc/self/status, limits, stat, fd) and from id(1) and env(1), and compared with the
 * credentials, the spec, and what setpriv run directly gives for the same identity.
 */
class LauncherTest {
    private static final long GROUP_A = 424_242;
    private static final long GROUP_B = 424_243;

    private static String user;
    private static long uid;
    private static long gid;
    private static Path dir;
    private static UnixCredentials credentials;
    private final Launcher launcher = Launcher.system();

    @BeforeAll
    static void createUser() throws Exception {
        assertEquals("0", run("id", "-u").strip(), "these tests start processes as another user and need root");
        user = "olsa-launch-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xFFFFF));
        run("useradd", "-M", "-r", "-s", "/usr/sbin/nologin", user);
        uid = Long.parseLong(run("id", "-u", user).strip());
        gid = Long.parseLong(run("id", "-g", user).strip());
        credentials = new UnixCredentials(uid, gid, List.of(GROUP_B, gid, GROUP_A));
        dir = Files.createTempDirectory("olsa-launch-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterAll
    static void deleteUser() throws Exception {
        if (user != null) {
            run("userdel", user);
        }
        if (dir != null) {
            run("rm", "-rf", dir.toString());
        }
    }

    @Test
    void theChildHoldsExactlyTheCredentialsNoNewPrivsAndNoCapabilitiesAsSetprivDirectlyGives() throws Exception {
        Map<String, String> status = statusFields(output(credentials, ProcessSpec.of(Path.of("/bin/cat"))
                .arguments("/proc/self/status")));
        assertEquals(uid + "\t" + uid + "\t" + uid + "\t" + uid, status.get("Uid"));
        assertEquals(gid + "\t" + gid + "\t" + gid + "\t" + gid, status.get("Gid"));
        assertEquals(new TreeSet<>(List.of(gid, GROUP_A, GROUP_B)), Arrays.stream(status.get("Groups").split("\\s+"))
                .map(Long::parseLong).collect(Collectors.toCollection(TreeSet::new)));
        assertEquals("1", status.get("NoNewPrivs"));
        for (String cap : List.of("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb")) {
            assertEquals("0000000000000000", status.get(cap), cap);
        }

        // The same identity through setpriv alone, as a person would type it.
        Map<String, String> direct = statusFields(run("setpriv", "--reuid=" + uid, "--regid=" + gid,
                "--groups=" + GROUP_B + "," + gid + "," + GROUP_A, "--inh-caps=-all", "--bounding-set=-all",
                "--no-new-privs", "--", "cat", "/proc/self/status"));
        for (String field : List.of("Uid", "Gid", "Groups", "NoNewPrivs", "CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb",
                "Seccomp")) {
            assertEquals(direct.get(field), status.get(field), field);
        }
    }

    @Test
    void idSeesTheUserItsPrimaryGroupAndTheGivenGroupsNotEtcGroup() throws Exception {
        String id = output(credentials, ProcessSpec.of(Path.of("/usr/bin/id"))).strip();
        assertTrue(id.startsWith("uid=" + uid + "(" + user + ") gid=" + gid + "("), id);
        assertTrue(id.contains(GROUP_A + "") && id.contains(GROUP_B + ""), id);
        // No supplementary group at all: setpriv --clear-groups, not the passwd entry's groups.
        String bare = output(new UnixCredentials(uid, gid, List.of()), ProcessSpec.of(Path.of("/usr/bin/id"))
                .arguments("-G")).strip();
        assertEquals(Long.toString(gid), bare);
    }

    @Test
    void theEnvironmentIsTheLoginEnvironmentPlusTheSpecsAndNothingOfTheJvms() throws Exception {
        String env = output(credentials, ProcessSpec.of(Path.of("/usr/bin/env")).environment("LANG", "C.UTF-8"));
        Map<String, String> expected = new TreeMap<>(Map.of(
                "HOME", "/home/" + user, // useradd's default, even with -M
                "SHELL", "/usr/sbin/nologin",
                "USER", user,
                "LOGNAME", user,
                "PATH", LoginDefs.host().userPath(),
                "LANG", "C.UTF-8"));
        assertEquals(expected, parseEnv(env));
        assertEquals(run("getent", "passwd", user).strip().split(":")[5], expected.get("HOME"));

        String replaced = output(credentials, ProcessSpec.of(Path.of("/usr/bin/env")).environment("PATH", "/opt/x")
                .environment("HOME", dir.toString()));
        assertEquals("/opt/x", parseEnv(replaced).get("PATH"));
        assertEquals(dir.toString(), parseEnv(replaced).get("HOME"));
        assertEquals(6 - 1, parseEnv(replaced).size());
    }

    @Test
    void rootsLoginEnvironmentIsItsPasswdEntryWithTheSuperuserPath() throws Exception {
        String[] passwd = run("getent", "passwd", "0").strip().split(":");
        assertEquals(Map.of("HOME", passwd[5], "SHELL", passwd[6], "USER", passwd[0], "LOGNAME", passwd[0],
                "PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"), Launcher.loginEnvironment(0));
        // A uid no passwd entry has: its number, / and /bin/sh.
        long stranger = 3_999_999_999L;
        assertEquals("", run("sh", "-c", "getent passwd " + stranger + " || true").strip());
        assertEquals(Map.of("HOME", "/", "SHELL", "/bin/sh", "USER", "3999999999", "LOGNAME", "3999999999",
                "PATH", LoginDefs.host().userPath()), Launcher.loginEnvironment(stranger));
    }

    @Test
    void noDescriptorBeyondStdioReachesTheChildEvenOneWithoutCloseOnExec() throws Throwable {
        // The JVM has many descriptors open (jars, this file), and one opened without O_CLOEXEC, which every exec
        // would pass on unless the launcher closes it: none may cross.
        int inheritable = TestLibc.openInheritable("/etc/passwd");
        try (OpenDescriptor held = OpenDescriptor.adopt(inheritable);
             InputStream alsoHeld = Files.newInputStream(Path.of("/etc/passwd"))) {
            assertTrue(Files.isSymbolicLink(Path.of("/proc/self/fd/" + held.fd())), "the test's descriptor is open");
            String listing = output(credentials, ProcessSpec.of(Path.of("/bin/ls")).arguments("-l", "/proc/self/fd"));
            List<String> fds = new ArrayList<>();
            for (String line : listing.split("\n")) {
                String[] parts = line.trim().split("\\s+");
                // "lrwx------ 1 u g 64 date 0 -> /dev/null"; ls's own handle on the directory it lists is left out.
                if (parts.length > 3 && parts[parts.length - 2].equals("->")
                        && !parts[parts.length - 1].matches("/proc/\\d+/fd")) {
                    fds.add(parts[parts.length - 3]);
                }
            }
            assertEquals(List.of("0", "1", "2"), fds, listing);
            assertTrue(alsoHeld.read() >= 0);
        }
        assertFalse(Files.exists(Path.of("/proc/self/fd/" + inheritable), LinkOption.NOFOLLOW_LINKS)
                && Files.readSymbolicLink(Path.of("/proc/self/fd/" + inheritable)).toString().equals("/etc/passwd"),
                "OpenDescriptor.close closed it");
    }

    @Test
    void aDescriptorThisProcessHoldsBecomesTheProgramsStandardOutput() throws Throwable {
        int[] pipe = TestLibc.pipe();
        try (OpenDescriptor read = OpenDescriptor.adopt(pipe[0])) {
            LaunchedProcess p;
            try (OpenDescriptor write = OpenDescriptor.adopt(pipe[1])) {
                p = launcher.start(credentials, ProcessSpec.of(Path.of("/bin/sh"))
                        .arguments("-c", "echo through the descriptor; ls -l /proc/self/fd/1")
                        .stdout(Stdio.descriptor(write)).build());
                // The launcher keeps nothing: once the owner closes its end, the program's is the only writer.
            }
            String out;
            try (InputStream in = new java.io.FileInputStream("/proc/self/fd/" + read.fd())) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertEquals(new ExitStatus.Exited(0), p.waitFor());
            assertTrue(out.startsWith("through the descriptor\n"), out);
            assertTrue(out.contains("pipe:[" + Files.readSymbolicLink(Path.of("/proc/self/fd/" + read.fd()))
                    .toString().replaceAll("\\D", "") + "]"), "the same pipe, not a copy: " + out);
        }
    }

    @Test
    void aClosedDescriptorAMissingInputFileAndDup() throws Exception {
        OpenDescriptor copy = OpenDescriptor.dup(1);
        assertTrue(copy.fd() >= 3, "numbered above the standard streams: " + copy.fd());
        copy.close();
        copy.close(); // once: the second is nothing
        assertFalse(copy.isOpen());
        LsaException closed = assertThrows(LsaException.class, () -> launcher.start(credentials,
                ProcessSpec.of(Path.of("/bin/true")).stdout(Stdio.descriptor(copy)).build()));
        assertEquals(NtStatus.INVALID_HANDLE, closed.status(), closed.getMessage());
        assertThrows(java.io.IOException.class, () -> OpenDescriptor.dup(999_999));
        // The input file is opened in the child, as root: its absence is the spawn's ENOENT.
        LsaException missing = assertThrows(LsaException.class, () -> launcher.start(credentials,
                ProcessSpec.of(Path.of("/bin/true")).stdin(Stdio.file(dir.resolve("no-such-input"))).build()));
        assertEquals(NtStatus.OBJECT_NAME_NOT_FOUND, missing.status(), missing.getMessage());
    }

    @Test
    void theProgramStartsWithNoBlockedAndNoIgnoredSignalsWhateverTheJvmHas() throws Throwable {
        // This thread blocks SIGUSR2 and the JVM ignores SIGWINCH: a child inherits both through fork and exec
        // unless posix_spawn resets them.
        TestLibc.sigmask(TestLibc.SIG_BLOCK, TestLibc.SIGUSR2);
        TestLibc.ignore(TestLibc.SIGWINCH, true);
        try {
            Map<String, String> own = statusFields(Files.readString(Path.of("/proc/thread-self/status")));
            assertEquals(1L << (TestLibc.SIGUSR2 - 1), Long.parseUnsignedLong(own.get("SigBlk"), 16)
                    & (1L << (TestLibc.SIGUSR2 - 1)), "the test thread blocks SIGUSR2");
            Map<String, String> status = statusFields(output(credentials, ProcessSpec.of(Path.of("/bin/cat"))
                    .arguments("/proc/self/status")));
            assertEquals("0000000000000000", status.get("SigBlk"));
            assertEquals("0000000000000000", status.get("SigIgn"));
        } finally {
            TestLibc.ignore(TestLibc.SIGWINCH, false);
            TestLibc.sigmask(TestLibc.SIG_UNBLOCK, TestLibc.SIGUSR2);
        }
    }

    @Test
    void theChildLeadsItsOwnSessionAndItsPidIsTheHandles() throws Exception {
        LaunchedProcess p = launcher.start(credentials, ProcessSpec.of(Path.of("/bin/cat")).arguments("/proc/self/stat")
                .stdout(Stdio.PIPE).build());
        String stat = new String(p.stdout().readAllBytes(), StandardCharsets.US_ASCII);
        assertEquals(new ExitStatus.Exited(0), p.waitFor());
        // Fields after "(comm)": state ppid pgrp session
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        assertEquals(Long.toString(p.pid()), f[2], "process group");
        assertEquals(Long.toString(p.pid()), f[3], "session");
        assertEquals(Long.toString(ProcessHandle.current().pid()), f[1], "the JVM is the parent: nothing forked");
    }

    @Test
    void theLimitsAreApplied() throws Exception {
        ProcessSpec.Builder spec = ProcessSpec.of(Path.of("/bin/cat")).arguments("/proc/self/limits")
                .limit(ResourceLimit.OPEN_FILES, new Rlimit(64, 128))
                .limit(ResourceLimit.PROCESSES, new Rlimit(500, 600))
                .limit(ResourceLimit.CORE_BYTES, Rlimit.of(0))
                .limit(ResourceLimit.CPU_SECONDS, new Rlimit(100, Rlimit.UNLIMITED))
                .limit(ResourceLimit.ADDRESS_SPACE_BYTES, new Rlimit(1L << 32, 1L << 33));
        Map<String, String> limits = new LinkedHashMap<>();
        for (String line : output(credentials, spec).split("\n")) {
            for (ResourceLimit r : ResourceLimit.values()) {
                if (line.startsWith(r.procLimitsName() + " ")) {
                    String[] v = line.substring(r.procLimitsName().length()).trim().split("\\s+");
                    limits.put(r.name(), v[0] + ":" + v[1]);
                }
            }
        }
        assertEquals(Map.of("OPEN_FILES", "64:128", "PROCESSES", "500:600", "CORE_BYTES", "0:0",
                "CPU_SECONDS", "100:unlimited", "ADDRESS_SPACE_BYTES", (1L << 32) + ":" + (1L << 33)), limits);
    }

    @Test
    void theWorkingDirectoryIsTheSpecsOrTheHomeOrRoot() throws Exception {
        assertEquals(dir.toString(), output(credentials, ProcessSpec.of(Path.of("/bin/pwd")).workingDirectory(dir)).strip());
        // The passwd entry's home does not exist (useradd -M): / as login(1) does.
        assertEquals("/", output(credentials, ProcessSpec.of(Path.of("/bin/pwd"))).strip());
    }

    @Test
    void exitCodesPassThroughEvenThoseSetprivUsesForItsOwnFailures() throws Exception {
        // 200 is no signal: the launcher reads the wait status, where a shell's $? would say 128 + 72.
        for (int code : List.of(0, 1, 7, 126, 127, 128, 130, 137, 200, 255)) {
            assertEquals(new ExitStatus.Exited(code), launcher.start(credentials,
                    ProcessSpec.of(Path.of("/bin/sh")).arguments("-c", "exit " + code).build()).waitFor());
        }
    }

    @Test
    void aProgramKilledByASignalAndOneTerminated() throws Exception {
        assertEquals(new ExitStatus.Signaled(9), launcher.start(credentials,
                ProcessSpec.of(Path.of("/bin/sh")).arguments("-c", "kill -KILL $$").build()).waitFor());
        LaunchedProcess sleeper = launcher.start(credentials, ProcessSpec.of(Path.of("/bin/sleep")).arguments("600").build());
        try {
            assertTrue(sleeper.isAlive());
            // The pid is setpriv's, then sleep's (setpriv execs it): until sleep runs, the owner is still root.
            // Wait for the exec, not for a time.
            Path cmdline = Path.of("/proc/" + sleeper.pid() + "/cmdline");
            while (!new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8).startsWith("/bin/sleep")) {
                Thread.sleep(5);
            }
            assertEquals(uid, Long.parseLong(run("stat", "-c", "%u", "/proc/" + sleeper.pid()).strip()));
            sleeper.terminate();
            assertEquals(new ExitStatus.Signaled(15), sleeper.waitFor());
            assertFalse(sleeper.isAlive());
            assertFalse(sleeper.signal(9), "a reaped pid is never signalled again");
        } finally {
            sleeper.kill(); // a failed assertion must not leave the user's process behind (userdel would refuse)
        }
    }

    @Test
    void pipedStandardStreams() throws Exception {
        LaunchedProcess p = launcher.start(credentials, ProcessSpec.of(Path.of("/bin/sh"))
                .arguments("-c", "read line; echo \"out:$line\"; echo \"err:$line\" >&2")
                .stdin(Stdio.PIPE).stdout(Stdio.PIPE).stderr(Stdio.PIPE).build());
        try (OutputStream in = p.stdin()) {
            in.write("hello\n".getBytes(StandardCharsets.US_ASCII));
        }
        assertEquals("out:hello\n", new String(p.stdout().readAllBytes(), StandardCharsets.US_ASCII));
        assertEquals("err:hello\n", new String(p.stderr().readAllBytes(), StandardCharsets.US_ASCII));
        assertEquals(new ExitStatus.Exited(0), p.waitFor(Duration.ofMinutes(1)).orElseThrow());
    }

    @Test
    void standardStreamsToAndFromFilesOpenedByTheLauncher() throws Exception {
        Path input = Files.writeString(dir.resolve("input"), "from a file\n");
        Path output = dir.resolve("output");
        Path errors = dir.resolve("errors");
        LaunchedProcess p = launcher.start(credentials, ProcessSpec.of(Path.of("/bin/sh"))
                .arguments("-c", "cat; echo oops >&2")
                .stdin(Stdio.file(input)).stdout(Stdio.file(output))
                .stderr(Stdio.appendTo(errors)).build());
        assertEquals(new ExitStatus.Exited(0), p.waitFor());
        assertEquals("from a file\n", Files.readString(output));
        assertEquals("oops\n", Files.readString(errors));
        // Opened by the launcher (root) before the ids changed: the files are root's, as docs/launch.md warns.
        assertEquals("0", run("stat", "-c", "%u", output.toString()).strip());
    }

    @Test
    void noSuchProgramIsObjectNameNotFound() {
        LsaException e = assertThrows(LsaException.class, () -> launcher.start(credentials,
                ProcessSpec.of(dir.resolve("no-such-program")).build()));
        assertEquals(NtStatus.OBJECT_NAME_NOT_FOUND, e.status());
        assertEquals(2, e.status().toWin32Error());
    }

    @Test
    void aProgramTheUserMayNotExecuteIsAccessDenied() throws Exception {
        Path plain = Files.writeString(dir.resolve("plain"), "#!/bin/sh\necho hi\n");
        Files.setPosixFilePermissions(plain, PosixFilePermissions.fromString("rw-r--r--"));
        Path rootOnly = Files.writeString(dir.resolve("root-only"), "#!/bin/sh\necho hi\n");
        Files.setPosixFilePermissions(rootOnly, PosixFilePermissions.fromString("rwx------"));
        Path closed = Files.createDirectory(dir.resolve("closed"));
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
        Path hidden = Files.copy(Path.of("/bin/true"), closed.resolve("true"));
        for (Path program : List.of(plain, rootOnly, hidden, dir)) {
            LsaException e = assertThrows(LsaException.class, () -> launcher.start(credentials,
                    ProcessSpec.of(program).build()), program.toString());
            assertEquals(NtStatus.ACCESS_DENIED, e.status(), program + ": " + e.getMessage());
        }
        // The same files as root: the check is the target identity's, not the launcher's.
        UnixCredentials root = new UnixCredentials(0, 0, List.of());
        assertEquals(new ExitStatus.Exited(0), launcher.start(root, ProcessSpec.of(hidden).build()).waitFor());
    }

    @Test
    void aWorkingDirectoryThatIsMissingOrClosed() throws Exception {
        LsaException missing = assertThrows(LsaException.class, () -> launcher.start(credentials,
                ProcessSpec.of(Path.of("/bin/true")).workingDirectory(dir.resolve("nowhere")).build()));
        assertEquals(NtStatus.OBJECT_NAME_NOT_FOUND, missing.status());
        Path closed = Files.createDirectories(dir.resolve("closed-dir"));
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
        LsaException denied = assertThrows(LsaException.class, () -> launcher.start(credentials,
                ProcessSpec.of(Path.of("/bin/true")).workingDirectory(closed).build()));
        assertEquals(NtStatus.ACCESS_DENIED, denied.status());
    }

    @Test
    void aForwardedSignal() throws Exception {
        LaunchedProcess p = launcher.start(credentials, ProcessSpec.of(Path.of("/bin/sleep")).arguments("600").build());
        try {
            Path cmdline = Path.of("/proc/" + p.pid() + "/cmdline");
            while (!new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8).startsWith("/bin/sleep")) {
                Thread.sleep(5);
            }
            assertTrue(p.signal(2)); // SIGINT, as a caller's Ctrl-C is forwarded
            assertEquals(new ExitStatus.Signaled(2), p.waitFor());
            assertEquals(new ExitStatus.Signaled(2), p.onExit().join());
        } finally {
            p.kill();
        }
        assertThrows(IllegalArgumentException.class, () -> p.signal(0));
    }

    @Test
    void aProgramUnderADirectoryOfAnotherUserIsAccessDeniedAndSymlinksAreFollowedAsTheKernelDoes() throws Exception {
        Path other = Files.createDirectory(dir.resolve("other-users"));
        Files.copy(Path.of("/bin/true"), other.resolve("true"));
        run("chown", "-R", "nobody:nogroup", other.toString());
        Files.setPosixFilePermissions(other, PosixFilePermissions.fromString("rwx------"));
        Path link = Files.createSymbolicLink(dir.resolve("link-to-hidden"), other.resolve("true"));
        for (Path program : List.of(other.resolve("true"), link)) {
            LsaException e = assertThrows(LsaException.class, () -> launcher.start(credentials,
                    ProcessSpec.of(program).build()), program.toString());
            assertEquals(NtStatus.ACCESS_DENIED, e.status(), program + ": " + e.getMessage());
        }
        // A group of the credentials opens it: the group class of the mode bits.
        Files.setPosixFilePermissions(other, PosixFilePermissions.fromString("rwx--x---"));
        run("chgrp", Long.toString(GROUP_A), other.toString());
        assertEquals(new ExitStatus.Exited(0), launcher.start(credentials, ProcessSpec.of(link).build()).waitFor());
        // The owner's class decides for the owner, even when the others may execute (the kernel's rule).
        Path owned = Files.copy(Path.of("/bin/true"), dir.resolve("owned-true"));
        run("chown", Long.toString(uid), owned.toString());
        Files.setPosixFilePermissions(owned, PosixFilePermissions.fromString("rw-r-xr-x"));
        assertEquals(NtStatus.ACCESS_DENIED, assertThrows(LsaException.class,
                () -> launcher.start(credentials, ProcessSpec.of(owned).build())).status());
        // A relative link with "..", resolved from the link's own directory.
        Path sub = Files.createDirectory(dir.resolve("sub"));
        Path relative = Files.createSymbolicLink(sub.resolve("up"), Path.of("../link-to-hidden"));
        assertEquals(new ExitStatus.Exited(0), launcher.start(credentials, ProcessSpec.of(relative).build()).waitFor());
        // A dangling link is no program at all.
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("nothing-here"));
        assertEquals(NtStatus.OBJECT_NAME_NOT_FOUND, assertThrows(LsaException.class,
                () -> launcher.start(credentials, ProcessSpec.of(dangling).build())).status());
    }

    @Test
    void aQuotaTimeLimitIsTheCpuRlimit() throws Exception {
        QuotaLimits quotas = new QuotaLimits(0, 0, 0, 0, 0, 3 * 10_000_000L);
        ProcessSpec.Builder spec = ProcessSpec.of(Path.of("/bin/cat")).arguments("/proc/self/limits");
        QuotaMapping.rlimitsOf(quotas).forEach(spec::limit);
        String limits = output(credentials, spec);
        assertTrue(limits.lines().anyMatch(l -> l.matches("Max cpu time\\s+3\\s+3\\s+seconds\\s*")), limits);
    }

    @Test
    void aLauncherThatMayNotChangeIdsIsPrivilegeNotHeld() throws Exception {
        // A daemon without CAP_SETUID/CAP_SETGID/CAP_SETPCAP: refused before anything is spawned.
        LsaException e = assertThrows(LsaException.class, () -> Launcher.withCapabilities(1L << 7).start(
                new UnixCredentials(0, 0, List.of()), ProcessSpec.of(Path.of("/bin/true")).build()));
        assertEquals(NtStatus.PRIVILEGE_NOT_HELD, e.status(), e.getMessage());
        // What the pre-check cannot see (here a setpriv the kernel refuses) is setpriv's exit code, as documented.
        Path unprivileged = Files.writeString(dir.resolve("setpriv-as-user"), "#!/bin/sh\nexec /usr/bin/setpriv --reuid="
                + uid + " --regid=" + gid + " --clear-groups -- /usr/bin/setpriv \"$@\"\n");
        Files.setPosixFilePermissions(unprivileged, PosixFilePermissions.fromString("rwxr-xr-x"));
        Launcher weak = Launcher.withTools(unprivileged, Path.of("/usr/bin/prlimit"));
        assertEquals(new ExitStatus.Exited(127), weak.start(new UnixCredentials(0, 0, List.of()),
                ProcessSpec.of(Path.of("/bin/true")).stderr(Stdio.NULL).build()).waitFor());
    }

    @Test
    void aMissingSetprivNamesUtilLinux() {
        Launcher broken = Launcher.withTools(dir.resolve("setpriv"), Path.of("/usr/bin/prlimit"));
        LsaException e = assertThrows(LsaException.class, () -> broken.start(credentials,
                ProcessSpec.of(Path.of("/bin/true")).build()));
        assertEquals(NtStatus.NOT_SUPPORTED, e.status());
        assertTrue(e.getMessage().contains("util-linux"), e.getMessage());
    }

    private String output(UnixCredentials who, ProcessSpec.Builder spec) throws Exception {
        LaunchedProcess p = launcher.start(who, spec.stdout(Stdio.PIPE).build());
        String out = new String(p.stdout().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(new ExitStatus.Exited(0), p.waitFor(), out);
        return out;
    }

    private static Map<String, String> statusFields(String status) {
        Map<String, String> fields = new TreeMap<>();
        for (String line : status.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                fields.put(line.substring(0, colon), line.substring(colon + 1).strip());
            }
        }
        return fields;
    }

    private static Map<String, String> parseEnv(String env) {
        Map<String, String> vars = new TreeMap<>();
        for (String line : env.split("\n")) {
            int eq = line.indexOf('=');
            vars.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return vars;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + out);
        return out;
    }
}
