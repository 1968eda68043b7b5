package org.openlsa.kdc;

import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.kdc.internal.AsExchange;
import org.openlsa.kdc.internal.KdcContext;
import org.openlsa.kdc.internal.KdcError;
import org.openlsa.kdc.internal.TgsExchange;
import org.openlsa.krb5.Bytes;
import org.openlsa.krb5.ErrorCode;
import org.openlsa.krb5.KdcReq;
import org.openlsa.krb5.KerberosTime;
import org.openlsa.krb5.KrbError;
import org.openlsa.krb5.MessageType;
import org.openlsa.krb5.PrincipalName;
import org.openlsa.krb5.der.KrbCodec;
import org.openlsa.krb5.der.KrbDecodeException;
import org.openlsa.sam.AccountStore;
import org.openlsa.sam.DomainInfo;
import org.openlsa.kdc.protocol.EmbeddedKdc;
import org.openlsa.kdc.protocol.KdcProtocol;

/**
 * The embedded KDC's protocol: AS-REQ and TGS-REQ in, AS-REP, TGS-REP or KRB-ERROR out, over the account database
 * of the machine's realm. Stateless apart from the replay cache; safe to call from many threads.
 *
 * <p>A process makes one per realm, with its clock and randomness, and hands the same object to every path into the
 * realm (the Kerberos package's in-process calls, {@link KdcServer}'s listeners, the kpasswd service made by
 * {@link #kpasswd}): the replay cache is this object's, so only then is an authenticator seen on one path a replay
 * on another.
 *
 * <p>Bad input never escapes as an exception: bytes that are not a Kerberos message at all are dropped (RFC 4120
 * 7.2.1 allows it, and answering garbage would make the KDC a reflector), another message type gets
 * KRB_AP_ERR_MSG_TYPE, a malformed AS-REQ or TGS-REQ gets KRB_ERR_GENERIC, and an internal failure is logged and
 * answered with KRB_ERR_GENERIC.
 */
public final class Kdc implements EmbeddedKdc {
    private static final System.Logger LOG = System.getLogger("org.openlsa.kdc");

    /**
     * The shortest AS-REQ DER can encode (RFC 4120 5.4.1): pvno, msg-type and a body of only its mandatory fields,
     * each as short as it can be (32-bit kdc-options, an empty realm, till, a one-octet nonce, no etypes), is 59
     * octets; a TGS-REQ adds an AP-REQ and is longer. Nothing shorter is a request, so a shorter UDP datagram gets
     * no answer at all ({@link KdcProtocol#minimumUdpRequest}).
     */
    public static final int MIN_REQUEST = 59;

    /** MS-KILE 2.2.1: KERB-ERROR-DATA data-type of a KERB-EXT-ERROR. */
    private static final int KERB_ERR_TYPE_EXTENDED = 3;

    private final KdcContext ctx;
    private final AsExchange as;
    private final TgsExchange tgs;

    private Kdc(KdcContext ctx) {
        this.ctx = ctx;
        this.as = new AsExchange(ctx);
        this.tgs = new TgsExchange(ctx);
    }

    /** A KDC over {@code store}'s realm. The store must hold a provisioned domain (with krbtgt keys). */
    public static Kdc create(AccountStore store, Clock clock, SecureRandom random) {
        return create(store, clock, random, org.openlsa.sam.SecurityEventSink.NONE);
    }

    /**
     * A KDC that reports its security events (pre-authentication failures, lockouts, kpasswd password changes:
     * docs/audit.md) to {@code events}, the host's audit log.
     */
    public static Kdc create(AccountStore store, Clock clock, SecureRandom random,
                             org.openlsa.sam.SecurityEventSink events) {
        return create(store, clock, random, events, java.util.Optional.empty());
    }

    /**
     * A KDC that also answers PKINIT pre-authentication (RFC 4556) with {@code pkinit}'s identity and trust anchors
     * (docs/kdc.md, "PKINIT"); empty: PKINIT is not offered.
     */
    public static Kdc create(AccountStore store, Clock clock, SecureRandom random,
                             org.openlsa.sam.SecurityEventSink events,
                             java.util.Optional<org.openlsa.pkinit.PkinitKdcConfig> pkinit) {
        Objects.requireNonNull(store, "store");
        return new Kdc(KdcContext.of(store, clock, random, events, pkinit));
    }

    @Override
    public Optional<byte[]> handle(byte[] request, Transport transport, InetSocketAddress client) {
        int tag = KrbCodec.applicationTag(request);
        if (tag < 0) {
            return Optional.empty();
        }
        DomainInfo domain;
        try {
            domain = ctx.store().domain();
        } catch (LsaException e) {
            LOG.log(Level.ERROR, "KDC cannot read the account domain: {0}", e.getMessage());
            return Optional.of(error(new KdcError(ErrorCode.KRB_ERR_GENERIC, "account database unavailable"),
                    "UNKNOWN", Optional.empty()));
        }
        if (tag != MessageType.AS_REQ && tag != MessageType.TGS_REQ) {
            return Optional.of(error(new KdcError(ErrorCode.KRB_AP_ERR_MSG_TYPE,
                    "a KDC accepts only AS-REQ and TGS-REQ"), domain.realm(), Optional.empty()));
        }
        KdcReq req;
        try {
            req = KrbCodec.decodeKdcReq(request);
        } catch (KrbDecodeException e) {
            return Optional.of(error(new KdcError(ErrorCode.KRB_ERR_GENERIC, "malformed request"), domain.realm(),
                    Optional.empty()));
        }
        Optional<PrincipalName> sname = req.reqBody().sname();
        try {
            byte[] reply = switch (req) {
                case org.openlsa.krb5.AsReq a -> KrbCodec.encode(as.handle(a, domain, address(client)));
                case org.openlsa.krb5.TgsReq t -> KrbCodec.encode(tgs.handle(t, domain));
            };
            return Optional.of(reply);
        } catch (KdcError e) {
            return Optional.of(error(e, domain.realm(), sname));
        } catch (LsaException | RuntimeException e) {
            LOG.log(Level.ERROR, "KDC failed on a " + (tag == MessageType.AS_REQ ? "AS-REQ" : "TGS-REQ"), e);
            return Optional.of(error(new KdcError(ErrorCode.KRB_ERR_GENERIC, "internal error"), domain.realm(),
                    sname));
        }
    }

    /** The client's address as the audit log records it (4771's Client Address); empty for an in-process caller. */
    private static String address(InetSocketAddress client) {
        return client == null || client.getAddress() == null ? "" : client.getAddress().getHostAddress();
    }

    @Override
    public int minimumUdpRequest() {
        return MIN_REQUEST;
    }

    @Override
    public byte[] responseTooBig(byte[] request) {
        return error(new KdcError(ErrorCode.KRB_ERR_RESPONSE_TOO_BIG, "response too big for UDP; use TCP"),
                realmOrUnknown(), Optional.empty());
    }

    @Override
    public byte[] fieldTooLong() {
        return error(new KdcError(ErrorCode.KRB_ERR_FIELD_TOOLONG, "request too long"), realmOrUnknown(),
                Optional.empty());
    }

    private String realmOrUnknown() {
        try {
            return ctx.store().domain().realm();
        } catch (LsaException e) {
            return "UNKNOWN";
        }
    }

    private byte[] error(KdcError e, String realm, Optional<PrincipalName> sname) {
        Instant now = ctx.now();
        Optional<Bytes> eData = e.eData().isPresent() ? e.eData() : e.status().map(Kdc::extendedError);
        KrbError err = new KrbError(Optional.empty(), java.util.OptionalInt.empty(), KerberosTime.truncate(now),
                KerberosTime.microsecondsOf(now), e.code(), Optional.empty(), Optional.empty(), realm,
                sname.orElse(PrincipalName.krbtgt(realm)), Optional.ofNullable(e.getMessage()), eData);
        return KrbCodec.encode(err);
    }

    /**
     * KERB-ERROR-DATA { data-type [1] 3, data-value [2] KERB-EXT-ERROR } (MS-KILE 2.2.1, 2.2.2): the NTSTATUS as a
     * little-endian 32-bit status, a reserved word and flags 1, so a Windows-aware client can tell, say, a disabled
     * account from an expired one behind the same KDC_ERR_CLIENT_REVOKED.
     */
    static Bytes extendedError(NtStatus status) {
        ByteBuffer ext = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        ext.putInt(status.code()).putInt(0).putInt(1);
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(new DERTaggedObject(true, 1, new ASN1Integer(KERB_ERR_TYPE_EXTENDED)));
        v.add(new DERTaggedObject(true, 2, new DEROctetString(ext.array())));
        try {
            return Bytes.of(new DERSequence(v).getEncoded(ASN1Encoding.DER));
        } catch (java.io.IOException impossible) {
            throw new IllegalStateException("DER encoding in memory failed", impossible);
        }
    }

    /**
     * The realm's kpasswd service over the same database, clock and replay cache (an authenticator seen by one is
     * a replay to the other). {@code serverAddress} is what its replies name as their sender (KRB-PRIV s-address):
     * the address it is served on.
     */
    @Override
    public Kpasswd kpasswd(java.net.InetAddress serverAddress) {
        return new Kpasswd(ctx, serverAddress);
    }

    /** The realm this KDC serves now (the store's). */
    public String realm() throws LsaException {
        return ctx.store().domain().realm();
    }

}
