package org.openlsa.kerberos;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.openlsa.core.LsaException;
import org.openlsa.core.Luid;
import org.openlsa.core.NtStatus;
import org.openlsa.core.NtTime;
import org.openlsa.crypto.kerberos.KerberosCryptoException;
import org.openlsa.engine.spi.CallPackageRequest;
import org.openlsa.engine.spi.PackageCallResult;
import org.openlsa.kdc.client.KdcClient;
import org.openlsa.kdc.client.KdcClient.Credential;
import org.openlsa.kdc.client.KdcUnreachableException;
import org.openlsa.kerberos.internal.KdcStatus;
import org.openlsa.kerberos.internal.RealmRoutes;
import org.openlsa.kerberos.internal.SessionTickets;
import org.openlsa.krb5.ErrorCode;
import org.openlsa.krb5.PrincipalName;
import org.openlsa.krb5.der.KrbCodec;
import org.openlsa.krb5.der.KrbDecodeException;

/**
 * The ticket cache messages of LsaCallAuthenticationPackage (QueryTicketCache(Ex), RetrieveTicket,
 * RetrieveEncodedTicket, PurgeTicketCache(Ex)) over the package's session caches, and ChangePassword, which
 * {@link KerbPasswordChange} answers.
 *
 * <p>LogonId 0 is the caller's own session. Naming another session needs a trusted connection (lsa-semantics 2),
 * except a session an LsaLogonUser call of the caller's own user started (the creator rule of
 * LsaGetLogonSessionData: whoever presented its credentials may read its tickets, as `lsa logon --hold` then
 * `lsa klist --session` by the same local user does); any other gets ACCESS_DENIED. A session this package did not start has an empty cache when it is
 * the caller's own, and is NO_SUCH_LOGON_SESSION when named. A TGT's session key goes to trusted callers only
 * (Windows' AllowTgtSessionKey, off by default, says the same for everyone else); a service ticket's key goes to
 * whoever may read the session, since using the ticket needs it.
 */
final class TicketCacheCalls {
    /** A cached service ticket is reused while it has at least this long to live, as Windows' client does. */
    static final Duration MIN_REMAINING = Duration.ofMinutes(5);

    private static final Set<KerbProtocolMessageType> ANSWERED = EnumSet.of(KerbProtocolMessageType.QUERY_TICKET_CACHE,
            KerbProtocolMessageType.QUERY_TICKET_CACHE_EX, KerbProtocolMessageType.RETRIEVE_TICKET,
            KerbProtocolMessageType.RETRIEVE_ENCODED_TICKET, KerbProtocolMessageType.PURGE_TICKET_CACHE,
            KerbProtocolMessageType.PURGE_TICKET_CACHE_EX);

    private final RealmRoutes routes;
    private final SessionTickets sessions;
    private final Clock clock;

    private final KerbPasswordChange passwordChange;

    TicketCacheCalls(RealmRoutes routes, SessionTickets sessions, Clock clock, KerbPasswordChange passwordChange) {
        this.routes = routes;
        this.sessions = sessions;
        this.clock = clock;
        this.passwordChange = passwordChange;
    }

    PackageCallResult dispatch(CallPackageRequest request, boolean trusted) throws LsaException {
        int raw = KerbCallCodec.messageType(request.submitBuffer());
        KerbProtocolMessageType type = KerbProtocolMessageType.fromValue(raw).orElseThrow(() ->
                new LsaException(NtStatus.INVALID_PARAMETER, "unknown Kerberos protocol message type " + raw));
        if (type == KerbProtocolMessageType.CHANGE_PASSWORD) {
            // Names no logon session: the old password in the request is the authority, for any caller.
            return passwordChange.change(request.submitBuffer(), trusted);
        }
        if (!ANSWERED.contains(type)) {
            throw new LsaException(NtStatus.NOT_SUPPORTED, "Kerberos message " + type + " is not supported by this LSA");
        }
        KerbCallRequest call = KerbCallCodec.decode(request.submitBuffer());
        Luid session = call.logonId().equals(Luid.ZERO) ? request.callerLogonId() : call.logonId();
        if (!trusted && !session.equals(request.callerLogonId()) && !request.createdByCaller().test(session)) {
            throw new LsaException(NtStatus.ACCESS_DENIED,
                    "an untrusted caller may name only its own logon session and those its own logons started");
        }
        Optional<SessionTickets.Cache> cache = sessions.of(session);
        if (cache.isEmpty() && !call.logonId().equals(Luid.ZERO)) {
            throw new LsaException(NtStatus.NO_SUCH_LOGON_SESSION, "no Kerberos logon session " + session);
        }
        byte[] response = switch (call) {
            case KerbCallRequest.QueryTicketCache q -> KerbCallCodec.encodeQueryResponse(
                    cache.map(c -> c.read(l -> l.stream().map(TicketCacheCalls::info).toList())).orElse(List.of()),
                    q.ex());
            case KerbCallRequest.PurgeTicketCache p -> {
                cache.ifPresent(c -> c.purge(t -> p.serverName().isEmpty() && p.realmName().isEmpty()
                        || matches(p.serverName(), serverName(t)) && matches(p.realmName(), t.part().srealm())));
                yield new byte[0];
            }
            case KerbCallRequest.PurgeTicketCacheEx p -> {
                KerbTicketCacheInfo m = p.template();
                boolean all = (p.flags() & KerbCallRequest.PurgeTicketCacheEx.PURGE_ALL_TICKETS) != 0;
                cache.ifPresent(c -> c.purge(t -> all || matches(m.serverName(), serverName(t))
                        && matches(m.serverRealm(), t.part().srealm()) && matches(m.clientRealm(), t.crealm())
                        && matches(m.clientName(), String.join("/", t.cname().nameString()))));
                yield new byte[0];
            }
            case KerbCallRequest.RetrieveTicket r -> retrieve(r, cache.orElseThrow(() -> new LsaException(
                    NtStatus.NO_SUCH_LOGON_SESSION, "the caller's logon session holds no Kerberos credentials")),
                    trusted);
        };
        return new PackageCallResult(response, NtStatus.SUCCESS);
    }

    /** An empty template field matches anything; names compare without regard to case, as Windows' purge does. */
    private static boolean matches(String wanted, String actual) {
        return wanted.isEmpty() || wanted.equalsIgnoreCase(actual);
    }

    private static String serverName(Credential t) {
        return String.join("/", t.part().sname().nameString());
    }

    static KerbTicketCacheInfo info(Credential t) {
        return new KerbTicketCacheInfo(String.join("/", t.cname().nameString()), t.crealm(), serverName(t),
                t.part().srealm(), NtTime.fromInstant(t.part().starttime().orElse(t.part().authtime()).instant()),
                NtTime.fromInstant(t.part().endtime().instant()),
                t.part().renewTill().map(x -> NtTime.fromInstant(x.instant())).orElse(0L),
                t.ticket().encPart().etype(), t.part().flags().bits());
    }

    private byte[] retrieve(KerbCallRequest.RetrieveTicket r, SessionTickets.Cache cache, boolean trusted)
            throws LsaException {
        int unsupported = KerbCallRequest.RetrieveTicket.USE_CREDHANDLE | KerbCallRequest.RetrieveTicket.AS_KERB_CRED;
        if ((r.cacheOptions() & unsupported) != 0) {
            throw new LsaException(NtStatus.NOT_SUPPORTED, "CacheOptions 0x" + Integer.toHexString(r.cacheOptions())
                    + ": credential handles and KRB-CRED answers are not supported by this LSA");
        }
        if (!r.encoded()) {
            return cache.read(l -> cache.tgt().map(t -> encode(t, trusted))).orElseThrow(() -> new LsaException(
                    NtStatus.OBJECT_NAME_NOT_FOUND, "the session holds no TGT"));
        }
        Credential tgt = cache.tgt().orElseThrow(() -> new LsaException(NtStatus.OBJECT_NAME_NOT_FOUND,
                "the session holds no TGT to obtain service tickets with"));
        Target target = target(r.targetName(), tgt.crealm());
        Instant now = clock.instant();
        if ((r.cacheOptions() & KerbCallRequest.RetrieveTicket.DONT_USE_CACHE) == 0) {
            Optional<byte[]> cached = cache.read(l -> cache.find(target.name(), target.realm(), now.plus(MIN_REMAINING))
                    .map(t -> encode(t, true)));
            if (cached.isPresent()) {
                return cached.get();
            }
        }
        if ((r.cacheOptions() & KerbCallRequest.RetrieveTicket.USE_CACHE_ONLY) != 0) {
            throw new LsaException(NtStatus.OBJECT_NAME_NOT_FOUND, "no cached ticket for " + r.targetName());
        }
        Credential service = serviceTicket(tgt, target);
        byte[] out = encode(service, true);
        cache.add(service);
        return out;
    }

    private record Target(PrincipalName name, String realm) {}

    /** "service/host@REALM", or without a realm the client's. */
    private static Target target(String text, String defaultRealm) throws LsaException {
        if (text.isEmpty()) {
            throw new LsaException(NtStatus.INVALID_PARAMETER, "RetrieveEncodedTicket needs a TargetName");
        }
        int at = text.lastIndexOf('@');
        String name = at < 0 ? text : text.substring(0, at);
        String realm = at < 0 ? defaultRealm : text.substring(at + 1);
        if (name.isEmpty() || realm.isEmpty()) {
            throw new LsaException(NtStatus.INVALID_PARAMETER, "TargetName '" + text + "' is not service/host[@REALM]");
        }
        List<String> parts = List.of(name.split("/", -1));
        int type = parts.size() == 2 ? PrincipalName.NT_SRV_INST : PrincipalName.NT_PRINCIPAL;
        return new Target(new PrincipalName(type, parts), realm);
    }

    private Credential serviceTicket(Credential tgt, Target target) throws LsaException {
        if (!target.realm().equalsIgnoreCase(tgt.crealm())) {
            throw new LsaException(NtStatus.NOT_SUPPORTED, "no cross-realm referrals: " + target.realm()
                    + " is not the session's realm " + tgt.crealm());
        }
        try {
            KdcClient kdc = routes.client(tgt.crealm());
            // As Windows asks: forwardable and renewable as far as the TGT allows, so the ticket can serve delegation.
            return kdc.serviceTicket(tgt, target.name());
        } catch (KdcUnreachableException e) {
            throw new LsaException(NtStatus.NO_LOGON_SERVERS, e.getMessage());
        } catch (KdcClient.KdcRefusal r) {
            if (r.error().errorCode().equals(ErrorCode.KDC_ERR_S_PRINCIPAL_UNKNOWN)) {
                throw new LsaException(NtStatus.OBJECT_NAME_NOT_FOUND, "the KDC knows no service "
                        + target.name().format(target.realm()));
            }
            throw KdcStatus.of(r);
        } catch (IOException | KerberosCryptoException | KrbDecodeException e) {
            throw new LsaException(NtStatus.LOGON_FAILURE, "the KDC's reply is unusable: " + e.getMessage());
        }
    }

    /** KERB_EXTERNAL_TICKET of a cached ticket; the session key only when {@code withKey} or not a TGT. */
    private static byte[] encode(Credential t, boolean withKey) {
        boolean key = withKey || !t.part().sname().isKrbtgt();
        KerbCryptoKey sessionKey = null;
        if (key) {
            byte[] v = t.sessionKey().copyBytes();
            sessionKey = new KerbCryptoKey(t.sessionKey().type().id(), v);
            java.util.Arrays.fill(v, (byte) 0);
        }
        KerbTicketCacheInfo info = info(t);
        KerbExternalTicket.Name server = new KerbExternalTicket.Name(t.part().sname().nameType(),
                t.part().sname().nameString());
        KerbExternalTicket ext = new KerbExternalTicket(server, server,
                new KerbExternalTicket.Name(t.cname().nameType(), t.cname().nameString()), info.serverRealm(),
                info.serverRealm(), info.clientRealm(), Optional.ofNullable(sessionKey), info.ticketFlags(), 0,
                t.part().keyExpiration().map(x -> NtTime.fromInstant(x.instant())).orElse(0L), info.startTime(),
                info.endTime(), info.renewTime(), 0, KrbCodec.encode(t.ticket()));
        byte[] out = KerbCallCodec.encodeRetrieveResponse(ext);
        if (sessionKey != null) {
            sessionKey.wipe();
        }
        return out;
    }
}
