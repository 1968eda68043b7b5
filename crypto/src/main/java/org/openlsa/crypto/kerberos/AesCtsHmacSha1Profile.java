package org.openlsa.crypto.kerberos;

import static org.openlsa.crypto.kerberos.Jce.AES_BLOCK;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;

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
        try (Jce.Lease<Cipher> aes = Jce.aesCbc()) {
            Jce.init(aes.get(), Cipher.ENCRYPT_MODE, base);
            return deriveKey(aes.get(), constant);
        }
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

    /** DR for a usage's Kc, Ke or Ki: as above, with the n-folded constant (public, and the same for every key) memoized. */
    private byte[] deriveUsageKey(Cipher cbcUnderBase, int usage, int kind) {
        byte[] out = Arrays.copyOf(FoldedUsageConstants.folded(usage, kind), keyLength);
        Jce.doFinal(cbcUnderBase, out, 0, keyLength, out, 0);
        return out;
    }

    /** RFC 3961 section 5.3: C1 = E(Ke, conf || plaintext), H1 = HMAC(Ki, conf || plaintext); out C1 || H1[0..12]. */
    @Override
    public byte[] encrypt(byte[] key, int usage, byte[] confounder, byte[] plaintext) {
        byte[] p = new byte[AES_BLOCK + plaintext.length];
        byte[] ke = null;
        byte[] ki = null;
        try (Jce.Lease<Cipher> aes = Jce.aesCbc()) {
            Jce.init(aes.get(), Cipher.ENCRYPT_MODE, key);
            ke = deriveUsageKey(aes.get(), usage, KE);
            ki = deriveUsageKey(aes.get(), usage, KI);
            System.arraycopy(confounder, 0, p, 0, AES_BLOCK);
            System.arraycopy(plaintext, 0, p, AES_BLOCK, plaintext.length);
            byte[] out = AesCts.encrypt(aes.get(), ke, p, 0, p.length, MAC_LENGTH);
            try (Jce.Lease<Mac> mac = Jce.hmac("HmacSHA1", ki)) {
                byte[] h = mac.get().doFinal(p);
                System.arraycopy(h, 0, out, p.length, MAC_LENGTH);
            }
            return out;
        } finally {
            Jce.zero(p, ke, ki);
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
        byte[] ke = null;
        byte[] ki = null;
        byte[] p = null;
        try (Jce.Lease<Cipher> aes = Jce.aesCbc()) {
            Jce.init(aes.get(), Cipher.ENCRYPT_MODE, key);
            ke = deriveUsageKey(aes.get(), usage, KE);
            ki = deriveUsageKey(aes.get(), usage, KI);
            p = AesCts.decrypt(aes.get(), ke, ciphertext, 0, cLen);
            byte[] h;
            try (Jce.Lease<Mac> mac = Jce.hmac("HmacSHA1", ki)) {
                h = mac.get().doFinal(p);
            }
            if (!Jce.equalsConstantTime(h, 0, ciphertext, cLen, MAC_LENGTH)) {
                throw new KerberosCryptoException(KerberosCryptoException.Reason.BAD_INTEGRITY,
                        "aes-sha1 ciphertext failed its HMAC-SHA1-96 check (wrong key, usage, or modified)");
            }
            return Arrays.copyOfRange(p, AES_BLOCK, cLen);
        } finally {
            Jce.zero(p, ke, ki);
        }
    }

    /** RFC 3962 section 7 / RFC 3961 section 5.4: HMAC-SHA1(Kc, data) truncated to 96 bits. */
    @Override
    public byte[] checksum(byte[] key, int usage, byte[] data) {
        byte[] kc;
        try (Jce.Lease<Cipher> aes = Jce.aesCbc()) {
            Jce.init(aes.get(), Cipher.ENCRYPT_MODE, key);
            kc = deriveUsageKey(aes.get(), usage, KC);
        }
        try (Jce.Lease<Mac> mac = Jce.hmac("HmacSHA1", kc)) {
            return Arrays.copyOf(mac.get().doFinal(data), MAC_LENGTH);
        } finally {
            Arrays.fill(kc, (byte) 0);
        }
    }

    /** RFC 3962 section 4: E(DK(key, "prf"), truncate-to-block(SHA-1(input))) with CTS on one block = AES. */
    @Override
    public byte[] prf(byte[] key, byte[] input) {
        byte[] tmp = Arrays.copyOf(Jce.digest("SHA-1").digest(input), AES_BLOCK);
        byte[] kprf = null;
        try (Jce.Lease<Cipher> aes = Jce.aesCbc()) {
            Jce.init(aes.get(), Cipher.ENCRYPT_MODE, key);
            kprf = deriveKey(aes.get(), PRF_CONSTANT);
            Jce.init(aes.get(), Cipher.ENCRYPT_MODE, kprf);
            Jce.doFinal(aes.get(), tmp, 0, AES_BLOCK, tmp, 0);
            return tmp;
        } finally {
            Jce.zero(kprf);
        }
    }
}
