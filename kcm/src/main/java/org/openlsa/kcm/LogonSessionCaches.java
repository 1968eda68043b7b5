package org.openlsa.kcm;

import java.util.List;
import java.util.Optional;
import org.openlsa.krb5.files.Credential;
import org.openlsa.krb5.files.Principal;

/**
 * Where the KCM service finds logon sessions' tickets: the daemon implements it over the engine (the Kerberos
 * package's session caches, read live) and over what it knows of the processes it started.
 */
public interface LogonSessionCaches {
    /**
     * The logon session the peer's process belongs to: the session of a process the LSA started as that peer's
     * uid, which the peer is or shares a session (setsid) with. Empty for every other process.
     */
    Optional<LogonSessionCache> sessionOf(KcmPeer peer);

    /** An open session by its {@link LogonSessionCache#id()}, for a SeTcbPrivilege peer that names it. */
    Optional<LogonSessionCache> session(String id);

    /** No logon sessions: a plain per-uid cache server. */
    LogonSessionCaches NONE = new LogonSessionCaches() {
        @Override
        public Optional<LogonSessionCache> sessionOf(KcmPeer peer) {
            return Optional.empty();
        }

        @Override
        public Optional<LogonSessionCache> session(String id) {
            return Optional.empty();
        }
    };

    /** One logon session's tickets, as its Kerberos package holds them now. */
    interface LogonSessionCache {
        /** The logon session's LUID as 16 lowercase hex digits: the stable part of the cache's KCM name. */
        String id();

        /** The Unix uid the session's processes run as: the only uid that may see the cache (besides TCB). */
        long uid();

        boolean isOpen();

        /** The client principal; empty when the session has no Kerberos tickets (an NTLM logon). */
        Optional<Principal> client();

        /**
         * The session's tickets now (renewal keeps them fresh), each with its session key: copies the caller
         * destroys. A TGT whose key policy keeps in the LSA comes with an empty key.
         */
        List<Credential> credentials() throws KcmException;

        /**
         * A service ticket for {@code server}, from the session's cache or through a TGS exchange the package makes
         * with the session's TGT (which then lands in the session's cache). Empty when the KDC refuses it or the
         * session has no TGT.
         */
        Optional<Credential> serviceTicket(Principal server) throws KcmException;
    }
}
