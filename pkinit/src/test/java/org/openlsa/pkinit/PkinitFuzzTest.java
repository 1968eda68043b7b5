package org.openlsa.pkinit;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.security.SecureRandom;
import java.time.Duration;
import org.openlsa.krb5.PrincipalName;
import org.openlsa.pkinit.internal.PkinitDer;

/**
 * Coverage-guided fuzzing of the PKINIT decoders (Jazzer): whatever the octets, only {@link PkinitException} leaves
 * {@link PkinitKdc#respond} and the AuthPack decoder (the signature check stops mutated requests before the AuthPack
 * is read, so it has its own target). A plain {@code mvn test} replays the seeds under
 * {@code src/test/resources/org/openlsa/pkinit/PkinitFuzzTestInputs/<method>/}: a PA-PK-AS-REQ and an AuthPack made
 * by {@link TestPkinitClient}. To fuzz: {@code JAZZER_FUZZ=1 mvn -pl pkinit test -Dtest='PkinitFuzzTest#fuzzPaPkAsReq'}.
 */
class PkinitFuzzTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static PkinitKdcConfig config;

    private static synchronized PkinitKdcConfig config() throws Exception {
        if (config == null) {
            config = new TestPki().config();
        }
        return config;
    }

    @FuzzTest(maxDuration = "30s")
    void fuzzPaPkAsReq(byte[] data) throws Exception {
        try {
            PkinitKdc.respond(config(), data, new byte[] {0x30, 0x00}, 1, PrincipalName.principal("alice"),
                    TestPki.REALM, TestPki.now(), Duration.ofMinutes(5), 18, RANDOM).replyKey().close();
        } catch (PkinitException expected) {
            // the one permitted failure
        }
    }

    @FuzzTest(maxDuration = "30s")
    void fuzzAuthPack(byte[] data) {
        try {
            PkinitDer.decodeAuthPack(data);
        } catch (PkinitException expected) {
            // the one permitted failure
        }
    }
}
