package org.openlsa.kdc.client;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
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
import org.openlsa.krb5.HostAddress;
import org.openlsa.krb5.KdcOptions;
import org.openlsa.krb5.KdcRep;
import org.openlsa.krb5.KdcReqBody;
import org.openlsa.krb5.KerberosTime;
import org.openlsa.krb5.KrbError;
import org.openlsa.krb5.MessageType;
import org.openlsa.krb5.PaData;
import org.openlsa.krb5.PaEncTsEnc;
import org.openlsa.krb5.PrincipalName;
import org.openlsa.krb5.Ticket;
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
    }

    private final Endpoint endpoint;
    private final Clock clock;
    private final SecureRandom random;

    public KdcClient(Endpoint endpoint, Clock clock, SecureRandom random) {
        this.endpoint = endpoint;
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

    /** One request, one reply: the raw transport (RFC 4120 7.2.1 and 7.2.2). */
    public byte[] exchange(byte[] request) throws IOException {
        int timeout = (int) endpoint.timeout().toMillis();
        if (endpoint.tcp()) {
            try (Socket s = new Socket()) {
                s.connect(endpoint.address(), timeout);
                s.setSoTimeout(timeout);
                s.getOutputStream().write(ByteBuffer.allocate(4 + request.length).putInt(request.length)
                        .put(request).array());
                DataInputStream in = new DataInputStream(s.getInputStream());
                int length = in.readInt();
                if (length < 0 || length > (1 << 20)) {
                    throw new IOException("KDC reply length " + length + " out of range");
                }
                byte[] reply = new byte[length];
                in.readFully(reply);
                return reply;
            }
        }
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(timeout);
            s.send(new DatagramPacket(request, request.length, endpoint.address()));
            byte[] buf = new byte[65535];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            s.receive(p);
            return Arrays.copyOf(buf, p.getLength());
        }
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
        Instant now = clock.instant();
        PaEncTsEnc ts = new PaEncTsEnc(KerberosTime.truncate(now), OptionalInt.of(KerberosTime.microsecondsOf(now)));
        byte[] tsCipher = KerberosCrypto.encrypt(clientKey, 1, KrbCodec.encode(ts), random);
        PaData pa = new PaData(PaData.PA_ENC_TIMESTAMP, Bytes.of(KrbCodec.encode(
                EncryptedData.of(clientKey.type().id(), Bytes.of(tsCipher)))));
        long nonce = nonce();
        KdcReqBody body = new KdcReqBody(options, Optional.of(cname), realm, Optional.of(sname), Optional.empty(),
                KerberosTime.truncate(now.plus(life)), Optional.empty(), nonce, List.of(clientKey.type().id()),
                addresses, Optional.empty(), List.of());
        byte[] reply = exchange(KrbCodec.encode(KrbCodec.asReq(List.of(pa), body)));
        return credential(reply, clientKey, 3, nonce);
    }

    /** A TGS exchange with {@code tgt} for {@code sname}, the authenticator checksummed over the body. */
    public Credential tgsExchange(Credential tgt, PrincipalName sname, KdcOptions options, List<PaData> extraPadata,
                                  List<Ticket> additionalTickets) throws IOException, KdcRefusal,
            KerberosCryptoException, KrbDecodeException {
        Instant now = clock.instant();
        long nonce = nonce();
        KdcReqBody body = new KdcReqBody(options, Optional.empty(), tgt.ticket().realm(), Optional.of(sname),
                Optional.empty(), KerberosTime.truncate(tgt.part().endtime().instant()), Optional.empty(), nonce,
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
        padata.addAll(extraPadata);
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
