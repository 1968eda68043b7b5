package org.openlsa.impersonation.internal;

import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import javax.security.auth.kerberos.KerberosPrincipal;
import javax.security.auth.kerberos.KerberosTicket;
import org.openlsa.core.LsaException;
import org.openlsa.core.Luid;
import org.openlsa.core.NtStatus;
import org.openlsa.core.NtTime;
import org.openlsa.engine.CallPackageResult;
import org.openlsa.engine.LsaConnection;
import org.openlsa.kerberos.KerbCallCodec;
import org.openlsa.kerberos.KerbCallRequest;
import org.openlsa.kerberos.KerbCcache;
import org.openlsa.kerberos.KerbCryptoKey;
import org.openlsa.kerberos.KerbExternalTicket;
import org.openlsa.kerberos.KerbTicketCacheInfo;
import org.openlsa.kerberos.KerberosPackage;

/**
 * A logon session's TGT, with its session key, as a JAAS {@link KerberosTicket}: what the Kerberos package answers
 * to QueryTicketCacheEx (which TGT, and its client realm) and RetrieveTicket (the ticket and its key), the requests
 * {@code lsa klist --export} makes. Return buffers are freed, and the copies of the key this class makes are zeroed;
 * the ticket's own copy dies with {@link KerberosTicket#destroy()}, which the caller owes.
 *
 * <p>Who may have which session's TGT is the package's rule, mapped unchanged: a trusted caller any session's, an
 * untrusted one only its own sessions' (ACCESS_DENIED otherwise), and the TGT's session key only to a trusted caller
 * (PRIVILEGE_NOT_HELD here, since a TGT without its key cannot act).
 */
public final class SessionTgt {
    private SessionTgt() {}

    /** The client and its TGT. */
    public record Credentials(KerberosPrincipal client, KerberosTicket tgt) {}

    /**
     * @throws LsaException NO_SUCH_PACKAGE (no Kerberos package), ACCESS_DENIED and NO_SUCH_LOGON_SESSION from the
     *     package, OBJECT_NAME_NOT_FOUND (the session holds no TGT: a logon without Kerberos credentials, or a
     *     network logon to which no TGT was delegated), PRIVILEGE_NOT_HELD (the TGT's key is withheld from an
     *     untrusted caller)
     */
    public static Credentials fetch(LsaConnection lsa, Luid session) throws LsaException {
        int pkg = lsa.lookupAuthenticationPackage(KerberosPackage.NAME);
        byte[] listing = call(lsa, pkg, new KerbCallRequest.QueryTicketCache(session, true));
        List<KerbTicketCacheInfo> tickets = KerbCallCodec.decodeQueryResponse(listing);
        KerbTicketCacheInfo info = homeTgt(tickets).orElseThrow(() -> new LsaException(
                NtStatus.OBJECT_NAME_NOT_FOUND, "logon session " + session
                + " holds no TGT: it has no Kerberos credentials to act with"));
        byte[] response = call(lsa, pkg, KerbCcache.retrieveCached(session, info));
        KerbExternalTicket t;
        try {
            t = KerbCallCodec.decodeRetrieveResponse(response);
        } finally {
            Arrays.fill(response, (byte) 0);
        }
        KerbCryptoKey key = t.sessionKey().orElseThrow(() -> new LsaException(NtStatus.PRIVILEGE_NOT_HELD,
                "the Kerberos package gives a TGT's session key only to a trusted caller (LsaRegisterLogonProcess)"));
        try {
            return new Credentials(new KerberosPrincipal(name(t.clientName(), info.clientRealm()),
                    KerberosPrincipal.KRB_NT_PRINCIPAL), ticket(t, key, info.clientRealm()));
        } finally {
            key.wipe();
        }
    }

    /** The TGT of the client's own realm (krbtgt/REALM@REALM) if the cache has one, else any TGT. */
    static Optional<KerbTicketCacheInfo> homeTgt(List<KerbTicketCacheInfo> tickets) {
        List<KerbTicketCacheInfo> tgts = tickets.stream().filter(i -> i.serverName().startsWith("krbtgt/")).toList();
        return tgts.stream().filter(i -> i.serverName().equals("krbtgt/" + i.clientRealm())
                && i.serverRealm().equals(i.clientRealm())).findFirst().or(() -> tgts.stream().findFirst());
    }

    private static KerberosTicket ticket(KerbExternalTicket t, KerbCryptoKey key, String clientRealm) {
        KerberosPrincipal client = new KerberosPrincipal(name(t.clientName(), clientRealm),
                KerberosPrincipal.KRB_NT_PRINCIPAL);
        KerberosPrincipal server = new KerberosPrincipal(name(t.serviceName(), t.domainName()),
                KerberosPrincipal.KRB_NT_SRV_INST);
        Date start = date(t.startTime());
        Date renewTill = date(t.renewUntil());
        boolean[] flags = flags(t.ticketFlags(), renewTill != null);
        byte[] value = key.value();
        try {
            // KerberosTicket keeps its own copy of the key, which destroy() zeroes.
            return new KerberosTicket(t.encodedTicket(), client, server, value, key.keyType(), flags, start, start,
                    date(t.endTime()), renewTill, null);
        } finally {
            Arrays.fill(value, (byte) 0);
        }
    }

    /**
     * KerberosFlags as the package gives them (flag n is bit 31 - n, the int reads as the wire's four octets) to
     * KerberosTicket's array (index n is flag n). RENEWABLE without a renew-till time is dropped: KerberosTicket
     * refuses that pair.
     */
    static boolean[] flags(int bits, boolean hasRenewTill) {
        boolean[] flags = new boolean[32];
        for (int n = 0; n < 32; n++) {
            flags[n] = (bits & (1 << (31 - n))) != 0;
        }
        if (!hasRenewTill) {
            flags[8] = false; // RENEWABLE (RFC 4120 5.3)
        }
        return flags;
    }

    /** "a/b@REALM"; the separators inside a component are quoted as RFC 1964's string form quotes them. */
    static String name(KerbExternalTicket.Name name, String realm) {
        StringBuilder b = new StringBuilder();
        for (String part : name.names()) {
            if (!b.isEmpty()) {
                b.append('/');
            }
            b.append(part.replace("\\", "\\\\").replace("/", "\\/").replace("@", "\\@"));
        }
        return b.append('@').append(realm).toString();
    }

    private static Date date(long ntTime) {
        if (ntTime == 0) {
            return null;
        }
        java.time.Instant t = NtTime.toInstantOrNull(ntTime);
        return t == null ? null : Date.from(t);
    }

    /** One CallPackage round: the response's bytes, the buffer freed, a refusal as its ProtocolStatus. */
    private static byte[] call(LsaConnection lsa, int pkg, KerbCallRequest request) throws LsaException {
        CallPackageResult r = lsa.callAuthenticationPackage(pkg, KerbCallCodec.encode(request));
        try {
            if (!r.protocolStatus().equals(NtStatus.SUCCESS)) {
                throw new LsaException(r.protocolStatus(), "the Kerberos package refused " + request.getClass()
                        .getSimpleName());
            }
            return r.returnBuffer().bytes();
        } finally {
            lsa.freeReturnBuffer(r.returnBuffer());
        }
    }
}
