package org.openlsa.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code lsa} in a process of its own, as root (this JVM's user) or as a throwaway ordinary OS user (useradd +
 * setpriv, as the daemon's OsUserRelay does), through the real {@link Main#main} entry point: its exit status, stdout
 * and stderr. Such a user's uid reaches the daemon through SO_PEERCRED and the files a state directory keeps
 * owner-only (sam.db, the audit log) are closed to it, so a test sees what that user would. The class path (less the
 * test libraries) is copied where any user can read it: the Maven repository and the work tree may be root's alone.
 * Users exist only for the tests; creating one needs root (CI runs as root), and elsewhere it fails, as a missing peer
 * must.
 */
final class ChildLsa implements AutoCloseable {
    record Result(int exit, String out, String err) {}

    private final Path root;
    private final String classPath;
    private final Map<String, Path> homes = new LinkedHashMap<>();

    ChildLsa() throws Exception {
        root = Files.createTempDirectory("olsa-cli-");
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path cp = Files.createDirectory(root.resolve("cp"));
        List<String> entries = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(e);
            if (e.isEmpty() || !Files.exists(p) || e.contains("test-classes") || p.getFileName().toString().matches(
                    "(junit|opentest4j|apiguardian|jazzer|jqwik|assertj|mockito|byte-buddy).*")) {
                continue;
            }
            Path copy = cp.resolve(entries.size() + "-" + p.getFileName());
            copyTree(p, copy);
            entries.add(copy.toString());
        }
        run("chmod", "-R", "a+rX", root.toString());
        classPath = String.join(File.pathSeparator, entries);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = from.equals(p) ? to : to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    /**
     * A new OS user (no login shell) with a working directory of its own, used as its HOME and the directory its
     * commands run in; the user and the directory go in {@link #close}.
     */
    String newUser() throws Exception {
        if (!"0".equals(run("id", "-u"))) {
            fail("tests of what an ordinary user sees create one and need root (CI runs as root)");
        }
        String user = "olsa-cli" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 20));
        run("useradd", "-M", "-r", "-s", "/usr/sbin/nologin", user);
        Path home = Files.createDirectory(root.resolve("home-" + user));
        homes.put(user, home);
        run("chown", user + ":", home.toString());
        return user;
    }

    /** The working directory (and HOME) of a user made by {@link #newUser}. */
    Path home(String user) {
        return homes.get(user);
    }

    static long uid(String user) throws Exception {
        return Long.parseLong(run("id", "-u", user));
    }

    static long gid(String user) throws Exception {
        return Long.parseLong(run("id", "-g", user));
    }

    /** The command line that runs lsa with {@code args}, as {@code user} when not null. */
    List<String> command(String user, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        if (user != null) {
            cmd.addAll(List.of("setpriv", "--reuid=" + uid(user), "--regid=" + gid(user), "--clear-groups", "--"));
        }
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:-UsePerfData",
                "--enable-native-access=ALL-UNNAMED", "--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-cp", classPath,
                Main.class.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Starts lsa with {@code stdin} as its whole standard input; the caller reads its output and ends it. */
    Process start(String user, String stdin, String... args) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command(user, args));
        pb.environment().remove("OPENLSA_STATE");
        pb.environment().remove("OPENLSA_LOG_LEVEL");
        if (user != null) {
            pb.directory(home(user).toFile());
            pb.environment().put("HOME", home(user).toString());
        }
        Process p = pb.start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        return p;
    }

    /** Runs lsa to completion (60 s at most) with {@code stdin} as its standard input. */
    Result lsa(String user, String stdin, String... args) throws Exception {
        Process p = start(user, stdin, args);
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("lsa " + String.join(" ", args) + " did not finish within 60 s");
        }
        return new Result(p.exitValue(), out.get(), err.get());
    }

    private static String read(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** Runs a tool to completion and returns its trimmed output; fails on a non-zero exit. */
    static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    @Override
    public void close() throws Exception {
        for (String u : homes.keySet()) {
            run("userdel", u);
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
