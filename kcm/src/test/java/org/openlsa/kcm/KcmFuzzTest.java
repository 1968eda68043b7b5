package org.openlsa.kcm;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.security.SecureRandom;
import java.util.List;
import org.openlsa.krb5.files.Principal;

/**
 * Coverage-guided fuzzing of the KCM service (Jazzer): any bytes from any peer get a reply with a status, never an
 * exception, whatever state earlier requests left. A plain {@code mvn test} replays the seeds under
 * {@code src/test/resources/org/openlsa/kcm/KcmFuzzTestInputs/}; to fuzz: {@code JAZZER_FUZZ=1 mvn -pl kcm test
 * -Dtest=KcmFuzzTest}.
 */
class KcmFuzzTest {
    private static final KcmPeer[] PEERS = {new KcmPeer(1000, 1000, 5000, false), new KcmPeer(1001, 1001, 6000, false),
            new KcmPeer(0, 0, 1, true)};

    @FuzzTest(maxDuration = "20s")
    void fuzzRequests(FuzzedDataProvider data) {
        KcmServiceTest.FakeSessions sessions = new KcmServiceTest.FakeSessions();
        sessions.add("00000000000a1b2c", 1000, Principal.of("EXAMPLE.TEST", "alice"), 5000).tickets
                .add(KcmFrames.ticket(Principal.of("EXAMPLE.TEST", "alice"),
                        Principal.of("EXAMPLE.TEST", "krbtgt", "EXAMPLE.TEST"), (byte) 1));
        try (KcmService kcm = new KcmService(sessions, new KcmService.Limits(4, 8, 1 << 16), new SecureRandom())) {
            while (data.remainingBytes() > 0) {
                KcmPeer peer = PEERS[data.consumeInt(0, PEERS.length - 1)];
                byte[] frame = data.consumeBytes(data.consumeInt(0, 4096));
                KcmReply reply = kcm.handle(peer, frame);
                assertNotNull(reply.status());
                reply.encode();
            }
            kcm.sweep();
        }
    }

}
