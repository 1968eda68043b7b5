package org.openlsa.launch;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A program the {@link Launcher} started: its pid (the program's own, since every tool before it execs rather than
 * forks), its exit, and its piped standard streams when the spec asked for pipes.
 *
 * <p>The pid is a child of this JVM that no {@link Process} knows: a platform daemon thread per running process
 * (pooled) waits for it
 * with {@code waitid(P_PID, pid, WEXITED | WNOWAIT)}, which leaves it a zombie, and then, under this object's lock,
 * marks it ended and reaps it with {@code waitpid}. Signals are sent under the same lock and only before the reap, so
 * a pid the kernel has since given to another process is never signalled. The JDK's own reaper waits only for the
 * pids of its own {@code Process}es, never for -1, so it cannot take this exit away (nor does this class wait for
 * -1).
 */
public final class LaunchedProcess {
    private static final long WAITER_STACK_BYTES = 256 * 1024;
    /**
     * The waiting threads: platform threads (a virtual one would pin its carrier in waitid), daemon, small stacks,
     * reused across processes since creating one costs about as much as the spawn itself; an idle one ends after a
     * minute.
     */
    private static final ExecutorService WAITERS = Executors.newCachedThreadPool(
            Thread.ofPlatform().daemon().name("launched-process-waiter-", 0).stackSize(WAITER_STACK_BYTES).factory());

    private final int pid;
    /** Set when the program runs under the PAM session helper, which is then the child {@link #pid} names. */
    private final PamHelper pam;
    private final OutputStream stdin;
    private final InputStream stdout;
    private final InputStream stderr;
    private final CompletableFuture<ExitStatus> exit = new CompletableFuture<>();
    private boolean reaped; // guarded by this

    LaunchedProcess(int pid, OutputStream stdin, InputStream stdout, InputStream stderr) {
        this(pid, null, stdin, stdout, stderr);
    }

    /** A child that is the PAM session helper ({@code pam}) in front of the program. */
    LaunchedProcess(int pid, PamHelper pam, OutputStream stdin, InputStream stdout, InputStream stderr) {
        this.pid = pid;
        this.pam = pam;
        this.stdin = stdin == null ? OutputStream.nullOutputStream() : stdin;
        this.stdout = stdout == null ? InputStream.nullInputStream() : stdout;
        this.stderr = stderr == null ? InputStream.nullInputStream() : stderr;
        WAITERS.execute(this::awaitExit);
    }

    private void awaitExit() {
        try (Arena a = Arena.ofConfined()) {
            Posix.awaitExitWithoutReaping(pid, a);
            int status;
            synchronized (this) {
                status = Posix.reap(pid, a);
                reaped = true;
            }
            ExitStatus own = ExitStatus.ofWaitStatus(status);
            exit.complete(pam == null ? own : pam.programExit(own));
        } catch (Posix.Errno | RuntimeException | Error e) {
            synchronized (this) {
                reaped = true; // whatever became of the pid, it is no longer known to be ours
            }
            exit.completeExceptionally(new IllegalStateException("lost track of process " + pid + ": "
                    + e.getMessage(), e));
        }
    }

    /**
     * The id of the session the launch made (posix_spawn's setsid): the pid of the process this launcher spawned and
     * reaps, the program itself or, under PAM, the helper whose child the program is. The program and its descendants
     * have it as their session id until one of them calls setsid itself.
     */
    public long sessionId() {
        return pid;
    }

    /** The program's process id (under PAM, the program's, not the helper's). */
    public long pid() {
        return pam == null ? pid : pam.programPid();
    }

    /** Waits for the program to end. */
    public ExitStatus waitFor() throws InterruptedException {
        try {
            return exit.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
    }

    /** Waits at most {@code timeout}; empty if the program is still running. */
    public Optional<ExitStatus> waitFor(Duration timeout) throws InterruptedException {
        try {
            return Optional.of(exit.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
    }

    /**
     * Completes when the program has ended, with how it ended: for whoever must act on the exit without a thread
     * blocked in {@link #waitFor()} (the engine releases the process's logon session and audits its exit). A copy:
     * completing it changes nothing here.
     */
    public CompletableFuture<ExitStatus> onExit() {
        return exit.copy();
    }

    public boolean isAlive() {
        return !exit.isDone();
    }

    /** Sends SIGTERM to the program (not to its session: what it started is its own business). */
    public void terminate() {
        signal(15);
    }

    /**
     * Sends SIGKILL to the program; under PAM, SIGUSR1 to the helper, which kills the program and still closes the
     * session (a SIGKILL to the helper would leave it open).
     */
    public void kill() {
        signal(pam == null ? 9 : PamHelper.SIGUSR1);
    }

    /**
     * Sends {@code signal} (1..64: SIGINT, SIGHUP, SIGQUIT forwarded from a caller's terminal, for instance) to the
     * program, if it has not been reaped yet; afterwards nothing is sent, since the pid may belong to another process.
     * Under PAM the signal goes to the helper, which passes SIGHUP, SIGINT and SIGTERM on (docs/launch.md).
     *
     * @return whether the signal was sent
     * @throws IllegalArgumentException for a number that is no signal
     */
    public synchronized boolean signal(int signal) {
        if (signal < 1 || signal > 64) {
            throw new IllegalArgumentException("not a signal number: " + signal);
        }
        if (reaped) {
            return false;
        }
        try {
            Posix.kill(pid, signal);
            return true;
        } catch (Posix.Errno e) {
            return false; // ESRCH cannot happen before the reap; EPERM would mean the pid is not ours
        }
    }

    /** The program's standard input when the spec piped it; otherwise a stream that discards. */
    public OutputStream stdin() {
        return stdin;
    }

    /** The program's standard output when the spec piped it; otherwise an empty stream. */
    public InputStream stdout() {
        return stdout;
    }

    /** The program's standard error when the spec piped it; otherwise an empty stream. */
    public InputStream stderr() {
        return stderr;
    }
}
