package org.openlsa.ntlmssp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openlsa.crypto.LmOwf;
import org.openlsa.crypto.NtOwf;
import org.openlsa.crypto.NtlmV1;
import org.openlsa.crypto.NtlmV2;
import org.openlsa.crypto.Rc4;
import org.openlsa.crypto.SecretBytes;

/**
 * Known-answer vectors of MS-NLMP 4.2 (User "User", Domain "Domain", Password "Password", ServerChallenge
 * 0123456789abcdef, ClientChallenge aa*8, RandomSessionKey 55*16, Time 0). 4.2.2 NTLMv1, 4.2.3 NTLMv1 with
 * extended session security, 4.2.4 NTLMv2 including the full CHALLENGE_MESSAGE and AUTHENTICATE_MESSAGE of 4.2.4.3.
 * The server-direction NTLMv2 keys (not printed in every revision of the spec) are the values other
 * implementations' test suites agree on.
 */
class MsNlmpVectorsTest {
    static final HexFormat HEX = HexFormat.of();
    static final byte[] SERVER_CHALLENGE = HEX.parseHex("0123456789abcdef");
    static final byte[] RANDOM_SESSION_KEY = HEX.parseHex("55555555555555555555555555555555");

    /** MS-NLMP 4.2.4.3, CHALLENGE_MESSAGE. */
    static final byte[] CHALLENGE_4_2_4_3 = HEX.parseHex(
            "4e544c4d53535000020000000c000c003800000033828ae20123456789abcdef00000000000000002400240044000000"
            + "060070170000000f53006500720076006500720002000c0044006f006d00610069006e0001000c00530065007200"
            + "76006500720000000000");
    /** MS-NLMP 4.2.4.3, AUTHENTICATE_MESSAGE. */
    static final byte[] AUTHENTICATE_4_2_4_3 = HEX.parseHex(
            "4e544c4d5353500003000000180018006c00000054005400840000000c000c00480000000800080054000000100010"
            + "005c00000010001000d8000000358288e20501280a0000000f44006f006d00610069006e00550073006500720043"
            + "004f004d005000550054004500520086c35097ac9cec102554764a57cccc19aaaaaaaaaaaaaaaa68cd0ab851e51c"
            + "96aabc927bebef6a1c01010000000000000000000000000000aaaaaaaaaaaaaaaa0000000002000c0044006f006d"
            + "00610069006e0001000c005300650072007600650072000000000000000000c5dad2544fc9799094ce1ce90bc9d03e");

    static SecretBytes ntHash() {
        return NtOwf.ntOwfV1("Password".toCharArray());
    }

    static void assertKey(String expectedHex, SecretBytes key) {
        assertEquals(expectedHex, HEX.formatHex(key.copyBytes()));
    }

    @Test
    void ntlmV1KeyExchangeKeyIsTheSessionBaseKey() throws Exception {
        // 4.2.2: flags E2028233, no extended session security, no LM_KEY.
        NegotiateFlags flags = new NegotiateFlags(0xE2028233);
        try (SecretBytes base = NtlmV1.sessionBaseKey(ntHash());
             SecretBytes lm = LmOwf.lmOwfV1("Password".toCharArray()).orElseThrow();
             SecretBytes kx = NtlmKeys.keyExchangeKey(flags, false, base, lm, SERVER_CHALLENGE,
                     HEX.parseHex("98def7b87f88aa5dafe2df779688a172def11c7d5ccdef13"))) {
            assertKey("d87262b0cde4b1cb7499becccdf10784", kx);
            byte[] encrypted = HEX.parseHex("518822b1b3f350c8958682ecbb3e3cb7");
            try (SecretBytes exported = NtlmKeys.exportedSessionKey(flags, kx, encrypted)) {
                assertKey("55555555555555555555555555555555", exported);
                // No ESS, no LM_KEY, no DATAGRAM: the sealing key is the exported key, and there is no SIGNKEY.
                assertKey("55555555555555555555555555555555", NtlmKeys.sealingKey(flags, exported, NtlmKeys.Mode.CLIENT));
                assertTrue(NtlmKeys.signingKey(flags, exported, NtlmKeys.Mode.CLIENT).isEmpty());
            }
        }
    }

    @Test
    void ntlmV1LmKeyFromTheEightByteLanmanSessionKey() throws Exception {
        // 4.2.2.1.3 "with NTLMSSP_NEGOTIATE_LM_KEY": the server holds only LMOWF[0..7] (MSV1_0's LanmanSessionKey).
        NegotiateFlags flags = new NegotiateFlags(0xE2028233 | NegotiateFlags.NTLMSSP_NEGOTIATE_LM_KEY);
        try (SecretBytes lanman = SecretBytes.copyOf(HEX.parseHex("e52cac67419a9a22"));
             SecretBytes base = NtlmV1.sessionBaseKey(ntHash());
             SecretBytes kx = NtlmKeys.keyExchangeKey(flags, false, base, lanman, SERVER_CHALLENGE,
                     HEX.parseHex("98def7b87f88aa5dafe2df779688a172def11c7d5ccdef13"))) {
            assertKey("b09e379f7fbecb1eaf0afdcb0383c8a0", kx);
        }
    }

    @Test
    void ntlmV1NonNtSessionKey() throws Exception {
        NegotiateFlags flags = NegotiateFlags.of(NegotiateFlags.NTLMSSP_REQUEST_NON_NT_SESSION_KEY);
        try (SecretBytes lanman = SecretBytes.copyOf(HEX.parseHex("e52cac67419a9a22"));
             SecretBytes base = NtlmV1.sessionBaseKey(ntHash());
             SecretBytes kx = NtlmKeys.keyExchangeKey(flags, false, base, lanman, SERVER_CHALLENGE, new byte[24])) {
            assertKey("e52cac67419a9a220000000000000000", kx);
        }
    }

    @Test
    void ntlmV1ExtendedSessionSecurity() throws Exception {
        // 4.2.3: flags 820A8233 (56-bit, no 128, no KEY_EXCH).
        NegotiateFlags flags = new NegotiateFlags(0x820A8233);
        byte[] lmResponse = HEX.parseHex("aaaaaaaaaaaaaaaa00000000000000000000000000000000");
        try (SecretBytes base = NtlmV1.sessionBaseKey(ntHash());
             SecretBytes kx = NtlmKeys.keyExchangeKey(flags, false, base, null, SERVER_CHALLENGE, lmResponse);
             SecretBytes exported = NtlmKeys.exportedSessionKey(flags, kx, new byte[0])) {
            assertKey("eb93429a8bd952f8b89c55b87f475edc", kx);
            assertKey("eb93429a8bd952f8b89c55b87f475edc", exported);
            assertKey("60e799be5c72fc92922ae8ebe961fb8d",
                    NtlmKeys.signingKey(flags, exported, NtlmKeys.Mode.CLIENT).orElseThrow());
            assertKey("04dd7f014d8504d265a25cc86a3a7c06", NtlmKeys.sealingKey(flags, exported, NtlmKeys.Mode.CLIENT));
        }
    }

    @Test
    void ntlmV2Keys() throws Exception {
        NegotiateFlags flags = new NegotiateFlags(0xE28A8233);
        AuthenticateMessage auth = NtlmsspCodec.decodeAuthenticate(AUTHENTICATE_4_2_4_3);
        try (SecretBytes owf = NtlmV2.ntOwfV2(ntHash(), "User", "Domain");
             SecretBytes base = NtlmV2.sessionBaseKey(owf, auth.ntlmV2Response().orElseThrow().ntProofStr());
             SecretBytes kx = NtlmKeys.keyExchangeKey(flags, auth.isNtlmV2(), base, null, SERVER_CHALLENGE,
                     auth.lmChallengeResponse());
             SecretBytes exported = NtlmKeys.exportedSessionKey(flags, kx, auth.encryptedRandomSessionKey())) {
            assertKey("8de40ccadbc14a82f15cb0ad0de95ca3", kx);
            assertKey("55555555555555555555555555555555", exported);
            assertKey("4788dc861b4782f35d43fd98fe1a2d39",
                    NtlmKeys.signingKey(flags, exported, NtlmKeys.Mode.CLIENT).orElseThrow());
            assertKey("d04d6f10741041d1d246d64188d7a8ad",
                    NtlmKeys.signingKey(flags, exported, NtlmKeys.Mode.SERVER).orElseThrow());
            assertKey("59f600973cc4960a25480a7c196e4c58", NtlmKeys.sealingKey(flags, exported, NtlmKeys.Mode.CLIENT));
            assertKey("9355f3a957c1583d25c4c2f11e40390e", NtlmKeys.sealingKey(flags, exported, NtlmKeys.Mode.SERVER));
            try (SecretBytes random = SecretBytes.copyOf(RANDOM_SESSION_KEY)) {
                assertArrayEquals(auth.encryptedRandomSessionKey(), Rc4.encryptSessionKey(kx, random));
            }
        }
    }

    @Test
    void weakenedNtlmV1SealingKeys() {
        try (SecretBytes exported = SecretBytes.copyOf(RANDOM_SESSION_KEY)) {
            NegotiateFlags lm56 = NegotiateFlags.of(NegotiateFlags.NTLMSSP_NEGOTIATE_LM_KEY,
                    NegotiateFlags.NTLMSSP_NEGOTIATE_56);
            assertKey("55555555555555a0", NtlmKeys.sealingKey(lm56, exported, NtlmKeys.Mode.SERVER));
            NegotiateFlags datagram40 = NegotiateFlags.of(NegotiateFlags.NTLMSSP_NEGOTIATE_DATAGRAM);
            assertKey("5555555555e538b0", NtlmKeys.sealingKey(datagram40, exported, NtlmKeys.Mode.CLIENT));
        }
    }

    @Test
    void challengeMessageOf4243() throws Exception {
        ChallengeMessage c = NtlmsspCodec.decodeChallenge(CHALLENGE_4_2_4_3);
        assertEquals("Server", c.targetName());
        assertEquals(0xE28A8233, c.negotiateFlags().value());
        assertArrayEquals(SERVER_CHALLENGE, c.serverChallenge());
        assertEquals(Optional.of(new Version(6, 0, 6000, Version.NTLMSSP_REVISION_W2K3)), c.version());
        TargetInfo ti = c.targetInfo().orElseThrow();
        assertEquals(Optional.of("Domain"), ti.nbDomainName());
        assertEquals(Optional.of("Server"), ti.nbComputerName());
        assertEquals(2, ti.pairs().size());
        assertArrayEquals(CHALLENGE_4_2_4_3, NtlmsspCodec.encode(c), "the encoder writes Windows' layout");
        // Built from parts, the server's view.
        ChallengeMessage built = new ChallengeMessage("Server", new NegotiateFlags(0xE28A8233), SERVER_CHALLENGE,
                Optional.of(TargetInfo.of(AvPair.ofName(AvId.MsvAvNbDomainName, "Domain"),
                        AvPair.ofName(AvId.MsvAvNbComputerName, "Server"))),
                Optional.of(new Version(6, 0, 6000, 15)));
        assertArrayEquals(CHALLENGE_4_2_4_3, NtlmsspCodec.encode(built));
    }

    @Test
    void authenticateMessageOf4243() throws Exception {
        AuthenticateMessage a = NtlmsspCodec.decodeAuthenticate(AUTHENTICATE_4_2_4_3);
        assertEquals("Domain", a.domainName());
        assertEquals("User", a.userName());
        assertEquals("COMPUTER", a.workstation());
        assertEquals(0xE2888235, a.negotiateFlags().value());
        assertEquals(Optional.of(new Version(5, 1, 2600, 15)), a.version());
        assertEquals("86c35097ac9cec102554764a57cccc19aaaaaaaaaaaaaaaa", HEX.formatHex(a.lmChallengeResponse()));
        assertEquals("c5dad2544fc9799094ce1ce90bc9d03e", HEX.formatHex(a.encryptedRandomSessionKey()));
        assertTrue(a.isNtlmV2());
        assertFalse(a.isAnonymous());
        assertTrue(a.mic().isEmpty(), "no MsvAvFlags, so no MIC");
        NtlmV2Response v2 = a.ntlmV2Response().orElseThrow();
        assertEquals("68cd0ab851e51c96aabc927bebef6a1c", HEX.formatHex(v2.ntProofStr()));
        assertEquals(0, v2.timeStamp());
        assertEquals("aaaaaaaaaaaaaaaa", HEX.formatHex(v2.challengeFromClient()));
        assertEquals(Optional.of("Domain"), v2.avPairs().nbDomainName());
        assertArrayEquals(AUTHENTICATE_4_2_4_3, NtlmsspCodec.encode(a), "the encoder writes Windows' layout");

        // The NT response is the one NtlmV2 computes for the same inputs.
        byte[] avPairs = NtlmsspCodec.encode(NtlmsspCodec.decodeChallenge(CHALLENGE_4_2_4_3).targetInfo().orElseThrow());
        try (SecretBytes owf = NtlmV2.ntOwfV2(ntHash(), "User", "Domain")) {
            byte[] blob = NtlmV2.clientBlob(0, HEX.parseHex("aaaaaaaaaaaaaaaa"), avPairs);
            assertArrayEquals(a.ntChallengeResponse(), NtlmV2.ntResponse(owf, SERVER_CHALLENGE, blob));
        }
    }
}
