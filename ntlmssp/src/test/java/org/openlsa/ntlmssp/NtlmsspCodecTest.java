package org.openlsa.ntlmssp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openlsa.ntlmssp.MsNlmpVectorsTest.AUTHENTICATE_4_2_4_3;
import static org.openlsa.ntlmssp.MsNlmpVectorsTest.CHALLENGE_4_2_4_3;
import static org.openlsa.ntlmssp.MsNlmpVectorsTest.HEX;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.crypto.NtOwf;
import org.openlsa.crypto.NtlmV2;
import org.openlsa.crypto.SecretBytes;

class NtlmsspCodecTest {

    /** curl's hand-built type-1 (lib/vauth/ntlm.c): 32 bytes, no Version, empty fields at offset 0; flags 0x00088206. */
    static final byte[] CURL_NEGOTIATE = HEX.parseHex("4e544c4d53535000010000000682080000000000000000000000000000000000");
    /** The same layout with NTLMSSP_NEGOTIATE_128 | NTLMSSP_NEGOTIATE_56 set (flags 0xa0088206). */
    static final byte[] CURL_NEGOTIATE_128 =
            HEX.parseHex("4e544c4d5353500001000000068208a000000000000000000000000000000000");
    /** A Windows SMB client's NEGOTIATE_MESSAGE (from a captured SPNEGO token): empty fields at 40, Version 6.1. */
    static final byte[] WINDOWS_NEGOTIATE =
            HEX.parseHex("4e544c4d53535000010000001582086200000000280000000000000028000000060100000000000f");

    static void assertInvalid(Executable decode, String messagePart) {
        LsaException e = assertThrows(LsaException.class, decode);
        assertEquals(NtStatus.INVALID_PARAMETER, e.status());
        assertTrue(e.getMessage().contains(messagePart), () -> "message '" + e.getMessage() + "' lacks '" + messagePart + "'");
    }

    @Test
    void curlNegotiate() throws Exception {
        for (byte[] bytes : List.of(CURL_NEGOTIATE, CURL_NEGOTIATE_128)) {
            NegotiateMessage m = NtlmsspCodec.decodeNegotiate(bytes);
            assertTrue(m.negotiateFlags().has(NegotiateFlags.NTLM_NEGOTIATE_OEM | NegotiateFlags.NTLMSSP_REQUEST_TARGET
                    | NegotiateFlags.NTLMSSP_NEGOTIATE_NTLM | NegotiateFlags.NTLMSSP_NEGOTIATE_ALWAYS_SIGN
                    | NegotiateFlags.NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY));
            assertEquals("", m.domainName());
            assertEquals("", m.workstation());
            assertEquals(Optional.empty(), m.version());
            assertEquals(m, NtlmsspCodec.decodeNegotiate(NtlmsspCodec.encode(m)));
        }
        assertEquals(0x00088206, NtlmsspCodec.decodeNegotiate(CURL_NEGOTIATE).negotiateFlags().value());
        assertEquals(MessageType.NtLmNegotiate, NtlmsspCodec.messageType(CURL_NEGOTIATE));
    }

    @Test
    void windowsNegotiateWithVersion() throws Exception {
        NegotiateMessage m = NtlmsspCodec.decodeNegotiate(WINDOWS_NEGOTIATE);
        assertEquals(0x62088215, m.negotiateFlags().value());
        assertEquals(Optional.of(new Version(6, 1, 0, 15)), m.version());
        assertEquals(40, NtlmsspCodec.encode(m).length);
        assertEquals(m, NtlmsspCodec.decodeNegotiate(NtlmsspCodec.encode(m)));
    }

    @Test
    void negotiateWithOemDomainAndWorkstation() throws Exception {
        NegotiateMessage m = new NegotiateMessage(NegotiateFlags.of(NegotiateFlags.NTLM_NEGOTIATE_OEM,
                NegotiateFlags.NTLMSSP_NEGOTIATE_OEM_DOMAIN_SUPPLIED,
                NegotiateFlags.NTLMSSP_NEGOTIATE_OEM_WORKSTATION_SUPPLIED, NegotiateFlags.NTLMSSP_NEGOTIATE_VERSION),
                "DOMAIN", "WORKSTÄTION", Optional.of(new Version(10, 0, 19041, 15)));
        byte[] bytes = NtlmsspCodec.encode(m);
        assertEquals(40 + 6 + 11, bytes.length);
        assertEquals(m, NtlmsspCodec.decodeNegotiate(bytes));
        // A supplied name whose flag is clear is bounds-checked but not taken (MS-NLMP 2.2.1.1).
        byte[] unflagged = bytes.clone();
        unflagged[13] &= ~0x30;
        assertEquals("", NtlmsspCodec.decodeNegotiate(unflagged).domainName());
        assertThrows(IllegalArgumentException.class, () -> new NegotiateMessage(new NegotiateFlags(0), "D", "",
                Optional.empty()));
    }

    @Test
    void minimalSixteenByteNegotiate() throws Exception {
        NegotiateMessage m = NtlmsspCodec.decodeNegotiate(Arrays.copyOf(CURL_NEGOTIATE, 16));
        assertEquals(0x00088206, m.negotiateFlags().value());
        assertInvalid(() -> NtlmsspCodec.decodeNegotiate(Arrays.copyOf(CURL_NEGOTIATE, 20)), "20 bytes");
    }

    @Test
    void describeNamesFlagsAndReservedBits() {
        assertEquals("0x00088206 NTLM_NEGOTIATE_OEM|NTLMSSP_REQUEST_TARGET|NTLMSSP_NEGOTIATE_NTLM"
                + "|NTLMSSP_NEGOTIATE_ALWAYS_SIGN|NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY",
                new NegotiateFlags(0x00088206).describe());
        assertTrue(new NegotiateFlags(0x10000008).describe().endsWith("r:0x10000008"));
    }

    @Test
    void challengeRoundTripWithTimestampAndOem() throws Exception {
        ChallengeMessage c = new ChallengeMessage("WORKGROUP", NegotiateFlags.of(NegotiateFlags.NTLM_NEGOTIATE_OEM,
                NegotiateFlags.NTLMSSP_NEGOTIATE_TARGET_INFO), HEX.parseHex("1122334455667788"),
                Optional.of(TargetInfo.of(AvPair.ofName(AvId.MsvAvDnsDomainName, "example.org"),
                        AvPair.ofTimestamp(0x01dc0da934b0ffa0L), new AvPair(0x7777, new byte[] {1, 2, 3}))),
                Optional.empty());
        byte[] bytes = NtlmsspCodec.encode(c);
        ChallengeMessage again = NtlmsspCodec.decodeChallenge(bytes);
        assertEquals(c, again);
        assertEquals(0x01dc0da934b0ffa0L, again.targetInfo().orElseThrow().timestamp().getAsLong());
        assertEquals(Optional.of("example.org"), again.targetInfo().orElseThrow().dnsDomainName());
        assertEquals(MessageType.NtLmChallenge, NtlmsspCodec.messageType(bytes));
    }

    @Test
    void shortChallengeWithoutTargetInfo() throws Exception {
        // The 32-byte pre-NTLMv2 form: TargetName fields, flags, challenge; nothing else.
        byte[] bytes = Arrays.copyOf(CHALLENGE_4_2_4_3, 32);
        bytes[12] = 0;
        bytes[14] = 0;
        ChallengeMessage c = NtlmsspCodec.decodeChallenge(bytes);
        assertEquals("", c.targetName());
        assertTrue(c.targetInfo().isEmpty());
        assertTrue(c.version().isEmpty());
    }

    /** A client-side AUTHENTICATE_MESSAGE with MsvAvFlags 0x2, built the way Windows does: MIC over zeros first. */
    static final class MicExchange {
        final byte[] negotiate = WINDOWS_NEGOTIATE;
        final byte[] challenge = CHALLENGE_4_2_4_3;
        final byte[] authenticate;
        final AuthenticateMessage message;
        final SecretBytes exportedSessionKey = SecretBytes.copyOf(MsNlmpVectorsTest.RANDOM_SESSION_KEY);

        MicExchange() throws Exception {
            TargetInfo clientPairs = TargetInfo.of(AvPair.ofName(AvId.MsvAvNbDomainName, "Domain"),
                    AvPair.ofTimestamp(0x01d0000000000000L), AvPair.ofFlags(TargetInfo.MSV_AV_FLAG_MIC_PRESENT),
                    AvPair.ofName(AvId.MsvAvTargetName, "cifs/Server"));
            byte[] nt;
            try (SecretBytes owf = NtlmV2.ntOwfV2(NtOwf.ntOwfV1("Password".toCharArray()), "User", "Domain")) {
                nt = NtlmV2.ntResponse(owf, MsNlmpVectorsTest.SERVER_CHALLENGE,
                        NtlmV2.clientBlob(0x01d0000000000000L, HEX.parseHex("aaaaaaaaaaaaaaaa"),
                                NtlmsspCodec.encode(clientPairs)));
            }
            AuthenticateMessage zeroMic = new AuthenticateMessage(new byte[24], nt, "Domain", "User", "COMPUTER",
                    HEX.parseHex("c5dad2544fc9799094ce1ce90bc9d03e"), new NegotiateFlags(0xE2888235),
                    Optional.of(new Version(10, 0, 19041, 15)), Optional.of(new byte[16]));
            byte[] mic = NtlmKeys.computeMic(exportedSessionKey, negotiate, challenge, NtlmsspCodec.encode(zeroMic));
            message = zeroMic.withMic(mic);
            authenticate = NtlmsspCodec.encode(message);
        }
    }

    @Test
    void micIsReadAtItsOffsetAndVerified() throws Exception {
        MicExchange x = new MicExchange();
        AuthenticateMessage decoded = NtlmsspCodec.decodeAuthenticate(x.authenticate);
        assertEquals(x.message, decoded);
        assertArrayEquals(Arrays.copyOfRange(x.authenticate, AuthenticateMessage.MIC_OFFSET,
                AuthenticateMessage.MIC_OFFSET + 16), decoded.mic().orElseThrow());
        assertEquals(Optional.of("cifs/Server"), decoded.ntlmV2Response().orElseThrow().avPairs().targetName());
        assertTrue(NtlmKeys.verifyMic(x.exportedSessionKey, x.negotiate, x.challenge, x.authenticate, decoded));

        // Any change to any of the three messages breaks the MIC.
        byte[] tampered = x.authenticate.clone();
        tampered[tampered.length - 1] ^= 1;
        assertFalse(NtlmKeys.verifyMic(x.exportedSessionKey, x.negotiate, x.challenge, tampered,
                NtlmsspCodec.decodeAuthenticate(tampered)));
        byte[] otherNegotiate = x.negotiate.clone();
        otherNegotiate[12] ^= 1;
        assertFalse(NtlmKeys.verifyMic(x.exportedSessionKey, otherNegotiate, x.challenge, x.authenticate, decoded));
        try (SecretBytes wrongKey = SecretBytes.copyOf(new byte[16])) {
            assertFalse(NtlmKeys.verifyMic(wrongKey, x.negotiate, x.challenge, x.authenticate, decoded));
        }
        // The MIC must be read from the bytes it was decoded from.
        assertThrows(IllegalArgumentException.class, () -> NtlmKeys.verifyMic(x.exportedSessionKey, x.negotiate,
                x.challenge, AUTHENTICATE_4_2_4_3, decoded));
        AuthenticateMessage withoutMic = NtlmsspCodec.decodeAuthenticate(AUTHENTICATE_4_2_4_3);
        assertThrows(IllegalArgumentException.class, () -> NtlmKeys.verifyMic(x.exportedSessionKey, x.negotiate,
                x.challenge, AUTHENTICATE_4_2_4_3, withoutMic));
    }

    @Test
    void micPresenceFollowsMsvAvFlags() throws Exception {
        MicExchange x = new MicExchange();
        AuthenticateMessage m = x.message;
        assertThrows(IllegalArgumentException.class, () -> new AuthenticateMessage(m.lmChallengeResponse(),
                m.ntChallengeResponse(), "", "", "", new byte[0], m.negotiateFlags(), Optional.empty(),
                Optional.empty()), "MsvAvFlags 0x2 without a MIC");
        AuthenticateMessage v2 = NtlmsspCodec.decodeAuthenticate(AUTHENTICATE_4_2_4_3);
        assertThrows(IllegalArgumentException.class, () -> v2.withMic(new byte[16]), "a MIC without MsvAvFlags 0x2");
    }

    @Test
    void ntlmV1AuthenticateWithoutVersionOemAndAnonymous() throws Exception {
        AuthenticateMessage v1 = new AuthenticateMessage(new byte[24], new byte[24], "DOM", "user", "ws",
                new byte[0], NegotiateFlags.of(NegotiateFlags.NTLM_NEGOTIATE_OEM), Optional.empty(), Optional.empty());
        byte[] bytes = NtlmsspCodec.encode(v1);
        assertEquals(64 + 3 + 4 + 2 + 48, bytes.length, "NTLMv1 clients' 64-byte header");
        assertEquals(v1, NtlmsspCodec.decodeAuthenticate(bytes));
        assertFalse(v1.isNtlmV2());

        AuthenticateMessage anonymous = new AuthenticateMessage(new byte[1], new byte[0], "", "", "", new byte[0],
                NegotiateFlags.of(NegotiateFlags.NTLMSSP_NEGOTIATE_UNICODE, NegotiateFlags.NTLMSSP_ANONYMOUS),
                Optional.empty(), Optional.empty());
        assertTrue(anonymous.isAnonymous());
        assertEquals(anonymous, NtlmsspCodec.decodeAuthenticate(NtlmsspCodec.encode(anonymous)));
    }

    @Test
    void recordsCopyTheirArrays() throws Exception {
        AuthenticateMessage a = NtlmsspCodec.decodeAuthenticate(AUTHENTICATE_4_2_4_3);
        a.ntChallengeResponse()[0] ^= 1;
        a.lmChallengeResponse()[0] ^= 1;
        assertEquals(a, NtlmsspCodec.decodeAuthenticate(AUTHENTICATE_4_2_4_3));
        byte[] challenge = HEX.parseHex("0102030405060708");
        ChallengeMessage c = new ChallengeMessage("", new NegotiateFlags(0), challenge, Optional.empty(),
                Optional.empty());
        challenge[0] = 9;
        assertEquals(1, c.serverChallenge()[0]);
        assertFalse(a.toString().contains("68cd0ab8"), "responses stay out of logs");
    }

    // ---- malformed input: every class ends in INVALID_PARAMETER ----

    @Test
    void wrongSignatureTypeAndTruncation() {
        byte[] badSignature = CURL_NEGOTIATE.clone();
        badSignature[0] = 'n';
        assertInvalid(() -> NtlmsspCodec.decodeNegotiate(badSignature), "Signature");
        byte[] unknownType = CURL_NEGOTIATE.clone();
        unknownType[8] = 4;
        assertInvalid(() -> NtlmsspCodec.messageType(unknownType), "unknown MessageType 4");
        assertInvalid(() -> NtlmsspCodec.decodeChallenge(CURL_NEGOTIATE), "expected an NTLMSSP NtLmChallenge");
        assertInvalid(() -> NtlmsspCodec.messageType(new byte[11]), "11 bytes");
        assertInvalid(() -> NtlmsspCodec.decodeChallenge(Arrays.copyOf(CHALLENGE_4_2_4_3, 31)), "31 bytes");
        assertInvalid(() -> NtlmsspCodec.decodeAuthenticate(Arrays.copyOf(AUTHENTICATE_4_2_4_3, 63)), "63 bytes");
        assertInvalid(() -> NtlmsspCodec.decodeAuthenticate(Arrays.copyOf(AUTHENTICATE_4_2_4_3, 231)),
                "EncryptedRandomSessionKeyFields");
    }

    @Test
    void fieldsOutsideTheMessage() {
        byte[] hugeOffset = AUTHENTICATE_4_2_4_3.clone();
        Arrays.fill(hugeOffset, 40, 44, (byte) 0xFF); // UserName offset 0xFFFFFFFF
        assertInvalid(() -> NtlmsspCodec.decodeAuthenticate(hugeOffset), "UserNameFields at offset 4294967295");
        byte[] hugeLength = CHALLENGE_4_2_4_3.clone();
        hugeLength[40] = (byte) 0xFF;
        hugeLength[41] = (byte) 0xFF; // TargetInfo length 65535
        assertInvalid(() -> NtlmsspCodec.decodeChallenge(hugeLength), "TargetInfoFields");
        byte[] intoHeader = AUTHENTICATE_4_2_4_3.clone();
        intoHeader[32] = 0; // Domain at offset 0, inside the header
        assertInvalid(() -> NtlmsspCodec.decodeAuthenticate(intoHeader), "DomainNameFields at offset 0");
    }

    @Test
    void oddUnicodeAndUnpairedSurrogate() {
        byte[] odd = AUTHENTICATE_4_2_4_3.clone();
        odd[36] = 7; // UserName length 7
        assertInvalid(() -> NtlmsspCodec.decodeAuthenticate(odd), "odd");
        byte[] surrogate = AUTHENTICATE_4_2_4_3.clone();
        surrogate[84] = 0x00;
        surrogate[85] = (byte) 0xD8; // "User" begins with a lone high surrogate
        assertInvalid(() -> NtlmsspCodec.decodeAuthenticate(surrogate), "UTF-16LE");
    }

    @Test
    void avPairsWithoutEolOrOverrunning() {
        assertInvalid(() -> NtlmsspCodec.decodeTargetInfo(HEX.parseHex("02000c0044006f006d00610069006e00")),
                "no MsvAvEOL");
        assertInvalid(() -> NtlmsspCodec.decodeTargetInfo(HEX.parseHex("02000e0044006f006d00610069006e00")),
                "past the end");
        assertInvalid(() -> NtlmsspCodec.decodeTargetInfo(HEX.parseHex("0000010000")), "MsvAvEOL must have AvLen 0");
        assertInvalid(() -> NtlmsspCodec.decodeTargetInfo(HEX.parseHex("060002000200" + "00000000")),
                "MsvAvFlags must be 4 bytes");
        assertInvalid(() -> NtlmsspCodec.decodeTargetInfo(HEX.parseHex("00000000ff")), "1 bytes after MsvAvEOL");
        byte[] noEolInChallenge = CHALLENGE_4_2_4_3.clone();
        noEolInChallenge[noEolInChallenge.length - 4] = 9; // the EOL becomes MsvAvTargetName of length 0
        assertInvalid(() -> NtlmsspCodec.decodeChallenge(noEolInChallenge), "no MsvAvEOL");
    }

    @Test
    void impossibleResponseLengthsAndMissingMicRoom() throws Exception {
        byte[] lm23 = AUTHENTICATE_4_2_4_3.clone();
        lm23[12] = 23;
        assertInvalid(() -> NtlmsspCodec.decodeAuthenticate(lm23), "LmChallengeResponse must be 0, 1 or 24");
        byte[] nt30 = AUTHENTICATE_4_2_4_3.clone();
        nt30[20] = 30;
        assertInvalid(() -> NtlmsspCodec.decodeAuthenticate(nt30), "neither NTLMv1");
        // MsvAvFlags 0x2 in a message whose payload starts at 72: no room for the MIC.
        MicExchange x = new MicExchange();
        AuthenticateMessage m = x.message;
        byte[] noRoom = NtlmsspCodec.encode(m);
        byte[] shifted = new byte[noRoom.length - 16];
        System.arraycopy(noRoom, 0, shifted, 0, 72);
        System.arraycopy(noRoom, 88, shifted, 72, noRoom.length - 88);
        for (int d = 12; d <= 52; d += 8) {
            int offset = (shifted[d + 4] & 0xFF) | (shifted[d + 5] & 0xFF) << 8;
            offset -= 16;
            shifted[d + 4] = (byte) offset;
            shifted[d + 5] = (byte) (offset >>> 8);
        }
        assertInvalid(() -> NtlmsspCodec.decodeAuthenticate(shifted), "announces a MIC");
    }
}
