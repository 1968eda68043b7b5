package org.openlsa.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * {@code lsa} in a process of its own, as root (this JVM's user) or as a throwaway OS user (useradd + setpriv, as
 * the daemon's OsUserRelay does), with the real {@link Main#main} entry point: its exit status, stdout and stderr.
 * The class path is copied where any user can read it (the Maven repository may be root's alone).
 */
final class ChildLsa implements AutoCloseable {
    record Result(int exit, String out, String err) {}

    private final Path classPathDir;
    private final String classPath;
    private final List<String> users = new ArrayList<>();

    ChildLsa() throws IOException {
        classPathDir = Files.createTempDirectory("olsa-cli-cp-");
        Files.setPosixFilePermissions(classPathDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> entries = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path p = Path.of(e);
            if (Files.isRegularFile(p)) {
                Path copy = classPathDir.resolve(entries.size() + "-" + p.getFileName());
                Files.copy(p, copy);
                Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
                entries.add(copy.toString());
            } else {
                entries.add(e); // target/classes of this worktree: readable by all
            }
        }
        classPath = String.join(java.io.File.pathSeparator, entries);
    }

    /** A new OS user (no home, no login shell), deleted by {@link #close}; needs root, as CI runs the tests. */
    String newUser() throws Exception {
        if (!"0".equals(run("id", "-u"))) {
            fail("tests of what an ordinary user sees create one and need root (CI runs as root)");
        }
        String user = "olsa-cli" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 20));
        run("useradd", "-M", "-r", "-s", "/usr/sbin/nologin", user);
        users.add(user);
        return user;
    }

    /** The command line that runs lsa with {@code args}, as {@code user} when not null. */
    List<String> command(String user, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        if (user != null) {
            cmd.addAll(List.of("setpriv", "--reuid=" + run("id", "-u", user), "--regid=" + run("id", "-g", user),
                    "--clear-groups", "--"));
        }
        cmd.addAll(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-cp", classPath,
                Main.class.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Runs lsa to completion (60 s at most) with {@code stdin} as its standard input. */
    Result lsa(String user, String stdin, String... args) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command(user, args));
        pb.environment().remove("OPENLSA_STATE");
        pb.environment().remove("OPENLSA_LOG_LEVEL");
        Process p = pb.start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        var out = java.util.concurrent.CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        var err = java.util.concurrent.CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("lsa " + String.join(" ", args) + " did not finish within 60 s");
        }
        return new Result(p.exitValue(), out.get(), err.get());
    }

    private static String read(java.io.InputStream in) {
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
        for (String u : users) {
            run("userdel", u);
        }
        try (var files = Files.list(classPathDir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(classPathDir);
    }
}
