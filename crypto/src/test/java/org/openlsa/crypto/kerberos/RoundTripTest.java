package org.openlsa.crypto.kerberos;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import java.util.Arrays;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Encrypt/decrypt round trips and the refusal of every tampered or truncated ciphertext, for every enctype. */
class RoundTripTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Property(tries = 500)
    void decryptInvertsEncrypt(@ForAll EncryptionType type, @ForAll @Size(max = 100) byte[] plaintext,
            @ForAll @IntRange(min = 0, max = 1024) int usage) throws KerberosCryptoException {
        try (KerberosKey key = KerberosCrypto.randomKey(type, RANDOM)) {
            byte[] c = KerberosCrypto.encrypt(key, usage, plaintext, RANDOM);
            assertEquals(plaintext.length + overhead(type), c.length);
            assertArrayEquals(plaintext, KerberosCrypto.decrypt(key, usage, c));
        }
    }

    @Example
    void everyLengthFromZeroToOneHundred() throws KerberosCryptoException {
        for (EncryptionType type : EncryptionType.values()) {
            try (KerberosKey key = KerberosCrypto.randomKey(type, RANDOM)) {
                for (int n = 0; n <= 100; n++) {
                    byte[] p = new byte[n];
                    RANDOM.nextBytes(p);
                    assertArrayEquals(p, KerberosCrypto.decrypt(key, 3, KerberosCrypto.encrypt(key, 3, p, RANDOM)));
                }
            }
        }
    }

    @Property(tries = 300)
    void anyFlippedBitIsRefused(@ForAll EncryptionType type, @ForAll @Size(max = 64) byte[] plaintext,
            @ForAll @IntRange(min = 0, max = 10_000) int where, @ForAll @IntRange(min = 0, max = 7) int bit) {
        try (KerberosKey key = KerberosCrypto.randomKey(type, RANDOM)) {
            byte[] c = KerberosCrypto.encrypt(key, 11, plaintext, RANDOM);
            c[where % c.length] ^= (byte) (1 << bit);
            KerberosCryptoException e = assertThrows(KerberosCryptoException.class,
                    () -> KerberosCrypto.decrypt(key, 11, c));
            assertEquals(KerberosCryptoException.Reason.BAD_INTEGRITY, e.reason());
        }
    }

    @Property(tries = 200)
    void truncatedOrExtendedCiphertextIsRefused(@ForAll EncryptionType type, @ForAll @Size(max = 64) byte[] plaintext,
            @ForAll @IntRange(min = 1, max = 200) int cut) {
        try (KerberosKey key = KerberosCrypto.randomKey(type, RANDOM)) {
            byte[] c = KerberosCrypto.encrypt(key, 7, plaintext, RANDOM);
            byte[] shorter = Arrays.copyOf(c, Math.max(0, c.length - cut));
            assertThrows(KerberosCryptoException.class, () -> KerberosCrypto.decrypt(key, 7, shorter));
            byte[] longer = Arrays.copyOf(c, c.length + cut);
            assertThrows(KerberosCryptoException.class, () -> KerberosCrypto.decrypt(key, 7, longer));
        }
    }

    @Property(tries = 100)
    void wrongUsageOrKeyIsRefused(@ForAll EncryptionType type, @ForAll @Size(max = 40) byte[] plaintext) {
        try (KerberosKey key = KerberosCrypto.randomKey(type, RANDOM);
             KerberosKey other = KerberosCrypto.randomKey(type, RANDOM)) {
            byte[] c = KerberosCrypto.encrypt(key, 2, plaintext, RANDOM);
            assertThrows(KerberosCryptoException.class, () -> KerberosCrypto.decrypt(key, 4, c));
            assertThrows(KerberosCryptoException.class, () -> KerberosCrypto.decrypt(other, 2, c));
        }
    }

    @Example
    void tooShortForTheEnctypeIsBadLength() {
        for (EncryptionType type : EncryptionType.values()) {
            try (KerberosKey key = KerberosCrypto.randomKey(type, RANDOM)) {
                for (int n = 0; n < overhead(type); n++) {
                    byte[] c = new byte[n];
                    KerberosCryptoException e = assertThrows(KerberosCryptoException.class,
                            () -> KerberosCrypto.decrypt(key, 1, c));
                    assertEquals(KerberosCryptoException.Reason.BAD_LENGTH, e.reason(), type + " " + n);
                }
            }
        }
    }

    @Example
    void rc4UsageTranslationFollowsMit() throws KerberosCryptoException {
        // 3 (AS-REP) is Microsoft's 8, 23 is 13; 9 is left alone as MIT and Heimdal do.
        try (KerberosKey key = KerberosCrypto.randomKey(EncryptionType.RC4_HMAC, RANDOM)) {
            byte[] p = {42};
            assertArrayEquals(p, KerberosCrypto.decrypt(key, 8, KerberosCrypto.encrypt(key, 3, p, RANDOM)));
            assertArrayEquals(p, KerberosCrypto.decrypt(key, 13, KerberosCrypto.encrypt(key, 23, p, RANDOM)));
            byte[] nine = KerberosCrypto.encrypt(key, 9, p, RANDOM);
            assertThrows(KerberosCryptoException.class, () -> KerberosCrypto.decrypt(key, 8, nine));
        }
    }

    private static int overhead(EncryptionType type) {
        return switch (type) {
            case AES128_CTS_HMAC_SHA1_96, AES256_CTS_HMAC_SHA1_96 -> 16 + 12;
            case AES128_CTS_HMAC_SHA256_128 -> 16 + 16;
            case AES256_CTS_HMAC_SHA384_192 -> 16 + 24;
            case RC4_HMAC -> 16 + 8;
        };
    }
}
