package org.openlsa.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.daemon.DaemonLog;
import org.openlsa.daemon.KdcBindException;
import org.openlsa.host.StateException;
import org.openlsa.host.StateLayout;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code lsa}: the OpenLSA command line. Exit codes: {@link ExitCode}. */
@Command(name = "lsa", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "OpenLSA: a portable Local Security Authority (logon sessions, access tokens, MSV1_0, a Kerberos KDC).",
        footer = {"", "Exit codes: 0 success, 1 unexpected error, 2 bad usage, 3 logon failure,",
            "4 account restriction (or logon type not granted), 5 other LSA status, 6 state directory problem."})
public final class Main {
    /**
     * The subcommands, in the order {@code lsa --help} lists them. Not in {@code @Command(subcommands = ...)}: picocli
     * builds the model of every listed command by reflection when the root is constructed, which was most of a
     * short command's run time; {@link #commandLine} adds only the one a command line names.
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(InitCommand.class, UserCommands.class, GroupCommands.class,
            AliasCommands.class, RightsCommands.class, PolicyCommands.class, SpnCommands.class,
            DelegationCommands.class, KeytabCommands.class, PkinitCommands.class, Krb5ConfCommand.class, LogonCommand.class,
            RunasCommand.class, ChallengeCommand.class, ServeCommand.class, KdcCommand.class, WhoamiCommand.class, SessionsCommand.class,
            IdmapCommand.class,
            AuditCommand.class, StatusCommand.class, KlistCommand.class, KpasswdCommand.class, DemoCommand.class,
            CommandLine.HelpCommand.class);

    @Option(names = "--state", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "State directory (default: $OPENLSA_STATE).")
    Path state;

    /** The state directory: {@code --state DIR}, else $OPENLSA_STATE. */
    StateLayout stateDirectory() throws StateException {
        if (state != null) {
            return StateLayout.of(state);
        }
        String env = System.getenv("OPENLSA_STATE");
        if (env != null && !env.isBlank()) {
            return StateLayout.of(Path.of(env));
        }
        throw new StateException("no state directory: give --state DIR or set OPENLSA_STATE");
    }

    public static void main(String[] args) {
        PrintWriter err = new PrintWriter(System.err, true);
        try {
            // The process's log, set up once (lsa serve --log-level may change the level).
            DaemonLog.install(DaemonLog.levelFromEnvironment().orElse(java.util.logging.Level.INFO));
        } catch (IllegalArgumentException e) {
            err.println("lsa: " + e.getMessage());
            System.exit(ExitCode.USAGE);
        }
        System.exit(run(args, new PrintWriter(System.out, true), err));
    }

    /** Runs the command line with the given output streams and returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine(args);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> handle(ex, cmd.getErr()));
        return cl.execute(args);
    }

    /**
     * The root command with the subcommand that {@code args} names, or with all of them when it names none that
     * exists or names {@code help} (usage, suggestions for a mistyped name and {@code lsa help CMD} need them all).
     * Either way picocli parses {@code args} exactly as it would with every subcommand present.
     */
    static CommandLine commandLine(String[] args) {
        CommandLine cl = new CommandLine(new Main());
        Class<?> only = subcommandNamed(firstCommandWord(args));
        if (only != null) {
            cl.addSubcommand(only);
        } else {
            SUBCOMMANDS.forEach(cl::addSubcommand);
        }
        // lsa runas PROGRAM ARGS: everything from PROGRAM on is the program's, its options included
        // (lsa runas -u alice id -u), as with sudo; "--" works too.
        CommandLine runas = cl.getSubcommands().get("runas");
        if (runas != null) {
            runas.setStopAtPositional(true);
        }
        return cl;
    }

    /** The first argument that is not one of the root command's own options (or their values), or null. */
    static String firstCommandWord(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--state")) {
                i++; // its value, whatever it looks like
            } else if (a.equals("--")) {
                return null; // positional parameters of the root, which has none: let picocli report it
            } else if (!a.startsWith("-")) {
                return a;
            }
        }
        return null;
    }

    private static Class<?> subcommandNamed(String name) {
        if (name == null || name.equals("help")) {
            return null;
        }
        for (Class<?> c : SUBCOMMANDS) {
            Command command = c.getAnnotation(Command.class);
            if (name.equals(command.name()) || List.of(command.aliases()).contains(name)) {
                return c;
            }
        }
        return null;
    }

    /** Reports a failure; a message may quote a name as the caller typed it, so it is printed escaped (Printable). */
    static int handle(Exception ex, PrintWriter err) {
        if (ex instanceof LsaException e) {
            err.println("lsa: " + Printable.of(e.getMessage()));
            err.println("  " + describe(e));
            return ExitCode.forStatus(e.status());
        }
        if (ex instanceof StateException) {
            err.println("lsa: " + Printable.of(ex.getMessage()));
            return ExitCode.STATE;
        }
        if (ex instanceof KdcBindException) {
            // An I/O failure with a message that already says what to do: no "unexpected error" around it.
            err.println("lsa: " + ex.getMessage());
            return ExitCode.ERROR;
        }
        if (ex instanceof IllegalArgumentException) {
            err.println("lsa: " + Printable.of(ex.getMessage()));
            return ExitCode.USAGE;
        }
        err.println("lsa: unexpected error: " + Printable.of(ex.toString()));
        return ExitCode.ERROR;
    }

    /** "status STATUS_X (0x...), SubStatus STATUS_Y (0x...), Win32 error N". */
    static String describe(LsaException e) {
        StringBuilder b = new StringBuilder("status ").append(e.status());
        if (!e.subStatus().equals(NtStatus.SUCCESS)) {
            b.append(", SubStatus ").append(e.subStatus());
        }
        b.append(", Win32 error ").append(e.status().toWin32Error());
        return b.toString();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getModule().getDescriptor() == null ? null
                    : Main.class.getModule().getDescriptor().rawVersion().orElse(null);
            return new String[] {"OpenLSA " + (v == null ? "0.1.0-SNAPSHOT" : v) + " on Java " + Runtime.version()};
        }
    }
}
