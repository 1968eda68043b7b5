package org.openlsa.launch;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.idmap.UnixAccounts;
import org.openlsa.idmap.UnixCredentials;

/**
 * Starts programs as given Unix credentials without changing any id inside the JVM (setuid there would change every
 * thread): the JVM's {@link ProcessBuilder} execs util-linux tools that change the new process and then exec the
 * program, so the program is the JVM's own child and its pid is the handle's (docs/launch.md):
 *
 * <pre>
 * [prlimit --nofile=S:H ... --] setsid -- setpriv --reuid=U --regid=G --groups=G1,G2|--clear-groups
 *     --inh-caps=-all --bounding-set=-all --no-new-privs -- PROGRAM ARGS
 * </pre>
 *
 * <p>The environment is the login environment ({@link #loginEnvironment}) plus the spec's; nothing of the JVM's.
 * ProcessBuilder's spawn helper closes every descriptor but 0, 1 and 2 before the first exec.
 *
 * <p><b>Exec failures as statuses.</b> setpriv reports its own failures and the program's exec failure through its
 * exit code (127 for ids it may not set and for ENOENT, 126 for other exec errors, 1 for bad options), which any
 * program may also exit with. So before the launch a probe runs through the same
 * tools as the same identity, {@code /bin/sh} in place of the program, and checks as that identity that the working
 * directory can be entered and the program exists and is executable; its answer is our own exit codes, so it cannot
 * be confused with a program's. No such program is {@link NtStatus#OBJECT_NAME_NOT_FOUND}, one that exists but the
 * identity cannot execute (or reach) {@link NtStatus#ACCESS_DENIED}, and setpriv refused by the kernel (a launcher
 * without CAP_SETUID/CAP_SETGID) {@link NtStatus#PRIVILEGE_NOT_HELD}. What changes between the probe and the exec
 * (a race the caller's own files decide) surfaces as setpriv's exit code 126 or 127, as a shell reports it.
 */
public final class Launcher {
    /** Debian's login.defs ENV_PATH and ENV_SUPATH, which login(1) and su(1) set. */
    static final String USER_PATH = "/usr/local/bin:/usr/bin:/bin:/usr/games";
    static final String ROOT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private static final int PROBE_NO_PROGRAM = 10;
    private static final int PROBE_PROGRAM_NOT_EXECUTABLE = 11;
    private static final int PROBE_NO_DIRECTORY = 12;
    private static final int PROBE_DIRECTORY_DENIED = 13;
    /** Runs as the target identity: $1 the program, $2 the working directory. */
    private static final String PROBE = "[ -d \"$2\" ] || exit 12; cd -- \"$2\" 2>/dev/null || exit 13; "
            + "[ -e \"$1\" ] || exit 10; [ -f \"$1\" ] && [ -x \"$1\" ] || exit 11; exit 0";

    private final Path setpriv;
    private final Path prlimit;
    private final Path setsid;
    private final Path shell;

    private Launcher(Path setpriv, Path prlimit, Path setsid, Path shell) {
        this.setpriv = Objects.requireNonNull(setpriv, "setpriv");
        this.prlimit = Objects.requireNonNull(prlimit, "prlimit");
        this.setsid = Objects.requireNonNull(setsid, "setsid");
        this.shell = Objects.requireNonNull(shell, "shell");
    }

    /** The launcher with Debian's tools: /usr/bin/setpriv, /usr/bin/prlimit, /usr/bin/setsid (util-linux), /bin/sh. */
    public static Launcher system() {
        return new Launcher(Path.of("/usr/bin/setpriv"), Path.of("/usr/bin/prlimit"), Path.of("/usr/bin/setsid"),
                Path.of("/bin/sh"));
    }

    /** A launcher with the tools at other paths (another distribution's layout; tests). */
    public static Launcher withTools(Path setpriv, Path prlimit, Path setsid, Path shell) {
        return new Launcher(setpriv, prlimit, setsid, shell);
    }

    /**
     * Starts {@code spec}'s program as {@code credentials}, once the probe has found the program and the working
     * directory usable by that identity.
     *
     * @throws LsaException OBJECT_NAME_NOT_FOUND (no such program or working directory), ACCESS_DENIED (the identity
     *     may not execute the program or enter the directory), PRIVILEGE_NOT_HELD (this process may not change ids),
     *     NOT_SUPPORTED (a util-linux tool is missing), UNSUCCESSFUL (any other failure, with the tool's message)
     */
    public LaunchedProcess start(UnixCredentials credentials, ProcessSpec spec) throws LsaException {
        requireTools(spec);
        Map<String, String> environment = loginEnvironment(credentials.uid());
        environment.putAll(spec.environment());
        Path directory = spec.workingDirectory().orElseGet(() -> defaultDirectory(environment.get("HOME")));

        probe(credentials, spec, directory);

        List<String> command = new ArrayList<>(prlimitPrefix(spec));
        command.add(setsid.toString());
        command.add("--");
        command.addAll(setprivCommand(credentials));
        command.add(spec.program().toString());
        command.addAll(spec.arguments());
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectInput(redirect(spec.stdin(), true))
                .redirectOutput(redirect(spec.stdout(), false))
                .redirectError(redirect(spec.stderr(), false));
        pb.environment().clear();
        pb.environment().putAll(environment);
        try {
            return new LaunchedProcess(pb.start());
        } catch (IOException e) {
            throw new LsaException(NtStatus.UNSUCCESSFUL, "could not start " + spec.program() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The login environment of {@code uid}, as login(1) makes it: HOME, SHELL, USER and LOGNAME from the passwd
     * entry and PATH from login.defs (root's for uid 0). A uid without an entry (an algorithmically mapped account)
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
        env.put("PATH", uid == 0 ? ROOT_PATH : USER_PATH);
        return env;
    }

    /** The home directory if it is one (login(1) falls back to / likewise). */
    private static Path defaultDirectory(String home) {
        Path h = Path.of(home == null || home.isEmpty() ? "/" : home);
        return h.isAbsolute() && Files.isDirectory(h) ? h : Path.of("/");
    }

    private void requireTools(ProcessSpec spec) throws LsaException {
        List<Path> needed = new ArrayList<>(List.of(setpriv, setsid, shell));
        if (!spec.limits().isEmpty()) {
            needed.add(prlimit);
        }
        for (Path tool : needed) {
            if (!Files.isExecutable(tool)) {
                throw new LsaException(NtStatus.NOT_SUPPORTED, tool + " is missing: the launcher needs "
                        + (tool.equals(shell) ? "a POSIX shell" : tool.getFileName() + " from util-linux")
                        + " (Debian: apt-get install util-linux)");
            }
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

    private void probe(UnixCredentials credentials, ProcessSpec spec, Path directory) throws LsaException {
        List<String> command = new ArrayList<>(prlimitPrefix(spec));
        command.addAll(setprivCommand(credentials));
        command.addAll(List.of(shell.toString(), "-c", PROBE, "probe", spec.program().toString(), directory.toString()));
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(Path.of("/").toFile())
                .redirectInput(Redirect.from(new File("/dev/null")))
                .redirectOutput(Redirect.DISCARD);
        pb.environment().clear();
        pb.environment().put("PATH", ROOT_PATH);
        int code;
        String stderr;
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new LsaException(NtStatus.UNSUCCESSFUL, "could not run " + setpriv + ": " + e.getMessage(), e);
        }
        try {
            byte[] err = p.getErrorStream().readNBytes(4096);
            p.getErrorStream().transferTo(OutputStream.nullOutputStream());
            code = p.waitFor();
            stderr = new String(err, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            p.destroyForcibly();
            throw new LsaException(NtStatus.UNSUCCESSFUL, "could not read the probe's answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            p.destroyForcibly(); // the program is not started: no half-made process is left behind
            Thread.currentThread().interrupt();
            throw new LsaException(NtStatus.UNSUCCESSFUL, "interrupted while starting " + spec.program());
        }
        switch (code) {
            case 0 -> { }
            // The identity cannot see the path; if this process can, a directory on the way is closed to it.
            case PROBE_NO_PROGRAM -> throw Files.exists(spec.program())
                    ? new LsaException(NtStatus.ACCESS_DENIED, spec.program() + " cannot be reached by uid " + credentials.uid())
                    : new LsaException(NtStatus.OBJECT_NAME_NOT_FOUND, "no such program: " + spec.program());
            case PROBE_PROGRAM_NOT_EXECUTABLE -> throw new LsaException(NtStatus.ACCESS_DENIED,
                    spec.program() + " is not an executable file for uid " + credentials.uid());
            case PROBE_NO_DIRECTORY -> throw Files.isDirectory(directory)
                    ? new LsaException(NtStatus.ACCESS_DENIED, directory + " cannot be reached by uid " + credentials.uid())
                    : new LsaException(NtStatus.OBJECT_NAME_NOT_FOUND, "no such working directory: " + directory);
            case PROBE_DIRECTORY_DENIED -> throw new LsaException(NtStatus.ACCESS_DENIED,
                    "uid " + credentials.uid() + " may not enter " + directory);
            default -> throw new LsaException(stderr.contains("Operation not permitted")
                    ? NtStatus.PRIVILEGE_NOT_HELD : NtStatus.UNSUCCESSFUL,
                    "the launcher failed (exit " + code + "): " + printable(stderr));
        }
    }

    private static Redirect redirect(Stdio s, boolean input) {
        return switch (s) {
            case Stdio.Inherit i -> Redirect.INHERIT;
            case Stdio.Pipe p -> Redirect.PIPE;
            case Stdio.Null n -> input ? Redirect.from(new File("/dev/null")) : Redirect.DISCARD;
            case Stdio.File f -> input ? Redirect.from(f.path().toFile())
                    : f.append() ? Redirect.appendTo(f.path().toFile()) : Redirect.to(f.path().toFile());
            case Stdio.Descriptor d -> {
                File proc = new File("/proc/self/fd/" + d.descriptor().fd());
                yield input ? Redirect.from(proc) : Redirect.appendTo(proc);
            }
        };
    }

    /** A tool's message for an exception: printable ASCII only, bounded. */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(500).forEach(c -> b.append(c >= 0x20 && c < 0x7f ? (char) c : '?'));
        return b.toString();
    }
}
