package org.openlsa.impersonation;

import java.util.Objects;
import java.util.Optional;
import javax.security.auth.Subject;

/**
 * ImpersonateLoggedOnUser and RevertToSelf for the JVM: a {@link ScopedValue} binding of the client's
 * {@link ImpersonationContext} for the dynamic extent of an operation, never per-thread state.
 *
 * <ul>
 *   <li>{@link #callAs} binds the context while its operation runs, on whatever thread (platform or virtual) calls
 *       it, and unbinds it when the operation returns or throws. Bindings nest: the innermost wins.</li>
 *   <li>{@link #asSelf} runs an operation with no client bound (RevertToSelf inside a scope), as the server.</li>
 *   <li>Forks of a {@code StructuredTaskScope} opened inside the scope inherit the binding (ScopedValue's rule).
 *       Threads started otherwise, and tasks handed to an {@code ExecutorService}, do not: hand the binding over
 *       explicitly with {@link #capture()}.</li>
 * </ul>
 *
 * <p>The JAAS Subject moves with the binding (JDK 25's {@link Subject#callAs} is itself a ScopedValue binding):
 * inside {@link #callAs} {@link Subject#current()} is a Subject that holds no credentials, so a JGSS or SPNEGO client
 * cannot authenticate with the server's own credentials on the client's behalf; {@link KerberosImpersonation#callAs}
 * binds the client's Kerberos credentials instead; {@link #asSelf} restores the Subject that was current outside the
 * outermost impersonation.
 *
 * <p>Security guarantees: a binding cannot outlive its operation, cannot leak to a thread the operation did not
 * hand it to, and no code can change the binding of an enclosing scope.
 */
public final class Impersonation {
    private Impersonation() {}

    /**
     * One scope: the client bound ({@code null} inside {@link #asSelf}) and the Subject that was current outside the
     * outermost impersonation, which {@link #asSelf} restores.
     */
    record Frame(ImpersonationContext client, Subject self) {}

    private static final ScopedValue<Frame> FRAME = ScopedValue.newInstance();

    /**
     * Runs {@code op} as the client: {@link #current()} is {@code ctx} until {@code op} returns, and
     * {@link Subject#current()} holds no credentials. Any level may be bound, Anonymous and Identification included
     * (as ImpersonateLoggedOnUser allows); what the context then permits is its level's ({@link ImpersonationContext}).
     *
     * @return what {@code op} returns; what it throws propagates unchanged
     */
    public static <T, X extends Exception> T callAs(ImpersonationContext ctx, ScopedCall<T, X> op) throws X {
        Objects.requireNonNull(ctx, "ctx");
        return bind(ctx, noCredentials(), op);
    }

    /** {@link #callAs(ImpersonationContext, ScopedCall)} for an operation without a result. */
    public static <X extends Exception> void runAs(ImpersonationContext ctx, ScopedRun<X> op) throws X {
        Objects.requireNonNull(op, "op");
        callAs(ctx, () -> {
            op.run();
            return null;
        });
    }

    /**
     * RevertToSelf for the extent of {@code op}: no client is bound and {@link Subject#current()} is the Subject
     * current outside the outermost impersonation (the server's own, if it had one). Outside any impersonation,
     * {@code op} simply runs.
     */
    public static <T, X extends Exception> T asSelf(ScopedCall<T, X> op) throws X {
        Objects.requireNonNull(op, "op");
        if (!FRAME.isBound()) {
            return op.call();
        }
        Subject self = FRAME.get().self();
        return run(new Frame(null, self), self, op);
    }

    /** The client bound to the current scope; empty outside any impersonation and inside {@link #asSelf}. */
    public static Optional<ImpersonationContext> current() {
        return FRAME.isBound() ? Optional.ofNullable(FRAME.get().client()) : Optional.empty();
    }

    /**
     * The binding in force here, Subject included, to hand to a task that runs elsewhere (an
     * {@code ExecutorService}, a thread of one's own), which would otherwise see none: ScopedValue bindings reach only
     * StructuredTaskScope forks. Capturing outside any impersonation captures "no client".
     */
    public static CapturedImpersonation capture() {
        Subject subject = Subject.current();
        return new CapturedImpersonation(FRAME.isBound() ? FRAME.get() : new Frame(null, subject), subject);
    }

    /** Binds {@code ctx} with {@code subject} as the current Subject; {@code self} carries over from an outer scope. */
    static <T, X extends Exception> T bind(ImpersonationContext ctx, Subject subject, ScopedCall<T, X> op) throws X {
        Objects.requireNonNull(op, "op");
        Subject self = FRAME.isBound() ? FRAME.get().self() : Subject.current();
        return run(new Frame(ctx, self), subject, op);
    }

    /** Runs {@code op} with {@code frame} bound and {@code subject} current. */
    static <T, X extends Exception> T run(Frame frame, Subject subject, ScopedCall<T, X> op) throws X {
        // Subject.callAs wraps whatever the action throws in a CompletionException; catching it inside keeps the
        // operation's own exception (an unchecked CompletionException included) apart from the wrapper.
        Outcome<T> outcome = new Outcome<>();
        java.util.concurrent.Callable<T> action = () -> {
            try {
                outcome.value = op.call();
            } catch (Throwable t) {
                outcome.thrown = t;
            }
            return null;
        };
        ScopedValue.where(FRAME, frame).run(() -> Subject.callAs(subject, action));
        if (outcome.thrown != null) {
            throw Impersonation.<X>rethrow(outcome.thrown);
        }
        return outcome.value;
    }

    private static final class Outcome<T> {
        T value;
        Throwable thrown;
    }

    /**
     * Throws {@code t} as it is. Only {@code op.call()} threw it, and {@code op} declares {@code X}: a checked
     * exception here is an X, so the unchecked cast is sound.
     */
    @SuppressWarnings("unchecked")
    private static <X extends Exception> X rethrow(Throwable t) throws X {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw (X) t;
    }

    /**
     * A Subject with no principals and no credentials, read-only: JGSS finds nothing in it, and with
     * useSubjectCredsOnly (the default) it then fails instead of logging the server in.
     */
    private static Subject noCredentials() {
        Subject s = new Subject();
        s.setReadOnly();
        return s;
    }
}
