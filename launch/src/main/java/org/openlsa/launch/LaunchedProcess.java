package org.openlsa.launch;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A program the {@link Launcher} started: its pid (the program's own, since every tool before it execs rather than
 * forks), its exit, and its piped standard streams when the spec asked for pipes.
 */
public final class LaunchedProcess {
    private final Process process;

    LaunchedProcess(Process process) {
        this.process = process;
    }

    /** The program's process id. */
    public long pid() {
        return process.pid();
    }

    /** Waits for the program to end. */
    public ExitStatus waitFor() throws InterruptedException {
        return ExitStatus.ofExitValue(process.waitFor());
    }

    /** Waits at most {@code timeout}; empty if the program is still running. */
    public Optional<ExitStatus> waitFor(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)
                ? Optional.of(ExitStatus.ofExitValue(process.exitValue()))
                : Optional.empty();
    }

    /**
     * Completes when the program has ended, with how it ended: for whoever must act on the exit without a thread
     * blocked in {@link #waitFor()} (the engine releases the process's logon session and audits its exit).
     */
    public CompletableFuture<ExitStatus> onExit() {
        return process.onExit().thenApply(p -> ExitStatus.ofExitValue(p.exitValue()));
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Sends SIGTERM to the program (not to its session: what it started is its own business). */
    public void terminate() {
        process.destroy();
    }

    /** Sends SIGKILL to the program. */
    public void kill() {
        process.destroyForcibly();
    }

    /** The program's standard input when the spec piped it; otherwise a stream that discards (the JDK's). */
    public OutputStream stdin() {
        return process.getOutputStream();
    }

    /** The program's standard output when the spec piped it; otherwise an empty stream. */
    public InputStream stdout() {
        return process.getInputStream();
    }

    /** The program's standard error when the spec piped it; otherwise an empty stream. */
    public InputStream stderr() {
        return process.getErrorStream();
    }
}
