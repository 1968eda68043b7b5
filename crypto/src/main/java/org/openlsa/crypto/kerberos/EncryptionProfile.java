package org.openlsa.crypto.kerberos;

/**
 * One encryption mechanism profile of RFC 3961 section 3: the functions a simplified or special profile defines,
 * over raw key bytes the caller owns (and zeroes). Implementations are stateless and thread-safe; derived keys
 * (Ke, Ki, Kc) are computed per call and zeroed, never cached.
 */
sealed interface EncryptionProfile permits AesCtsHmacSha1Profile, AesCtsHmacSha2Profile, Rc4HmacProfile {

    /** Length in bytes of the random confounder prepended to every plaintext. */
    int confounderLength();

    /** string-to-key: the protocol key (caller zeroes) from the password bytes, salt and iteration count. */
    byte[] stringToKey(byte[] password, byte[] salt, int iterations);

    /** encrypt with a caller-chosen confounder of {@link #confounderLength()} bytes. */
    byte[] encrypt(byte[] key, int usage, byte[] confounder, byte[] plaintext);

    /** decrypt and verify; returns the plaintext without its confounder. */
    byte[] decrypt(byte[] key, int usage, byte[] ciphertext) throws KerberosCryptoException;

    /** The enctype's mandatory keyed checksum (RFC 3961 section 4 "get_mic"). */
    byte[] checksum(byte[] key, int usage, byte[] data);

    /** pseudo-random (RFC 3961 section 3). */
    byte[] prf(byte[] key, byte[] input);

    static EncryptionProfile of(EncryptionType type) {
        return switch (type) {
            case AES128_CTS_HMAC_SHA1_96 -> AesCtsHmacSha1Profile.AES128;
            case AES256_CTS_HMAC_SHA1_96 -> AesCtsHmacSha1Profile.AES256;
            case AES128_CTS_HMAC_SHA256_128 -> AesCtsHmacSha2Profile.AES128;
            case AES256_CTS_HMAC_SHA384_192 -> AesCtsHmacSha2Profile.AES256;
            case RC4_HMAC -> Rc4HmacProfile.INSTANCE;
        };
    }

    /** The 5-byte derivation constant of RFC 3961 section 5.3: usage (big-endian) || 0x99, 0xAA or 0x55. */
    static byte[] usageConstant(int usage, int kind) {
        byte[] c = new byte[5];
        Jce.putInt(c, 0, usage);
        c[4] = (byte) kind;
        return c;
    }

    /** The kind octets of the derivation constants: checksum key Kc, encryption key Ke, integrity key Ki. */
    int KC = 0x99;
    int KE = 0xAA;
    int KI = 0x55;
}
