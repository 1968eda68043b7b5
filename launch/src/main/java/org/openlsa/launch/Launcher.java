package org.openlsa.launch;

import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.idmap.UnixAccounts;
import org.openlsa.idmap.UnixCredentials;

/**
 * Starts programs as given Unix credentials without changing any id inside the JVM (setuid there would change every
 * thread): glibc's {@code posix_spawn}, called through the FFM API, starts util-linux tools that change the new
 * process and then exec the program, so the program is the JVM's own child and its pid is the handle's
 * (docs/launch.md):
 *
 * <pre>
 * [prlimit --nofile=S:H ... --] setpriv --reuid=U --regid=G --groups=G1,G2|--clear-groups
 *     --inh-caps=-all --bounding-set=-all --no-new-privs -- PROGRAM ARGS
 * </pre>
 *
 * <p>posix_spawn itself makes the new session (POSIX_SPAWN_SETSID), empties the signal mask and sets every catchable
 * signal to its default action (whatever the calling thread blocks or the JVM ignores), puts the spec's streams on 0,
 * 1 and 2 (dup2 of a descriptor the caller passed, a pipe to this JVM, /dev/null, or a file opened in the child before
 * setpriv, so as root), closes every descriptor from 3 up, and changes to the working directory. The environment is
 * the login environment ({@link #loginEnvironment}) plus the spec's; nothing of the JVM's.
 *
 * <p><b>Failures as statuses, without a probe process.</b> setpriv reports its own failures and the program's exec
 * failure through exit codes (126, 127) that any program may also exit with, so before the spawn the launcher checks
 * in the JVM, from mode bits and owners, that the identity may reach and execute the program and enter the working
 * directory ({@link AccessCheck}), and that this process holds the capabilities setpriv needs: no such program or
 * directory is {@link NtStatus#OBJECT_NAME_NOT_FOUND}, one the identity cannot reach or execute
 * {@link NtStatus#ACCESS_DENIED}, a launcher without CAP_SETUID, CAP_SETGID and CAP_SETPCAP
 * {@link NtStatus#PRIVILEGE_NOT_HELD}. What the check does not model (ACLs, LSMs, noexec mounts) or what changes before
 * the exec surfaces as setpriv's exit code 126 or 127, as a shell reports it.
 */
public final class Launcher {
    /** The PATH of the PAM session helper, a root process of the launcher's own: fixed, whatever the host says. */
    static final String ROOT_PATH = LoginDefs.DEBIAN.rootPath();

    /** CAP_SETGID (6), CAP_SETUID (7), CAP_SETPCAP (8): setgroups/setresgid, setresuid, the bounding set. */
    private static final long NEEDED_CAPABILITIES = (1L << 6) | (1L << 7) | (1L << 8);

    private final Path setpriv;
    private final Path prlimit;
    private final LongSupplier effectiveCapabilities;
    /** Once seen held, the capabilities are not read again: a daemon does not lose them (and reading costs 0.1 ms). */
    private volatile boolean capabilitiesHeld;

    private Launcher(Path setpriv, Path prlimit, LongSupplier effectiveCapabilities) {
        this.setpriv = Objects.requireNonNull(setpriv, "setpriv");
        this.prlimit = Objects.requireNonNull(prlimit, "prlimit");
        this.effectiveCapabilities = effectiveCapabilities;
    }

    /** The launcher with Debian's tools: /usr/bin/setpriv and /usr/bin/prlimit (util-linux). */
    public static Launcher system() {
        return withTools(Path.of("/usr/bin/setpriv"), Path.of("/usr/bin/prlimit"));
    }

    /** A launcher with the tools at other paths (another distribution's layout; tests). */
    public static Launcher withTools(Path setpriv, Path prlimit) {
        return new Launcher(setpriv, prlimit, Launcher::ownEffectiveCapabilities);
    }

    /** A launcher that believes it holds {@code capabilities} (CapEff's bits): for tests of an unprivileged one. */
    static Launcher withCapabilities(long capabilities) {
        return new Launcher(Path.of("/usr/bin/setpriv"), Path.of("/usr/bin/prlimit"), () -> capabilities);
    }

    /**
     * Starts {@code spec}'s program as {@code credentials}, once the identity's access to the program and the working
     * directory has been checked.
     *
     * @throws LsaException OBJECT_NAME_NOT_FOUND (no such program, working directory or standard-input file),
     *     ACCESS_DENIED (the identity may not execute the program or enter the directory), PRIVILEGE_NOT_HELD (this
     *     process may not change ids), NOT_SUPPORTED (a util-linux tool is missing, or a C library without glibc's
     *     posix_spawn extensions), INVALID_HANDLE (a {@link Stdio.Descriptor} that is closed), UNSUCCESSFUL (any other
     *     failure, with the C library's message)
     */
    public LaunchedProcess start(UnixCredentials credentials, ProcessSpec spec) throws LsaException {
        return start(credentials, spec, LaunchPolicy.DEFAULT);
    }

    /**
     * {@link #start(UnixCredentials, ProcessSpec)} under {@code policy}: with a PAM service, the program runs under the
     * PAM session helper (docs/launch.md, "PAM session"), and the start also fails with the statuses of its account
     * stack (ACCOUNT_EXPIRED, PASSWORD_MUST_CHANGE, NO_SUCH_USER, ACCOUNT_RESTRICTION) or UNSUCCESSFUL.
     */
    public LaunchedProcess start(UnixCredentials credentials, ProcessSpec spec, LaunchPolicy policy)
            throws LsaException {
        Objects.requireNonNull(policy, "policy");
        List<String> missing = Posix.missingSpawnSymbols();
        if (!missing.isEmpty()) {
            throw new LsaException(NtStatus.NOT_SUPPORTED, "the launcher needs glibc's posix_spawn extensions"
                    + " (glibc 2.34 or later); this C library lacks " + String.join(", ", missing));
        }
        requireTools(spec);
        requireCapabilities();
        Map<String, String> environment = loginEnvironment(credentials.uid());
        environment.putAll(spec.environment());
        Path directory = spec.workingDirectory().orElseGet(() -> defaultDirectory(environment.get("HOME")));
        AccessCheck.requireEnterable(credentials, directory);
        AccessCheck.requireExecutable(credentials, spec.program());

        List<String> command = new ArrayList<>(prlimitPrefix(spec));
        command.addAll(setprivCommand(credentials));
        command.add(spec.program().toString());
        command.addAll(spec.arguments());
        List<String> envp = new ArrayList<>(environment.size());
        environment.forEach((k, v) -> envp.add(k + "=" + v));

        try (Streams streams = new Streams()) {
            List<Posix.FileAction> actions = new ArrayList<>(3);
            streams.prepare(0, spec.stdin(), actions);
            streams.prepare(1, spec.stdout(), actions);
            streams.prepare(2, spec.stderr(), actions);
            if (policy.pamService().isPresent()) {
                return underPam(policy.pamService().get(), credentials, command, envp, directory, spec, streams,
                        actions);
            }
            int pid;
            try {
                pid = Posix.spawn(command.getFirst(), command, envp, directory.toString(), actions);
            } catch (Posix.Errno e) {
                throw spawnFailure(e, spec);
            }
            return streams.handOver(pid);
        }
    }

    /** How long PAM's account and session stacks may take before the start is given up (a hung module). */
    static final Duration PAM_START_TIMEOUT = Duration.ofSeconds(60);

    /**
     * The start through the PAM session helper: the helper gets the chain as its arguments, a status pipe on 3 and
     * the program's environment on 4 (its own environment is only PATH: it is a JVM running as root, and the caller's
     * variables, JAVA_TOOL_OPTIONS for one, must never configure it), and reports on the status pipe whether the
     * program started.
     */
    private LaunchedProcess underPam(String service, UnixCredentials credentials, List<String> chain,
                                     List<String> programEnvironment, Path directory, ProcessSpec spec,
                                     Streams streams, List<Posix.FileAction> actions) throws LsaException {
        String user = UnixAccounts.passwdEntryOf(credentials.uid()).map(UnixAccounts.PasswdEntry::name)
                .orElseThrow(() -> new LsaException(NtStatus.NO_SUCH_USER, "uid " + credentials.uid()
                        + " has no passwd entry, which the PAM service " + service + " needs"));
        long self = ownUid();
        String requester = UnixAccounts.passwdEntryOf(self).map(UnixAccounts.PasswdEntry::name)
                .orElse(Long.toString(self)); // PAM_RUSER: the launcher's own account (docs/launch.md)
        List<String> command = new ArrayList<>(PamSessionMain.jvmCommand());
        command.addAll(List.of(service, user, requester, "--"));
        command.addAll(chain);
        int[] status = streams.pipe(actions, 3, false);
        int[] env = streams.pipe(actions, 4, true);
        int pid;
        try {
            pid = Posix.spawn(command.getFirst(), command, List.of("PATH=" + ROOT_PATH), directory.toString(),
                    actions, 5);
        } catch (Posix.Errno e) {
            throw spawnFailure(e, spec);
        }
        // Every copy of the helper's ends held here goes now, else its death would never show as end of file.
        streams.closeHelperEnds();
        streams.closeNow(status[1]);
        streams.closeNow(env[0]);
        PamHelper pam;
        try {
            pam = new PamHelper(new BufferedReader(new InputStreamReader(
                    new FileInputStream("/proc/self/fd/" + status[0]), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new LsaException(NtStatus.UNSUCCESSFUL, "cannot read the PAM session helper: " + e.getMessage(), e);
        }
        LaunchedProcess helper = streams.handOver(pid, pam); // reaped whatever happens next
        try (OutputStream out = new FileOutputStream("/proc/self/fd/" + env[1])) {
            for (String kv : programEnvironment) {
                out.write(kv.getBytes(StandardCharsets.UTF_8));
                out.write(0);
            }
        } catch (IOException e) {
            helper.signal(9);
            pam.abandon();
            throw new LsaException(NtStatus.UNSUCCESSFUL, "cannot pass the environment to the PAM session helper: "
                    + e.getMessage(), e);
        } finally {
            streams.closeNow(env[1]);
        }
        CompletableFuture<Optional<String>> first = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                first.complete(pam.firstLine());
            } catch (IOException e) {
                first.completeExceptionally(e);
            }
        });
        Optional<String> line;
        try {
            line = first.get(PAM_START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            helper.signal(9);
            pam.abandon();
            throw new LsaException(NtStatus.UNSUCCESSFUL, "the PAM service " + service + " did not open a session"
                    + " within " + PAM_START_TIMEOUT.toSeconds() + " s; the helper was killed");
        } catch (ExecutionException e) {
            helper.signal(9);
            throw new LsaException(NtStatus.UNSUCCESSFUL, "cannot read the PAM session helper: "
                    + e.getCause().getMessage());
        } catch (InterruptedException e) {
            helper.signal(9);
            pam.abandon();
            Thread.currentThread().interrupt();
            throw new LsaException(NtStatus.UNSUCCESSFUL, "interrupted while PAM opened the session");
        } finally {
            streams.closeNow(status[0]); // the reader holds its own descriptor (/proc reopen)
        }
        if (line.isPresent() && line.get().startsWith("P ")) {
            try {
                pam.programStarted(Integer.parseInt(line.get().substring(2).strip()));
                return helper;
            } catch (NumberFormatException e) {
                // fall through: a helper that says nonsense is a failed start
            }
        }
        awaitQuietly(helper);
        throw pamFailure(service, line.orElse(""));
    }

    /** The real uid of this process (0 if unreadable: the daemon runs as root). */
    private static long ownUid() {
        try {
            return procStatusField("Uid:").map(v -> Long.parseLong(v.split("\\s+")[0])).orElse(0L);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A field of /proc/self/status ("Uid:", "CapEff:"), its value stripped; empty when it cannot be read. */
    private static Optional<String> procStatusField(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.US_ASCII)) {
                if (line.startsWith(name)) {
                    return Optional.of(line.substring(name.length()).strip());
                }
            }
        } catch (IOException e) {
            // fall through
        }
        return Optional.empty();
    }

    private static void awaitQuietly(LaunchedProcess p) {
        try {
            p.waitFor(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IllegalStateException e) {
            // lost track of it: the failure below says what matters
        }
    }

    /** docs/launch.md, "PAM session": the helper's {@code E <pam code> <message>} as a status. */
    static LsaException pamFailure(String service, String line) {
        if (!line.startsWith("E ")) {
            return new LsaException(NtStatus.UNSUCCESSFUL, "the PAM session helper for " + service
                    + " ended without starting the program" + (line.isEmpty() ? "" : ": " + printable(line)));
        }
        String rest = line.substring(2);
        int space = rest.indexOf(' ');
        int code;
        try {
            code = Integer.parseInt(space < 0 ? rest : rest.substring(0, space));
        } catch (NumberFormatException e) {
            code = -1;
        }
        String message = "PAM service " + service + ": " + printable(space < 0 ? "" : rest.substring(space + 1));
        boolean account = rest.contains("pam_acct_mgmt");
        NtStatus status = !account ? NtStatus.UNSUCCESSFUL : switch (code) {
            case Pam.PAM_ACCT_EXPIRED -> NtStatus.ACCOUNT_EXPIRED;
            case Pam.PAM_NEW_AUTHTOK_REQD -> NtStatus.PASSWORD_MUST_CHANGE;
            case Pam.PAM_USER_UNKNOWN -> NtStatus.NO_SUCH_USER;
            default -> NtStatus.ACCOUNT_RESTRICTION;
        };
        return new LsaException(status, message);
    }

    /** An untrusted line for a message: printable ASCII only, bounded. */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(300).forEach(c -> b.append(c >= 0x20 && c < 0x7f ? (char) c : '?'));
        return b.toString();
    }

    /**
     * The descriptors one start makes (pipes, duplicates of low numbers), closed when the start returns: the child
     * holds its own copies by then, and the JVM keeps only the streams of its pipe ends.
     */
    private static final class Streams implements AutoCloseable {
        private final List<Integer> toClose = new ArrayList<>();
        private final List<Integer> helperEnds = new ArrayList<>();
        private final java.io.Closeable[] parentEnds = new java.io.Closeable[3];
        private boolean handedOver;

        void prepare(int target, Stdio stdio, List<Posix.FileAction> actions) throws LsaException {
            boolean input = target == 0;
            switch (stdio) {
                case Stdio.Inherit i -> { } // the launcher's own descriptor stays where it is
                case Stdio.Null n -> actions.add(new Posix.FileAction.Open("/dev/null",
                        input ? Posix.O_RDONLY : Posix.O_WRONLY, 0, target));
                case Stdio.File f -> actions.add(new Posix.FileAction.Open(f.path().toString(), input ? Posix.O_RDONLY
                        : Posix.O_WRONLY | Posix.O_CREAT | (f.append() ? Posix.O_APPEND : Posix.O_TRUNC), 0666, target));
                case Stdio.Descriptor d -> {
                    int fd;
                    try {
                        fd = d.descriptor().fd();
                    } catch (IllegalStateException e) {
                        throw new LsaException(NtStatus.INVALID_HANDLE, "the descriptor for standard "
                                + (target == 0 ? "input" : target == 1 ? "output" : "error") + " is closed");
                    }
                    actions.add(new Posix.FileAction.Dup(source(fd), target));
                }
                case Stdio.Pipe p -> {
                    int[] ends = track(pipe());
                    int child = input ? ends[0] : ends[1];
                    int parent = input ? ends[1] : ends[0];
                    // The JDK cannot wrap a bare descriptor in a stream: open the pipe again through /proc (a pipe,
                    // unlike a socket, can be), while this process still holds both ends so neither open blocks.
                    String proc = "/proc/self/fd/" + parent;
                    try {
                        parentEnds[target] = input ? new FileOutputStream(proc) : new FileInputStream(proc);
                    } catch (IOException e) {
                        throw new LsaException(NtStatus.UNSUCCESSFUL, "cannot open a pipe: " + e.getMessage(), e);
                    }
                    actions.add(new Posix.FileAction.Dup(source(child), target));
                }
            }
        }

        /** A dup2 source numbered 3 or above, so that no dup2 onto 0..2 overwrites another one's source. */
        private int source(int fd) throws LsaException {
            if (fd >= 3) {
                return fd;
            }
            try {
                int copy = Posix.dupAbove2(fd);
                toClose.add(copy);
                return copy;
            } catch (Posix.Errno e) {
                throw new LsaException(NtStatus.INVALID_HANDLE, "cannot use descriptor " + fd + ": " + e.getMessage());
            }
        }

        private int[] track(int[] fds) {
            toClose.add(fds[0]);
            toClose.add(fds[1]);
            return fds;
        }

        private static int[] pipe() throws LsaException {
            try {
                return Posix.pipe();
            } catch (Posix.Errno e) {
                throw new LsaException(NtStatus.INSUFFICIENT_RESOURCES, "cannot make a pipe: " + e.getMessage());
            }
        }

        LaunchedProcess handOver(int pid) {
            return handOver(pid, null);
        }

        LaunchedProcess handOver(int pid, PamHelper pam) {
            handedOver = true;
            return new LaunchedProcess(pid, pam, (OutputStream) parentEnds[0], (InputStream) parentEnds[1],
                    (InputStream) parentEnds[2]);
        }

        /**
         * A pipe whose one end becomes the child's descriptor {@code target} (3 or 4, after 0..2): the read end when
         * {@code childReads}, else the write end. The child's end is first copied to 5 or above, so that no dup2 onto
         * 3 or 4 overwrites a source still to come. Returns {read end, write end}; the start closes both at its end.
         */
        int[] pipe(List<Posix.FileAction> actions, int target, boolean childReads) throws LsaException {
            int[] ends = track(pipe());
            try {
                int child = Posix.dupAtLeast(childReads ? ends[0] : ends[1], 5);
                toClose.add(child);
                helperEnds.add(child);
                actions.add(new Posix.FileAction.Dup(child, target));
            } catch (Posix.Errno e) {
                throw new LsaException(NtStatus.INSUFFICIENT_RESOURCES, "cannot make a pipe: " + e.getMessage());
            }
            return ends;
        }

        /**
         * Closes this process's copies of the helper's pipe ends once it has its own: while one is open here, the
         * status pipe would never reach end of file.
         */
        void closeHelperEnds() {
            helperEnds.forEach(this::closeNow);
            helperEnds.clear();
        }

        /** Closes one of this start's descriptors now rather than at the end. */
        void closeNow(int fd) {
            if (toClose.remove(Integer.valueOf(fd))) {
                Posix.closeQuietly(fd);
            }
        }

        @Override
        public void close() {
            toClose.forEach(Posix::closeQuietly);
            if (!handedOver) {
                for (java.io.Closeable c : parentEnds) {
                    try {
                        if (c != null) {
                            c.close();
                        }
                    } catch (IOException e) {
                        // a pipe end of a start that failed: nothing else to do with it
                    }
                }
            }
        }
    }

    private LsaException spawnFailure(Posix.Errno e, ProcessSpec spec) {
        boolean files = List.of(spec.stdin(), spec.stdout(), spec.stderr()).stream()
                .anyMatch(s -> s instanceof Stdio.File);
        String what = "could not start " + spec.program() + (files ? " or open its standard stream files" : "")
                + ": " + e.getMessage();
        return switch (e.errno()) {
            // The tools were there a moment ago (requireTools); a file action's open is the likelier cause.
            case Posix.ENOENT -> new LsaException(Files.exists(setpriv) ? NtStatus.OBJECT_NAME_NOT_FOUND
                    : NtStatus.NOT_SUPPORTED, Files.exists(setpriv) ? what : setpriv + " is missing: the launcher"
                    + " needs setpriv from util-linux (Debian: apt-get install util-linux)");
            case Posix.EACCES -> new LsaException(NtStatus.ACCESS_DENIED, what);
            case Posix.EBADF -> new LsaException(NtStatus.INVALID_HANDLE, what); // a passed descriptor is not open
            default -> new LsaException(NtStatus.UNSUCCESSFUL, what);
        };
    }

    /**
     * The login environment of {@code uid}, as login(1) makes it: HOME, SHELL, USER and LOGNAME from the passwd
     * entry and PATH from /etc/login.defs' ENV_PATH (ENV_SUPATH for uid 0; {@link LoginDefs}). A uid without an entry (an algorithmically mapped account)
     * gets its number as USER and LOGNAME, {@code /} as HOME and {@code /bin/sh} as SHELL; the caller passes better
     * values in the spec when it has them.
     */
    public static Map<String, String> loginEnvironment(long uid) {
        Optional<UnixAccounts.PasswdEntry> entry = UnixAccounts.passwdEntryOf(uid);
        String name = entry.map(UnixAccounts.PasswdEntry::name).orElse(Long.toString(uid));
        String home = entry.map(UnixAccounts.PasswdEntry::home).filter(h -> !h.isEmpty()).orElse("/");
        String shell = entry.map(UnixAccounts.PasswdEntry::shell).filter(s -> !s.isEmpty()).orElse("/bin/sh");
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOME", home);
        env.put("SHELL", shell);
        env.put("USER", name);
        env.put("LOGNAME", name);
        LoginDefs defs = LoginDefs.host();
        env.put("PATH", uid == 0 ? defs.rootPath() : defs.userPath());
        return env;
    }

    /** The home directory if it is one (login(1) falls back to / likewise). */
    private static Path defaultDirectory(String home) {
        Path h = Path.of(home == null || home.isEmpty() ? "/" : home);
        return h.isAbsolute() && Files.isDirectory(h) ? h : Path.of("/");
    }

    private void requireTools(ProcessSpec spec) throws LsaException {
        List<Path> needed = spec.limits().isEmpty() ? List.of(setpriv) : List.of(prlimit, setpriv);
        for (Path tool : needed) {
            if (!Files.isExecutable(tool)) {
                throw new LsaException(NtStatus.NOT_SUPPORTED, tool + " is missing: the launcher needs "
                        + tool.getFileName() + " from util-linux (Debian: apt-get install util-linux)");
            }
        }
    }

    /** setpriv would fail on setgroups/setresuid/the bounding set without these: say so before the spawn. */
    private void requireCapabilities() throws LsaException {
        if (capabilitiesHeld) {
            return;
        }
        long held = effectiveCapabilities.getAsLong();
        if ((held & NEEDED_CAPABILITIES) != NEEDED_CAPABILITIES) {
            throw new LsaException(NtStatus.PRIVILEGE_NOT_HELD, "the launcher needs CAP_SETUID, CAP_SETGID and"
                    + " CAP_SETPCAP to start a program as another identity (the daemon runs as root); it holds 0x"
                    + Long.toHexString(held));
        }
        capabilitiesHeld = true;
    }

    /** CapEff of /proc/self/status; 0 when it cannot be read (then nothing is assumed to be held). */
    private static long ownEffectiveCapabilities() {
        try {
            return procStatusField("CapEff:").map(v -> Long.parseUnsignedLong(v, 16)).orElse(0L);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private List<String> prlimitPrefix(ProcessSpec spec) {
        if (spec.limits().isEmpty()) {
            return List.of();
        }
        List<String> c = new ArrayList<>();
        c.add(prlimit.toString());
        spec.limits().forEach((r, l) -> c.add(r.prlimitOption() + "=" + l.prlimitValue()));
        c.add("--");
        return c;
    }

    /** setpriv with exactly the given ids (never --init-groups: the groups are the token's, not /etc/group's). */
    private List<String> setprivCommand(UnixCredentials c) {
        List<String> cmd = new ArrayList<>(List.of(setpriv.toString(),
                "--reuid=" + c.uid(), "--regid=" + c.gid()));
        cmd.add(c.supplementaryGids().isEmpty() ? "--clear-groups"
                : "--groups=" + c.supplementaryGids().stream().map(String::valueOf).collect(Collectors.joining(",")));
        cmd.addAll(List.of("--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", "--"));
        return cmd;
    }
}
