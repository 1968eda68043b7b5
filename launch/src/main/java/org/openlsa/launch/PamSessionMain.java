package org.openlsa.launch;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The PAM session helper (docs/launch.md, "PAM session"): a short Java process the launcher starts as root when a PAM
 * service is configured. It opens the service's account and session stacks for the user in its own process, starts
 * the launcher's usual chain ({@code [prlimit] setpriv ... PROGRAM}) as its child, forwards SIGHUP, SIGINT and
 * SIGTERM to it (SIGUSR1 as SIGKILL), and closes the session once the program has ended. This is su(1)'s shape: the process that
 * opened the session stays the program's parent, so that session modules (pam_limits, pam_loginuid, pam_keyinit)
 * act on it and its child, never on the daemon.
 *
 * <p>Usage: {@code PamSessionMain SERVICE USER REQUESTING_USER -- COMMAND...}, with descriptor 4 the read end of a
 * pipe holding the program's environment ({@code NAME=VALUE} strings, each ended by a NUL, then end of file; the
 * helper's own environment is not the program's: it is a JVM running as root, which the caller's variables must not
 * configure), and descriptor 3 the write end of the launcher's status pipe, on which it writes one line per event
 * (ASCII):
 * <ul>
 *   <li>{@code E <pam code> <message>}: account or session refused; the program was not started; exit status 1;</li>
 *   <li>{@code P <pid>}: the program started;</li>
 *   <li>{@code X <value>}: the program's exit value as the JDK reports it (128 + N for a death by signal N), written
 *       after the session was closed, just before the helper exits.</li>
 * </ul>
 */
public final class PamSessionMain {

    private static final int SIGKILL = 9;

    private PamSessionMain() {}

    public static void main(String[] args) throws Exception {
        int dash = Arrays.asList(args).indexOf("--");
        if (dash != 3 || args.length < 5) {
            System.err.println("usage: PamSessionMain SERVICE USER REQUESTING_USER -- COMMAND...");
            System.exit(2);
        }
        List<String> command = List.of(args).subList(4, args.length);
        Map<String, String> environment = new java.util.LinkedHashMap<>();
        try (java.io.InputStream in = new java.io.FileInputStream("/proc/self/fd/4")) {
            for (String kv : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\0")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    environment.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
            }
        }
        try (OutputStream status = new FileOutputStream("/proc/self/fd/3")) {
            System.exit(run(args[0], args[1], args[2], command, environment, status));
        }
    }

    /**
     * The JVM command that runs this class as the launcher's helper: the running JVM's {@code java}, the same
     * module (or class) path, native access for this module, and options for a short life (C1 only, serial GC, no
     * perf data file).
     */
    static List<String> jvmCommand() {
        List<String> c = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xss512k"));
        Module m = PamSessionMain.class.getModule();
        if (m.isNamed()) {
            c.add("--enable-native-access=" + m.getName());
            String modulePath = System.getProperty("jdk.module.path");
            if (modulePath != null && !modulePath.isEmpty()) {
                c.add("--module-path");
                c.add(absolute(modulePath));
            }
            c.add("-m");
            c.add(m.getName() + "/" + PamSessionMain.class.getName());
        } else {
            c.add("--enable-native-access=ALL-UNNAMED");
            c.add("-cp");
            c.add(absolute(System.getProperty("java.class.path")));
            c.add(PamSessionMain.class.getName());
        }
        return c;
    }

    /** A path list with every entry absolute: the helper starts in the program's working directory. */
    private static String absolute(String pathList) {
        return java.util.Arrays.stream(pathList.split(java.io.File.pathSeparator)).filter(e -> !e.isEmpty())
                .map(e -> Path.of(e).toAbsolutePath().toString())
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    private static int run(String service, String user, String requestingUser, List<String> command,
                           Map<String, String> environment, OutputStream status)
            throws IOException, InterruptedException {
        Pam pam;
        try {
            pam = Pam.start(service, user, requestingUser, terminal());
            pam.accountManagement();
            pam.openSession();
        } catch (Pam.PamException e) {
            line(status, "E " + e.code() + " " + e.getMessage());
            return 1;
        }
        Process program;
        java.util.concurrent.atomic.AtomicLong target = new java.util.concurrent.atomic.AtomicLong();
        try {
            ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
            Map<String, String> env = pb.environment();
            env.clear();
            env.putAll(environment);
            for (String kv : pam.environment()) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    env.putIfAbsent(kv.substring(0, eq), kv.substring(eq + 1)); // the launcher's values win
                }
            }
            forwardSignals(target); // before the start: a signal in between must not kill the helper, session open
            program = pb.start();
            target.set(program.pid());
        } catch (IOException | RuntimeException e) {
            pam.close();
            line(status, "E " + Pam.PAM_PERM_DENIED + " cannot start " + command.getFirst() + ": " + e.getMessage());
            return 1;
        }
        line(status, "P " + program.pid());
        int value = program.waitFor();
        pam.close();
        line(status, "X " + value);
        return 0;
    }

    /** The terminal standard input is, for PAM_TTY (pam_securetty, pam_access, lastlog read it). */
    private static Optional<String> terminal() {
        try {
            Path target = Files.readSymbolicLink(Path.of("/proc/self/fd/0"));
            String t = target.toString();
            return t.startsWith("/dev/pts/") || t.startsWith("/dev/tty") ? Optional.of(t) : Optional.empty();
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /**
     * SIGHUP, SIGINT and SIGTERM (and SIGQUIT, where the JVM was started with -Xrs and leaves it free) go to the
     * program, and SIGUSR1 becomes SIGKILL for it (the launcher's kill: SIGKILL to the helper would leave the session
     * open); one that arrives before the program exists is dropped, as it would be by a program not yet started.
     */
    private static void forwardSignals(java.util.concurrent.atomic.AtomicLong target) {
        for (String name : List.of("HUP", "INT", "QUIT", "TERM", "USR1")) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), s -> {
                    long pid = target.get();
                    if (pid <= 0) {
                        return;
                    }
                    int signal = name.equals("USR1") ? SIGKILL : s.getNumber();
                    try {
                        Posix.kill((int) pid, signal);
                    } catch (Posix.Errno ignored) {
                        // the program has gone: nothing to forward to
                    }
                });
            } catch (IllegalArgumentException vmOwned) {
                // SIGQUIT without -Xrs: the JVM's thread dump keeps it
            }
        }
    }

    private static void line(OutputStream status, String s) throws IOException {
        String clean = s.replace('\n', ' ').replace('\r', ' ');
        status.write((clean + "\n").getBytes(StandardCharsets.UTF_8));
        status.flush();
    }
}
