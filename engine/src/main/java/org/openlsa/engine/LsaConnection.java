package org.openlsa.engine;

import java.util.List;
import org.openlsa.core.AccessToken;
import org.openlsa.core.ImpersonationLevel;
import org.openlsa.core.LsaException;
import org.openlsa.core.Luid;
import org.openlsa.core.TokenType;
import org.openlsa.crypto.SecretBytes;

/**
 * An LSA connection (the LSA_HANDLE of LsaRegisterLogonProcess / LsaConnectUntrusted) together with the handle
 * table of its caller. Token handles and return buffers belong to the connection that produced them: another
 * connection's handle is INVALID_HANDLE, and {@link #close()} (LsaDeregisterLogonProcess) closes every handle
 * still open and releases every buffer not yet freed.
 *
 * <p>Security guarantees: an untrusted connection never receives a SubStatus for a failed credential check (wrong
 * password and unknown user both read LOGON_FAILURE with SubStatus SUCCESS), cannot pass LocalGroups, reaches only
 * the untrusted entry point of a package, and sees session data only for its own sessions.
 */
public interface LsaConnection extends AutoCloseable {

    /** Whether this connection was opened by LsaRegisterLogonProcess. */
    boolean isTrusted();

    /** LsaLookupAuthenticationPackage: the package id for a name (or alias); NO_SUCH_PACKAGE when unknown. */
    int lookupAuthenticationPackage(String packageName) throws LsaException;

    /** LsaLogonUser. */
    LogonResult logonUser(LogonRequest request) throws LsaException;

    /**
     * LogonUser (advapi32): a password logon through MSV1_0 with a fresh logon SID and LOCAL in the token, as
     * advapi32 builds it. Needs no privilege, as on Windows.
     *
     * @param logon32Type a {@link Logon32} LOGON_* value; unknown values are INVALID_PARAMETER
     * @param logon32Provider a {@link Logon32} PROVIDER_* value; VIRTUAL and unknown values are INVALID_PARAMETER
     * @param password the password in UTF-16LE; not destroyed by this call
     */
    TokenHandle logonUserWithPassword(String userName, String domain, SecretBytes password, int logon32Type,
                                      int logon32Provider) throws LsaException;

    /** LsaCallAuthenticationPackage: trusted connections reach CallPackage, untrusted ones CallPackageUntrusted. */
    CallPackageResult callAuthenticationPackage(int authenticationPackage, byte[] submitBuffer) throws LsaException;

    /**
     * LsaCallAuthenticationPackage with a submit buffer that holds a secret (a change-password request encoded
     * into a {@link SecretBytes}): read in place, without a plain copy; the caller still closes it.
     */
    default CallPackageResult callAuthenticationPackage(int authenticationPackage, SecretBytes submitBuffer)
            throws LsaException {
        return submitBuffer.read(b -> callAuthenticationPackage(authenticationPackage, b));
    }

    /** LsaFreeReturnBuffer. A buffer not (or no longer) held by this connection is INVALID_PARAMETER. */
    void freeReturnBuffer(ReturnBuffer buffer) throws LsaException;

    /** LsaEnumerateLogonSessions. */
    List<Luid> enumerateLogonSessions() throws LsaException;

    /**
     * LsaEnumerateLogonSessions a page at a time: at most {@code maxCount} (at least 1) session ids greater than
     * {@code after} (unsigned), ascending; start with {@link Luid#ZERO}, continue after the last id while
     * {@code more}.
     */
    default LogonSessionPage enumerateLogonSessions(Luid after, int maxCount) throws LsaException {
        if (maxCount < 1) {
            throw new LsaException(org.openlsa.core.NtStatus.INVALID_PARAMETER, "a page holds at least one id");
        }
        List<Luid> rest = enumerateLogonSessions().stream().filter(id -> id.compareTo(after) > 0).sorted().toList();
        return new LogonSessionPage(rest.subList(0, Math.min(maxCount, rest.size())), rest.size() > maxCount);
    }

    /**
     * LsaGetLogonSessionData. Callers see their own session, sessions of their own user, sessions they created with
     * their own LsaLogonUser call (same calling user SID), and, with SeTcbPrivilege or an enabled
     * BUILTIN\Administrators group, every session; otherwise ACCESS_DENIED. Unknown LUID: NO_SUCH_LOGON_SESSION.
     */
    LogonSessionData getLogonSessionData(Luid logonId) throws LsaException;

    /**
     * LsaLookupSids: the name, kind and domain of each SID, in order (at most {@link NameTranslator#MAX_SIDS}; more is
     * INVALID_PARAMETER). Untranslated SIDs read SidTypeUnknown with their string form, and the result's status says
     * SOME_NOT_MAPPED or NONE_MAPPED; that is not an exception. Any caller may translate, trusted or not, except an
     * anonymous one (ACCESS_DENIED), as Windows' default policy allows (docs/lsa-behaviour.md).
     */
    LookupSidsResult lookupSids(List<org.openlsa.core.Sid> sids) throws LsaException;

    /**
     * LsaLookupNames2: the SID, kind and domain of each name ({@code DOMAIN\name} or isolated), in order (at most
     * {@link NameTranslator#MAX_NAMES}). Same callers and same status rules as {@link #lookupSids}.
     */
    LookupNamesResult lookupNames(List<String> names) throws LsaException;

    /** GetTokenInformation; needs TOKEN_QUERY on the handle (TOKEN_QUERY_SOURCE for TOKEN_SOURCE). */
    TokenInformation getTokenInformation(TokenHandle token, TokenInformationClass informationClass) throws LsaException;

    /** The whole token behind a handle (TOKEN_QUERY). */
    AccessToken queryToken(TokenHandle token) throws LsaException;

    /**
     * DuplicateTokenEx: a new token object in the same logon session. The source needs TOKEN_DUPLICATE; from an
     * impersonation token the level cannot rise, and a primary token cannot be made from an Identification or
     * Anonymous one (BAD_IMPERSONATION_LEVEL).
     *
     * @param desiredAccess access rights of the new handle; 0 or MAXIMUM_ALLOWED means those of the source handle
     * @param level required for an impersonation token, ignored for a primary one
     */
    TokenHandle duplicateToken(TokenHandle token, int desiredAccess, ImpersonationLevel level, TokenType type)
            throws LsaException;

    /**
     * CreateProcessAsUser: starts {@code spec}'s program as the primary token behind {@code token}, with the token's
     * Unix uid, gid and enabled groups (docs/idmap.md) and the account's login environment plus the spec's
     * (docs/launch.md). The process holds its token's logon session open until it ends (docs/lsa-behaviour.md,
     * "CreateProcessAsUser"). The handle needs TOKEN_QUERY, TOKEN_DUPLICATE and TOKEN_ASSIGN_PRIMARY (ACCESS_DENIED).
     *
     * @throws LsaException INVALID_HANDLE (not an open handle of this connection), BAD_TOKEN_TYPE (an impersonation
     *     or identification token: duplicate it to a primary token first), PRIVILEGE_NOT_HELD (the token is neither of
     *     the caller's own logon session nor of the caller's own account, and the caller holds neither
     *     SeAssignPrimaryTokenPrivilege nor SeTcbPrivilege), NO_SUCH_LOGON_SESSION (the session has ended), the
     *     idmap refusal's status (the token has no Unix identity), the launcher's (OBJECT_NAME_NOT_FOUND, ACCESS_DENIED, ...), NOT_SUPPORTED (an LSA
     *     without a process launcher, and the daemon's protocol until it carries this call)
     */
    default UserProcess createProcessAsUser(TokenHandle token, org.openlsa.launch.ProcessSpec spec)
            throws LsaException {
        throw new LsaException(org.openlsa.core.NtStatus.NOT_SUPPORTED,
                "CreateProcessAsUser is not available on this connection");
    }

    /**
     * CreateProcessWithLogonW (what Windows' secondary-logon service does for runas): logs {@code userName} on with
     * {@code password} through {@code packageName} ("MSV1_0" or "Kerberos") as {@code logonType}, then starts
     * {@code spec}'s program with the new primary token as {@link #createProcessAsUser} would, and closes the token
     * handle; the process keeps the new session open until it ends. Any caller may do this, trusted or not, since
     * knowing the password is the right to run as the account (like su); the account's logon rights for
     * {@code logonType} still apply. The audit names the account and the caller ("alice via bob").
     *
     * @throws LsaException INVALID_PARAMETER (a logon type other than Interactive, Batch or Service: no other makes
     *     a primary token), NO_SUCH_PACKAGE, what the logon fails with (LOGON_FAILURE, ACCOUNT_RESTRICTION,
     *     LOGON_TYPE_NOT_GRANTED, ...), then what {@link #createProcessAsUser} fails with, except PRIVILEGE_NOT_HELD;
     *     NOT_SUPPORTED where no process launcher is configured
     */
    default UserProcess createProcessWithLogon(String userName, String domain, org.openlsa.crypto.SecretBytes password,
                                               String packageName, org.openlsa.core.SecurityLogonType logonType,
                                               org.openlsa.launch.ProcessSpec spec) throws LsaException {
        throw new LsaException(org.openlsa.core.NtStatus.NOT_SUPPORTED,
                "CreateProcessWithLogon is not available on this connection");
    }

    /**
     * WTSQueryUserToken for a logon session: a new primary token handle (all access) in session {@code logonId}, like
     * the token its logon made; the handle holds the session as any token handle does. Needs SeTcbPrivilege, as
     * WTSQueryUserToken does: with it, a service starts a program in a user's session ({@code lsa runas --session}).
     *
     * @throws LsaException PRIVILEGE_NOT_HELD (no SeTcbPrivilege), NO_SUCH_LOGON_SESSION, NO_TOKEN (a reserved
     *     session other than LocalSystem's, which no logon made), BAD_IMPERSONATION_LEVEL (the logon made an
     *     identification-level token), NOT_SUPPORTED (a connection that does not carry this call: the daemon's
     *     protocol until it does)
     */
    default TokenHandle queryUserToken(Luid logonId) throws LsaException {
        throw new LsaException(org.openlsa.core.NtStatus.NOT_SUPPORTED,
                "WTSQueryUserToken is not available on this connection");
    }

    /** CloseHandle. A handle already closed, or never issued here, is INVALID_HANDLE. */
    void closeHandle(TokenHandle token) throws LsaException;

    /**
     * Whether closing this connection would release something its caller still holds: an open token handle or an
     * unfreed return buffer. A server may close an idle connection that holds nothing without anyone losing a logon
     * session (docs/ipc.md, "Limits"); this default says nothing is held.
     */
    default boolean holdsObjects() {
        return false;
    }

    /** LsaDeregisterLogonProcess / LsaClose. Idempotent. */
    @Override
    void close();
}
