package org.openlsa.daemon.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.openlsa.core.LsaException;
import org.openlsa.core.Luid;
import org.openlsa.core.NtStatus;
import org.openlsa.engine.CallPackageResult;
import org.openlsa.engine.LsaConnection;
import org.openlsa.host.LaunchedSessions;
import org.openlsa.kcm.KcmException;
import org.openlsa.kcm.KcmPeer;
import org.openlsa.kcm.KcmStatus;
import org.openlsa.kcm.LogonSessionCaches;
import org.openlsa.kerberos.KerbCallCodec;
import org.openlsa.kerberos.KerbCallRequest;
import org.openlsa.kerberos.KerbCcache;
import org.openlsa.kerberos.KerbExternalTicket;
import org.openlsa.kerberos.KerbTicketCacheInfo;
import org.openlsa.krb5.files.Credential;
import org.openlsa.krb5.files.KeyBlock;
import org.openlsa.krb5.files.Principal;

/**
 * The KCM service's view of logon sessions, through the LSA API as any trusted logon process would read them: the
 * Kerberos package's KerbQueryTicketCache and KerbRetrieveEncodedTicket on a SYSTEM connection, and the processes
 * the engine started ({@link LaunchedSessions}) to tell which session a peer belongs to.
 */
public final class EngineSessionCaches implements LogonSessionCaches {
    private final LsaConnection lsa;
    private final int kerberos;
    private final LaunchedSessions launched;
    private final boolean exposeTgtSessionKey;

    /**
     * @param lsa a trusted connection (SeTcbPrivilege) the KCM service alone uses
     * @param exposeTgtSessionKey false: a session's TGT is listed with an empty key (kcm.properties tgt_session_key)
     */
    public EngineSessionCaches(LsaConnection lsa, int kerberosPackage, LaunchedSessions launched,
                               boolean exposeTgtSessionKey) {
        this.lsa = lsa;
        this.kerberos = kerberosPackage;
        this.launched = launched;
        this.exposeTgtSessionKey = exposeTgtSessionKey;
    }

    @Override
    public Optional<LogonSessionCache> sessionOf(KcmPeer peer) {
        OptionalLong sid = sessionIdOf(peer.pid());
        if (sid.isEmpty()) {
            return Optional.empty();
        }
        return launched.leaderOfSession(sid.getAsLong()).filter(l -> l.uid() == peer.uid()).map(Cache::new);
    }

    @Override
    public Optional<LogonSessionCache> session(String id) {
        Luid luid;
        try {
            luid = new Luid(HexFormat.fromHexDigitsToLong(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return launched.anyOf(luid).map(Cache::new);
    }

    /**
     * The session id (setsid) of {@code pid}: field 6 of /proc/PID/stat, counted after the command name's closing
     * parenthesis, since the name itself may hold spaces and parentheses.
     */
    static OptionalLong sessionIdOf(long pid) {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return OptionalLong.empty(); // gone already
        }
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return OptionalLong.empty();
        }
        String[] f = stat.substring(close + 1).strip().split(" ");
        try {
            return f.length > 3 ? OptionalLong.of(Long.parseLong(f[3])) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private byte[] call(KerbCallRequest request) throws LsaException {
        CallPackageResult r = lsa.callAuthenticationPackage(kerberos, KerbCallCodec.encode(request));
        byte[] bytes = r.returnBuffer().bytes();
        lsa.freeReturnBuffer(r.returnBuffer());
        if (!r.protocolStatus().equals(NtStatus.SUCCESS)) {
            throw new LsaException(r.protocolStatus(), "the Kerberos package refused " + request.getClass().getSimpleName());
        }
        return bytes;
    }

    /** One leader's logon session, read afresh on every call (renewal and logoff show at once). */
    private final class Cache implements LogonSessionCache {
        private final LaunchedSessions.Leader leader;

        Cache(LaunchedSessions.Leader leader) {
            this.leader = leader;
        }

        @Override
        public String id() {
            return HexFormat.of().toHexDigits(leader.logonId().value());
        }

        @Override
        public long uid() {
            return leader.uid();
        }

        @Override
        public boolean isOpen() {
            return launched.leaderOfSession(leader.pid()).filter(leader::equals).isPresent();
        }

        private List<KerbTicketCacheInfo> tickets() throws LsaException {
            // The Ex form: only KERB_TICKET_CACHE_INFO_EX carries the client's name and realm.
            return KerbCallCodec.decodeQueryResponse(call(new KerbCallRequest.QueryTicketCache(leader.logonId(),
                    true)));
        }

        @Override
        public Optional<Principal> client() {
            try {
                return tickets().stream().findFirst().map(EngineSessionCaches::clientOf);
            } catch (LsaException e) {
                return Optional.empty(); // no Kerberos logon session (NTLM), or it ended
            }
        }

        @Override
        public List<Credential> credentials() throws KcmException {
            List<Credential> out = new ArrayList<>();
            try {
                for (KerbTicketCacheInfo info : tickets()) {
                    KerbExternalTicket t;
                    try {
                        t = KerbCallCodec.decodeRetrieveResponse(call(KerbCcache.retrieveCached(leader.logonId(),
                                info)));
                    } catch (LsaException e) {
                        continue; // purged or expired between the query and the retrieve
                    }
                    out.add(credentialOf(t, info.clientRealm(), info.serverName().startsWith("krbtgt/")));
                }
                return out;
            } catch (LsaException | RuntimeException e) {
                out.forEach(c -> c.key().key().destroy());
                if (e instanceof LsaException l && l.status().equals(NtStatus.NO_SUCH_LOGON_SESSION)) {
                    return List.of(); // an NTLM logon: nothing in Kerberos
                }
                throw new KcmException(KcmStatus.CC_IO, "reading logon session " + id() + ": " + e.getMessage(), e);
            }
        }

        @Override
        public Optional<Credential> serviceTicket(Principal server) throws KcmException {
            try {
                List<KerbTicketCacheInfo> infos = tickets();
                if (infos.isEmpty()) {
                    return Optional.empty();
                }
                String target = String.join("/", server.components()) + "@" + server.realm();
                KerbExternalTicket t = KerbCallCodec.decodeRetrieveResponse(call(new KerbCallRequest.RetrieveTicket(
                        leader.logonId(), target, 0, 0, 0, true)));
                return Optional.of(credentialOf(t, infos.get(0).clientRealm(), false));
            } catch (LsaException e) {
                return Optional.empty(); // the KDC refused, or no TGT: the client gets KRB5_CC_NOTFOUND
            }
        }

        private Credential credentialOf(KerbExternalTicket t, String clientRealm, boolean tgt) {
            try {
                Credential c = KerbCcache.credential(t, clientRealm);
                if (!tgt || exposeTgtSessionKey) {
                    return c;
                }
                c.key().key().destroy();
                return new Credential(c.client(), c.server(), KeyBlock.empty(), c.authTime(), c.startTime(),
                        c.endTime(), c.renewTill(), c.isSkey(), c.ticketFlags(), c.addresses(), c.authData(),
                        c.ticket(), c.secondTicket());
            } finally {
                t.sessionKey().ifPresent(k -> k.wipe());
            }
        }
    }

    private static Principal clientOf(KerbTicketCacheInfo info) {
        return new Principal(Principal.NT_PRINCIPAL, List.of(info.clientName().split("/", -1)), info.clientRealm());
    }
}
