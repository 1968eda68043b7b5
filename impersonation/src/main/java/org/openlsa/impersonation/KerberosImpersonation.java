package org.openlsa.impersonation;

import java.util.Objects;
import java.util.Set;
import javax.security.auth.DestroyFailedException;
import javax.security.auth.Destroyable;
import javax.security.auth.Subject;
import org.openlsa.core.LsaException;
import org.openlsa.impersonation.internal.SessionTgt;

/**
 * Impersonation with the client's network credentials: {@link Impersonation#callAs} plus a JAAS Subject that holds
 * the client's {@code KerberosPrincipal} and, as a private credential, its logon session's TGT as a
 * {@code KerberosTicket} with its session key. JGSS finds that Subject through {@link Subject#current()}, so a JGSS
 * or SPNEGO initiator inside the scope ({@code GSSManager.createContext} with a null credential: an HTTP client,
 * LDAP over SASL/GSSAPI, a JDBC driver with GSS) authenticates as the client, with no password and no file.
 *
 * <p>The TGT comes from the Kerberos package through the context's connection each time a scope opens (so a renewed
 * TGT is the one used), and is destroyed, with the service tickets JGSS added to the Subject, when the scope ends.
 * Who may read which session's TGT is the package's rule: a trusted server (LsaRegisterLogonProcess, which needs
 * SeTcbPrivilege) any session's; an untrusted caller none, since the package withholds a TGT's key from it.
 *
 * <p>Security guarantees: the client's credentials are reachable only inside the scope and its StructuredTaskScope
 * forks (or where a {@link CapturedImpersonation} hands them, until the scope ends); nothing here writes a ticket to
 * a file or a credential cache.
 */
public final class KerberosImpersonation {
    private KerberosImpersonation() {}

    /**
     * Runs {@code op} as the client, with its TGT in {@link Subject#current()}.
     *
     * @throws LsaException before {@code op} runs: BAD_IMPERSONATION_LEVEL (an Identification or Anonymous token:
     *     the client's credentials may not be used), OBJECT_NAME_NOT_FOUND (the logon session holds no TGT), and
     *     what the Kerberos package answers (ACCESS_DENIED, NO_SUCH_LOGON_SESSION, PRIVILEGE_NOT_HELD: see
     *     docs/impersonation.md)
     */
    public static <T, X extends Exception> T callAs(ImpersonationContext ctx, ScopedCall<T, X> op)
            throws LsaException, X {
        Objects.requireNonNull(ctx, "ctx");
        Objects.requireNonNull(op, "op");
        ctx.requireImpersonation();
        SessionTgt.Credentials c = SessionTgt.fetch(ctx.connection(), ctx.tokenUnchecked().authenticationId());
        // Not read-only: JGSS keeps the service tickets it obtains in the Subject, so later initiations in the same
        // scope reuse them; they are destroyed with the TGT below.
        Subject subject = new Subject(false, Set.of(c.client()), Set.of(), Set.of(c.tgt()));
        try {
            return Impersonation.bind(ctx, subject, op);
        } finally {
            destroyCredentials(subject);
        }
    }

    /** {@link #callAs(ImpersonationContext, ScopedCall)} for an operation without a result. */
    public static <X extends Exception> void runAs(ImpersonationContext ctx, ScopedRun<X> op) throws LsaException, X {
        Objects.requireNonNull(op, "op");
        callAs(ctx, () -> {
            op.run();
            return null;
        });
    }

    /** Destroys (zeroes) every private credential and empties the set, so that a late user finds nothing. */
    private static void destroyCredentials(Subject subject) {
        Set<Object> credentials = subject.getPrivateCredentials();
        synchronized (credentials) {
            for (Object o : credentials) {
                if (o instanceof Destroyable d && !d.isDestroyed()) {
                    try {
                        d.destroy();
                    } catch (DestroyFailedException e) {
                        // KerberosTicket and KerberosKey destroy in memory and do not fail; a credential of
                        // another kind that cannot be destroyed is still removed below.
                    }
                }
            }
            credentials.clear();
        }
    }
}
