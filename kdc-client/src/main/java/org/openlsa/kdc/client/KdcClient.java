package org.openlsa.kdc.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.crypto.kerberos.ChecksumType;
import org.openlsa.crypto.kerberos.EncryptionType;
import org.openlsa.crypto.kerberos.KerberosCrypto;
import org.openlsa.crypto.kerberos.KerberosCryptoException;
import org.openlsa.crypto.kerberos.KerberosKey;
import org.openlsa.krb5.ApOptions;
import org.openlsa.krb5.ApReq;
import org.openlsa.krb5.AuthorizationData;
import org.openlsa.krb5.Authenticator;
import org.openlsa.krb5.Bytes;
import org.openlsa.krb5.Checksum;
import org.openlsa.krb5.EncKdcRepPart;
import org.openlsa.krb5.EncryptedData;
import org.openlsa.krb5.EncryptionKey;
import org.openlsa.krb5.ErrorCode;
import org.openlsa.krb5.EtypeInfo2Entry;
import org.openlsa.krb5.HostAddress;
import org.openlsa.krb5.KdcOptions;
import org.openlsa.krb5.KdcRep;
import org.openlsa.krb5.KdcReqBody;
import org.openlsa.krb5.KerberosTime;
import org.openlsa.krb5.KrbError;
import org.openlsa.krb5.MessageType;
import org.openlsa.krb5.PaData;
import org.openlsa.krb5.PaEncTsEnc;
import org.openlsa.krb5.PaForUser;
import org.openlsa.krb5.S4uUserId;
import org.openlsa.krb5.PrincipalName;
import org.openlsa.krb5.Ticket;
import org.openlsa.krb5.TicketFlags;
import org.openlsa.krb5.der.KrbCodec;
import org.openlsa.krb5.der.KrbDecodeException;

/**
 * The client side of the AS and TGS exchanges (RFC 4120 3.1, 3.3), over UDP or TCP: what a test, a load generator
 * or an authentication package needs to get a TGT with PA-ENC-TIMESTAMP and service tickets with it. It trusts
 * nothing it receives without checking: replies must decrypt under the expected key and echo the request's nonce.
 */
public final class KdcClient {
    /** Where the KDC is and how to reach it. */
    public record Endpoint(InetSocketAddress address, boolean tcp, Duration timeout) {}

    /** A ticket with the session key and reply part that came with it; the caller closes it. */
    /** @param padata the KDC-REP's own padata (an S4U2Self reply's PA-S4U-X509-USER echo, for one) */
    public record Credential(Ticket ticket, KerberosKey sessionKey, EncKdcRepPart part, String crealm,
                             PrincipalName cname, List<PaData> padata) implements AutoCloseable {
        public Credential {
            padata = List.copyOf(padata);
        }

        @Override
        public void close() {
            sessionKey.destroy();
        }
    }

    /** The KDC refused: its KRB-ERROR. */
    public static final class KdcRefusal extends Exception {
        private final KrbError error;

        public KdcRefusal(KrbError error) {
            super(error.errorCode() + error.eText().map(t -> ": " + t).orElse(""), null, false, false);
            this.error = error;
        }

        public KrbError error() {
            return error;
        }

        /**
         * The NTSTATUS of the error's KERB-EXT-ERROR (MS-KILE 2.2.1, 2.2.2), when its e-data is KERB-ERROR-DATA of
         * data-type 3: what a Windows KDC (and this one) says behind KDC_ERR_CLIENT_REVOKED or KDC_ERR_POLICY.
         * Anything else in e-data (METHOD-DATA, typed data of other kinds, garbage) yields empty.
         */
        public OptionalInt extendedStatus() {
            if (error.eData().isEmpty()) {
                return OptionalInt.empty();
            }
            try {
                ASN1Sequence seq = ASN1Sequence.getInstance(error.eData().get().toByteArray());
                if (seq.size() != 2) {
                    return OptionalInt.empty();
                }
                ASN1TaggedObject type = ASN1TaggedObject.getInstance(seq.getObjectAt(0));
                ASN1TaggedObject value = ASN1TaggedObject.getInstance(seq.getObjectAt(1));
                if (type.getTagNo() != 1 || value.getTagNo() != 2
                        || !ASN1Integer.getInstance(type.getExplicitBaseObject()).hasValue(KERB_ERR_TYPE_EXTENDED)) {
                    return OptionalInt.empty();
                }
                byte[] ext = ASN1OctetString.getInstance(value.getExplicitBaseObject()).getOctets();
                if (ext.length < 4) {
                    return OptionalInt.empty();
                }
                return OptionalInt.of(ByteBuffer.wrap(ext, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
            } catch (RuntimeException malformed) {
                return OptionalInt.empty();
            }
        }
    }

    /** MS-KILE 2.2.1: KERB-ERROR-DATA data-type of a KERB-EXT-ERROR. */
    private static final int KERB_ERR_TYPE_EXTENDED = 3;

    private final KdcTransport transport;
    private final Clock clock;
    private final SecureRandom random;

    /** A client of one KDC: over TCP only when {@code endpoint.tcp()}, else UDP first (TCP when the reply is too big). */
    public KdcClient(Endpoint endpoint, Clock clock, SecureRandom random) {
        this(KdcTransport.network(List.of(new KdcTransport.KdcAddress(endpoint.address().getHostString(),
                endpoint.address().getPort())), endpoint.timeout(), endpoint.tcp() ? 0 : Integer.MAX_VALUE), clock,
                random);
    }

    public KdcClient(KdcTransport transport, Clock clock, SecureRandom random) {
        this.transport = transport;
        this.clock = clock;
        this.random = random;
    }

    /**
     * A 31-bit nonce: RFC 4120 makes it a UInt32, but MIT decodes it as a signed Int32 and drops a request whose
     * nonce needs five DER bytes, so clients (MIT's, the JDK's) stay below 2^31.
     */
    private long nonce() {
        return random.nextInt() & 0x7FFFFFFFL;
    }

    /** One request, one reply, through this client's transport. */
    public byte[] exchange(byte[] request) throws IOException {
        return transport.send(request);
    }

    /**
     * An AS exchange with PA-ENC-TIMESTAMP under {@code clientKey} (whose enctype is the only one offered, so the
     * KDC replies in it), for {@code sname} (usually krbtgt/REALM).
     */
    public Credential asExchange(String realm, PrincipalName cname, KerberosKey clientKey, PrincipalName sname,
                                 KdcOptions options, Duration life) throws IOException, KdcRefusal,
            KerberosCryptoException, KrbDecodeException {
        return asExchange(realm, cname, clientKey, sname, options, life, List.of());
    }

    /**
     * As above, with {@code addresses} in the request (a Windows client sends its NetBIOS name, type 20, which the
     * KDC checks against the account's workstation list).
     */
    public Credential asExchange(String realm, PrincipalName cname, KerberosKey clientKey, PrincipalName sname,
                                 KdcOptions options, Duration life, List<HostAddress> addresses) throws IOException,
            KdcRefusal, KerberosCryptoException, KrbDecodeException {
        return asExchange(realm, cname, clientKey, sname, options, life, addresses, Optional.empty());
    }

    /** As above, asking a renewable ticket until {@code renewTill} when given (RENEWABLE belongs in the options). */
    public Credential asExchange(String realm, PrincipalName cname, KerberosKey clientKey, PrincipalName sname,
                                 KdcOptions options, Duration life, List<HostAddress> addresses,
                                 Optional<Instant> renewTill) throws IOException, KdcRefusal, KerberosCryptoException,
            KrbDecodeException {
        Instant now = clock.instant();
        PaEncTsEnc ts = new PaEncTsEnc(KerberosTime.truncate(now), OptionalInt.of(KerberosTime.microsecondsOf(now)));
        byte[] tsCipher = KerberosCrypto.encrypt(clientKey, 1, KrbCodec.encode(ts), random);
        PaData pa = new PaData(PaData.PA_ENC_TIMESTAMP, Bytes.of(KrbCodec.encode(
                EncryptedData.of(clientKey.type().id(), Bytes.of(tsCipher)))));
        long nonce = nonce();
        KdcReqBody body = new KdcReqBody(options, Optional.of(cname), realm, Optional.of(sname), Optional.empty(),
                KerberosTime.truncate(now.plus(life)), renewTill.map(KerberosTime::truncate), nonce,
                List.of(clientKey.type().id()), addresses, Optional.empty(), List.of());
        byte[] reply = exchange(KrbCodec.encode(KrbCodec.asReq(List.of(pa), body)));
        return credential(reply, clientKey, 3, nonce);
    }

    /**
     * The AS exchange of a password logon (RFC 4120 3.1 and 5.2.7.5, RFC 6113 2.1): a first AS-REQ without
     * pre-authentication offering {@code enctypes}; the KDC answers PREAUTH_REQUIRED with ETYPE-INFO2 naming the
     * enctype, salt and string-to-key parameters of the client's key; the key is derived once, for that enctype,
     * and a second AS-REQ carries PA-ENC-TIMESTAMP. A KDC that issues the ticket without pre-authentication has
     * its reply decrypted with the key its own PA-ETYPE-INFO2 (or the default salt) describes.
     *
     * @param utf8Password the password as RFC 3962 feeds it to PBKDF2; not destroyed here
     * @param enctypes the enctypes this client accepts for its key, most preferred first
     */
    public Credential passwordAsExchange(String realm, PrincipalName cname, SecretBytes utf8Password,
                                         PrincipalName sname, KdcOptions options, Duration life,
                                         List<HostAddress> addresses, List<EncryptionType> enctypes)
            throws IOException, KdcRefusal, KerberosCryptoException, KrbDecodeException {
        return passwordAsExchange(realm, cname, utf8Password, sname, options, life, addresses, enctypes,
                Optional.empty());
    }

    /** As above, asking a renewable ticket until {@code renewTill} when given (RENEWABLE belongs in the options). */
    public Credential passwordAsExchange(String realm, PrincipalName cname, SecretBytes utf8Password,
                                         PrincipalName sname, KdcOptions options, Duration life,
                                         List<HostAddress> addresses, List<EncryptionType> enctypes,
                                         Optional<Instant> renewTill)
            throws IOException, KdcRefusal, KerberosCryptoException, KrbDecodeException {
        Instant now = clock.instant();
        long nonce = nonce();
        KdcReqBody body = new KdcReqBody(options, Optional.of(cname), realm, Optional.of(sname), Optional.empty(),
                KerberosTime.truncate(now.plus(life)), renewTill.map(KerberosTime::truncate), nonce,
                enctypes.stream().map(EncryptionType::id).toList(), addresses, Optional.empty(), List.of());
        byte[] reply = exchange(KrbCodec.encode(KrbCodec.asReq(List.of(), body)));
        if (KrbCodec.applicationTag(reply) == MessageType.KRB_ERROR) {
            KrbError error = KrbCodec.decodeKrbError(reply);
            if (!error.errorCode().equals(ErrorCode.KDC_ERR_PREAUTH_REQUIRED)) {
                throw new KdcRefusal(error);
            }
            List<PaData> methods = error.eData().isPresent()
                    ? KrbCodec.decodeMethodData(error.eData().get().toByteArray()) : List.of();
            try (KerberosKey key = clientKey(realm, cname, utf8Password, methods, enctypes, Optional.empty())) {
                return asExchange(realm, cname, key, sname, options, life, addresses, renewTill);
            }
        }
        KdcRep rep = KrbCodec.decodeKdcRep(reply);
        int replyEtype = rep.encPart().etype();
        try (KerberosKey key = clientKey(realm, cname, utf8Password, rep.padata(), enctypes,
                Optional.of(replyEtype))) {
            return credential(reply, key, 3, nonce);
        }
    }

    /**
     * The client's key as the KDC describes it in PA-ETYPE-INFO2 (RFC 4120 5.2.7.5): the first entry of an enctype
     * we accept (and, for a reply, of the reply's enctype), with its salt and parameters; the default salt and the
     * most preferred enctype when the KDC describes none.
     */
    private static KerberosKey clientKey(String realm, PrincipalName cname, SecretBytes utf8Password,
                                         List<PaData> padata, List<EncryptionType> enctypes, Optional<Integer> mustBe)
            throws KrbDecodeException {
        for (PaData pa : padata) {
            if (pa.padataType() != PaData.PA_ETYPE_INFO2) {
                continue;
            }
            for (EtypeInfo2Entry e : KrbCodec.decodeEtypeInfo2(pa.padataValue().toByteArray())) {
                Optional<EncryptionType> type = EncryptionType.of(e.etype()).filter(enctypes::contains);
                if (type.isEmpty() || mustBe.isPresent() && mustBe.get() != e.etype()) {
                    continue;
                }
                byte[] salt = e.salt().map(x -> x.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .orElseGet(() -> KerberosCrypto.defaultSalt(realm, cname.nameString()));
                byte[] params = e.s2kparams().map(Bytes::toByteArray).orElse(null);
                try {
                    return KerberosCrypto.stringToKey(type.get(), utf8Password, salt, params);
                } catch (IllegalArgumentException badParams) {
                    throw new KrbDecodeException("the KDC's string-to-key parameters are unusable: "
                            + badParams.getMessage());
                }
            }
        }
        EncryptionType type = mustBe.isPresent()
                ? EncryptionType.of(mustBe.get()).filter(enctypes::contains).orElseThrow(
                        () -> new KrbDecodeException("the KDC replied in enctype " + mustBe.get()
                                + ", which this client did not offer"))
                : enctypes.getFirst();
        return KerberosCrypto.stringToKey(type, utf8Password, KerberosCrypto.defaultSalt(realm, cname.nameString()),
                null);
    }

    /** A TGS exchange with {@code tgt} for {@code sname}, the authenticator checksummed over the body. */
    public Credential tgsExchange(Credential tgt, PrincipalName sname, KdcOptions options, List<PaData> extraPadata,
                                  List<Ticket> additionalTickets) throws IOException, KdcRefusal,
            KerberosCryptoException, KrbDecodeException {
        return tgsExchange(tgt, sname, options, nonce -> extraPadata, additionalTickets, tgt.part().endtime(),
                Optional.empty());
    }

    /**
     * A service ticket for a logon session, asked for as Windows asks (KDCOptions 0x40810010: FORWARDABLE,
     * RENEWABLE, CANONICALIZE, RENEWABLE-OK), until the TGT's end and, when the TGT is renewable, renewable until its
     * renew-till. The KDC grants only what the TGT and policy allow (RFC 4120 3.3.3: FORWARDABLE only from a
     * forwardable TGT, renew-till never past the TGT's); MIT and Windows KDCs drop what they cannot grant rather
     * than refuse. A ticket asked for with CANONICALIZE alone is neither forwardable nor renewable, so it cannot
     * serve delegation, and it expires with no way to extend it while the TGT lives on.
     */
    public Credential serviceTicket(Credential tgt, PrincipalName sname) throws IOException, KdcRefusal,
            KerberosCryptoException, KrbDecodeException {
        Optional<KerberosTime> renewTill = tgt.part().flags().has(TicketFlags.RENEWABLE)
                ? tgt.part().renewTill() : Optional.empty();
        return tgsExchange(tgt, sname, SESSION_SERVICE_TICKET_OPTIONS, nonce -> List.of(), List.of(),
                tgt.part().endtime(), renewTill);
    }

    /** FORWARDABLE | RENEWABLE | CANONICALIZE | RENEWABLE-OK: 0x40810010, what Windows puts in a TGS-REQ. */
    public static final KdcOptions SESSION_SERVICE_TICKET_OPTIONS = KdcOptions.of(KdcOptions.FORWARDABLE,
            KdcOptions.RENEWABLE, KdcOptions.CANONICALIZE, KdcOptions.RENEWABLE_OK);

    /**
     * Renews a renewable ticket (RFC 4120 3.3.3.1): a TGS-REQ with RENEW, the ticket itself in the AP-REQ and as the
     * server it is for. The KDC answers the same ticket, session key included, valid from now for its original
     * lifetime and never past its renew-till.
     *
     * @throws IllegalArgumentException when the ticket is not renewable
     */
    public Credential renew(Credential ticket) throws IOException, KdcRefusal, KerberosCryptoException,
            KrbDecodeException {
        KerberosTime renewTill = ticket.part().renewTill().filter(t -> ticket.part().flags().has(
                TicketFlags.RENEWABLE)).orElseThrow(() -> new IllegalArgumentException(
                "the ticket for " + ticket.part().sname().format(ticket.part().srealm()) + " is not renewable"));
        // As MIT's krb5_get_renewed_creds: the ticket's own FORWARDABLE, PROXIABLE and RENEWABLE go with RENEW,
        // and rtime repeats its renew-till. MIT's KDC issues a renewed ticket without RENEWABLE unless asked again.
        TicketFlags flags = ticket.part().flags();
        KdcOptions options = KdcOptions.of(KdcOptions.RENEW, KdcOptions.RENEWABLE);
        if (flags.has(TicketFlags.FORWARDABLE)) {
            options = options.with(KdcOptions.FORWARDABLE);
        }
        if (flags.has(TicketFlags.PROXIABLE)) {
            options = options.with(KdcOptions.PROXIABLE);
        }
        return tgsExchange(ticket, ticket.part().sname(), options, nonce -> List.of(), List.of(), renewTill,
                Optional.of(renewTill));
    }

    /**
     * S4U2Self (MS-SFU 3.2.5.1): with the service's own TGT, a ticket to the service itself for {@code user} of
     * {@code userRealm}. Both forms of the request go out, as MIT's client sends them: PA-FOR-USER (HMAC-MD5 under
     * the TGT session key, the form every KDC knows) and PA-S4U-X509-USER (the session key's own checksum over an
     * S4UUserID bound to the request's nonce), which also carries KDC_CHECK_LOGON_HOUR_RESTRICTIONS when asked.
     */
    public Credential s4u2Self(Credential serviceTgt, PrincipalName user, String userRealm, boolean checkLogonHours)
            throws IOException, KdcRefusal, KerberosCryptoException, KrbDecodeException {
        KerberosKey key = serviceTgt.sessionKey();
        PaForUser unsigned = new PaForUser(user, userRealm, new Checksum(Checksum.HMAC_MD5, Bytes.of(new byte[16])),
                PaForUser.AUTH_PACKAGE_KERBEROS);
        byte[] forUserCksum = KerberosCrypto.checksum(ChecksumType.HMAC_MD5, key, USAGE_PA_FOR_USER,
                unsigned.checksumInput());
        PaData forUser = new PaData(PaData.PA_FOR_USER, Bytes.of(KrbCodec.encode(new PaForUser(user, userRealm,
                new Checksum(Checksum.HMAC_MD5, Bytes.of(forUserCksum)), PaForUser.AUTH_PACKAGE_KERBEROS))));
        OptionalInt options = checkLogonHours
                ? OptionalInt.of(S4uUserId.optionsOf(S4uUserId.CHECK_LOGON_HOUR_RESTRICTIONS)) : OptionalInt.empty();
        return tgsExchange(serviceTgt, serviceTgt.cname(), KdcOptions.of(), nonce -> {
            S4uUserId id = new S4uUserId(nonce, Optional.of(user), userRealm, Optional.empty(),
                    options);
            ChecksumType type = key.type().checksumType();
            byte[] cksum = KerberosCrypto.checksum(type, key, USAGE_PA_S4U_X509_USER_REQUEST, KrbCodec.encode(id));
            PaData x509 = new PaData(PaData.PA_S4U_X509_USER, Bytes.of(KrbCodec.encode(KrbCodec.paS4uX509User(id,
                    new Checksum(type.id(), Bytes.of(cksum))))));
            return List.of(forUser, x509);
        }, List.of(), serviceTgt.part().endtime(), Optional.empty());
    }

    /** MS-SFU 2.2.1 and 2.2.2: key usages of PA-FOR-USER's and PA-S4U-X509-USER's request checksums. */
    private static final int USAGE_PA_FOR_USER = 17;
    private static final int USAGE_PA_S4U_X509_USER_REQUEST = 26;

    private Credential tgsExchange(Credential tgt, PrincipalName sname, KdcOptions options,
                                   java.util.function.LongFunction<List<PaData>> extraPadata,
                                   List<Ticket> additionalTickets, KerberosTime till, Optional<KerberosTime> rtime)
            throws IOException, KdcRefusal, KerberosCryptoException, KrbDecodeException {
        Instant now = clock.instant();
        long nonce = nonce();
        KdcReqBody body = new KdcReqBody(options, Optional.empty(), tgt.ticket().realm(), Optional.of(sname),
                Optional.empty(), till, rtime, nonce,
                List.of(tgt.sessionKey().type().id()), List.of(), Optional.empty(), additionalTickets);
        byte[] bodyBytes = KrbCodec.encode(body);
        ChecksumType ct = tgt.sessionKey().type().checksumType();
        Checksum cksum = new Checksum(ct.id(), Bytes.of(KerberosCrypto.checksum(ct, tgt.sessionKey(), 6, bodyBytes)));
        Authenticator auth = new Authenticator(tgt.crealm(), tgt.cname(), Optional.of(cksum),
                KerberosTime.microsecondsOf(now), KerberosTime.truncate(now), Optional.empty(), OptionalLong.empty(),
                new AuthorizationData(List.of()));
        byte[] authCipher = KerberosCrypto.encrypt(tgt.sessionKey(), 7, KrbCodec.encode(auth), random);
        ApReq ap = new ApReq(ApOptions.of(), tgt.ticket(),
                EncryptedData.of(tgt.sessionKey().type().id(), Bytes.of(authCipher)));
        List<PaData> padata = new java.util.ArrayList<>();
        padata.add(new PaData(PaData.PA_TGS_REQ, Bytes.of(KrbCodec.encode(ap))));
        padata.addAll(extraPadata.apply(nonce));
        byte[] reply = exchange(KrbCodec.encode(KrbCodec.tgsReq(padata, body)));
        return credential(reply, tgt.sessionKey(), 8, nonce);
    }

    private static Credential credential(byte[] reply, KerberosKey replyKey, int usage, long nonce)
            throws KdcRefusal, KerberosCryptoException, KrbDecodeException {
        int tag = KrbCodec.applicationTag(reply);
        if (tag == MessageType.KRB_ERROR) {
            throw new KdcRefusal(KrbCodec.decodeKrbError(reply));
        }
        KdcRep rep = KrbCodec.decodeKdcRep(reply);
        byte[] plain = KerberosCrypto.decrypt(replyKey, usage, rep.encPart().cipher().toByteArray());
        EncKdcRepPart part = KrbCodec.decodeEncKdcRepPart(plain);
        Arrays.fill(plain, (byte) 0);
        if (part.nonce() != nonce) {
            throw new KrbDecodeException("reply nonce does not match the request");
        }
        EncryptionKey k = part.key();
        KerberosKey session = KerberosKey.adopt(EncryptionType.of(k.keytype()).orElseThrow(
                () -> new KrbDecodeException("unsupported session key type " + k.keytype())), k.keyvalue().toByteArray());
        return new Credential(rep.ticket(), session, part, rep.crealm(), rep.cname(), rep.padata());
    }
}
