package org.openlsa.kerberos;

import java.util.Objects;
import org.openlsa.core.Luid;

/**
 * The Kerberos CallPackage requests this LSA answers, decoded. {@code logonId} 0 names the caller's own logon
 * session; any other value names a session, which only a trusted caller may do for a session not its own.
 */
public sealed interface KerbCallRequest {
    Luid logonId();

    /** KERB_QUERY_TKT_CACHE_REQUEST as KerbQueryTicketCacheMessage (1) or KerbQueryTicketCacheExMessage (14). */
    record QueryTicketCache(Luid logonId, boolean ex) implements KerbCallRequest {
        public QueryTicketCache {
            Objects.requireNonNull(logonId, "logonId");
        }
    }

    /**
     * KERB_PURGE_TKT_CACHE_REQUEST (6): the tickets for {@code serverName} in {@code realmName}; both empty purges
     * every ticket of the session (the TGT included), as klist purge does.
     */
    record PurgeTicketCache(Luid logonId, String serverName, String realmName) implements KerbCallRequest {
        public PurgeTicketCache {
            Objects.requireNonNull(logonId, "logonId");
            Objects.requireNonNull(serverName, "serverName");
            Objects.requireNonNull(realmName, "realmName");
        }
    }

    /**
     * KERB_PURGE_TKT_CACHE_EX_REQUEST (15): with {@link #PURGE_ALL_TICKETS} every ticket, else those matching the
     * template's non-empty names (client name and realm, server name and realm).
     */
    record PurgeTicketCacheEx(Luid logonId, int flags, KerbTicketCacheInfo template) implements KerbCallRequest {
        public static final int PURGE_ALL_TICKETS = 1;

        public PurgeTicketCacheEx {
            Objects.requireNonNull(logonId, "logonId");
            Objects.requireNonNull(template, "template");
        }
    }

    /**
     * KerbRetrieveTicketMessage (4, a KERB_QUERY_TKT_CACHE_REQUEST: the session's TGT) or
     * KerbRetrieveEncodedTicketMessage (8, KERB_RETRIEVE_TKT_REQUEST: a ticket for {@code targetName}, from the
     * cache or from the KDC as {@code cacheOptions} say).
     */
    record RetrieveTicket(Luid logonId, String targetName, int ticketFlags, int cacheOptions, int encryptionType,
                          boolean encoded) implements KerbCallRequest {
        /** KERB_RETRIEVE_TICKET_DONT_USE_CACHE: always ask the KDC. */
        public static final int DONT_USE_CACHE = 0x1;
        /** KERB_RETRIEVE_TICKET_USE_CACHE_ONLY: never ask the KDC. */
        public static final int USE_CACHE_ONLY = 0x2;
        /** KERB_RETRIEVE_TICKET_USE_CREDHANDLE: take the credentials of a handle (not supported here). */
        public static final int USE_CREDHANDLE = 0x4;
        /** KERB_RETRIEVE_TICKET_AS_KERB_CRED: return the ticket and its key as a KRB-CRED. */
        public static final int AS_KERB_CRED = 0x8;
        /** KERB_RETRIEVE_TICKET_CACHE_TICKET: keep a ticket obtained from the KDC in the cache. */
        public static final int CACHE_TICKET = 0x20;

        public RetrieveTicket {
            Objects.requireNonNull(logonId, "logonId");
            Objects.requireNonNull(targetName, "targetName");
        }
    }
}
