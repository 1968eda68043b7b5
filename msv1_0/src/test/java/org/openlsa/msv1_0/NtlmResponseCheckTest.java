package org.openlsa.msv1_0;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openlsa.crypto.LmOwf;
import org.openlsa.crypto.NtOwf;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.sam.NtlmPolicy;

/**
 * The response check against the MS-NLMP 4.2 vectors (User "User", Domain "Domain", Password "Password", server
 * challenge 0123456789abcdef, client challenge aaaaaaaaaaaaaaaa, time 0): each published response is accepted with
 * the published session key, under the policy that allows it, and refused under the one that does not.
 */
class NtlmResponseCheckTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] SERVER_CHALLENGE = HEX.parseHex("0123456789abcdef");
    private static final NtlmPolicy V2_ONLY = NtlmPolicy.DEFAULT;
    private static final NtlmPolicy V1 = NtlmPolicy.DEFAULT.withLevel(NtlmPolicy.Level.NTLMV1_PERMITTED);
    private static final NtlmPolicy V1_LM = V1.withLanmanAuth(true);
    /** 4.2.4.1.3: the NTLMv2 blob (temp) with time 0 and the 4.2.4 target info. */
    private static final String BLOB = "0101000000000000" + "0000000000000000" + "aaaaaaaaaaaaaaaa" + "00000000"
            + "02000c0044006f006d00610069006e0001000c005300650072007600650072000000" + "0000" + "00000000";

    private static Optional<NtlmResponseCheck.Verified> check(byte[] nt, byte[] lm, int control, NtlmPolicy policy) {
        Msv1_0Lm20Logon logon = Msv1_0Lm20Logon.network("Domain", "User", "COMPUTER", SERVER_CHALLENGE, nt, lm, control);
        try (SecretBytes ntHash = NtOwf.ntOwfV1("Password".toCharArray());
             SecretBytes lmHash = LmOwf.lmOwfV1("Password".toCharArray()).orElseThrow()) {
            return NtlmResponseCheck.check(logon, Optional.of(ntHash), Optional.of(lmHash), policy);
        }
    }

    @Test
    void ntlmV2Vector() {
        byte[] nt = HEX.parseHex("68cd0ab851e51c96aabc927bebef6a1c" + BLOB);
        try (NtlmResponseCheck.Verified v = check(nt, new byte[0], 0, V2_ONLY).orElseThrow()) {
            assertEquals(NtlmResponseCheck.Kind.NTLMV2, v.kind());
            assertArrayEquals(HEX.parseHex("8de40ccadbc14a82f15cb0ad0de95ca3"), v.userSessionKey().copyBytes());
            assertArrayEquals(HEX.parseHex("8de40ccadbc14a82"), v.lanmanSessionKey().copyBytes());
        }
        byte[] altered = nt.clone();
        altered[20] ^= 1;
        assertTrue(check(altered, new byte[0], 0, V2_ONLY).isEmpty());
    }

    @Test
    void lmV2Vector() {
        byte[] lm = HEX.parseHex("86c35097ac9cec102554764a57cccc19aaaaaaaaaaaaaaaa");
        try (NtlmResponseCheck.Verified v = check(new byte[0], lm, 0, V2_ONLY).orElseThrow()) {
            assertEquals(NtlmResponseCheck.Kind.LMV2, v.kind());
        }
    }

    @Test
    void lmV2BesideAFailedNtlmV2ResponseKeysWithTheServersNtProofStr() {
        byte[] nt = HEX.parseHex("68cd0ab851e51c96aabc927bebef6a1c" + BLOB);
        byte[] lm = HEX.parseHex("86c35097ac9cec102554764a57cccc19aaaaaaaaaaaaaaaa");
        nt[3] ^= 1; // the client's NTProofStr is wrong, its blob intact: the key is 4.2.4's SessionBaseKey
        try (NtlmResponseCheck.Verified v = check(nt, lm, 0, V2_ONLY).orElseThrow()) {
            assertEquals(NtlmResponseCheck.Kind.LMV2, v.kind());
            assertArrayEquals(HEX.parseHex("8de40ccadbc14a82f15cb0ad0de95ca3"), v.userSessionKey().copyBytes());
        }
    }

    @Test
    void ntlmV1VectorOnlyWhenPermitted() {
        byte[] nt = HEX.parseHex("67c43011f30298a2ad35ece64f16331c44bdbed927841f94");
        assertTrue(check(nt, new byte[0], 0, V2_ONLY).isEmpty());
        try (NtlmResponseCheck.Verified v = check(nt, new byte[0], 0, V1).orElseThrow()) {
            assertEquals(NtlmResponseCheck.Kind.NTLMV1, v.kind());
            assertArrayEquals(HEX.parseHex("d87262b0cde4b1cb7499becccdf10784"), v.userSessionKey().copyBytes());
            assertArrayEquals(new byte[8], v.lanmanSessionKey().copyBytes());
        }
        try (NtlmResponseCheck.Verified v = check(nt, new byte[0], 0, V1_LM).orElseThrow()) {
            assertArrayEquals(HEX.parseHex("e52cac67419a9a22"), v.lanmanSessionKey().copyBytes(), "LMOWF[0..8]");
        }
    }

    @Test
    void extendedSessionSecurityVector() {
        byte[] nt = HEX.parseHex("7537f803ae367128ca458204bde7caf81e97ed2683267232");
        byte[] lm = HEX.parseHex("aaaaaaaaaaaaaaaa" + "00".repeat(16));
        assertTrue(check(nt, lm, 0, V1).isEmpty(), "without USE_CLIENT_CHALLENGE the challenge is the server's");
        try (NtlmResponseCheck.Verified v = check(nt, lm, Msv1_0ParameterControl.USE_CLIENT_CHALLENGE, V1).orElseThrow()) {
            assertEquals(NtlmResponseCheck.Kind.NTLMV1_EXTENDED_SESSION_SECURITY, v.kind());
            assertArrayEquals(HEX.parseHex("d87262b0cde4b1cb7499becccdf10784"), v.userSessionKey().copyBytes());
        }
    }

    @Test
    void lmV1VectorOnlyWithLanManager() {
        byte[] lm = HEX.parseHex("98def7b87f88aa5dafe2df779688a172def11c7d5ccdef13");
        assertTrue(check(new byte[0], lm, 0, V1).isEmpty());
        try (NtlmResponseCheck.Verified v = check(new byte[0], lm, 0, V1_LM).orElseThrow()) {
            assertEquals(NtlmResponseCheck.Kind.LM, v.kind());
            assertEquals(Msv1_0UserFlags.USED_LM_PASSWORD, v.userFlags());
            assertArrayEquals(HEX.parseHex("e52cac67419a9a22" + "0000000000000000"), v.userSessionKey().copyBytes());
        }
    }

    @Test
    void ntlmV1ResponseInTheLmFieldWhenV1IsPermitted() {
        byte[] v1 = HEX.parseHex("67c43011f30298a2ad35ece64f16331c44bdbed927841f94");
        assertTrue(check(new byte[0], v1, 0, V2_ONLY).isEmpty());
        assertEquals(NtlmResponseCheck.Kind.NTLMV1_IN_LM_FIELD, check(new byte[0], v1, 0, V1).orElseThrow().kind());
    }

    @Test
    void wrongLengthsNeverMatch() {
        byte[] nt = HEX.parseHex("68cd0ab851e51c96aabc927bebef6a1c" + BLOB);
        for (int len : new int[] {1, 8, 16, 23, 24, 25, nt.length - 1}) {
            assertTrue(check(Arrays.copyOf(nt, len), new byte[0], 0, V1_LM).isEmpty(), "length " + len);
        }
        byte[] lm = HEX.parseHex("86c35097ac9cec102554764a57cccc19aaaaaaaaaaaaaaaa");
        for (int len : new int[] {1, 16, 23}) {
            assertTrue(check(new byte[0], Arrays.copyOf(lm, len), 0, V1_LM).isEmpty(), "LM length " + len);
        }
    }

    /**
     * NTLMv2 and LMv2 keyed with NTOWFv2 over an identity upper-cased by the test itself, as a client would:
     * HMAC_MD5(NT hash, UTF-16LE(identity)), so the check's own upper-casing is what is under test.
     */
    private static Optional<NtlmResponseCheck.Verified> checkV2(String user, String domain, String identity,
                                                                boolean lmOnly) {
        byte[] blob = HEX.parseHex(BLOB);
        try (SecretBytes ntHash = NtOwf.ntOwfV1("Password".toCharArray());
             SecretBytes owf = SecretBytes.adopt(org.openlsa.crypto.HmacMd5.mac(ntHash,
                     identity.getBytes(java.nio.charset.StandardCharsets.UTF_16LE)))) {
            byte[] nt = lmOnly ? new byte[0] : org.openlsa.crypto.NtlmV2.ntResponse(owf, SERVER_CHALLENGE, blob);
            byte[] lm = lmOnly ? org.openlsa.crypto.NtlmV2.lmResponse(owf, SERVER_CHALLENGE, HEX.parseHex("aaaaaaaaaaaaaaaa"))
                    : new byte[0];
            Msv1_0Lm20Logon logon = Msv1_0Lm20Logon.network(domain, user, "COMPUTER", SERVER_CHALLENGE, nt, lm, 0);
            return NtlmResponseCheck.check(logon, Optional.of(ntHash), Optional.empty(), V2_ONLY);
        }
    }

    @Test
    void theUserIsUpperCasedCodeUnitByCodeUnitNotExpanded() {
        for (boolean lmOnly : new boolean[] {false, true}) {
            // Windows and Samba: "straße" -> "STRAßE" (and µ, ſ stay); String.toUpperCase: "STRASSE", "ΜS".
            assertTrue(checkV2("straße", "Domain", "STRAßEDomain", lmOnly).isPresent(), "lmOnly=" + lmOnly);
            assertTrue(checkV2("straße", "Domain", "STRASSEDomain", lmOnly).isEmpty(), "lmOnly=" + lmOnly);
            assertTrue(checkV2("µſ", "Domain", "µſDomain", lmOnly).isPresent(), "lmOnly=" + lmOnly);
            assertTrue(checkV2("µſ", "Domain", "ΜSDomain", lmOnly).isEmpty(), "lmOnly=" + lmOnly);
        }
    }

    @Test
    void theDomainRetryUpperCasesCodeUnitByCodeUnit() {
        // The client computed with the upper-cased domain while naming it in lower case: the second variant.
        for (boolean lmOnly : new boolean[] {false, true}) {
            assertTrue(checkV2("User", "straße", "USERSTRAßE", lmOnly).isPresent(), "lmOnly=" + lmOnly);
            assertTrue(checkV2("User", "straße", "USERSTRASSE", lmOnly).isEmpty(), "lmOnly=" + lmOnly);
        }
    }

    @Test
    void cleartextNeedsTheFlagAndAnAllZeroChallenge() {
        byte[] pw = "Password".getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
        Msv1_0Lm20Logon zero = Msv1_0Lm20Logon.network("Domain", "User", "", new byte[8], pw, new byte[0],
                Msv1_0ParameterControl.CLEARTEXT_PASSWORD_ALLOWED);
        try (SecretBytes ntHash = NtOwf.ntOwfV1("Password".toCharArray())) {
            assertEquals(NtlmResponseCheck.Kind.CLEARTEXT,
                    NtlmResponseCheck.check(zero, Optional.of(ntHash), Optional.empty(), V2_ONLY).orElseThrow().kind());
            Msv1_0Lm20Logon nonZero = Msv1_0Lm20Logon.network("Domain", "User", "", SERVER_CHALLENGE, pw, new byte[0],
                    Msv1_0ParameterControl.CLEARTEXT_PASSWORD_ALLOWED);
            assertTrue(NtlmResponseCheck.check(nonZero, Optional.of(ntHash), Optional.empty(), V2_ONLY).isEmpty());
        }
    }
}
