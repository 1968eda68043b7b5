package org.openlsa.kdc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.openlsa.krb5.MessageType;
import org.openlsa.krb5.der.KrbCodec;
import org.openlsa.krb5.der.KrbDecodeException;

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
            realm.addUser("alice", "Alice-pw-1");
        }
        return realm;
    }

    @AfterAll
    static void stop() throws Exception {
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
}
