package org.openlsa.crypto.kerberos;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.openlsa.crypto.SecretBytes;

/**
 * The RFC 3961 operations for every {@link EncryptionType}: string-to-key, random-to-key, encrypt/decrypt with key
 * usages, keyed checksums, the pseudo-random function and KRB-FX-CF2.
 *
 * <p>Security guarantees: all methods are static, thread-safe and keep no state between calls; derived keys (Ke,
 * Ki, Kc) are computed per call and every temporary copy of key or password bytes made here is zeroed before
 * returning (copies inside JCE providers are outside our reach). Integrity checks compare in constant time, and a
 * ciphertext that is refused only ever raises {@link KerberosCryptoException}. Decryption returns plaintext only
 * after its MAC has been verified.
 */
public final class KerberosCrypto {
    private KerberosCrypto() {}

    /** MIT refuses more iterations (KRB5_ERR_BAD_S2K_PARAMS); a KDC must not let a client make it spin longer. */
    private static final long MAX_ITERATIONS = 1L << 24;

    /**
     * RFC 3961 string-to-key. {@code utf8Password} holds the UTF-8 bytes of the password; for RC4_HMAC it is
     * converted to UTF-16LE and hashed with MD4 (the NT hash), and salt and parameters are ignored. {@code s2kParams}
     * is null or empty for the enctype's {@linkplain EncryptionType#defaultS2kParams() default}, otherwise the
     * 4-byte big-endian PBKDF2 iteration count (RFC 3962 section 4, RFC 8009 section 4). For RFC 8009 types the
     * PBKDF2 salt is the enctype name, a zero byte, then {@code salt}.
     *
     * @throws IllegalArgumentException for parameters that are not 4 bytes, or a count of 0 or above 2^24; for
     *     RC4_HMAC, for a password that is not well-formed UTF-8
     */
    public static KerberosKey stringToKey(EncryptionType type, SecretBytes utf8Password, byte[] salt,
            byte[] s2kParams) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(utf8Password, "utf8Password");
        int iterations = 0;
        if (type != EncryptionType.RC4_HMAC) {
            Objects.requireNonNull(salt, "salt");
            iterations = iterations(type, s2kParams);
        }
        byte[] salt0 = salt == null ? new byte[0] : salt;
        int count = iterations;
        // The password is read in place: no copy of it exists outside its secret.
        return utf8Password.read(password -> KerberosKey.adopt(type,
                EncryptionProfile.of(type).stringToKey(password, salt0, count)));
    }

    private static int iterations(EncryptionType type, byte[] s2kParams) {
        if (s2kParams == null || s2kParams.length == 0) {
            return type.defaultIterations();
        }
        if (s2kParams.length != 4) {
            throw new IllegalArgumentException(
                    type.mitName() + " s2kparams must be a 4-byte iteration count, not " + s2kParams.length + " bytes");
        }
        long count = ((s2kParams[0] & 0xffL) << 24) | ((s2kParams[1] & 0xff) << 16) | ((s2kParams[2] & 0xff) << 8)
                | (s2kParams[3] & 0xff);
        if (count == 0 || count > MAX_ITERATIONS) {
            throw new IllegalArgumentException(
                    "PBKDF2 iteration count must be between 1 and " + MAX_ITERATIONS + ", not " + count);
        }
        return (int) count;
    }

    /** A fresh key: random-to-key (the identity for every type here) of {@code keyLength()} random bytes. */
    public static KerberosKey randomKey(EncryptionType type, SecureRandom random) {
        byte[] key = new byte[type.keyLength()];
        random.nextBytes(key);
        return KerberosKey.adopt(type, key);
    }

    /**
     * RFC 3961 encrypt with a fresh random confounder from {@code random}; {@code usage} is the key usage number
     * of RFC 4120 section 7.5.1 (RC4_HMAC applies the Microsoft translation itself). The result is the
     * EncryptedData.cipher octets.
     */
    public static byte[] encrypt(KerberosKey key, int usage, byte[] plaintext, SecureRandom random) {
        EncryptionProfile profile = EncryptionProfile.of(key.type());
        byte[] confounder = new byte[profile.confounderLength()];
        random.nextBytes(confounder);
        return encrypt(key, usage, plaintext, confounder);
    }

    /** {@link #encrypt(KerberosKey, int, byte[], SecureRandom)} with a chosen confounder, for known answers. */
    static byte[] encrypt(KerberosKey key, int usage, byte[] plaintext, byte[] confounder) {
        Objects.requireNonNull(plaintext, "plaintext");
        EncryptionProfile profile = EncryptionProfile.of(key.type());
        if (confounder.length != profile.confounderLength()) {
            throw new IllegalArgumentException(key.type().mitName() + " confounders are "
                    + profile.confounderLength() + " bytes, not " + confounder.length);
        }
        byte[] k = key.copyBytes();
        try {
            return profile.encrypt(k, usage, confounder, plaintext);
        } finally {
            Arrays.fill(k, (byte) 0);
        }
    }

    /**
     * RFC 3961 decrypt: verifies the integrity of {@code ciphertext} (constant-time comparison) and returns the
     * plaintext without its confounder.
     *
     * @throws KerberosCryptoException if the ciphertext is too short for the enctype or fails its integrity check
     */
    public static byte[] decrypt(KerberosKey key, int usage, byte[] ciphertext) throws KerberosCryptoException {
        Objects.requireNonNull(ciphertext, "ciphertext");
        byte[] k = key.copyBytes();
        try {
            return EncryptionProfile.of(key.type()).decrypt(k, usage, ciphertext);
        } finally {
            Arrays.fill(k, (byte) 0);
        }
    }

    /**
     * The keyed checksum {@code type} of {@code data} under {@code key} and {@code usage}. {@link ChecksumType#HMAC_MD5}
     * takes a key of any enctype (as MS-SFU and MS-PAC use it); the others need a key of their own
     * {@linkplain ChecksumType#keyType() enctype}.
     *
     * @throws IllegalArgumentException if the checksum type does not apply to the key's enctype
     */
    public static byte[] checksum(ChecksumType type, KerberosKey key, int usage, byte[] data) {
        Objects.requireNonNull(data, "data");
        if (!type.appliesTo(key.type())) {
            throw new IllegalArgumentException(
                    "checksum type " + type.id() + " is not defined for " + key.type().mitName() + " keys");
        }
        byte[] k = key.copyBytes();
        try {
            if (type == ChecksumType.HMAC_MD5) {
                return Rc4HmacProfile.hmacMd5Checksum(k, usage, data);
            }
            return EncryptionProfile.of(key.type()).checksum(k, usage, data);
        } finally {
            Arrays.fill(k, (byte) 0);
        }
    }

    /**
     * Whether {@code checksum} is the {@code type} checksum of {@code data}, compared in constant time. False for
     * a checksum of the wrong length, and false (fail closed) when {@code type} does not apply to the key's
     * enctype; check {@link ChecksumType#appliesTo} first to report that case separately.
     */
    public static boolean verifyChecksum(ChecksumType type, KerberosKey key, int usage, byte[] data,
            byte[] checksum) {
        Objects.requireNonNull(checksum, "checksum");
        if (checksum.length != type.size() || !type.appliesTo(key.type())) {
            return false;
        }
        byte[] expected = checksum(type, key, usage, data);
        return Jce.equalsConstantTime(expected, 0, checksum, 0, expected.length);
    }

    /**
     * The RFC 3961 pseudo-random function: RFC 3962 section 4 for aes-sha1 (16 bytes), RFC 8009 section 5 for
     * aes-sha2 (32 or 48 bytes), HMAC-SHA1 for rc4-hmac as MIT and Windows define it (20 bytes).
     */
    public static byte[] prf(KerberosKey key, byte[] input) {
        Objects.requireNonNull(input, "input");
        byte[] k = key.copyBytes();
        try {
            return EncryptionProfile.of(key.type()).prf(k, input);
        } finally {
            Arrays.fill(k, (byte) 0);
        }
    }

    /**
     * KRB-FX-CF2 of RFC 6113 section 5.1 (the FAST armor key and the strengthened reply key): random-to-key of
     * PRF+(key1, pepper1) xor PRF+(key2, pepper2), a key of {@code key1}'s enctype. PRF+ concatenates
     * PRF(key, i | pepper) for the one-byte counter i = 1, 2, ... until enough bytes exist.
     */
    public static KerberosKey cf2(KerberosKey key1, byte[] pepper1, KerberosKey key2, byte[] pepper2) {
        int length = key1.type().keyLength();
        byte[] a = prfPlus(key1, pepper1, length);
        byte[] b = prfPlus(key2, pepper2, length);
        try {
            for (int i = 0; i < length; i++) {
                a[i] ^= b[i];
            }
            return KerberosKey.adopt(key1.type(), a);
        } finally {
            Arrays.fill(b, (byte) 0);
        }
    }

    /** PRF+ of RFC 6113 section 5.1, {@code length} bytes (at most 255 PRF outputs). */
    public static byte[] prfPlus(KerberosKey key, byte[] input, int length) {
        int prfLength = key.type().prfLength();
        if (length < 0 || length > 255 * prfLength) {
            throw new IllegalArgumentException("PRF+ yields 0 to " + 255 * prfLength + " bytes, not " + length);
        }
        byte[] out = new byte[length];
        byte[] counted = new byte[1 + input.length];
        System.arraycopy(input, 0, counted, 1, input.length);
        for (int i = 1, done = 0; done < length; i++, done += prfLength) {
            counted[0] = (byte) i;
            byte[] block = prf(key, counted);
            System.arraycopy(block, 0, out, done, Math.min(prfLength, length - done));
            Arrays.fill(block, (byte) 0);
        }
        return out;
    }

    /**
     * The default salt of RFC 4120 section 4: the realm followed by each component of the principal name, in
     * UTF-8, with no separators ("ATHENA.MIT.EDU" + ["raeburn"] = "ATHENA.MIT.EDUraeburn").
     */
    public static byte[] defaultSalt(String realm, List<String> principalComponents) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(realm.getBytes(StandardCharsets.UTF_8));
        for (String component : principalComponents) {
            out.writeBytes(component.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
