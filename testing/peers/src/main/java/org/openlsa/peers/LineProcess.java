package org.openlsa.peers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A child process spoken to in lines: stdout is read by a daemon thread into a queue so a reply can be awaited
 * with a timeout; stderr is kept (bounded) for error messages. Once a read fails the process is "broken" and every
 * later call fails at once, since the stream can no longer be trusted to be in step.
 */
final class LineProcess implements AutoCloseable {
    private static final String END_OF_OUTPUT = "\u0000end of output";

    private final String name;
    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuilder stderr = new StringBuilder();
    private volatile String brokenReason;

    private LineProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread.ofPlatform().daemon().name(name + "-stdout-" + process.pid()).start(() -> {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process ended or was closed; END_OF_OUTPUT tells a waiting caller
            } finally {
                lines.add(END_OF_OUTPUT);
            }
        });
        Thread.ofPlatform().daemon().name(name + "-stderr-" + process.pid()).start(() -> {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    synchronized (stderr) {
                        if (stderr.length() > 16384) {
                            stderr.delete(0, stderr.length() - 8192);
                        }
                        stderr.append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                // closed
            }
        });
    }

    static LineProcess start(String name, List<String> command, Map<String, String> environment,
            List<String> removeFromEnvironment) throws PeerException {
        ProcessBuilder builder = new ProcessBuilder(command);
        removeFromEnvironment.forEach(builder.environment()::remove);
        builder.environment().putAll(environment);
        try {
            return new LineProcess(name, builder.start());
        } catch (IOException e) {
            throw new PeerException("cannot start " + name + " (" + command.getFirst() + "): " + e.getMessage(), e);
        }
    }

    String name() {
        return name;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    void checkUsable() throws PeerException {
        String reason = brokenReason;
        if (reason != null) {
            throw new PeerException(name + " unusable after an earlier failure: " + reason);
        }
    }

    void write(String text) throws PeerException {
        try {
            stdin.write(text);
            stdin.flush();
        } catch (IOException e) {
            throw broken("cannot write to " + name + ": " + e.getMessage() + exitDescription());
        }
    }

    /** Writes without surfacing errors, for a writer thread whose failure the reader will notice. */
    void writeQuietly(String text) {
        try {
            stdin.write(text);
        } catch (IOException e) {
            // the reader sees the process end
        }
    }

    void flushQuietly() {
        try {
            stdin.flush();
        } catch (IOException e) {
            // the reader sees the process end
        }
    }

    /** The next stdout line, or a PeerException if none comes within {@code timeout} or the output ended. */
    String nextLine(Duration timeout) throws PeerException {
        String line;
        try {
            line = lines.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw broken("interrupted while waiting for " + name);
        }
        if (line == null) {
            throw broken(name + " gave no complete reply within " + timeout);
        }
        if (line.equals(END_OF_OUTPUT)) {
            lines.add(END_OF_OUTPUT);
            throw broken(name + " ended its output" + exitDescription());
        }
        return line;
    }

    /** Marks the process broken and returns the exception to throw, with stderr's tail. */
    PeerException broken(String reason) {
        if (brokenReason == null) {
            brokenReason = reason;
        }
        String err;
        synchronized (stderr) {
            err = stderr.toString().strip();
        }
        return new PeerException(reason + (err.isEmpty() ? "" : "; " + name + " stderr: " + err));
    }

    private String exitDescription() {
        try {
            if (process.waitFor(1, TimeUnit.SECONDS)) {
                return " (exit code " + process.exitValue() + ")";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "";
    }

    /** Closes stdin (the peers exit on end of input) and kills the process if it lingers. */
    @Override
    public void close() {
        try {
            stdin.close();
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
