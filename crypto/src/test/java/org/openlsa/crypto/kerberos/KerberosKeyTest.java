package org.openlsa.crypto.kerberos;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class KerberosKeyTest {
    private static final byte[] BYTES = Hex.bytes("3705d96080c17728a0e800eab6e0d23c");

    @Test
    void destroyZeroesTheBytesAndLaterUseThrows() {
        KerberosKey key = KerberosKey.copyOf(EncryptionType.AES128_CTS_HMAC_SHA256_128, BYTES);
        byte[][] inside = new byte[1][];
        key.secret().use(b -> inside[0] = b);
        assertArrayEquals(BYTES, inside[0]);
        assertFalse(key.isDestroyed());
        key.destroy();
        assertTrue(key.isDestroyed());
        assertArrayEquals(new byte[16], inside[0]);
        assertThrows(IllegalStateException.class, key::copyBytes);
        assertThrows(IllegalStateException.class, key::secret);
        assertThrows(IllegalStateException.class,
                () -> KerberosCrypto.encrypt(key, 1, new byte[3], new SecureRandom()));
        assertThrows(IllegalStateException.class, () -> KerberosCrypto.decrypt(key, 1, new byte[64]));
        assertThrows(IllegalStateException.class, () -> KerberosCrypto.prf(key, new byte[1]));
        assertThrows(IllegalStateException.class,
                () -> KerberosCrypto.checksum(ChecksumType.HMAC_MD5, key, 1, new byte[1]));
        assertEquals(EncryptionType.AES128_CTS_HMAC_SHA256_128, key.type());   // not secret
    }

    @Test
    void closeDestroys() {
        KerberosKey key;
        try (KerberosKey k = KerberosKey.copyOf(EncryptionType.RC4_HMAC, BYTES)) {
            key = k;
        }
        assertTrue(key.isDestroyed());
    }

    @Test
    void copyOfCopiesAndAdoptTakesOwnership() {
        byte[] mine = BYTES.clone();
        try (KerberosKey copied = KerberosKey.copyOf(EncryptionType.AES128_CTS_HMAC_SHA1_96, mine)) {
            mine[0] ^= 1;
            assertArrayEquals(BYTES, copied.copyBytes());
            assertNotSame(copied.copyBytes(), copied.copyBytes());
        }
        byte[] given = BYTES.clone();
        KerberosKey adopted = KerberosKey.adopt(EncryptionType.AES128_CTS_HMAC_SHA1_96, given);
        adopted.destroy();
        assertArrayEquals(new byte[16], given);
    }

    @Test
    void lengthMustMatchTheType() {
        assertThrows(IllegalArgumentException.class,
                () -> KerberosKey.copyOf(EncryptionType.AES256_CTS_HMAC_SHA1_96, BYTES));
        byte[] given = BYTES.clone();
        assertThrows(IllegalArgumentException.class,
                () -> KerberosKey.adopt(EncryptionType.AES256_CTS_HMAC_SHA384_192, given));
        assertArrayEquals(new byte[16], given);   // given up, so zeroed
    }

    @Test
    void toStringRevealsNoKeyBytes() {
        try (KerberosKey key = KerberosKey.copyOf(EncryptionType.RC4_HMAC, BYTES)) {
            String s = key.toString();
            assertEquals("KerberosKey[rc4-hmac, redacted]", s);
            assertFalse(s.toLowerCase().contains("3705"));
        }
    }

    @Test
    void randomKeysHaveTheTypeLengthAndDiffer() {
        SecureRandom random = new SecureRandom();
        for (EncryptionType type : EncryptionType.values()) {
            try (KerberosKey a = KerberosCrypto.randomKey(type, random);
                 KerberosKey b = KerberosCrypto.randomKey(type, random)) {
                assertEquals(type.keyLength(), a.copyBytes().length);
                assertFalse(a.secret().equalsConstantTime(b.secret()));
            }
        }
    }
}
