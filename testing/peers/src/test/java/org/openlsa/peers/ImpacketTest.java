package org.openlsa.peers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** impacket as a peer: it must reproduce the published MS-NLMP vectors before anything is compared with it. */
class ImpacketTest {
    private static final HexFormat HEX = HexFormat.of();
    /** MS-NLMP 4.2.4.1.3: AV pairs MsvAvNbDomainName "Domain", MsvAvNbComputerName "Server", MsvAvEOL. */
    static final byte[] MS_NLMP_TARGET_INFO =
            HEX.parseHex("02000c0044006f006d00610069006e0001000c005300650072007600650072000000" + "0000");
    static final byte[] MS_NLMP_SERVER_CHALLENGE = HEX.parseHex("0123456789abcdef");
    static final byte[] MS_NLMP_CLIENT_CHALLENGE = HEX.parseHex("aaaaaaaaaaaaaaaa");

    private static Impacket impacket;

    @BeforeAll
    static void start() throws PeerException {
        impacket = Impacket.start();
    }

    @AfterAll
    static void stop() {
        if (impacket != null) {
            impacket.close();
        }
    }

    @Test
    void reproducesMsNlmpNtlmv2Vector() throws PeerException {
        Ntlmv2Response response = impacket.ntlmv2Response("User", "Password", "Domain", MS_NLMP_SERVER_CHALLENGE,
                MS_NLMP_CLIENT_CHALLENGE, 0, MS_NLMP_TARGET_INFO);
        // MS-NLMP 4.2.4.2.2 (NTLMv2 response) and 4.2.4.1.4 (session base key)
        assertEquals("68cd0ab851e51c96aabc927bebef6a1c", HEX.formatHex(response.ntProofStr()));
        assertEquals("8de40ccadbc14a82f15cb0ad0de95ca3", HEX.formatHex(response.sessionBaseKey()));
        // MS-NLMP 4.2.4.2.1 LMv2 response
        assertEquals("86c35097ac9cec102554764a57cccc19aaaaaaaaaaaaaaaa", HEX.formatHex(response.lmResponse()));
        byte[] blob = Arrays.copyOfRange(response.ntResponse(), 16, response.ntResponse().length);
        assertEquals("0101000000000000" + "0000000000000000" + "aaaaaaaaaaaaaaaa" + "00000000"
                + HEX.formatHex(MS_NLMP_TARGET_INFO) + "00000000", HEX.formatHex(blob));
    }

    @Test
    void clientModeWritesTheTimestampAndATargetName() throws PeerException {
        long filetime = 0x01d9_0000_1234_5678L;
        Ntlmv2Response response = impacket.ntlmv2Response("User", "Password", "Domain", MS_NLMP_SERVER_CHALLENGE,
                MS_NLMP_CLIENT_CHALLENGE, filetime, MS_NLMP_TARGET_INFO);
        byte[] blob = Arrays.copyOfRange(response.ntResponse(), 16, response.ntResponse().length);
        byte[] time = Arrays.copyOfRange(blob, 8, 16);
        assertArrayEquals(HEX.parseHex("78563412 0000d901".replace(" ", "")), time);
        String targetInfo = HEX.formatHex(blob, 28, blob.length);
        // MsvAvTargetName (9) "cifs/Server" in UTF-16LE
        assertTrue(targetInfo.contains("0900160063006900660073002f00530065007200760065007200"), targetInfo);
        // deterministic: same inputs, same output
        assertEquals(response, impacket.ntlmv2Response("User", "Password", "Domain", MS_NLMP_SERVER_CHALLENGE,
                MS_NLMP_CLIENT_CHALLENGE, filetime, MS_NLMP_TARGET_INFO));
    }

    @Test
    void emptyPasswordAndDomainTravel() throws PeerException {
        Ntlmv2Response response = impacket.ntlmv2Response("User", "", "", MS_NLMP_SERVER_CHALLENGE,
                MS_NLMP_CLIENT_CHALLENGE, 0, MS_NLMP_TARGET_INFO);
        assertEquals(16, response.sessionBaseKey().length);
    }

    @Test
    void negotiateIsImpacketsFixedMessage() throws PeerException {
        try (ImpacketNtlmClient client = impacket.ntlmClient("User", "Password", "Domain", "WS")) {
            byte[] negotiate = client.negotiate();
            assertEquals("4e544c4d53535000" + "01000000", HEX.formatHex(negotiate, 0, 12));
            assertEquals(32, negotiate.length);
            byte[] spnego = client.negotiateSpnego();
            assertEquals(0x60, spnego[0] & 0xff); // GSS-API InitialContextToken
            assertTrue(HEX.formatHex(spnego).contains("2b06010401823702020a"), "offers the NTLMSSP mechanism");
            assertTrue(HEX.formatHex(spnego).endsWith(HEX.formatHex(negotiate)));
        }
    }

    @Test
    void garbageChallengeIsAClearFailure() throws PeerException {
        try (ImpacketNtlmClient client = impacket.ntlmClient("User", "Password", "Domain", "WS")) {
            client.negotiate();
            PeerException e = assertThrows(PeerException.class, () -> client.authenticate(new byte[] {1, 2, 3}));
            assertTrue(e.getMessage().contains("authenticate failed"), e.getMessage());
            // the process survives a failed command
            assertEquals(32, client.negotiate().length);
        }
    }

    @Test
    void standaloneClientOwnsItsProcess() throws PeerException {
        try (ImpacketNtlmClient client = ImpacketNtlmClient.start("User", "Password", "Domain", "WS")) {
            assertEquals(32, client.negotiate().length);
        }
    }
}
