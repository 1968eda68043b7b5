package org.openlsa.kdc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERGeneralString;
import org.bouncycastle.asn1.DERGeneralizedTime;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.crypto.kerberos.EncryptionType;
import org.openlsa.crypto.kerberos.KerberosCrypto;
import org.openlsa.crypto.kerberos.KerberosKey;
import org.openlsa.kdc.client.KdcClient;
import org.openlsa.krb5.KdcOptions;
import org.openlsa.krb5.PrincipalName;
import org.openlsa.kdc.protocol.KdcProtocol;

/**
 * The KDC's listeners against an adversarial network, with the real KDC behind them: connections that trickle
 * bytes, a reply too big for UDP, datagrams too short to be requests.
 */
class KdcServerHardeningTest {
    private static final String PW = "Wonderland-pw-1";
    private TestRealm realm;
    private KdcServer server;

    @BeforeEach
    void start() throws Exception {
        realm = TestRealm.start();
        realm.addUser("alice", PW);
        realm.addService("websvc", "Web-pw-1", "HTTP/web.kdc.test");
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        realm.close();
    }

    private KdcClient client(boolean tcp) {
        return new KdcClient(new KdcClient.Endpoint(new InetSocketAddress("127.0.0.1", server.port()), tcp,
                Duration.ofSeconds(5)), realm.clock, new SecureRandom());
    }

    private static KerberosKey aliceKey() {
        try (SecretBytes pw = SecretBytes.copyOf(PW.getBytes(StandardCharsets.UTF_8))) {
            return KerberosCrypto.stringToKey(EncryptionType.AES256_CTS_HMAC_SHA1_96, pw,
                    (TestRealm.REALM + "alice").getBytes(StandardCharsets.UTF_8), null);
        }
    }

    private static KdcClient.Credential tgt(KdcClient client, KerberosKey key) throws Exception {
        return client.asExchange(TestRealm.REALM, PrincipalName.principal("alice"), key,
                PrincipalName.krbtgt(TestRealm.REALM), KdcOptions.of(), Duration.ofHours(8));
    }

    /**
     * A connection that sends a request one byte at a time, a byte every 200 ms, far more often than any per-read
     * timeout would need; completes when the server closes it.
     */
    private static CompletableFuture<Void> drip(InetAddress from, int port) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(from, 0));
        s.connect(new InetSocketAddress("127.0.0.1", port));
        CompletableFuture<Void> closed = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            byte[] request = new byte[4 + 256];
            request[2] = 1; // a 256-byte request: 52 seconds at this pace
            try (s) {
                OutputStream out = s.getOutputStream();
                InputStream in = s.getInputStream();
                s.setSoTimeout(200);
                for (byte b : request) {
                    out.write(b);
                    out.flush();
                    try {
                        if (in.read() < 0) {
                            break;
                        }
                    } catch (SocketTimeoutException stillOpen) {
                        // the pause between two bytes
                    }
                }
            } catch (IOException reset) {
                // closed by the server
            }
            closed.complete(null);
        });
        return closed;
    }

    @Test
    void tricklingConnectionsAreClosedAtTheDeadlineAndCannotStarveARealClient() throws Exception {
        server = KdcServer.start(realm.kdc, KdcServer.Options.defaults(InetAddress.getLoopbackAddress(), 0)
                .withMaxConnections(8, 4).withRequestTimeout(Duration.ofSeconds(5)));
        InetAddress attacker = InetAddress.getByAddress(new byte[] {127, 0, 0, 2});
        try (KerberosKey key = aliceKey()) {
            // More trickling connections than the server has slots, all from one host.
            List<CompletableFuture<Void>> attackers = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                attackers.add(drip(attacker, server.port()));
            }
            // That host gets its share (4) and no more: the other 8 are closed at once.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (attackers.stream().filter(CompletableFuture::isDone).count() < 8 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(8, attackers.stream().filter(CompletableFuture::isDone).count(), "refused over the share");
            // A real AS exchange over TCP from another host succeeds meanwhile.
            try (KdcClient.Credential tgt = tgt(client(true), key)) {
                assertEquals(List.of("alice"), tgt.cname().nameString());
            }
            assertEquals(4, attackers.stream().filter(f -> !f.isDone()).count(),
                    "the trickling connections were still held while the client was served");
            // They never stop sending, yet each is closed at its request deadline.
            CompletableFuture.allOf(attackers.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aTgsReplyTooBigForUdpReachesTheClientWhenItRetriesTheSameRequestOverTcp() throws Exception {
        // 512 bytes: a TGS-REP with its PAC is bigger. OpenLSA's client, like MIT's, then sends the same bytes
        // over TCP, which the replay cache alone would refuse as a replay.
        KdcServer.Options d = KdcServer.Options.defaults(InetAddress.getLoopbackAddress(), 0);
        server = KdcServer.start(realm.kdc, new KdcServer.Options(d.address(), 0, 1, 512, d.maxTcpRequest(),
                d.maxConnections(), d.maxConnectionsPerAddress(), d.requestTimeout(), d.lookaside()));
        KdcClient udp = client(false);
        try (KerberosKey key = aliceKey(); KdcClient.Credential tgt = tgt(udp, key);
             KdcClient.Credential st = udp.tgsExchange(tgt, PrincipalName.service("HTTP", "web.kdc.test"),
                     KdcOptions.of(), List.of(), List.of())) {
            assertEquals(List.of("HTTP", "web.kdc.test"), st.ticket().sname().nameString());
        }
    }

    /** The shortest AS-REQ DER can encode: the mandatory fields only, each as short as it can be. */
    static byte[] smallestAsReq() throws IOException {
        ASN1Encodable body = new DERSequence(new ASN1Encodable[] {
            new DERTaggedObject(true, 0, new DERBitString(new byte[4], 0)),
            new DERTaggedObject(true, 2, new DERGeneralString("")),
            new DERTaggedObject(true, 5, new DERGeneralizedTime("20370913024805Z")),
            new DERTaggedObject(true, 7, new ASN1Integer(0)),
            new DERTaggedObject(true, 8, new DERSequence())});
        ASN1Encodable req = new DERSequence(new ASN1Encodable[] {
            new DERTaggedObject(true, 1, new ASN1Integer(5)),
            new DERTaggedObject(true, 2, new ASN1Integer(10)),
            new DERTaggedObject(true, 4, body)});
        return new DERTaggedObject(true, BERTags.APPLICATION, 10, req).getEncoded("DER");
    }

    private boolean udpAnswered(byte[] datagram) throws IOException {
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(1000);
            s.send(new DatagramPacket(datagram, datagram.length, InetAddress.getLoopbackAddress(), server.port()));
            try {
                s.receive(new DatagramPacket(new byte[65535], 65535));
                return true;
            } catch (SocketTimeoutException e) {
                return false;
            }
        }
    }

    @Test
    void udpDatagramsShorterThanTheSmallestAsReqGetNoAnswer() throws Exception {
        server = KdcServer.start(realm.kdc, KdcServer.Options.defaults(InetAddress.getLoopbackAddress(), 0));
        byte[] smallest = smallestAsReq();
        assertEquals(Kdc.MIN_REQUEST, smallest.length);
        assertTrue(udpAnswered(smallest), "the smallest AS-REQ is answered");
        // The probe that drew 134 bytes for 2, and other short AS-REQ and KRB-ERROR lookalikes the KDC would
        // answer with an error: silence.
        assertFalse(udpAnswered(new byte[] {0x6a, 0x00}));
        assertFalse(udpAnswered(new byte[] {0x7e, 0x00}));
        assertFalse(udpAnswered(Arrays.copyOf(smallest, Kdc.MIN_REQUEST - 1)));
        byte[] lookalike = new byte[Kdc.MIN_REQUEST - 1];
        lookalike[0] = 0x6c;
        lookalike[1] = (byte) (lookalike.length - 2);
        assertFalse(udpAnswered(lookalike));
        assertTrue(realm.kdc.handle(lookalike, KdcProtocol.Transport.UDP, new InetSocketAddress(0)).isPresent(),
                "the KDC itself would answer it");
    }
}
