package org.openlsa.crypto;

import java.util.Arrays;
import org.bouncycastle.crypto.digests.MD4Digest;
import org.bouncycastle.crypto.digests.MD5Digest;

/**
 * NTLMv1 responses and keys (MS-NLMP 3.3.1, 3.4.5.1). Responses are wire values and come back as plain arrays;
 * keys come back as {@link SecretBytes} the caller destroys. Inputs are never modified.
 */
public final class NtlmV1 {
    private NtlmV1() {}

    public static final int CHALLENGE_BYTES = 8;

    /** NtChallengeResponse = DESL(NTOWFv1, challenge) (MS-NLMP 3.3.1). */
    public static byte[] ntResponse(SecretBytes ntHash, byte[] challenge) {
        return Desl.desl(ntHash, requireChallenge(challenge, "challenge"));
    }

    /** LmChallengeResponse = DESL(LMOWFv1, challenge) (MS-NLMP 3.3.1). */
    public static byte[] lmResponse(SecretBytes lmHash, byte[] challenge) {
        return Desl.desl(lmHash, requireChallenge(challenge, "challenge"));
    }

    /**
     * The challenge DESL runs over under NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY (MS-NLMP 3.3.1):
     * {@code MD5(serverChallenge || clientChallenge)[0..8]}, the client challenge being the first 8 bytes of the
     * LM response.
     */
    public static byte[] extendedSessionSecurityChallenge(byte[] serverChallenge, byte[] clientChallenge) {
        requireChallenge(serverChallenge, "server challenge");
        requireChallenge(clientChallenge, "client challenge");
        MD5Digest md5 = new MD5Digest();
        md5.update(serverChallenge, 0, CHALLENGE_BYTES);
        md5.update(clientChallenge, 0, CHALLENGE_BYTES);
        byte[] digest = new byte[md5.getDigestSize()];
        md5.doFinal(digest, 0);
        return Arrays.copyOf(digest, CHALLENGE_BYTES);
    }

    /** SessionBaseKey = MD4(NTOWFv1) (MS-NLMP 3.3.1). */
    public static SecretBytes sessionBaseKey(SecretBytes ntHash) {
        byte[] out = new byte[NtOwf.NT_HASH_LENGTH];
        ntHash.use(h -> {
            MD4Digest md4 = new MD4Digest();
            md4.update(h, 0, h.length);
            md4.doFinal(out, 0);
        });
        return SecretBytes.adopt(out);
    }

    /**
     * KXKEY under NTLMSSP_NEGOTIATE_LM_KEY (MS-NLMP 3.4.5.1): {@code DES(LMOWF[0..7], LmResponse[0..8]) ||
     * DES(LMOWF[7] || 0xBDBDBDBDBDBD, LmResponse[0..8])}.
     */
    public static SecretBytes keyExchangeKeyLmKey(SecretBytes lmHash, byte[] lmResponse) {
        if (lmResponse.length < CHALLENGE_BYTES) {
            throw new IllegalArgumentException("LM response must be at least 8 bytes, got " + lmResponse.length);
        }
        if (lmHash.length() != LmOwf.LM_HASH_LENGTH) {
            throw new IllegalArgumentException("LM hash must be 16 bytes, got " + lmHash.length());
        }
        byte[] keys = new byte[2 * Des.KEY_BYTES];
        byte[] out = new byte[2 * Des.BLOCK_BYTES];
        try {
            lmHash.use(h -> System.arraycopy(h, 0, keys, 0, Des.KEY_BYTES + 1));
            Arrays.fill(keys, Des.KEY_BYTES + 1, keys.length, (byte) 0xbd);
            Des.encryptBlock(keys, 0, lmResponse, 0, out, 0);
            Des.encryptBlock(keys, Des.KEY_BYTES, lmResponse, 0, out, Des.BLOCK_BYTES);
            return SecretBytes.adopt(out);
        } finally {
            Arrays.fill(keys, (byte) 0);
        }
    }

    /**
     * KXKEY under extended session security without LM_KEY (MS-NLMP 3.4.5.1):
     * {@code HMAC_MD5(SessionBaseKey, ServerChallenge || LmChallengeResponse[0..8])}.
     */
    public static SecretBytes keyExchangeKeyExtendedSessionSecurity(SecretBytes sessionBaseKey,
                                                                     byte[] serverChallenge, byte[] lmResponse) {
        requireChallenge(serverChallenge, "server challenge");
        if (lmResponse.length < CHALLENGE_BYTES) {
            throw new IllegalArgumentException("LM response must be at least 8 bytes, got " + lmResponse.length);
        }
        return SecretBytes.adopt(
                HmacMd5.mac(sessionBaseKey, serverChallenge, Arrays.copyOf(lmResponse, CHALLENGE_BYTES)));
    }

    static byte[] requireChallenge(byte[] challenge, String what) {
        if (challenge.length != CHALLENGE_BYTES) {
            throw new IllegalArgumentException(what + " must be " + CHALLENGE_BYTES + " bytes, got "
                    + challenge.length);
        }
        return challenge;
    }
}
