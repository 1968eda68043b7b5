package org.openlsa.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway ordinary operating-system user that runs the real {@code lsa} CLI in its own JVM, so that a test in this
 * (root) JVM sees what an ordinary user sees: its uid reaches the daemon through SO_PEERCRED, and the files a state
 * directory keeps owner-only (sam.db, the audit log) are closed to it. The CLI's classes and libraries are copied where
 * that user can read them. Needs root (CI runs as root); elsewhere it fails, as a missing peer must.
 */
final class OsUserCli implements AutoCloseable {
    record Run(int exit, String out, String err) {}

    final String user;
    final long uid;
    final long gid;
    private final Path home;
    private final String classPath;

    private OsUserCli(String user, long uid, long gid, Path home, String classPath) {
        this.user = user;
        this.uid = uid;
        this.gid = gid;
        this.home = home;
        this.classPath = classPath;
    }

    static OsUserCli create() throws Exception {
        if (!"0".equals(run("id", "-u"))) {
            fail("these tests run the CLI as another OS user and need root (CI runs as root)");
        }
        String user = "olsa-cli" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 20));
        run("useradd", "-M", "-r", "-s", "/usr/sbin/nologin", user);
        long uid = Long.parseLong(run("id", "-u", user));
        long gid = Long.parseLong(run("id", "-g", user));
        Path home = Files.createTempDirectory("olsa-cli-");
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> entries = new ArrayList<>();
        int i = 0;
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(e);
            if (e.isEmpty() || !Files.exists(p) || e.contains("test-classes") || p.getFileName().toString().matches(
                    "(junit|opentest4j|apiguardian|jazzer|assertj|mockito|byte-buddy).*")) {
                continue;
            }
            Path copy = home.resolve("cp" + i++ + (Files.isDirectory(p) ? "" : ".jar"));
            copyTree(p, copy);
            entries.add(copy.toString());
        }
        run("chmod", "-R", "a+rX", home.toString());
        Path work = home.resolve("home");
        Files.createDirectory(work);
        run("chown", uid + ":" + gid, work.toString());
        return new OsUserCli(user, uid, gid, work, String.join(File.pathSeparator, entries));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
            return;
        }
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    /** A home directory of this user's own, for state directories it creates. */
    Path home() {
        return home;
    }

    /** Starts {@code lsa args...} as this user; stdin gets {@code input}. */
    Process start(String input, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups", "--",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:-UsePerfData", "--enable-native-access=ALL-UNNAMED",
                "-cp", classPath, "org.openlsa.cli.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(home.toFile());
        pb.environment().remove("OPENLSA_STATE");
        pb.environment().put("HOME", home.toString());
        Process p = pb.start();
        p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        return p;
    }

    /** Runs {@code lsa args...} as this user to completion (60 s at most). */
    Run lsa(String input, String... args) throws Exception {
        Process p = start(input, args);
        var err = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return e.toString();
            }
        });
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("lsa " + String.join(" ", args) + " did not finish within 60 s");
        }
        return new Run(p.exitValue(), out, err.get());
    }

    static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    @Override
    public void close() throws Exception {
        try (Stream<Path> all = Files.walk(home.getParent())) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
        run("userdel", user);
    }
}
