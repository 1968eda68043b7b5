package org.openlsa.engine.internal;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.openlsa.engine.UserProcess;
import org.openlsa.launch.ExitStatus;

/**
 * The caller's view of a process the engine started: the launcher's process, whose end the caller learns only after
 * the engine has acted on it ({@code done}: the exit's audit line written and the session reference released), so a
 * caller that saw the exit also sees the session gone when it was the last reference.
 */
final class TrackedProcess implements UserProcess {
    private final UserProcess process;
    private final CompletableFuture<ExitStatus> done;

    TrackedProcess(UserProcess process, CompletableFuture<ExitStatus> done) {
        this.process = process;
        this.done = done;
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public ExitStatus waitFor() throws InterruptedException {
        try {
            return done.get();
        } catch (ExecutionException | CancellationException e) {
            return process.waitFor(); // the bookkeeping failed (an audit sink threw): the exit itself is still known
        }
    }

    @Override
    public Optional<ExitStatus> waitFor(Duration timeout) throws InterruptedException {
        try {
            return Optional.of(done.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException | CancellationException e) {
            return process.waitFor(timeout);
        }
    }

    @Override
    public CompletableFuture<ExitStatus> onExit() {
        return done.copy();
    }

    @Override
    public boolean isAlive() {
        return !done.isDone();
    }

    @Override
    public void terminate() {
        process.terminate();
    }

    @Override
    public void kill() {
        process.kill();
    }

    @Override
    public void signal(int signal) {
        process.signal(signal);
    }

    @Override
    public OutputStream stdin() {
        return process.stdin();
    }

    @Override
    public InputStream stdout() {
        return process.stdout();
    }

    @Override
    public InputStream stderr() {
        return process.stderr();
    }
}
