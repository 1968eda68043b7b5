package org.openlsa.ntlmssp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.crypto.digests.MD5Digest;
import org.openlsa.core.LsaException;
import org.openlsa.crypto.HmacMd5;
import org.openlsa.crypto.NtlmV1;
import org.openlsa.crypto.Rc4;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.ntlmssp.internal.Bytes;

/**
 * The session-key arithmetic of MS-NLMP 3.4.5 and the MIC of 3.1.5.1.2 / 3.2.5.1.2, for the server after an MSV1_0
 * network logon (which yields the SessionBaseKey, MSV1_0's UserSessionKey, and the 8-byte LanmanSessionKey) and for
 * a client. The chain is
 *
 * <pre>
 * KXKEY = {@link #keyExchangeKey}(flags, v2?, SessionBaseKey, LanmanSessionKey, ServerChallenge, LmChallengeResponse)
 * ExportedSessionKey = {@link #exportedSessionKey}(flags, KXKEY, EncryptedRandomSessionKey)
 * MIC ?= {@link #verifyMic}(ExportedSessionKey, NEGOTIATE, CHALLENGE, AUTHENTICATE)
 * SIGNKEY / SEALKEY = {@link #signingKey} / {@link #sealingKey}(flags, ExportedSessionKey, Mode)
 * </pre>
 *
 * <p>Security: every key comes back as a new {@link SecretBytes} the caller destroys; every intermediate copy of
 * key material is zeroed; the MIC comparison is constant-time. Inputs are never modified.
 */
public final class NtlmKeys {
    private NtlmKeys() {}

    /** The side whose outgoing messages a signing or sealing key protects (the spec's Mode). */
    public enum Mode {
        /** Client-to-server keys. */
        CLIENT,
        /** Server-to-client keys. */
        SERVER
    }

    public static final int KEY_BYTES = 16;
    /** The length of the LanmanSessionKey (LMOWF[0..7]) that MSV1_0 returns. */
    public static final int LANMAN_SESSION_KEY_BYTES = 8;

    // The four magic constants of 3.4.5.2 / 3.4.5.3 include their terminating NUL.
    private static final byte[] CLIENT_SIGNING = magic("session key to client-to-server signing key magic constant");
    private static final byte[] SERVER_SIGNING = magic("session key to server-to-client signing key magic constant");
    private static final byte[] CLIENT_SEALING = magic("session key to client-to-server sealing key magic constant");
    private static final byte[] SERVER_SEALING = magic("session key to server-to-client sealing key magic constant");

    private static byte[] magic(String text) {
        return (text + "\0").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * KXKEY (3.4.5.1). NTLMv2: the SessionBaseKey. NTLMv1 with NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY:
     * {@code HMAC_MD5(SessionBaseKey, ServerChallenge || LmChallengeResponse[0..7])}. NTLMv1 otherwise, in the
     * spec's order: with NTLMSSP_NEGOTIATE_LM_KEY, the DES construction over LMOWF[0..7] (which is exactly the
     * LanmanSessionKey, so the server needs no LM hash); with NTLMSSP_REQUEST_NON_NT_SESSION_KEY,
     * {@code LMOWF[0..7] || Z(8)}; else the SessionBaseKey.
     *
     * @param ntlmV2 whether the NT response was NTLMv2 ({@link AuthenticateMessage#isNtlmV2()})
     * @param lanmanSessionKey LMOWF[0..7]: the 8-byte LanmanSessionKey or a 16-byte LM hash (first 8 bytes used);
     *     read only by the two LM paths of NTLMv1
     * @throws LsaException INVALID_PARAMETER when a v1 path needs 8 bytes of LM response or of LanmanSessionKey
     *     that are not there
     */
    public static SecretBytes keyExchangeKey(NegotiateFlags flags, boolean ntlmV2, SecretBytes sessionBaseKey,
                                             SecretBytes lanmanSessionKey, byte[] serverChallenge,
                                             byte[] lmChallengeResponse) throws LsaException {
        requireLength(sessionBaseKey, KEY_BYTES, "SessionBaseKey");
        if (ntlmV2) {
            return copy(sessionBaseKey);
        }
        if (flags.has(NegotiateFlags.NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY)) {
            requireLmResponse(lmChallengeResponse);
            if (serverChallenge.length != ChallengeMessage.SERVER_CHALLENGE_BYTES) {
                throw new IllegalArgumentException("ServerChallenge must be 8 bytes, not " + serverChallenge.length);
            }
            return NtlmV1.keyExchangeKeyExtendedSessionSecurity(sessionBaseKey, serverChallenge, lmChallengeResponse);
        }
        if (flags.has(NegotiateFlags.NTLMSSP_NEGOTIATE_LM_KEY)) {
            requireLmResponse(lmChallengeResponse);
            // NtlmV1 takes a full LM hash but reads only LMOWF[0..7]; the rest of this stand-in stays zero.
            byte[] lmHash = lanmanKeyPrefix(lanmanSessionKey, KEY_BYTES);
            try (SecretBytes lm = SecretBytes.adopt(lmHash)) {
                return NtlmV1.keyExchangeKeyLmKey(lm, lmChallengeResponse);
            }
        }
        if (flags.has(NegotiateFlags.NTLMSSP_REQUEST_NON_NT_SESSION_KEY)) {
            return SecretBytes.adopt(lanmanKeyPrefix(lanmanSessionKey, KEY_BYTES));
        }
        return copy(sessionBaseKey);
    }

    /**
     * The ExportedSessionKey (3.2.5.1.2): with NTLMSSP_NEGOTIATE_KEY_EXCH, {@code RC4K(KXKEY,
     * EncryptedRandomSessionKey)}; otherwise KXKEY itself. The spec's server pseudocode also asks for SIGN or SEAL,
     * but its client side sends a random key whenever KEY_EXCH is set, so KEY_EXCH alone decides here (as Samba
     * does) to stay in step with every client.
     *
     * @throws LsaException INVALID_PARAMETER when KEY_EXCH is set but the key is not 16 bytes
     */
    public static SecretBytes exportedSessionKey(NegotiateFlags flags, SecretBytes keyExchangeKey,
                                                 byte[] encryptedRandomSessionKey) throws LsaException {
        requireLength(keyExchangeKey, KEY_BYTES, "KeyExchangeKey");
        if (!flags.has(NegotiateFlags.NTLMSSP_NEGOTIATE_KEY_EXCH)) {
            return copy(keyExchangeKey);
        }
        if (encryptedRandomSessionKey.length != KEY_BYTES) {
            throw Bytes.invalid("NTLMSSP_NEGOTIATE_KEY_EXCH is set but EncryptedRandomSessionKey has "
                    + encryptedRandomSessionKey.length + " bytes, not 16");
        }
        return Rc4.decryptSessionKey(keyExchangeKey, encryptedRandomSessionKey);
    }

    /**
     * SIGNKEY (3.4.5.2): {@code MD5(ExportedSessionKey || magic)} under extended session security; without it there
     * is no signing key (NTLMv1 signs with the sealing RC4 stream), and the result is empty.
     */
    public static Optional<SecretBytes> signingKey(NegotiateFlags flags, SecretBytes exportedSessionKey, Mode mode) {
        requireLength(exportedSessionKey, KEY_BYTES, "ExportedSessionKey");
        if (!flags.has(NegotiateFlags.NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY)) {
            return Optional.empty();
        }
        return Optional.of(md5(exportedSessionKey, KEY_BYTES, mode == Mode.CLIENT ? CLIENT_SIGNING : SERVER_SIGNING));
    }

    /**
     * SEALKEY (3.4.5.3). Under extended session security: MD5 over the first 16 (NTLMSSP_NEGOTIATE_128), 7
     * (NTLMSSP_NEGOTIATE_56) or 5 bytes of the ExportedSessionKey and the direction's magic constant. Without it,
     * with NTLMSSP_NEGOTIATE_LM_KEY or NTLMSSP_NEGOTIATE_DATAGRAM (this implementation's NTLMRevisionCurrent is
     * NTLMSSP_REVISION_W2K3): the key weakened to 56 bits ({@code key[0..6] || 0xA0}) or 40 bits
     * ({@code key[0..4] || 0xE538B0}); otherwise the ExportedSessionKey itself, the same in both directions.
     */
    public static SecretBytes sealingKey(NegotiateFlags flags, SecretBytes exportedSessionKey, Mode mode) {
        requireLength(exportedSessionKey, KEY_BYTES, "ExportedSessionKey");
        if (flags.has(NegotiateFlags.NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY)) {
            int used = flags.has(NegotiateFlags.NTLMSSP_NEGOTIATE_128) ? 16
                    : flags.has(NegotiateFlags.NTLMSSP_NEGOTIATE_56) ? 7 : 5;
            return md5(exportedSessionKey, used, mode == Mode.CLIENT ? CLIENT_SEALING : SERVER_SEALING);
        }
        if (flags.has(NegotiateFlags.NTLMSSP_NEGOTIATE_LM_KEY) || flags.has(NegotiateFlags.NTLMSSP_NEGOTIATE_DATAGRAM)) {
            byte[] key = exportedSessionKey.copyBytes();
            try {
                byte[] out = flags.has(NegotiateFlags.NTLMSSP_NEGOTIATE_56)
                        ? new byte[] {key[0], key[1], key[2], key[3], key[4], key[5], key[6], (byte) 0xA0}
                        : new byte[] {key[0], key[1], key[2], key[3], key[4], (byte) 0xE5, (byte) 0x38, (byte) 0xB0};
                return SecretBytes.adopt(out);
            } finally {
                Arrays.fill(key, (byte) 0);
            }
        }
        return copy(exportedSessionKey);
    }

    /**
     * MIC = {@code HMAC_MD5(ExportedSessionKey, NEGOTIATE_MESSAGE || CHALLENGE_MESSAGE || AUTHENTICATE_MESSAGE)}
     * with the AUTHENTICATE_MESSAGE's MIC field zeroed (3.1.5.1.2). The messages are the exact bytes exchanged; the
     * third must already have its 16 MIC bytes at {@link AuthenticateMessage#MIC_OFFSET} zeroed (a client encodes
     * its message without a MIC value, or with zeros, first).
     */
    public static byte[] computeMic(SecretBytes exportedSessionKey, byte[] negotiateMessage, byte[] challengeMessage,
                                    byte[] authenticateMessageMicZeroed) {
        return HmacMd5.mac(exportedSessionKey, negotiateMessage, challengeMessage, authenticateMessageMicZeroed);
    }

    /**
     * Checks the MIC of a received AUTHENTICATE_MESSAGE in constant time (3.2.5.1.2).
     *
     * @param authenticateMessage the bytes {@code decoded} was decoded from
     * @param decoded the decoded message; it must carry a MIC ({@code decoded.mic().isPresent()})
     * @throws IllegalArgumentException when {@code decoded} has no MIC or was not decoded from
     *     {@code authenticateMessage}
     */
    public static boolean verifyMic(SecretBytes exportedSessionKey, byte[] negotiateMessage, byte[] challengeMessage,
                                    byte[] authenticateMessage, AuthenticateMessage decoded) {
        byte[] expected = decoded.mic().orElseThrow(
                () -> new IllegalArgumentException("the AUTHENTICATE_MESSAGE carries no MIC"));
        int from = AuthenticateMessage.MIC_OFFSET;
        int to = from + AuthenticateMessage.MIC_BYTES;
        if (authenticateMessage.length < to || !Arrays.equals(authenticateMessage, from, to, expected, 0, expected.length)) {
            throw new IllegalArgumentException("the bytes are not the ones the AUTHENTICATE_MESSAGE was decoded from");
        }
        byte[] zeroed = authenticateMessage.clone();
        Arrays.fill(zeroed, from, to, (byte) 0);
        byte[] actual = computeMic(exportedSessionKey, negotiateMessage, challengeMessage, zeroed);
        return MessageDigest.isEqual(actual, expected);
    }

    private static SecretBytes md5(SecretBytes key, int used, byte[] magic) {
        byte[] out = new byte[KEY_BYTES];
        key.use(k -> {
            MD5Digest md5 = new MD5Digest();
            md5.update(k, 0, used);
            md5.update(magic, 0, magic.length);
            md5.doFinal(out, 0);
        });
        return SecretBytes.adopt(out);
    }

    /** LMOWF[0..7] from {@code lanmanSessionKey}, zero-padded to {@code size} bytes. */
    private static byte[] lanmanKeyPrefix(SecretBytes lanmanSessionKey, int size) throws LsaException {
        if (lanmanSessionKey == null || lanmanSessionKey.length() < LANMAN_SESSION_KEY_BYTES) {
            throw Bytes.invalid("the negotiated NTLMv1 key needs the 8-byte LanmanSessionKey");
        }
        byte[] out = new byte[size];
        lanmanSessionKey.use(k -> System.arraycopy(k, 0, out, 0, LANMAN_SESSION_KEY_BYTES));
        return out;
    }

    private static void requireLmResponse(byte[] lmChallengeResponse) throws LsaException {
        if (lmChallengeResponse.length < NtlmV1.CHALLENGE_BYTES) {
            throw Bytes.invalid("the negotiated NTLMv1 key needs 8 bytes of LmChallengeResponse, it has "
                    + lmChallengeResponse.length);
        }
    }

    private static void requireLength(SecretBytes key, int length, String name) {
        if (key.length() != length) {
            throw new IllegalArgumentException(name + " must be " + length + " bytes, not " + key.length());
        }
    }

    private static SecretBytes copy(SecretBytes key) {
        byte[] bytes = key.copyBytes();
        return SecretBytes.adopt(bytes);
    }
}
