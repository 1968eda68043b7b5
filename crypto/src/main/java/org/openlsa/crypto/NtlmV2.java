package org.openlsa.crypto;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * NTLMv2 responses and keys (MS-NLMP 3.3.2). Responses are wire values and come back as plain arrays; keys come
 * back as {@link SecretBytes} the caller destroys. Inputs are never modified.
 */
public final class NtlmV2 {
    private NtlmV2() {}

    public static final int NT_PROOF_BYTES = 16;

    /**
     * NTOWFv2 = HMAC_MD5(NTOWFv1, UNICODE(Uppercase(user) || domain)) (MS-NLMP 3.3.2). The domain is not
     * upper-cased; the user name is, code unit by code unit ({@link Upcase}): "straße" is "STRAßE" here, as for
     * Windows and Samba, never the "STRASSE" of {@code String.toUpperCase}.
     */
    public static SecretBytes ntOwfV2(SecretBytes ntHash, String user, String domain) {
        byte[] identity = (Upcase.of(user) + domain).getBytes(StandardCharsets.UTF_16LE);
        return SecretBytes.adopt(HmacMd5.mac(ntHash, identity));
    }

    /**
     * The client blob ("temp" in MS-NLMP 3.3.2, NTLMv2_CLIENT_CHALLENGE in 2.2.2.7): {@code 01 01 00*6 ||
     * FILETIME(8, little-endian) || clientChallenge(8) || 00*4 || AV pairs || 00*4}.
     */
    public static byte[] clientBlob(long fileTime, byte[] clientChallenge, byte[] avPairs) {
        NtlmV1.requireChallenge(clientChallenge, "client challenge");
        ByteBuffer b = ByteBuffer.allocate(28 + avPairs.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 1).put((byte) 1).put(new byte[6]);
        b.putLong(fileTime);
        b.put(clientChallenge);
        b.put(new byte[4]);
        b.put(avPairs);
        b.put(new byte[4]);
        return b.array();
    }

    /** NTProofStr = HMAC_MD5(NTOWFv2, serverChallenge || blob) (MS-NLMP 3.3.2). */
    public static byte[] ntProofStr(SecretBytes ntOwfV2, byte[] serverChallenge, byte[] blob) {
        return HmacMd5.mac(ntOwfV2, NtlmV1.requireChallenge(serverChallenge, "server challenge"), blob);
    }

    /** NtChallengeResponse = NTProofStr || blob (MS-NLMP 3.3.2). */
    public static byte[] ntResponse(SecretBytes ntOwfV2, byte[] serverChallenge, byte[] blob) {
        byte[] proof = ntProofStr(ntOwfV2, serverChallenge, blob);
        byte[] out = Arrays.copyOf(proof, NT_PROOF_BYTES + blob.length);
        System.arraycopy(blob, 0, out, NT_PROOF_BYTES, blob.length);
        return out;
    }

    /** LmChallengeResponse = HMAC_MD5(NTOWFv2, serverChallenge || clientChallenge) || clientChallenge. */
    public static byte[] lmResponse(SecretBytes ntOwfV2, byte[] serverChallenge, byte[] clientChallenge) {
        NtlmV1.requireChallenge(serverChallenge, "server challenge");
        NtlmV1.requireChallenge(clientChallenge, "client challenge");
        byte[] mac = HmacMd5.mac(ntOwfV2, serverChallenge, clientChallenge);
        byte[] out = Arrays.copyOf(mac, mac.length + clientChallenge.length);
        System.arraycopy(clientChallenge, 0, out, mac.length, clientChallenge.length);
        return out;
    }

    /** SessionBaseKey = HMAC_MD5(NTOWFv2, NTProofStr) (MS-NLMP 3.3.2); it is also the v2 KXKEY (3.4.5.1). */
    public static SecretBytes sessionBaseKey(SecretBytes ntOwfV2, byte[] ntProofStr) {
        if (ntProofStr.length != NT_PROOF_BYTES) {
            throw new IllegalArgumentException("NTProofStr must be " + NT_PROOF_BYTES + " bytes, got "
                    + ntProofStr.length);
        }
        return SecretBytes.adopt(HmacMd5.mac(ntOwfV2, ntProofStr));
    }
}
