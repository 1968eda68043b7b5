package org.openlsa.engine;

import org.openlsa.core.AccessToken;
import org.openlsa.core.LsaException;

/**
 * The Local Security Authority as a caller sees it: the entry points that open an LSA connection (an LSA_HANDLE).
 * The caller's own token is passed explicitly: in-process, the embedding application states who is calling; over the
 * daemon's socket, the daemon derives it from the peer's credentials.
 */
public interface Lsa extends AutoCloseable {

    /**
     * LsaRegisterLogonProcess: a trusted connection. The caller must hold SeTcbPrivilege, else PRIVILEGE_NOT_HELD.
     *
     * @param logonProcessName the logon process name (at most 127 characters), recorded in audit events
     */
    LsaConnection registerLogonProcess(AccessToken caller, String logonProcessName) throws LsaException;

    /** LsaConnectUntrusted: an untrusted connection, for any caller. */
    LsaConnection connectUntrusted(AccessToken caller) throws LsaException;

    @Override
    void close();
}
