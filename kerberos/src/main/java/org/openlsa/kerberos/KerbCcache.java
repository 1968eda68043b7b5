package org.openlsa.kerberos;

import java.time.Instant;
import java.util.List;
import org.openlsa.core.Luid;
import org.openlsa.core.NtTime;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.krb5.files.Credential;
import org.openlsa.krb5.files.KeyBlock;
import org.openlsa.krb5.files.Principal;

/**
 * A session's tickets as MIT ccache credentials ({@code lsa klist --export}): which request fetches a cached
 * ticket with its key, and the ccache entry of the KERB_EXTERNAL_TICKET that comes back.
 */
public final class KerbCcache {
    private KerbCcache() {}

    /**
     * The request that returns the cached ticket {@code info} describes, never asking the KDC: RetrieveTicket for
     * the TGT, RetrieveEncodedTicket with USE_CACHE_ONLY for a service ticket.
     */
    public static KerbCallRequest.RetrieveTicket retrieveCached(Luid session, KerbTicketCacheInfo info) {
        if (info.serverName().startsWith("krbtgt/")) {
            return new KerbCallRequest.RetrieveTicket(session, "", 0, 0, 0, false);
        }
        return new KerbCallRequest.RetrieveTicket(session, info.serverName() + "@" + info.serverRealm(), 0,
                KerbCallRequest.RetrieveTicket.USE_CACHE_ONLY, 0, true);
    }

    /**
     * The ccache entry of a retrieved ticket, which must carry its session key (the entry takes a copy; the caller
     * still wipes {@code t}'s). Times are whole seconds, as the ccache holds them; an absent time is the epoch.
     */
    public static Credential credential(KerbExternalTicket t, String clientRealm) {
        KerbCryptoKey key = t.sessionKey().orElseThrow(() -> new IllegalArgumentException(
                "a ticket without its session key cannot go into a ccache"));
        return new Credential(new Principal(t.clientName().nameType(), t.clientName().names(), clientRealm),
                new Principal(t.serviceName().nameType(), t.serviceName().names(), t.domainName()),
                new KeyBlock(key.keyType(), SecretBytes.adopt(key.value())), instant(t.startTime()),
                instant(t.startTime()), instant(t.endTime()), instant(t.renewUntil()), false, t.ticketFlags(),
                List.of(), List.of(), t.encodedTicket(), new byte[0]);
    }

    /** An NtTime as the ccache's whole seconds; 0 (absent) is the epoch. */
    public static Instant instant(long ntTime) {
        Instant t = ntTime == 0 ? null : NtTime.toInstantOrNull(ntTime);
        return t == null ? Instant.EPOCH : Instant.ofEpochSecond(t.getEpochSecond());
    }
}
