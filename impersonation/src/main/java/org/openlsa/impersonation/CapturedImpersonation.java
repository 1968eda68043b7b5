package org.openlsa.impersonation;

import java.util.Objects;
import java.util.concurrent.Callable;
import javax.security.auth.Subject;

/**
 * An impersonation binding captured by {@link Impersonation#capture()}, to hand to work that runs on another thread:
 * wrap a task with {@link #wrap(Runnable)} or {@link #wrap(Callable)} before giving it to an
 * {@code ExecutorService}, and the task runs with the captured client (or none) and the captured Subject bound, for
 * its own extent, whatever thread runs it.
 *
 * <p>The captured binding names the context; it does not keep credentials alive. A task that runs after the
 * {@link KerberosImpersonation} scope it was captured in has ended still sees the client's identity, but the
 * client's tickets are destroyed by then and a JGSS initiation fails: wait for handed-off work inside the scope.
 */
public final class CapturedImpersonation {
    private final Impersonation.Frame frame;
    private final Subject subject;

    CapturedImpersonation(Impersonation.Frame frame, Subject subject) {
        this.frame = frame;
        this.subject = subject;
    }

    /** Runs {@code op} here with the captured binding. */
    public <T, X extends Exception> T call(ScopedCall<T, X> op) throws X {
        Objects.requireNonNull(op, "op");
        return Impersonation.run(frame, subject, op);
    }

    /** {@code task}, to run with the captured binding wherever it runs. */
    public Runnable wrap(Runnable task) {
        Objects.requireNonNull(task, "task");
        return () -> call(() -> {
            task.run();
            return null;
        });
    }

    /** {@code task}, to run with the captured binding wherever it runs; its exception reaches the executor as is. */
    public <T> Callable<T> wrap(Callable<T> task) {
        Objects.requireNonNull(task, "task");
        return () -> call(task::call);
    }

    @Override
    public String toString() {
        return "CapturedImpersonation[" + (frame.client() == null ? "self" : frame.client()) + "]";
    }
}
