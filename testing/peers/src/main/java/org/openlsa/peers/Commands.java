package org.openlsa.peers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Finding the peers' executables and running short commands to completion. */
final class Commands {
    private static final List<Path> SEARCH_DIRS =
            List.of(Path.of("/usr/sbin"), Path.of("/usr/bin"), Path.of("/sbin"), Path.of("/bin"));

    private Commands() {
    }

    /** The absolute path of {@code name}, or a PeerException naming the Debian package that provides it. */
    static Path find(String name, String debianPackage) throws PeerException {
        List<Path> dirs = new ArrayList<>(SEARCH_DIRS);
        String pathVar = System.getenv("PATH");
        if (pathVar != null) {
            for (String dir : pathVar.split(":")) {
                if (!dir.isEmpty()) {
                    dirs.add(Path.of(dir));
                }
            }
        }
        for (Path dir : dirs) {
            Path candidate = dir.resolve(name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new PeerException(name + " not found in /usr/sbin, /usr/bin or PATH: install the Debian package "
                + debianPackage + " (.ci/run installs the peers)");
    }

    /** A file that must exist, or a PeerException naming the Debian package that provides it. */
    static Path require(Path file, String debianPackage) throws PeerException {
        if (!Files.isRegularFile(file)) {
            throw new PeerException(file + " not found: install the Debian package " + debianPackage
                    + " (.ci/run installs the peers)");
        }
        return file;
    }

    /** The output of a command run to completion, stdin fed from {@code input}; a non-zero exit fails. */
    static String run(List<String> command, Map<String, String> environment, String input, Duration timeout)
            throws PeerException {
        Result result = runAllowingFailure(command, environment, input, timeout);
        if (result.exitCode() != 0) {
            throw new PeerException(String.join(" ", command) + " exited with " + result.exitCode() + ": "
                    + result.output().strip());
        }
        return result.output();
    }

    record Result(int exitCode, String output) {
    }

    /** Runs a command to completion, stdout and stderr merged; only a timeout or an I/O failure throws. */
    static Result runAllowingFailure(List<String> command, Map<String, String> environment, String input,
            Duration timeout) throws PeerException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new PeerException("cannot start " + command.getFirst() + ": " + e.getMessage(), e);
        }
        try (OutputStream stdin = process.getOutputStream()) {
            if (input != null) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // The command may exit without reading its input; its exit code and output tell what happened.
        }
        // Read on another thread so a chatty command cannot block on a full pipe while we wait for it.
        InputStream stdout = process.getInputStream();
        StringBuilder output = new StringBuilder();
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                output.append(new String(stdout.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                output.append("(output unreadable: ").append(e.getMessage()).append(')');
            }
        });
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new PeerException(String.join(" ", command) + " did not finish within " + timeout);
            }
            reader.join(timeout.toMillis());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new PeerException("interrupted while running " + command.getFirst(), e);
        }
        synchronized (output) {
            return new Result(process.exitValue(), output.toString());
        }
    }

    /** What a command run by {@link #runSeparated} printed, its two streams kept apart. */
    record Separated(int exitCode, String stdout, String stderr) {
    }

    /**
     * Runs a command to completion with stdout and stderr kept apart (MIT tools print prompts on stdout and
     * errors on stderr); only a timeout or an I/O failure throws. An environment entry with a null value removes
     * that variable.
     */
    static Separated runSeparated(List<String> command, Map<String, String> environment, String input,
            Duration timeout) throws PeerException {
        ProcessBuilder builder = new ProcessBuilder(command);
        environment.forEach((k, v) -> {
            if (v == null) {
                builder.environment().remove(k);
            } else {
                builder.environment().put(k, v);
            }
        });
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new PeerException("cannot start " + command.getFirst() + ": " + e.getMessage(), e);
        }
        StringBuilder stdout = new StringBuilder();
        StringBuilder stderr = new StringBuilder();
        Thread outReader = drain(process.getInputStream(), stdout);
        Thread errReader = drain(process.getErrorStream(), stderr);
        try (OutputStream stdin = process.getOutputStream()) {
            if (input != null) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // The command may exit without reading its input; its exit code and output tell what happened.
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new PeerException(String.join(" ", command) + " did not finish within " + timeout);
            }
            outReader.join(timeout.toMillis());
            errReader.join(timeout.toMillis());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new PeerException("interrupted while running " + command.getFirst(), e);
        }
        synchronized (stdout) {
            synchronized (stderr) {
                return new Separated(process.exitValue(), stdout.toString(), stderr.toString());
            }
        }
    }

    private static Thread drain(InputStream stream, StringBuilder into) {
        return Thread.ofVirtual().start(() -> {
            String text;
            try {
                text = new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                text = "(output unreadable: " + e.getMessage() + ")";
            }
            synchronized (into) {
                into.append(text);
            }
        });
    }

    /**
     * Kills a process and every process it started (winbindd forks domain and idmap children), then waits until
     * each is gone. SIGKILL, not SIGTERM: the peers' state lives in a directory deleted right after, and a clean
     * Samba shutdown takes seconds.
     */
    static void destroyTree(ProcessHandle root, Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        // Descendants first, while their parents live to reap them: an orphan's zombie may never be reaped here.
        List<ProcessHandle> descendants = root.descendants().toList();
        descendants.forEach(ProcessHandle::destroyForcibly);
        awaitGone(descendants, deadline);
        root.destroyForcibly();
        awaitGone(List.of(root), deadline);
    }

    private static void awaitGone(List<ProcessHandle> handles, long deadline) {
        for (ProcessHandle handle : handles) {
            while (!gone(handle) && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Dead, or a zombie nobody reaps (a reparented Samba daemon may stay one here): either way, not running. */
    private static boolean gone(ProcessHandle handle) {
        if (!handle.isAlive()) {
            return true;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(handle.pid()), "stat"));
            int close = stat.lastIndexOf(')');
            return close > 0 && close + 2 < stat.length() && stat.charAt(close + 2) == 'Z';
        } catch (IOException e) {
            return true;
        }
    }
}
