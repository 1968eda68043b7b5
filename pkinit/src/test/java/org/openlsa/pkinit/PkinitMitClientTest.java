package org.openlsa.pkinit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openlsa.crypto.kerberos.EncryptionType;
import org.openlsa.crypto.kerberos.KerberosCrypto;
import org.openlsa.krb5.AsRep;
import org.openlsa.krb5.AsReq;
import org.openlsa.krb5.Bytes;
import org.openlsa.krb5.EncKdcRepPart;
import org.openlsa.krb5.EncryptedData;
import org.openlsa.krb5.EncryptionKey;
import org.openlsa.krb5.ErrorCode;
import org.openlsa.krb5.KerberosTime;
import org.openlsa.krb5.KrbError;
import org.openlsa.krb5.LastReq;
import org.openlsa.krb5.PaData;
import org.openlsa.krb5.PrincipalName;
import org.openlsa.krb5.Ticket;
import org.openlsa.krb5.TicketFlags;
import org.openlsa.krb5.der.KrbCodec;

/**
 * MIT's kinit (krb5-pkinit) against {@link PkinitKdc}: a minimal UDP KDC asks for PA-PK-AS-REQ, answers MIT's request
 * with {@link PkinitKdc#respond} and an AS-REP whose EncASRepPart is sealed with the PKINIT reply key (the ticket is
 * opaque random octets; kinit does not open it). kinit succeeding proves both halves: MIT's signed AuthPack is
 * accepted here, and MIT accepts this KDC's signed DH reply and derives the same reply key. A missing kinit fails.
 */
class PkinitMitClientTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void mitKinitGetsATicketWithItsCertificate(@TempDir Path dir) throws Exception {
        kinit(dir, "2048", 2048);
    }

    /** MIT's client on RFC 3526 group 16 (MIT 1.20 has no ECDH; P-256 and up arrive in 1.22). */
    @Test
    void mitKinitOnThe4096BitGroup(@TempDir Path dir) throws Exception {
        kinit(dir, "4096", 2048);
    }

    /**
     * MIT's client offering the 2048-bit group to a KDC that wants 4096 bits: the KDC refuses with TD-DH-PARAMETERS,
     * and kinit retries on the group the KDC lists. (MIT 1.20's client no longer offers 1024 bits at all.)
     */
    @Test
    void mitKinitRetriesWithTheGroupTheKdcOffers(@TempDir Path dir) throws Exception {
        String trace = kinit(dir, "2048", 4096);
        assertTrue(trace.contains("Preauth tryagain input types (16): 109"), trace);
    }

    /**
     * MIT's client with a P-256 certificate: it signs the AuthPack with ECDSA but labels the signature
     * sha256WithRSAEncryption (krb5 1.20); the KDC verifies it as ECDSA by the certificate's key.
     */
    @Test
    void mitKinitWithAnEcCertificate(@TempDir Path dir) throws Exception {
        kinit(dir, "2048", 2048, true);
    }

    /** Runs kinit with {@code pkinit_dh_min_bits = clientDhBits} against a KDC requiring {@code kdcMinDhBits}. */
    private static String kinit(Path dir, String dhMinBits, int kdcMinDhBits) throws Exception {
        return kinit(dir, dhMinBits, kdcMinDhBits, false);
    }

    private static String kinit(Path dir, String dhMinBits, int kdcMinDhBits, boolean ecUser) throws Exception {
        TestPki pki = new TestPki();
        TestPki.Identity alice = ecUser ? pki.ecUser("alice") : pki.user("alice");
        pem(dir.resolve("ca.pem"), "CERTIFICATE", pki.ca.getEncoded());
        pem(dir.resolve("user.pem"), "CERTIFICATE", alice.certificate().getEncoded());
        pem(dir.resolve("userkey.pem"), "PRIVATE KEY", alice.key().getEncoded());

        AtomicReference<Throwable> kdcFailure = new AtomicReference<>();
        AtomicReference<X509Certificate> accepted = new AtomicReference<>();
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            PkinitKdcConfig config = new PkinitKdcConfig(List.of(pki.kdc), pki.kdcKeys.getPrivate(), List.of(pki.ca),
                    kdcMinDhBits);
            Thread kdc = Thread.ofVirtual().start(() -> serve(socket, config, kdcFailure, accepted));
            Files.writeString(dir.resolve("krb5.conf"), """
                    [libdefaults]
                        default_realm = PKINIT.TEST
                        dns_lookup_kdc = false
                        dns_lookup_realm = false
                        udp_preference_limit = 65535
                        pkinit_dh_min_bits = %s
                    [realms]
                        PKINIT.TEST = {
                            kdc = 127.0.0.1:%d
                            pkinit_anchors = FILE:%s
                        }
                    """.formatted(dhMinBits, socket.getLocalPort(), dir.resolve("ca.pem")));
            ProcessBuilder pb = new ProcessBuilder("kinit", "-X",
                    "X509_user_identity=FILE:" + dir.resolve("user.pem") + "," + dir.resolve("userkey.pem"),
                    "alice@PKINIT.TEST");
            pb.environment().put("KRB5_CONFIG", dir.resolve("krb5.conf").toString());
            pb.environment().put("KRB5CCNAME", "FILE:" + dir.resolve("ccache"));
            pb.environment().put("KRB5_TRACE", dir.resolve("trace.log").toString());
            pb.redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            Process p = pb.start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            socket.close();
            kdc.join();
            String trace = Files.exists(dir.resolve("trace.log")) ? Files.readString(dir.resolve("trace.log")) : "";
            assertNull(kdcFailure.get(), () -> "the KDC side failed: " + kdcFailure.get() + "\n" + trace);
            assertEquals(0, p.exitValue(), () -> "kinit: " + output + "\n" + trace);
            assertEquals(alice.certificate(), accepted.get());
            assertTrue(Files.size(dir.resolve("ccache")) > 0);
            // MIT offered supportedKDFs yet takes a reply without kdf: it falls back to RFC 4556's octetstring2key
            assertTrue(trace.contains("PKINIT client verified DH reply"), trace);
            assertTrue(trace.contains("used octetstring2key"), trace);
            return trace;
        }
    }

    private static void serve(DatagramSocket socket, PkinitKdcConfig config, AtomicReference<Throwable> failure,
            AtomicReference<X509Certificate> accepted) {
        byte[] buffer = new byte[65_535];
        while (true) {
            DatagramPacket in = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(in);
            } catch (SocketException closed) {
                return;
            } catch (Exception e) {
                failure.set(e);
                return;
            }
            try {
                byte[] request = Arrays.copyOf(in.getData(), in.getLength());
                AsReq req = (AsReq) KrbCodec.decodeKdcReq(request);
                byte[] reply;
                try {
                    reply = answer(req, config, accepted);
                } catch (PkinitException e) {
                    // what the lead's AS exchange does: the error, with the e-data the refusal carries
                    reply = KrbCodec.encode(new KrbError(Optional.empty(), OptionalInt.empty(),
                            KerberosTime.truncate(Instant.now()), 0, e.errorCode(), Optional.of(TestPki.REALM),
                            req.reqBody().cname(), TestPki.REALM, PrincipalName.krbtgt(TestPki.REALM),
                            Optional.of(e.getMessage()), e.eData().map(Bytes::of)));
                }
                socket.send(new DatagramPacket(reply, reply.length, in.getSocketAddress()));
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        }
    }

    private static byte[] answer(AsReq req, PkinitKdcConfig config, AtomicReference<X509Certificate> accepted)
            throws Exception {
        Instant now = Instant.now();
        PrincipalName krbtgt = PrincipalName.krbtgt(TestPki.REALM);
        PrincipalName cname = req.reqBody().cname().orElseThrow();
        Optional<PaData> pkinit = req.findPadata(PaData.PA_PK_AS_REQ);
        if (pkinit.isEmpty()) {
            return KrbCodec.encode(new KrbError(Optional.empty(), OptionalInt.empty(), KerberosTime.truncate(now), 0,
                    ErrorCode.KDC_ERR_PREAUTH_REQUIRED, Optional.of(TestPki.REALM), Optional.of(cname),
                    TestPki.REALM, krbtgt, Optional.empty(), Optional.of(Bytes.of(KrbCodec.encodeMethodData(
                            List.of(new PaData(PaData.PA_PK_AS_REQ, Bytes.EMPTY)))))));
        }
        int etype = req.reqBody().etype().stream().filter(e -> EncryptionType.of(e).isPresent()).findFirst()
                .orElseThrow();
        PkinitKdc.Result result = PkinitKdc.respond(config, pkinit.get().padataValue().toByteArray(),
                req.encodedReqBody().toByteArray(), req.reqBody().nonce(), cname, TestPki.REALM, now,
                Duration.ofMinutes(5), etype, RANDOM);
        accepted.set(result.clientCertificate());
        byte[] sessionKey = new byte[32];
        RANDOM.nextBytes(sessionKey);
        byte[] ticketCipher = new byte[96];
        RANDOM.nextBytes(ticketCipher);
        EncKdcRepPart part = new EncKdcRepPart(new EncryptionKey(18, Bytes.of(sessionKey)), LastReq.EMPTY,
                req.reqBody().nonce(), Optional.empty(), TicketFlags.of(TicketFlags.INITIAL, TicketFlags.PRE_AUTHENT),
                KerberosTime.truncate(now), Optional.empty(), KerberosTime.truncate(now.plus(Duration.ofHours(1))),
                Optional.empty(), TestPki.REALM, krbtgt, List.of(), List.of());
        byte[] sealed = KerberosCrypto.encrypt(result.replyKey(), 3,
                KrbCodec.encode(part, EncKdcRepPart.ENC_AS_REP_PART), RANDOM);
        AsRep rep = new AsRep(List.of(new PaData(PaData.PA_PK_AS_REP, Bytes.of(result.paPkAsRep()))),
                TestPki.REALM, cname, new Ticket(TestPki.REALM, krbtgt, EncryptedData.of(18, 1, Bytes.of(ticketCipher))),
                EncryptedData.of(etype, Bytes.of(sealed)));
        result.replyKey().close();
        return KrbCodec.encode(rep);
    }

    private static void pem(Path file, String type, byte[] der) throws Exception {
        Files.writeString(file, "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n");
    }

}
