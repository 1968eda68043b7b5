package org.openlsa.kdc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.crypto.kerberos.EncryptionType;
import org.openlsa.kdc.client.KdcClient;
import org.openlsa.kdc.client.KdcTransport;
import org.openlsa.kdc.client.KpasswdClient;
import org.openlsa.krb5.KdcOptions;
import org.openlsa.krb5.MessageType;
import org.openlsa.krb5.PrincipalName;
import org.openlsa.krb5.der.KrbCodec;
import org.openlsa.krb5.der.KrbDecodeException;
import org.openlsa.kdc.protocol.KdcProtocol;
import org.openlsa.kdc.protocol.KpasswdFrame;
import org.openlsa.kdc.protocol.KpasswdResult;

/**
 * Coverage-guided fuzzing of the whole KDC entry point (Jazzer): whatever the bytes, {@link Kdc#handle} returns
 * nothing or a reply that decodes as a KRB-ERROR, AS-REP or TGS-REP, and never throws. Seeds (real requests) under
 * {@code src/test/resources/org/openlsa/kdc/KdcFuzzTestInputs/fuzzKdcRequest/}; to fuzz:
 * {@code JAZZER_FUZZ=1 mvn -pl kdc test -Dtest='KdcFuzzTest#fuzzKdcRequest'}.
 */
class KdcFuzzTest {
    private static TestRealm realm;

    private static synchronized TestRealm realm() throws Exception {
        if (realm == null) {
            realm = TestRealm.start();
            realm.addUser("alice", "Wonderland-pw-1");
        }
        return realm;
    }

    @AfterAll
    static void stop() throws Exception {
        if (changepw != null) {
            changepw.close();
            changepw = null;
        }
        if (realm != null) {
            realm.close();
            realm = null;
        }
    }

    @FuzzTest(maxDuration = "20s")
    void fuzzKdcRequest(byte[] data) throws Exception {
        Optional<byte[]> reply = realm().kdc.handle(data, KdcProtocol.Transport.UDP,
                new InetSocketAddress("127.0.0.1", 9));
        if (reply.isPresent()) {
            int tag = KrbCodec.applicationTag(reply.get());
            assertTrue(tag == MessageType.KRB_ERROR || tag == MessageType.AS_REP || tag == MessageType.TGS_REP,
                    "reply tag " + tag);
            try {
                if (tag == MessageType.KRB_ERROR) {
                    KrbCodec.decodeKrbError(reply.get());
                } else {
                    KrbCodec.decodeKdcRep(reply.get());
                }
            } catch (KrbDecodeException e) {
                throw new AssertionError("the KDC sent a reply that does not decode", e);
            }
        }
    }

    private static KdcClient.Credential changepw;

    private static synchronized KdcClient.Credential changepw() throws Exception {
        if (changepw == null) {
            TestRealm r = realm();
            KdcClient client = new KdcClient(KdcTransport.inProcess(r.kdc), r.clock, new SecureRandom());
            try (SecretBytes pw = SecretBytes.copyOf("Wonderland-pw-1".getBytes(StandardCharsets.UTF_8))) {
                changepw = client.passwordAsExchange(TestRealm.REALM, PrincipalName.principal("alice"), pw,
                        PrincipalName.service("kadmin", "changepw"), KdcOptions.of(), Duration.ofMinutes(5),
                        List.of(), List.of(EncryptionType.AES256_CTS_HMAC_SHA1_96));
            }
        }
        return changepw;
    }

    /**
     * The kpasswd service: nothing, or a frame whose AP-REP is present or whose message is a KRB-ERROR carrying a
     * result code. Seeds: a real change-password request and a set-password request.
     */
    @FuzzTest(maxDuration = "20s")
    void fuzzKpasswdRequest(byte[] data) throws Exception {
        Kpasswd kpasswd = realm().kdc.kpasswd(InetAddress.getLoopbackAddress());
        Optional<byte[]> reply = kpasswd.handle(data, KdcProtocol.Transport.UDP, new InetSocketAddress("127.0.0.1", 9));
        if (reply.isPresent()) {
            KpasswdFrame frame = KpasswdFrame.decode(reply.get());
            if (frame.ap().isEmpty()) {
                byte[] result = KrbCodec.decodeKrbError(frame.message().toByteArray()).eData().orElseThrow()
                        .toByteArray();
                assertTrue(KpasswdResult.of(KpasswdFrame.resultCode(result)).isPresent());
            } else {
                KrbCodec.decodeApRep(frame.ap().toByteArray());
                KrbCodec.decodeKrbPriv(frame.message().toByteArray());
            }
        }
    }

    /** The client reading whatever a server sends back: an outcome, or KpasswdProtocolException, nothing else. */
    @FuzzTest(maxDuration = "20s")
    void fuzzKpasswdReply(byte[] data) throws Exception {
        KpasswdClient.Route route = new KpasswdClient.Route() {
            @Override
            public InetAddress localAddress() {
                return InetAddress.getLoopbackAddress();
            }

            @Override
            public byte[] send(byte[] frame) {
                return data;
            }
        };
        KpasswdClient client = new KpasswdClient(List.of(route), realm().clock, new SecureRandom());
        try (SecretBytes pw = SecretBytes.copyOf("Wonderland-pw-2".getBytes(StandardCharsets.UTF_8))) {
            KpasswdClient.Outcome outcome = client.change(changepw(), pw, Optional.empty());
            outcome.message();
        } catch (KpasswdClient.KpasswdProtocolException expected) {
            // a reply that is not one: reported, never thrown as anything else
        }
    }
}
