package org.openlsa.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.openlsa.core.LsaException;
import org.openlsa.core.Luid;
import org.openlsa.core.NtStatus;
import org.openlsa.core.SecurityLogonType;
import org.openlsa.core.WellKnownSids;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.engine.LsaConnection;
import org.openlsa.engine.TokenHandle;
import org.openlsa.engine.UserProcess;
import org.openlsa.launch.ExitStatus;
import org.openlsa.launch.Launcher;
import org.openlsa.launch.ProcessSpec;
import org.openlsa.launch.Stdio;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;

/**
 * {@code lsa runas}: start a program as another account and wait for it, as Windows' runas does through the
 * secondary-logon service. With {@code --user}, CreateProcessWithLogon: any caller who knows the account's password;
 * with {@code --session}, the token of an existing logon session (WTSQueryUserToken, SeTcbPrivilege) and
 * CreateProcessAsUser. The program gets this command's standard streams (through the daemon: its descriptors, passed
 * over the socket) and its own session; SIGINT, SIGTERM and SIGHUP sent to this command are passed on to it. The exit
 * code is the program's, or 128 + N when a signal N killed it, as a shell reports it.
 */
@Command(name = "runas", mixinStandardHelpOptions = true,
        description = {"Run a program as another account and exit with its exit code (128+N when killed by signal N).",
            "--user logs the account on with its password (CreateProcessWithLogon: any caller who knows it); "
                    + "--session starts the program in an existing logon session (needs SeTcbPrivilege).",
            "PROGRAM is an absolute path, or a name searched in the account's login PATH (never the caller's).",
            "The program gets this terminal (standard input, output and error) and a session of its own; "
                    + "Ctrl-C, SIGTERM and SIGHUP to lsa runas are passed on to it.",
            "The password comes from --password-stdin, --password-file or a terminal prompt; never the command line."},
        footer = {"", "Examples:",
            "  lsa runas --user alice -- /usr/bin/id -u",
            "  lsa runas -u backup -t batch --dir /srv --env MODE=full -- backup.sh -v",
            "  printf '%%s\\n' \"$PW\" | lsa runas -u alice --password-stdin -- id -u",
            "  lsa runas --session 0x3d1c89 -- /usr/bin/klist",
            "",
            "Exit codes: the program's own (128+N if signal N ended it). Before it runs:",
            "2 bad usage, 3 logon failure, 4 account restriction or logon type not granted,",
            "5 other status (no such program, access denied, privilege not held), 6 state."})
final class RunasCommand extends Cmd implements Callable<Integer> {
    /** Who the program runs as: an account and its password, or an existing logon session. */
    static final class Target {
        @Option(names = {"-u", "--user"}, required = true, paramLabel = "USER",
                description = "The account to log on (with its password) and run as.") String user;
        @Option(names = "--session", required = true, paramLabel = "LUID",
                description = "Run in this existing logon session (e.g. 0x3d1c89), with its token: needs SeTcbPrivilege.")
        String session;
    }

    @ArgGroup(exclusive = true, multiplicity = "1") Target target;
    @Option(names = {"-d", "--domain"}, paramLabel = "DOMAIN", defaultValue = "",
            description = "With --user: the logon domain (default: this machine's domain).") String domain;
    @Option(names = "--package", paramLabel = "PACKAGE", defaultValue = "msv1_0",
            description = "With --user: msv1_0 (default) or kerberos (the session then holds the user's TGT).")
    String packageName;
    @Option(names = {"-t", "--type"}, paramLabel = "TYPE", defaultValue = "interactive",
            description = "With --user: interactive (default), batch or service; the account needs that logon right.")
    String type;
    @Option(names = "--env", paramLabel = "NAME=VALUE",
            description = "Add to (or replace in) the account's login environment; repeatable.") List<String> env = new ArrayList<>();
    @Option(names = "--dir", paramLabel = "DIR",
            description = "Working directory (default: the account's home, else /).") Path dir;
    @Option(names = "--socket", paramLabel = "PATH", description = "Daemon socket (default: <state>/lsad.sock).")
    Path socket;
    @ArgGroup(exclusive = false) PasswordInput password = new PasswordInput();
    @Parameters(index = "0", paramLabel = "PROGRAM", description = "The program: an absolute path or a name.")
    String program;
    @Parameters(index = "1..*", paramLabel = "ARGS", description = "Its arguments.") List<String> arguments = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        SecurityLogonType logonType = logonType();
        String pkg = packageName();
        if (target.session != null && (!domain.isEmpty() || password.given()
                || !type.equalsIgnoreCase("interactive") || !packageName.equalsIgnoreCase("msv1_0"))) {
            throw new ParameterException(spec.commandLine(),
                    "--session uses the session's token: --domain, --type, --package and a password go with --user");
        }
        Map<String, String> environment = environment();
        Luid session = target.session == null ? null : Luid.parse(target.session);
        try (LogonTarget lsa = LogonTarget.open(state(), socket, err, "lsa runas", "running the program from this "
                + "process (its logon session ends with it; through 'lsa serve' it would be visible to 'lsa sessions')")) {
            LsaConnection c = lsa.connection;
            AtomicReference<UserProcess> started = new AtomicReference<>();
            AtomicInteger pending = new AtomicInteger();
            try (Forwarding f = Forwarding.install(started, pending)) {
                UserProcess p;
                try {
                    p = session != null ? startInSession(c, session, environment)
                            : startWithLogon(c, logonType, pkg, environment);
                } catch (LsaException e) {
                    err.println("lsa runas: " + Printable.of(e.getMessage()) + " (" + statusName(e.status())
                            + (e.subStatus().equals(NtStatus.SUCCESS) ? "" : ", SubStatus " + statusName(e.subStatus()))
                            + ")");
                    return ExitCode.forStatus(e.status());
                }
                started.set(p);
                int early = pending.getAndSet(0); // a signal that came while the program was starting
                if (early != 0) {
                    Forwarding.forward(p, early);
                }
                return exitCode(p.waitFor());
            }
        }
    }

    private UserProcess startWithLogon(LsaConnection c, SecurityLogonType logonType, String pkg,
                                       Map<String, String> environment) throws Exception {
        ProcessSpec spec = spec(environment, false); // before the password: a missing program costs no typing
        try (SecretBytes pw = password.read("Password for " + target.user, false)) {
            return c.createProcessWithLogon(target.user, domain, pw, pkg, logonType, spec);
        }
    }

    private UserProcess startInSession(LsaConnection c, Luid session, Map<String, String> environment)
            throws Exception {
        TokenHandle h = c.queryUserToken(session);
        try {
            boolean system = c.queryToken(h).user().sid().equals(WellKnownSids.LOCAL_SYSTEM);
            return c.createProcessAsUser(h, spec(environment, system));
        } finally {
            c.closeHandle(h); // the process holds the session from now on
        }
    }

    /** The spec: the program found, the arguments, the environment and directory given, this terminal's streams. */
    private ProcessSpec spec(Map<String, String> environment, boolean rootAccount) throws LsaException {
        ProcessSpec.Builder b = ProcessSpec.of(resolve(program, environment.getOrDefault("PATH", loginPath(rootAccount))))
                .arguments(arguments.toArray(String[]::new))
                .stdin(Stdio.INHERIT).stdout(Stdio.INHERIT).stderr(Stdio.INHERIT);
        environment.forEach(b::environment);
        if (dir != null) {
            b.workingDirectory(dir.toAbsolutePath().normalize());
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /**
     * The PATH the account's program would get: the login environment's ({@link Launcher#loginEnvironment}), which
     * depends only on whether the account is uid 0 (login.defs' ENV_SUPATH) or not (ENV_PATH). The account's uid is
     * not known before its logon; only LocalSystem's session (uid 0) is known to be root's.
     */
    static String loginPath(boolean rootAccount) {
        return Launcher.loginEnvironment(rootAccount ? 0 : NOBODY_UID).get("PATH");
    }

    /** Any uid other than 0 has the same login PATH; nobody's stands for them. */
    private static final long NOBODY_UID = 65534;

    /**
     * PROGRAM as the absolute path to start: an absolute path as given; a relative path with a slash against the
     * working directory of this command, as a shell does; a bare name searched in {@code path}, the account's
     * PATH, never this command's: the caller's environment must not decide what runs as the account. Only absolute
     * PATH entries count. A name found nowhere is OBJECT_NAME_NOT_FOUND, the status of a missing program.
     */
    static Path resolve(String program, String path) throws LsaException {
        if (program.isEmpty() || program.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("not a program name: \"" + program + "\"");
        }
        if (program.contains("/")) {
            return Path.of(program).toAbsolutePath().normalize();
        }
        for (String d : path.split(":")) {
            if (d.isEmpty() || !d.startsWith("/")) {
                continue;
            }
            Path candidate = Path.of(d, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new LsaException(NtStatus.OBJECT_NAME_NOT_FOUND, "no such program in the account's PATH (" + path
                + "): " + program);
    }

    private SecurityLogonType logonType() {
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "interactive" -> SecurityLogonType.INTERACTIVE;
            case "batch" -> SecurityLogonType.BATCH;
            case "service" -> SecurityLogonType.SERVICE;
            default -> throw new ParameterException(spec.commandLine(), "--type takes interactive, batch or service"
                    + " (a network logon makes no token a process can run with), not '" + type + "'");
        };
    }

    private String packageName() {
        return switch (packageName.toLowerCase(Locale.ROOT)) {
            case "msv1_0", "msv" -> "MSV1_0";
            case "kerberos", "krb5" -> "Kerberos";
            default -> throw new ParameterException(spec.commandLine(),
                    "--package takes msv1_0 or kerberos, not '" + packageName + "'");
        };
    }

    private Map<String, String> environment() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String e : env) {
            int eq = e.indexOf('=');
            if (eq <= 0) {
                throw new ParameterException(spec.commandLine(), "--env takes NAME=VALUE, not '" + e + "'");
            }
            m.put(e.substring(0, eq), e.substring(eq + 1));
        }
        return m;
    }

    private static String statusName(NtStatus s) {
        return s.symbolicName().orElse(s.hex());
    }

    /** The program's exit code; 128 + N when signal N ended it, as shells report it. */
    static int exitCode(ExitStatus status) {
        return switch (status) {
            case ExitStatus.Exited x -> x.code();
            case ExitStatus.Signaled x -> 128 + x.signal();
        };
    }

    /**
     * While the program runs, SIGINT, SIGTERM and SIGHUP to this process go to the program instead of stopping this
     * one: the program has a session of its own (setsid), so the terminal's Ctrl-C reaches only lsa runas, which
     * passes it on and goes on waiting, to exit with the program's status. A signal that comes before the program
     * has started is kept and passed on once it has. The JVM's own handlers come back afterwards.
     */
    static final class Forwarding implements AutoCloseable {
        private static final String[] SIGNALS = {"INT", "TERM", "HUP"};
        private final Map<sun.misc.Signal, sun.misc.SignalHandler> previous = new LinkedHashMap<>();

        static Forwarding install(AtomicReference<UserProcess> started, AtomicInteger pending) {
            Forwarding f = new Forwarding();
            for (String name : SIGNALS) {
                sun.misc.Signal s = new sun.misc.Signal(name);
                try {
                    f.previous.put(s, sun.misc.Signal.handle(s, sig -> {
                        UserProcess p = started.get();
                        if (p != null) {
                            forward(p, sig.getNumber());
                            return;
                        }
                        // Not started yet: kept for the starter, unless it was set meanwhile, in which case
                        // whichever of the two takes the kept signal first passes it on.
                        pending.set(sig.getNumber());
                        UserProcess now = started.get();
                        int kept = now == null ? 0 : pending.getAndSet(0);
                        if (kept != 0) {
                            forward(now, kept);
                        }
                    }));
                } catch (IllegalArgumentException notHere) {
                    // a signal the JVM keeps for itself here: it keeps its usual meaning
                }
            }
            return f;
        }

        /**
         * Passes signal {@code number} on, as itself (SIGINT stays SIGINT: a shell or an editor tells them apart); a
         * process handle that cannot send it (an LSA older than this) gets SIGTERM instead.
         */
        static void forward(UserProcess p, int number) {
            try {
                p.signal(number);
            } catch (UnsupportedOperationException e) {
                p.terminate();
            }
        }

        @Override
        public void close() {
            previous.forEach(sun.misc.Signal::handle);
        }
    }
}
