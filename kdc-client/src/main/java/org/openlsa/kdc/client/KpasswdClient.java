package org.openlsa.kdc.client;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.crypto.kerberos.KerberosCrypto;
import org.openlsa.crypto.kerberos.KerberosCryptoException;
import org.openlsa.crypto.kerberos.KerberosKey;
import org.openlsa.kdc.protocol.KdcProtocol;
import org.openlsa.kdc.protocol.KpasswdFrame;
import org.openlsa.kdc.protocol.KpasswdPolicyInfo;
import org.openlsa.kdc.protocol.KpasswdResult;
import org.openlsa.krb5.ApOptions;
import org.openlsa.krb5.ApReq;
import org.openlsa.krb5.Authenticator;
import org.openlsa.krb5.AuthorizationData;
import org.openlsa.krb5.Bytes;
import org.openlsa.krb5.ChangePasswdData;
import org.openlsa.krb5.EncApRepPart;
import org.openlsa.krb5.EncKrbPrivPart;
import org.openlsa.krb5.EncryptedData;
import org.openlsa.krb5.EncryptionKey;
import org.openlsa.krb5.HostAddress;
import org.openlsa.krb5.KerberosTime;
import org.openlsa.krb5.KrbError;
import org.openlsa.krb5.KrbPriv;
import org.openlsa.krb5.MessageType;
import org.openlsa.krb5.PrincipalName;
import org.openlsa.krb5.der.KrbCodec;
import org.openlsa.krb5.der.KrbDecodeException;

/**
 * The client half of the kpasswd protocol (RFC 3244): with a ticket for {@code kadmin/changepw} (from an AS
 * exchange with the old password), send the new password and read the server's verdict.
 *
 * <p>The request is built the way MIT's client builds it, which every server accepts: an AP-REQ whose authenticator
 * carries a fresh subkey and a sequence number, then a KRB-PRIV in that subkey with the same sequence number, no
 * timestamp, and this host's address as s-address. MIT's kadmind checks that address against the one the request
 * came from, so it is worked out per server: the address the operating system would send from to reach it.
 * Servers are tried in order, each over TCP first and then UDP, as MIT's client does (a UDP retransmission could
 * look like a replay).
 */
public final class KpasswdClient {
    /** RFC 4120 7.5.1. */
    private static final int USAGE_AP_REQ_AUTH = 11;
    private static final int USAGE_AP_REP = 12;

    /** A way to one kpasswd server: where replies are sent from there, and how a frame gets there. */
    public interface Route {
        /** This host's address as the server sees it (the KRB-PRIV's s-address). */
        InetAddress localAddress() throws IOException;

        /** One frame, one reply frame. */
        byte[] send(byte[] frame) throws KdcUnreachableException;
    }

    /** What the server said: the result code and its text, decoded. */
    public record Outcome(int code, Bytes text) {
        public Outcome {
            Objects.requireNonNull(text, "text");
        }

        public Optional<KpasswdResult> result() {
            return KpasswdResult.of(code);
        }

        public boolean succeeded() {
            return code == KpasswdResult.SUCCESS.code();
        }

        /**
         * The server's explanation for a person: Active Directory's policy blob as the sentences Windows and MIT
         * print, else the text when it is clean UTF-8, else nothing.
         */
        public String message() {
            byte[] t = text.toByteArray();
            Optional<KpasswdPolicyInfo> policy = KpasswdPolicyInfo.decode(t);
            if (policy.isPresent()) {
                return describe(policy.get());
            }
            try {
                String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .decode(java.nio.ByteBuffer.wrap(t)).toString();
                return s.indexOf('\0') >= 0 ? "" : s.strip();
            } catch (CharacterCodingException e) {
                return "";
            }
        }
    }

    /** The server's reply could not be read or verified: not a verdict. */
    public static final class KpasswdProtocolException extends Exception {
        public KpasswdProtocolException(String message) {
            super(message);
        }
    }

    /** Whom a set-password request names (protocol 0xff80); empty to change the client's own password. */
    public record Target(PrincipalName name, String realm) {
        public Target {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(realm, "realm");
        }
    }

    private final List<Route> routes;
    private final Clock clock;
    private final SecureRandom random;

    public KpasswdClient(List<Route> routes, Clock clock, SecureRandom random) {
        this.routes = List.copyOf(routes);
        if (this.routes.isEmpty()) {
            throw new IllegalArgumentException("a kpasswd client needs at least one server");
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The kpasswd service of a realm in this process (the embedded realm), reached from the loopback address. */
    public static Route inProcess(KdcProtocol kpasswd) {
        KdcTransport transport = KdcTransport.inProcess(kpasswd);
        return new Route() {
            @Override
            public InetAddress localAddress() {
                return InetAddress.getLoopbackAddress();
            }

            @Override
            public byte[] send(byte[] frame) throws KdcUnreachableException {
                return transport.send(frame);
            }
        };
    }

    /** A kpasswd server over the network: TCP, then UDP if TCP gets no answer. */
    public static Route network(KdcTransport.KdcAddress server, Duration timeout) {
        KdcTransport tcp = KdcTransport.network(List.of(server), timeout, 0);
        KdcTransport udp = KdcTransport.network(List.of(server), timeout, Integer.MAX_VALUE);
        return new Route() {
            @Override
            public InetAddress localAddress() throws IOException {
                InetSocketAddress remote = new InetSocketAddress(server.host(), server.port());
                if (remote.isUnresolved()) {
                    throw new IOException(server + ": unknown host");
                }
                // Connecting a datagram socket sends nothing; it only asks the routing table for the source address.
                try (DatagramSocket probe = new DatagramSocket()) {
                    probe.connect(remote);
                    return probe.getLocalAddress();
                }
            }

            @Override
            public byte[] send(byte[] frame) throws KdcUnreachableException {
                try {
                    return tcp.send(frame);
                } catch (KdcUnreachableException overTcp) {
                    try {
                        return udp.send(frame);
                    } catch (KdcUnreachableException overUdp) {
                        List<String> failures = new ArrayList<>(overTcp.attempts());
                        failures.addAll(overUdp.attempts());
                        throw new KdcUnreachableException(server + " answered neither over TCP nor over UDP: "
                                + String.join("; ", failures), failures);
                    }
                }
            }
        };
    }

    /**
     * Sends the new password with {@code changepw}, a credential for kadmin/changepw, to each server in turn
     * until one answers.
     *
     * @param utf8NewPassword the new password as UTF-8 (what RFC 3244 carries); not destroyed here
     * @param target empty to change the client's own password (protocol 1); present to set that account's
     *               (protocol 0xff80, which the server allows administrators)
     * @throws KdcUnreachableException when no server answered
     * @throws KpasswdProtocolException when the reply is malformed, does not verify, or is not the reply to this
     *         request
     */
    public Outcome change(KdcClient.Credential changepw, SecretBytes utf8NewPassword, Optional<Target> target)
            throws KdcUnreachableException, KpasswdProtocolException {
        List<String> failures = new ArrayList<>();
        for (Route route : routes) {
            InetAddress local;
            try {
                local = route.localAddress();
            } catch (IOException e) {
                failures.add(e.getMessage());
                continue;
            }
            try (KerberosKey subkey = KerberosCrypto.randomKey(changepw.sessionKey().type(), random)) {
                Instant now = clock.instant();
                long seq = random.nextInt() & 0x7FFFFFFFL;
                Authenticator auth = new Authenticator(changepw.crealm(), changepw.cname(), Optional.empty(),
                        KerberosTime.microsecondsOf(now), KerberosTime.truncate(now), Optional.of(wire(subkey)),
                        OptionalLong.of(seq), new AuthorizationData(List.of()));
                byte[] request = request(changepw, auth, subkey, seq, local, utf8NewPassword, target);
                byte[] reply;
                try {
                    reply = route.send(request);
                } catch (KdcUnreachableException e) {
                    failures.addAll(e.attempts().isEmpty() ? List.of(e.getMessage()) : e.attempts());
                    continue;
                } finally {
                    Arrays.fill(request, (byte) 0);
                }
                return outcome(reply, changepw, auth, subkey);
            }
        }
        throw new KdcUnreachableException("no kpasswd server answered: " + String.join("; ", failures), failures);
    }

    private byte[] request(KdcClient.Credential changepw, Authenticator auth, KerberosKey subkey, long seq,
                           InetAddress local, SecretBytes utf8NewPassword, Optional<Target> target) {
        KerberosKey session = changepw.sessionKey();
        byte[] authPlain = KrbCodec.encode(auth);
        byte[] authCipher = KerberosCrypto.encrypt(session, USAGE_AP_REQ_AUTH, authPlain, random);
        Arrays.fill(authPlain, (byte) 0);
        byte[] apReq = KrbCodec.encode(new ApReq(ApOptions.NONE, changepw.ticket(),
                EncryptedData.of(session.type().id(), Bytes.of(authCipher))));
        byte[] password = utf8NewPassword.copyBytes();
        byte[] userData = null;
        byte[] partPlain = null;
        try {
            userData = target.isEmpty() ? password : KrbCodec.encode(new ChangePasswdData(Bytes.of(password),
                    Optional.of(target.get().name()), Optional.of(target.get().realm())));
            HostAddress sAddress = new HostAddress(local instanceof Inet6Address ? HostAddress.ADDRTYPE_INET6
                    : HostAddress.ADDRTYPE_INET, Bytes.of(local.getAddress()));
            partPlain = KrbCodec.encode(new EncKrbPrivPart(Bytes.of(userData), Optional.empty(), OptionalInt.empty(),
                    OptionalLong.of(seq), Optional.of(sAddress), Optional.empty()));
            byte[] partCipher = KerberosCrypto.encrypt(subkey, KrbPriv.USAGE_ENC_PART, partPlain, random);
            byte[] priv = KrbCodec.encode(new KrbPriv(EncryptedData.of(subkey.type().id(), Bytes.of(partCipher))));
            return new KpasswdFrame(target.isEmpty() ? KpasswdFrame.VERSION_CHANGE : KpasswdFrame.VERSION_SET,
                    Bytes.of(apReq), Bytes.of(priv)).encode();
        } finally {
            Arrays.fill(password, (byte) 0);
            if (userData != null) {
                Arrays.fill(userData, (byte) 0);
            }
            if (partPlain != null) {
                Arrays.fill(partPlain, (byte) 0);
            }
        }
    }

    private static Outcome outcome(byte[] reply, KdcClient.Credential changepw, Authenticator auth,
                                   KerberosKey subkey) throws KpasswdProtocolException {
        // MIT's client also accepts a bare KRB-ERROR (some servers answer a broken request with one).
        if (KrbCodec.applicationTag(reply) == MessageType.KRB_ERROR) {
            return errorOutcome(reply);
        }
        KpasswdFrame frame;
        try {
            frame = KpasswdFrame.decode(reply);
        } catch (KpasswdFrame.MalformedFrameException e) {
            throw new KpasswdProtocolException("the kpasswd reply is malformed: " + e.getMessage());
        }
        if (frame.version() != KpasswdFrame.VERSION_CHANGE && frame.version() != KpasswdFrame.VERSION_SET) {
            throw new KpasswdProtocolException("the kpasswd reply has protocol version 0x"
                    + Integer.toHexString(frame.version()));
        }
        if (frame.ap().isEmpty()) {
            return errorOutcome(frame.message().toByteArray());
        }
        try {
            EncryptedData rep = KrbCodec.decodeApRep(frame.ap().toByteArray()).encPart();
            byte[] repPlain = KerberosCrypto.decrypt(changepw.sessionKey(), USAGE_AP_REP, rep.cipher().toByteArray());
            EncApRepPart repPart = KrbCodec.decodeEncApRepPart(repPlain);
            Arrays.fill(repPlain, (byte) 0);
            if (!repPart.ctime().equals(auth.ctime()) || repPart.cusec() != auth.cusec()) {
                throw new KpasswdProtocolException("the AP-REP does not answer this request's authenticator");
            }
            // The reply is sealed in the subkey this client chose, whatever subkey the AP-REP names (MIT's client
            // reads it the same way).
            KrbPriv priv = KrbCodec.decodeKrbPriv(frame.message().toByteArray());
            byte[] privPlain = KerberosCrypto.decrypt(subkey, KrbPriv.USAGE_ENC_PART,
                    priv.encPart().cipher().toByteArray());
            EncKrbPrivPart part = KrbCodec.decodeEncKrbPrivPart(privPlain);
            Arrays.fill(privPlain, (byte) 0);
            if (part.seqNumber().orElse(0) != repPart.seqNumber().orElse(0)) {
                throw new KpasswdProtocolException("the reply's sequence number is not the AP-REP's");
            }
            byte[] result = part.userData().toByteArray();
            return new Outcome(resultCode(result), Bytes.of(KpasswdFrame.resultText(result)));
        } catch (KrbDecodeException e) {
            throw new KpasswdProtocolException("the kpasswd reply is malformed: " + e.getMessage());
        } catch (KerberosCryptoException e) {
            throw new KpasswdProtocolException("the kpasswd reply does not decrypt: it is not from the server the"
                    + " ticket is for");
        }
    }

    private static Outcome errorOutcome(byte[] krbError) throws KpasswdProtocolException {
        KrbError error;
        try {
            error = KrbCodec.decodeKrbError(krbError);
        } catch (KrbDecodeException e) {
            throw new KpasswdProtocolException("the kpasswd error reply is malformed: " + e.getMessage());
        }
        if (error.eData().isEmpty()) {
            throw new KpasswdProtocolException("the kpasswd server refused the request: " + error.errorCode()
                    + error.eText().map(t -> " (" + t + ")").orElse(""));
        }
        byte[] result = error.eData().get().toByteArray();
        int code = resultCode(result);
        if (code == KpasswdResult.SUCCESS.code()) {
            throw new KpasswdProtocolException("the kpasswd server sent an error that says success");
        }
        return new Outcome(code, Bytes.of(KpasswdFrame.resultText(result)));
    }

    private static int resultCode(byte[] result) throws KpasswdProtocolException {
        try {
            return KpasswdFrame.resultCode(result);
        } catch (KpasswdFrame.MalformedFrameException e) {
            throw new KpasswdProtocolException(e.getMessage());
        }
    }

    private static EncryptionKey wire(KerberosKey key) {
        return new EncryptionKey(key.type().id(), Bytes.of(key.copyBytes()));
    }

    /** The policy as sentences, as MIT's krb5_chpw_message words it. */
    static String describe(KpasswdPolicyInfo p) {
        List<String> s = new ArrayList<>();
        if ((p.properties() & KpasswdPolicyInfo.COMPLEX) != 0) {
            s.add("The password must include numbers or symbols. Don't include any part of your name in the"
                    + " password.");
        }
        if (p.minLength() > 0) {
            s.add("The password must contain at least " + p.minLength() + " character"
                    + (p.minLength() == 1 ? "" : "s") + ".");
        }
        if (p.history() > 0) {
            s.add("The password must be different from the previous " + p.history() + " password"
                    + (p.history() == 1 ? "" : "s") + ".");
        }
        long days = p.minAge().toDays();
        if (!p.minAge().isZero()) {
            s.add(days <= 1 ? "The password can only be changed once a day."
                    : "The password can only be changed every " + days + " days.");
        }
        return s.isEmpty() ? "The password does not meet the password policy." : String.join(" ", s);
    }
}
