package org.openlsa.crypto.kerberos;

import static org.openlsa.crypto.kerberos.Jce.AES_BLOCK;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.crypto.Mac;

/**
 * aes128-cts-hmac-sha256-128 and aes256-cts-hmac-sha384-192 (RFC 8009): AES-CTS encrypt-then-MAC, keys derived
 * with the NIST SP 800-108 counter-mode KDF over HMAC-SHA2, and PBKDF2-HMAC-SHA2 for string-to-key.
 */
final class AesCtsHmacSha2Profile implements EncryptionProfile {
    static final AesCtsHmacSha2Profile AES128 = new AesCtsHmacSha2Profile(
            EncryptionType.AES128_CTS_HMAC_SHA256_128, "HmacSHA256", 16);
    static final AesCtsHmacSha2Profile AES256 = new AesCtsHmacSha2Profile(
            EncryptionType.AES256_CTS_HMAC_SHA384_192, "HmacSHA384", 24);

    private static final byte[] KERBEROS = "kerberos".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PRF_LABEL = "prf".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ZERO_IV = new byte[AES_BLOCK];
    private static final byte[] COUNTER_1 = {0, 0, 0, 1};

    private final EncryptionType type;
    private final String hmac;
    /** h: the truncated MAC length, which is also the length of Kc and Ki (RFC 8009 section 5). */
    private final int macLength;

    private AesCtsHmacSha2Profile(EncryptionType type, String hmac, int macLength) {
        this.type = type;
        this.hmac = hmac;
        this.macLength = macLength;
    }

    int macLength() {
        return macLength;
    }

    @Override
    public int confounderLength() {
        return AES_BLOCK;
    }

    /**
     * RFC 8009 section 3: KDF-HMAC-SHA2(key, label, [context,] k) = k-truncate(HMAC(key, 0x00000001 | label | 0x00
     * | context | k)), with k the output length in bits as a 32-bit big-endian number. One HMAC block suffices for
     * every output this profile needs (at most the hash length).
     */
    byte[] kdf(byte[] key, byte[] label, byte[] context, int outBytes) {
        try (Jce.Lease<Mac> mac = Jce.hmac(hmac, key)) {
            return kdf(mac.get(), label, context, outBytes);
        }
    }

    /** The KDF with an HMAC already keyed with the base key; it stays keyed (doFinal resets it) for reuse. */
    private static byte[] kdf(Mac mac, byte[] label, byte[] context, int outBytes) {
        mac.update(COUNTER_1);
        mac.update(label);
        mac.update((byte) 0);
        mac.update(context);
        byte[] k = new byte[4];
        Jce.putInt(k, 0, outBytes * 8);
        mac.update(k);
        byte[] full = mac.doFinal();
        if (full.length == outBytes) {
            return full;
        }
        byte[] out = Arrays.copyOf(full, outBytes);
        Arrays.fill(full, (byte) 0);
        return out;
    }

    /** Kc, Ke or Ki (RFC 8009 section 5) from an HMAC keyed with the base key. */
    private byte[] derive(Mac underBase, int usage, int kind) {
        int length = kind == KE ? type.keyLength() : macLength;
        return kdf(underBase, EncryptionProfile.usageConstant(usage, kind), new byte[0], length);
    }

    /**
     * RFC 8009 section 4: saltp = enctype-name | 0x00 | salt; tkey = PBKDF2-HMAC-SHA2(password, saltp, iterations);
     * key = KDF-HMAC-SHA2(tkey, "kerberos", keylength).
     */
    @Override
    public byte[] stringToKey(byte[] password, byte[] salt, int iterations) {
        byte[] name = type.mitName().getBytes(StandardCharsets.US_ASCII);
        byte[] saltp = new byte[name.length + 1 + salt.length];
        System.arraycopy(name, 0, saltp, 0, name.length);
        System.arraycopy(salt, 0, saltp, name.length + 1, salt.length);
        byte[] tkey = Pbkdf2.derive(hmac, password, saltp, iterations, type.keyLength());
        try {
            return kdf(tkey, KERBEROS, new byte[0], type.keyLength());
        } finally {
            Arrays.fill(tkey, (byte) 0);
        }
    }

    /** RFC 8009 section 5: C = E(Ke, N | plaintext, IV 0); H = HMAC(Ki, IV | C) truncated to h; out C | H. */
    @Override
    public byte[] encrypt(byte[] key, int usage, byte[] confounder, byte[] plaintext) {
        byte[] p = new byte[AES_BLOCK + plaintext.length];
        byte[] ke = null;
        byte[] ki = null;
        try (Jce.Lease<Mac> mac = Jce.hmac(hmac, key)) {
            ke = derive(mac.get(), usage, KE);
            ki = derive(mac.get(), usage, KI);
            System.arraycopy(confounder, 0, p, 0, AES_BLOCK);
            System.arraycopy(plaintext, 0, p, AES_BLOCK, plaintext.length);
            byte[] out = AesCts.encrypt(ke, p, 0, p.length, macLength);
            byte[] h = mac(mac.get(), ki, out, p.length);
            System.arraycopy(h, 0, out, p.length, macLength);
            return out;
        } finally {
            Jce.zero(p, ke, ki);
        }
    }

    /** Encrypt-then-MAC: the MAC is checked over the ciphertext before anything is decrypted. */
    @Override
    public byte[] decrypt(byte[] key, int usage, byte[] ciphertext) throws KerberosCryptoException {
        int minimum = AES_BLOCK + macLength;
        if (ciphertext.length < minimum) {
            throw new KerberosCryptoException(KerberosCryptoException.Reason.BAD_LENGTH,
                    type.mitName() + " ciphertext of " + ciphertext.length + " bytes is shorter than the " + minimum
                            + "-byte confounder and checksum");
        }
        int cLen = ciphertext.length - macLength;
        byte[] ki = null;
        byte[] ke = null;
        byte[] p = null;
        try (Jce.Lease<Mac> mac = Jce.hmac(hmac, key)) {
            ki = derive(mac.get(), usage, KI);
            ke = derive(mac.get(), usage, KE);   // before mac() re-keys the HMAC with Ki
            byte[] h = mac(mac.get(), ki, ciphertext, cLen);
            if (!Jce.equalsConstantTime(h, 0, ciphertext, cLen, macLength)) {
                throw new KerberosCryptoException(KerberosCryptoException.Reason.BAD_INTEGRITY,
                        type.mitName() + " ciphertext failed its HMAC check (wrong key, usage, or modified)");
            }
            p = AesCts.decrypt(ke, ciphertext, 0, cLen);
            return Arrays.copyOfRange(p, AES_BLOCK, cLen);
        } finally {
            Jce.zero(p, ki, ke);
        }
    }

    /** HMAC(Ki, IV | C) over the first {@code cLen} bytes of {@code c}, IV being the zero cipher state. */
    private static byte[] mac(Mac mac, byte[] ki, byte[] c, int cLen) {
        Jce.init(mac, ki);
        mac.update(ZERO_IV);
        mac.update(c, 0, cLen);
        return mac.doFinal();
    }

    /** RFC 8009 section 5: HMAC(Kc, data) truncated to h. */
    @Override
    public byte[] checksum(byte[] key, int usage, byte[] data) {
        byte[] kc = null;
        try (Jce.Lease<Mac> mac = Jce.hmac(hmac, key)) {
            kc = derive(mac.get(), usage, KC);
            Jce.init(mac.get(), kc);
            return Arrays.copyOf(mac.get().doFinal(data), macLength);
        } finally {
            Jce.zero(kc);
        }
    }

    /** RFC 8009 section 5: PRF = KDF-HMAC-SHA2(key, "prf", input, 256 or 384 bits). */
    @Override
    public byte[] prf(byte[] key, byte[] input) {
        return kdf(key, PRF_LABEL, input, type.prfLength());
    }
}
