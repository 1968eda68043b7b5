package org.openlsa.client;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.engine.UserProcess;
import org.openlsa.ipc.Request;
import org.openlsa.ipc.Response;
import org.openlsa.launch.ExitStatus;

/**
 * A process the daemon started for this connection (CREATE_PROCESS_AS_USER, CREATE_PROCESS_WITH_LOGON): its handle
 * in the daemon's table of this connection, and its pid. Waiting is WAIT_PROCESS in slices of at most 250 ms (far
 * below the daemon's cap of 10 s, docs/ipc.md, and the connection's timeout): each slice holds the connection, whose
 * requests are sequential, so a signal another thread passes on meanwhile ({@code lsa runas} forwarding Ctrl-C)
 * waits at most that long. The daemon answers a wait as soon as the process ends, so the slices cost no latency; a
 * long-running process costs four small requests a second.
 *
 * <p>{@link #onExit()} completes when a {@link #waitFor} or {@link #isAlive()} of this object observes the end: a
 * connection cannot wait in the background while it answers other calls. {@link #close()} closes the handle
 * (CLOSE_PROCESS); the process runs on, as it does when the connection ends. The standard streams were passed as
 * descriptors, so {@link #stdin()}, {@link #stdout()} and {@link #stderr()} are empty here.
 *
 * <p>{@link #terminate()}, {@link #kill()} and {@link #signal(int)} cannot throw the LSA's checked exception: a
 * failure (the handle closed, the connection lost) is an {@link IllegalStateException} whose cause is the
 * {@link LsaException}.
 */
public final class RemoteProcess implements UserProcess, AutoCloseable {
    /** docs/ipc.md, WAIT_PROCESS: the daemon waits no longer than this per request. */
    static final Duration DAEMON_WAIT_CAP = Duration.ofSeconds(10);
    /** One WAIT_PROCESS at most: how long a signal from another thread may wait for the connection. */
    static final Duration WAIT_SLICE = Duration.ofMillis(250);

    private final ClientConnection connection;
    private final int handle;
    private final long pid;
    private final Duration slice;
    private final CompletableFuture<ExitStatus> exit = new CompletableFuture<>();
    private volatile boolean closed;

    RemoteProcess(ClientConnection connection, int handle, long pid, Duration connectionTimeout) {
        this.connection = connection;
        this.handle = handle;
        this.pid = pid;
        Duration half = connectionTimeout.dividedBy(2);
        this.slice = half.compareTo(WAIT_SLICE) < 0 ? half : WAIT_SLICE;
    }

    /** The handle's value in the daemon (for tests and diagnostics). */
    public int handle() {
        return handle;
    }

    @Override
    public long pid() {
        return pid;
    }

    /** One WAIT_PROCESS of at most {@code millis}; the end once it is known. */
    private Optional<ExitStatus> waitOnce(long millis) throws LsaException {
        if (exit.isDone()) {
            return Optional.of(exit.join());
        }
        Response.ProcessState s = (Response.ProcessState) connection.call(new Request.WaitProcess(handle,
                (int) Math.min(millis, DAEMON_WAIT_CAP.toMillis())));
        Optional<ExitStatus> end = s.exitStatus();
        end.ifPresent(exit::complete);
        return end;
    }

    @Override
    public ExitStatus waitFor() throws InterruptedException {
        while (true) {
            Optional<ExitStatus> end = waitFor(slice);
            if (end.isPresent()) {
                return end.get();
            }
        }
    }

    @Override
    public Optional<ExitStatus> waitFor(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
        while (true) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            long left = Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
            Optional<ExitStatus> end;
            try {
                end = waitOnce(Math.min(left, slice.toMillis()));
            } catch (LsaException e) {
                throw new IllegalStateException("waiting for process " + pid + " failed: " + e.getMessage(), e);
            }
            if (end.isPresent() || left == 0) {
                return end;
            }
        }
    }

    @Override
    public CompletableFuture<ExitStatus> onExit() {
        return exit;
    }

    @Override
    public boolean isAlive() {
        try {
            return waitOnce(0).isEmpty();
        } catch (LsaException e) {
            throw new IllegalStateException("querying process " + pid + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void terminate() {
        signal(15);
    }

    @Override
    public void kill() {
        signal(9);
    }

    /** SIGNAL_PROCESS: SIGHUP 1, SIGINT 2, SIGQUIT 3, SIGKILL 9 or SIGTERM 15 (the daemon refuses others). */
    @Override
    public void signal(int signal) {
        try {
            connection.call(new Request.SignalProcess(handle, signal));
        } catch (LsaException e) {
            throw new IllegalStateException("signalling process " + pid + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public OutputStream stdin() {
        return OutputStream.nullOutputStream();
    }

    @Override
    public InputStream stdout() {
        return InputStream.nullInputStream();
    }

    @Override
    public InputStream stderr() {
        return InputStream.nullInputStream();
    }

    /**
     * CLOSE_PROCESS: the handle goes, the process runs on. Idempotent; a connection already lost has dropped the
     * handle with it.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            connection.call(new Request.CloseProcess(handle));
        } catch (LsaException e) {
            if (!e.status().equals(NtStatus.PORT_DISCONNECTED) && !e.status().equals(NtStatus.INVALID_HANDLE)) {
                throw new IllegalStateException("closing process handle failed: " + e.getMessage(), e);
            }
        }
    }
}
