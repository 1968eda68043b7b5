package org.openlsa.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The load driver works and reports consistent numbers. A short run by default; set
 * {@code -Dopenlsa.peers.load.seconds=N -Dopenlsa.peers.load.maxHelpers=M} to print a sweep for the benchmark notes.
 */
class SambaLoadTest {
    private static final String USER = "openlsapeer-load";
    private static final String PASSWORD = "load password";

    private static SambaNtlmServer server;
    private static List<NtlmRequest> requests;

    @BeforeAll
    static void start() throws PeerException {
        server = SambaNtlmServer.start("LOADPEER", NtlmAuthPolicy.NTLMV2_ONLY);
        server.addUser(USER, PASSWORD);
        requests = new ArrayList<>();
        Random random = new Random(7);
        try (Impacket impacket = Impacket.start()) {
            for (int i = 0; i < 64; i++) {
                byte[] serverChallenge = new byte[8];
                byte[] clientChallenge = new byte[8];
                random.nextBytes(serverChallenge);
                random.nextBytes(clientChallenge);
                requests.add(impacket.ntlmv2Response(USER, PASSWORD, "LOADPEER", serverChallenge, clientChallenge,
                        0, ImpacketTest.MS_NLMP_TARGET_INFO).toRequest(USER, "LOADPEER", serverChallenge));
            }
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void measuresThroughputAndLatency() throws PeerException {
        double seconds = Double.parseDouble(System.getProperty("openlsa.peers.load.seconds", "0.5"));
        int maxHelpers = Integer.getInteger("openlsa.peers.load.maxHelpers", 2);
        Duration duration = Duration.ofMillis((long) (seconds * 1000));
        for (int helpers = 1; helpers <= maxHelpers; helpers++) {
            for (int batch : new int[] {1, 32}) {
                LoadResult result = SambaLoad.run(server, requests, helpers, batch, duration);
                System.out.println("Samba ntlm_auth, batch " + batch + ": " + result);
                assertEquals(helpers, result.workers());
                assertEquals(0, result.refused(), "every request carries the right password");
                assertTrue(result.verifications() > 0);
                assertTrue(result.p50().compareTo(result.p99()) <= 0);
                assertTrue(result.elapsed().compareTo(duration) >= 0);
            }
        }
    }

    @Test
    void refusedRequestsAreCounted() throws PeerException {
        byte[] wrong = requests.get(0).ntResponse();
        wrong[0] ^= 1;
        NtlmRequest bad = NtlmRequest.of(USER, "LOADPEER", requests.get(0).serverChallenge(), wrong);
        LoadResult result = SambaLoad.run(server, List.of(requests.get(1), bad), 1, Duration.ofMillis(200));
        assertTrue(result.refused() > 0 && result.refused() < result.verifications(), result::toString);
    }

    @Test
    void boundsAreEnforced() {
        assertThrows(IllegalArgumentException.class, () -> SambaLoad.run(server, List.of(), 1, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class,
                () -> SambaLoad.run(server, requests, 1, Duration.ofMinutes(11)));
        assertThrows(IllegalArgumentException.class, () -> SambaLoad.run(server, requests, 0, Duration.ofSeconds(1)));
    }
}
