package org.openlsa.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openlsa.core.LsaException;
import org.openlsa.core.Luid;
import org.openlsa.core.NtStatus;
import org.openlsa.engine.CallPackageResult;
import org.openlsa.engine.LsaConnection;
import org.openlsa.engine.LsaEngine;
import org.openlsa.kerberos.KerbCallCodec;
import org.openlsa.kerberos.KerbCallRequest;
import org.openlsa.kerberos.KerbCcache;
import org.openlsa.kerberos.KerbExternalTicket;
import org.openlsa.kerberos.KerbTicketCacheInfo;
import org.openlsa.kerberos.KerberosPackage;
import org.openlsa.krb5.files.Credential;
import org.openlsa.krb5.files.KeyBlock;
import org.openlsa.krb5.files.Principal;

/**
 * A logon session's Kerberos tickets as ccache credentials, read through the LSA API as any trusted logon process
 * would (a SYSTEM connection: KerbQueryTicketCacheEx, then KerbRetrieveEncodedTicket from the cache only), for the
 * services that hand a session's tickets to its processes: the KCM service and the FILE caches of
 * {@link FileCredentialCaches}. Read afresh on every call, so renewal and logoff show at once.
 */
public final class LogonSessionTickets implements AutoCloseable {
    private final LsaConnection lsa;
    private final int kerberos;

    private LogonSessionTickets(LsaConnection lsa, int kerberos) {
        this.lsa = lsa;
        this.kerberos = kerberos;
    }

    /** A reader over {@code engine}'s Kerberos package; empty when the engine has none. */
    public static Optional<LogonSessionTickets> open(LsaEngine engine, String logonProcessName) throws LsaException {
        LsaConnection c = engine.registerLogonProcess(engine.systemToken(), logonProcessName);
        try {
            return Optional.of(new LogonSessionTickets(c, c.lookupAuthenticationPackage(KerberosPackage.NAME)));
        } catch (LsaException e) {
            c.close();
            if (e.status().equals(NtStatus.NO_SUCH_PACKAGE)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private byte[] call(KerbCallRequest request) throws LsaException {
        CallPackageResult r = lsa.callAuthenticationPackage(kerberos, KerbCallCodec.encode(request));
        byte[] bytes = r.returnBuffer().bytes();
        lsa.freeReturnBuffer(r.returnBuffer());
        if (!r.protocolStatus().equals(NtStatus.SUCCESS)) {
            throw new LsaException(r.protocolStatus(), "the Kerberos package refused "
                    + request.getClass().getSimpleName());
        }
        return bytes;
    }

    /** What the session's cache holds; empty for a session without Kerberos tickets (NTLM). */
    public List<KerbTicketCacheInfo> tickets(Luid session) throws LsaException {
        try {
            // The Ex form: only KERB_TICKET_CACHE_INFO_EX carries the client's name and realm.
            return KerbCallCodec.decodeQueryResponse(call(new KerbCallRequest.QueryTicketCache(session, true)));
        } catch (LsaException e) {
            if (e.status().equals(NtStatus.NO_SUCH_LOGON_SESSION)) {
                return List.of(); // no Kerberos session: nothing in its cache
            }
            throw e;
        }
    }

    /** The session's client principal, empty when it holds no Kerberos tickets. */
    public Optional<Principal> client(Luid session) throws LsaException {
        return tickets(session).stream().findFirst().map(LogonSessionTickets::clientOf);
    }

    /**
     * The session's tickets, each with its session key: copies the caller destroys. With {@code tgtKey} false the
     * TGT comes with an empty key (Windows' AllowTgtSessionKey off).
     */
    public List<Credential> credentials(Luid session, boolean tgtKey) throws LsaException {
        List<Credential> out = new ArrayList<>();
        try {
            for (KerbTicketCacheInfo info : tickets(session)) {
                KerbExternalTicket t;
                try {
                    t = KerbCallCodec.decodeRetrieveResponse(call(KerbCcache.retrieveCached(session, info)));
                } catch (LsaException e) {
                    continue; // purged or expired between the query and the retrieve
                }
                out.add(credentialOf(t, info.clientRealm(), tgtKey || !info.serverName().startsWith("krbtgt/")));
            }
            return out;
        } catch (LsaException | RuntimeException e) {
            out.forEach(c -> c.key().key().destroy());
            throw e;
        }
    }

    /**
     * A service ticket for {@code server}, from the session's cache or through a TGS exchange the package makes with
     * the session's TGT (it then lands in the session's cache). Empty when the KDC refuses it or there is no TGT.
     */
    public Optional<Credential> serviceTicket(Luid session, Principal server) throws LsaException {
        List<KerbTicketCacheInfo> infos = tickets(session);
        if (infos.isEmpty()) {
            return Optional.empty();
        }
        String target = String.join("/", server.components()) + "@" + server.realm();
        try {
            KerbExternalTicket t = KerbCallCodec.decodeRetrieveResponse(call(new KerbCallRequest.RetrieveTicket(
                    session, target, 0, 0, 0, true)));
            return Optional.of(credentialOf(t, infos.get(0).clientRealm(), true));
        } catch (LsaException e) {
            if (e.status().equals(NtStatus.NO_SUCH_LOGON_SESSION)) {
                throw e;
            }
            return Optional.empty(); // the KDC refused, or no TGT: the client tries itself
        }
    }

    private static Credential credentialOf(KerbExternalTicket t, String clientRealm, boolean withKey) {
        try {
            Credential c = KerbCcache.credential(t, clientRealm);
            if (withKey) {
                return c;
            }
            c.key().key().destroy();
            return new Credential(c.client(), c.server(), KeyBlock.empty(), c.authTime(), c.startTime(), c.endTime(),
                    c.renewTill(), c.isSkey(), c.ticketFlags(), c.addresses(), c.authData(), c.ticket(),
                    c.secondTicket());
        } finally {
            t.sessionKey().ifPresent(k -> k.wipe());
        }
    }

    private static Principal clientOf(KerbTicketCacheInfo info) {
        return new Principal(Principal.NT_PRINCIPAL, List.of(info.clientName().split("/", -1)), info.clientRealm());
    }

    @Override
    public void close() {
        lsa.close();
    }
}
