package org.openlsa.crypto.kerberos;

import static org.openlsa.crypto.kerberos.Jce.AES_BLOCK;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.crypto.Cipher;

/**
 * aes128-cts-hmac-sha1-96 and aes256-cts-hmac-sha1-96 (RFC 3962): the RFC 3961 simplified profile with AES-CTS as
 * the cipher, HMAC-SHA1 truncated to 96 bits as the MAC over the plaintext, and DK key derivation.
 */
final class AesCtsHmacSha1Profile implements EncryptionProfile {
    static final AesCtsHmacSha1Profile AES128 = new AesCtsHmacSha1Profile(16);
    static final AesCtsHmacSha1Profile AES256 = new AesCtsHmacSha1Profile(32);

    /** RFC 3962 section 6: h = 96 bits of HMAC-SHA1. */
    static final int MAC_LENGTH = 12;
    private static final byte[] KERBEROS = "kerberos".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PRF_CONSTANT = "prf".getBytes(StandardCharsets.US_ASCII);

    private final int keyLength;

    private AesCtsHmacSha1Profile(int keyLength) {
        this.keyLength = keyLength;
    }

    @Override
    public int confounderLength() {
        return AES_BLOCK;
    }

    /** RFC 3962 section 4: DK(random-to-key(PBKDF2-HMAC-SHA1(password, salt, iterations)), "kerberos"). */
    @Override
    public byte[] stringToKey(byte[] password, byte[] salt, int iterations) {
        byte[] tkey = Pbkdf2.derive("HmacSHA1", password, salt, iterations, keyLength);
        try {
            return deriveKey(tkey, KERBEROS);
        } finally {
            Arrays.fill(tkey, (byte) 0);
        }
    }

    /**
     * DK(base, constant) of RFC 3961 section 5.1: random-to-key (the identity for AES) of DR, which encrypts the
     * n-folded constant and then each previous output block until there are enough bytes.
     */
    byte[] deriveKey(byte[] base, byte[] constant) {
        Cipher aes = Jce.aesCbc();
        Jce.init(aes, Cipher.ENCRYPT_MODE, base);
        return deriveKey(aes, constant);
    }

    /**
     * DR with a cipher already keyed with the base key in CBC mode, IV 0: the n-fold followed by zero blocks gives
     * E(n-fold), then E(previous xor 0) = E(previous), which is exactly DR's chain.
     */
    private byte[] deriveKey(Cipher cbcUnderBase, byte[] constant) {
        byte[] out = Arrays.copyOf(NFold.nfold(constant, AES_BLOCK), keyLength);
        Jce.doFinal(cbcUnderBase, out, 0, keyLength, out, 0);
        return out;
    }

    /** RFC 3961 section 5.3: C1 = E(Ke, conf || plaintext), H1 = HMAC(Ki, conf || plaintext); out C1 || H1[0..12]. */
    @Override
    public byte[] encrypt(byte[] key, int usage, byte[] confounder, byte[] plaintext) {
        Cipher aes = Jce.aesCbc();
        Jce.init(aes, Cipher.ENCRYPT_MODE, key);
        byte[] ke = deriveKey(aes, EncryptionProfile.usageConstant(usage, KE));
        byte[] ki = deriveKey(aes, EncryptionProfile.usageConstant(usage, KI));
        byte[] p = new byte[AES_BLOCK + plaintext.length];
        try {
            System.arraycopy(confounder, 0, p, 0, AES_BLOCK);
            System.arraycopy(plaintext, 0, p, AES_BLOCK, plaintext.length);
            byte[] out = AesCts.encrypt(aes, ke, p, 0, p.length, MAC_LENGTH);
            byte[] h = Jce.hmac("HmacSHA1", ki).doFinal(p);
            System.arraycopy(h, 0, out, p.length, MAC_LENGTH);
            return out;
        } finally {
            Arrays.fill(p, (byte) 0);
            Arrays.fill(ke, (byte) 0);
            Arrays.fill(ki, (byte) 0);
        }
    }

    /** The MAC covers the plaintext here (unlike RFC 8009), so it can only be checked after decrypting. */
    @Override
    public byte[] decrypt(byte[] key, int usage, byte[] ciphertext) throws KerberosCryptoException {
        int minimum = AES_BLOCK + MAC_LENGTH;
        if (ciphertext.length < minimum) {
            throw new KerberosCryptoException(KerberosCryptoException.Reason.BAD_LENGTH,
                    "aes-sha1 ciphertext of " + ciphertext.length + " bytes is shorter than the " + minimum
                            + "-byte confounder and checksum");
        }
        int cLen = ciphertext.length - MAC_LENGTH;
        Cipher aes = Jce.aesCbc();
        Jce.init(aes, Cipher.ENCRYPT_MODE, key);
        byte[] ke = deriveKey(aes, EncryptionProfile.usageConstant(usage, KE));
        byte[] ki = deriveKey(aes, EncryptionProfile.usageConstant(usage, KI));
        byte[] p = null;
        try {
            p = AesCts.decrypt(aes, ke, ciphertext, 0, cLen);
            byte[] h = Jce.hmac("HmacSHA1", ki).doFinal(p);
            if (!Jce.equalsConstantTime(h, 0, ciphertext, cLen, MAC_LENGTH)) {
                throw new KerberosCryptoException(KerberosCryptoException.Reason.BAD_INTEGRITY,
                        "aes-sha1 ciphertext failed its HMAC-SHA1-96 check (wrong key, usage, or modified)");
            }
            return Arrays.copyOfRange(p, AES_BLOCK, cLen);
        } finally {
            if (p != null) {
                Arrays.fill(p, (byte) 0);
            }
            Arrays.fill(ke, (byte) 0);
            Arrays.fill(ki, (byte) 0);
        }
    }

    /** RFC 3962 section 7 / RFC 3961 section 5.4: HMAC-SHA1(Kc, data) truncated to 96 bits. */
    @Override
    public byte[] checksum(byte[] key, int usage, byte[] data) {
        byte[] kc = deriveKey(key, EncryptionProfile.usageConstant(usage, KC));
        try {
            return Arrays.copyOf(Jce.hmac("HmacSHA1", kc).doFinal(data), MAC_LENGTH);
        } finally {
            Arrays.fill(kc, (byte) 0);
        }
    }

    /** RFC 3962 section 4: E(DK(key, "prf"), truncate-to-block(SHA-1(input))) with CTS on one block = AES. */
    @Override
    public byte[] prf(byte[] key, byte[] input) {
        byte[] tmp = Arrays.copyOf(Jce.digest("SHA-1").digest(input), AES_BLOCK);
        Cipher aes = Jce.aesCbc();
        Jce.init(aes, Cipher.ENCRYPT_MODE, key);
        byte[] kprf = deriveKey(aes, PRF_CONSTANT);
        try {
            Jce.init(aes, Cipher.ENCRYPT_MODE, kprf);
            Jce.doFinal(aes, tmp, 0, AES_BLOCK, tmp, 0);
            return tmp;
        } finally {
            Arrays.fill(kprf, (byte) 0);
        }
    }
}
