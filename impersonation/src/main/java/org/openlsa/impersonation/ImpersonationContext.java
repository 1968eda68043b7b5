package org.openlsa.impersonation;

import java.util.Objects;
import org.openlsa.core.AccessCheck;
import org.openlsa.core.AccessToken;
import org.openlsa.core.GenericMapping;
import org.openlsa.core.ImpersonationLevel;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.core.SecurityDescriptor;
import org.openlsa.core.TokenType;
import org.openlsa.engine.LsaConnection;
import org.openlsa.engine.TokenHandle;

/**
 * A client's security context as a server holds it to impersonate the client: the token behind a handle (read once,
 * when the context is made), the handle and the LSA connection the handle belongs to. What the context permits
 * follows the token's impersonation level, with Windows' rules:
 *
 * <ul>
 *   <li>a primary token, or an impersonation token at Impersonation or Delegation level: everything (who the client
 *       is, AccessCheck, the client's credentials: {@link KerberosImpersonation});</li>
 *   <li>Identification: who the client is ({@link #token()}) and AccessCheck ({@link #accessCheck}), never the
 *       client's credentials ({@link #requireImpersonation()}: BAD_IMPERSONATION_LEVEL);</li>
 *   <li>Anonymous: nothing; not even who the client is ({@link #token()}: CANT_OPEN_ANONYMOUS, as OpenThreadToken
 *       answers under an anonymous-level impersonation).</li>
 * </ul>
 *
 * <p>The context does not own the handle: the server closes it (CloseHandle) when it no longer impersonates the
 * client, and the connection must stay open while a scope uses the context. {@link #toString} names the user SID,
 * the level and the logon session, never anything secret.
 */
public final class ImpersonationContext {
    private final LsaConnection lsa;
    private final TokenHandle handle;
    private final AccessToken token;

    private ImpersonationContext(LsaConnection lsa, TokenHandle handle, AccessToken token) {
        this.lsa = lsa;
        this.handle = handle;
        this.token = token;
    }

    /**
     * The context of the token behind {@code token}, read with {@link LsaConnection#queryToken} (TOKEN_QUERY).
     *
     * @throws LsaException what queryToken fails with: INVALID_HANDLE (not an open handle of {@code lsa}),
     *     ACCESS_DENIED (the handle lacks TOKEN_QUERY)
     */
    public static ImpersonationContext of(LsaConnection lsa, TokenHandle token) throws LsaException {
        Objects.requireNonNull(lsa, "lsa");
        Objects.requireNonNull(token, "token");
        return new ImpersonationContext(lsa, token, lsa.queryToken(token));
    }

    /**
     * The impersonation level this context acts at: the token's own for an impersonation token; Impersonation for
     * a primary token, as ImpersonateLoggedOnUser impersonates a primary token at SecurityImpersonation.
     */
    public ImpersonationLevel level() {
        return token.type() == TokenType.PRIMARY ? ImpersonationLevel.IMPERSONATION
                : token.impersonationLevel().orElseThrow();
    }

    /** Whether the client's token can be acted as (level Impersonation or Delegation, or a primary token). */
    public boolean permitsImpersonation() {
        return level().compareTo(ImpersonationLevel.IMPERSONATION) >= 0;
    }

    /** BAD_IMPERSONATION_LEVEL unless {@link #permitsImpersonation()}: what opening the client's credentials needs. */
    public void requireImpersonation() throws LsaException {
        if (!permitsImpersonation()) {
            throw new LsaException(NtStatus.BAD_IMPERSONATION_LEVEL, "the client's token is at " + level()
                    + " level: the server may identify the client, not act as it");
        }
    }

    /**
     * Who the client is: its whole token (user, groups, privileges, logon session).
     *
     * @throws LsaException CANT_OPEN_ANONYMOUS at Anonymous level, where the server may not learn who its client is
     */
    public AccessToken token() throws LsaException {
        if (level() == ImpersonationLevel.ANONYMOUS) {
            throw new LsaException(NtStatus.CANT_OPEN_ANONYMOUS,
                    "the client's token is at Anonymous level: the server may not learn who the client is");
        }
        return token;
    }

    /**
     * AccessCheck with the client's token ({@link AccessCheck#check}): allowed from Identification level up, as
     * Windows allows it; at Anonymous level the result is BAD_IMPERSONATION_LEVEL.
     */
    public AccessCheck.Result accessCheck(SecurityDescriptor sd, int desiredAccess, GenericMapping mapping) {
        return AccessCheck.check(sd, token, desiredAccess, mapping);
    }

    /** The handle this context was made from, valid on {@link #connection()} until the server closes it. */
    public TokenHandle handle() {
        return handle;
    }

    /** The LSA connection the handle belongs to, through which the client's credentials are reached. */
    public LsaConnection connection() {
        return lsa;
    }

    /** The client's token without the level rule of {@link #token()}: for this module's own use of the LUIDs. */
    AccessToken tokenUnchecked() {
        return token;
    }

    @Override
    public String toString() {
        return "ImpersonationContext[user=" + token.user().sid() + ", level=" + level() + ", logonId="
                + token.authenticationId() + "]";
    }
}
