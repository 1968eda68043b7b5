package org.openlsa.engine;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.openlsa.launch.ExitStatus;

/**
 * A process started for a token by {@link LsaConnection#createProcessAsUser} (the process handle CreateProcessAsUser
 * returns in PROCESS_INFORMATION): its pid, its end, and its standard streams where the spec piped them. The process
 * holds a reference to its token's logon session until it ends (docs/lsa-behaviour.md, "CreateProcessAsUser").
 *
 * <p>When {@link #waitFor()} or {@link #onExit()} report the end, the engine has already released the session
 * reference and written the exit's audit line.
 */
public interface UserProcess extends AutoCloseable {
    /** The program's process id. */
    long pid();

    /** Waits for the program to end: {@code Exited(code)} or {@code Signaled(signal)}. */
    ExitStatus waitFor() throws InterruptedException;

    /** Waits at most {@code timeout}; empty while the program still runs. */
    Optional<ExitStatus> waitFor(Duration timeout) throws InterruptedException;

    /** Completes with the program's end (TerminateProcess's counterpart for callers that do not block). */
    CompletableFuture<ExitStatus> onExit();

    boolean isAlive();

    /** TerminateProcess: sends SIGTERM to the program. */
    void terminate();

    /** Sends SIGKILL to the program. */
    void kill();

    /**
     * Sends {@code signal} (a Linux signal number) to the program, while it runs.
     *
     * @throws UnsupportedOperationException where the implementation sends only SIGTERM and SIGKILL
     */
    default void signal(int signal) {
        switch (signal) {
            case 15 -> terminate();
            case 9 -> kill();
            default -> throw new UnsupportedOperationException("signal " + signal + " cannot be sent to this process");
        }
    }

    /**
     * CloseHandle of the process handle: the process goes on (closing a handle never ends a process, as on Windows).
     * In process there is nothing to release; through the daemon it frees the handle's place (docs/ipc.md, "Limits").
     */
    @Override
    default void close() {}

    /** The program's standard input when the spec piped it; otherwise a stream that discards. */
    OutputStream stdin();

    /** The program's standard output when the spec piped it; otherwise an empty stream. */
    InputStream stdout();

    /** The program's standard error when the spec piped it; otherwise an empty stream. */
    InputStream stderr();
}
