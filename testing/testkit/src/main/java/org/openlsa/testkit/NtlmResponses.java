package org.openlsa.testkit;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.openlsa.crypto.LmOwf;
import org.openlsa.crypto.NtOwf;
import org.openlsa.crypto.NtlmV1;
import org.openlsa.crypto.NtlmV2;
import org.openlsa.crypto.SecretBytes;

/**
 * A client's side of NTLM challenge/response for tests: the responses a client computes from a password, built from
 * the MS-NLMP primitives (themselves proven against the MS-NLMP 4.2 vectors).
 */
public final class NtlmResponses {
    private NtlmResponses() {}

    /** A client challenge and time that make responses deterministic. */
    public static final byte[] CLIENT_CHALLENGE = HexFormat.of().parseHex("aaaaaaaaaaaaaaaa");
    public static final long TIME = 0x01dc5a0000000000L;
    /** MS-NLMP 4.2.4's target info (NetBIOS domain "Domain", server "Server"). */
    public static final byte[] TARGET_INFO = HexFormat.of().parseHex(
            "02000c0044006f006d00610069006e0001000c005300650072007600650072000000" + "0000");

    /** NT response, LM response and SessionBaseKey of NTLMv2. */
    public record V2(byte[] nt, byte[] lm, byte[] sessionBaseKey) {}

    public static V2 ntlmV2(String user, String domain, String password, byte[] serverChallenge) {
        try (SecretBytes hash = NtOwf.ntOwfV1(password.toCharArray());
             SecretBytes owf = NtlmV2.ntOwfV2(hash, user, domain)) {
            byte[] blob = NtlmV2.clientBlob(TIME, CLIENT_CHALLENGE, TARGET_INFO);
            byte[] nt = NtlmV2.ntResponse(owf, serverChallenge, blob);
            byte[] lm = NtlmV2.lmResponse(owf, serverChallenge, CLIENT_CHALLENGE);
            try (SecretBytes key = NtlmV2.sessionBaseKey(owf, java.util.Arrays.copyOf(nt, 16))) {
                return new V2(nt, lm, key.copyBytes());
            }
        }
    }

    public static byte[] ntlmV1(String password, byte[] challenge) {
        try (SecretBytes hash = NtOwf.ntOwfV1(password.toCharArray())) {
            return NtlmV1.ntResponse(hash, challenge);
        }
    }

    public static byte[] lmV1(String password, byte[] challenge) {
        try (SecretBytes hash = LmOwf.lmOwfV1(password.toCharArray()).orElseThrow()) {
            return NtlmV1.lmResponse(hash, challenge);
        }
    }

    /** MD4(NTOWFv1): the NTLMv1 UserSessionKey. */
    public static byte[] v1SessionKey(String password) {
        try (SecretBytes hash = NtOwf.ntOwfV1(password.toCharArray()); SecretBytes k = NtlmV1.sessionBaseKey(hash)) {
            return k.copyBytes();
        }
    }

    public static byte[] lmHash(String password) {
        try (SecretBytes hash = LmOwf.lmOwfV1(password.toCharArray()).orElseThrow()) {
            return hash.copyBytes();
        }
    }

    public static byte[] utf16(String s) {
        return s.getBytes(StandardCharsets.UTF_16LE);
    }
}
