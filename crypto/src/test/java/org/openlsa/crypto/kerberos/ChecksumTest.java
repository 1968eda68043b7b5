package org.openlsa.crypto.kerberos;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.EnumSource;

class ChecksumTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    @ParameterizedTest(name = "cksumtype {0}, usage {2}")
    @CsvFileSource(resources = "/org/openlsa/crypto/kerberos/mit-t_cksums-vectors.csv")
    void mitAndRfcVectors(int cksumtype, int enctype, int usage, String key, String data, String expected) {
        ChecksumType type = ChecksumType.of(cksumtype).orElseThrow();
        try (KerberosKey k = Hex.key(enctype, key)) {
            byte[] sum = KerberosCrypto.checksum(type, k, usage, Hex.bytes(data));
            assertEquals(expected, Hex.hex(sum));
            assertEquals(type.size(), sum.length);
            assertTrue(KerberosCrypto.verifyChecksum(type, k, usage, Hex.bytes(data), Hex.bytes(expected)));
            assertFalse(KerberosCrypto.verifyChecksum(type, k, usage + 1, Hex.bytes(data), Hex.bytes(expected)));
        }
    }

    @ParameterizedTest
    @EnumSource(ChecksumType.class)
    void verifyRefusesModifiedDataChecksumAndWrongLength(ChecksumType type) {
        byte[] data = "the KDC-REQ-BODY".getBytes(StandardCharsets.US_ASCII);
        try (KerberosKey k = KerberosCrypto.randomKey(type.keyType(), RANDOM)) {
            byte[] sum = KerberosCrypto.checksum(type, k, 6, data);
            assertTrue(KerberosCrypto.verifyChecksum(type, k, 6, data, sum));
            for (int i = 0; i < sum.length; i++) {
                byte[] bad = sum.clone();
                bad[i] ^= 0x01;
                assertFalse(KerberosCrypto.verifyChecksum(type, k, 6, data, bad));
            }
            byte[] changed = data.clone();
            changed[0] ^= 0x20;
            assertFalse(KerberosCrypto.verifyChecksum(type, k, 6, changed, sum));
            assertFalse(KerberosCrypto.verifyChecksum(type, k, 6, data, Arrays.copyOf(sum, sum.length - 1)));
            assertFalse(KerberosCrypto.verifyChecksum(type, k, 6, data, Arrays.copyOf(sum, sum.length + 1)));
            assertFalse(KerberosCrypto.verifyChecksum(type, k, 6, data, new byte[0]));
        }
    }

    @ParameterizedTest
    @EnumSource(EncryptionType.class)
    void hmacMd5WorksWithEveryKeyType(EncryptionType keyType) {
        // MS-SFU PA-FOR-USER: usage 17 with the TGS session key, whatever its enctype.
        byte[] data = "S4U2Self".getBytes(StandardCharsets.US_ASCII);
        try (KerberosKey k = KerberosCrypto.randomKey(keyType, RANDOM)) {
            byte[] sum = KerberosCrypto.checksum(ChecksumType.HMAC_MD5, k, 17, data);
            assertEquals(16, sum.length);
            assertTrue(KerberosCrypto.verifyChecksum(ChecksumType.HMAC_MD5, k, 17, data, sum));
            assertTrue(ChecksumType.HMAC_MD5.appliesTo(keyType));
        }
    }

    @Test
    void hmacMd5UsesMitUsageTranslation() {
        // MIT translates usage 3 to 8 before hashing, so the two usages agree and differ from usage 4.
        try (KerberosKey k = KerberosCrypto.randomKey(EncryptionType.RC4_HMAC, RANDOM)) {
            byte[] data = {1, 2, 3};
            assertArrayEquals(KerberosCrypto.checksum(ChecksumType.HMAC_MD5, k, 8, data),
                    KerberosCrypto.checksum(ChecksumType.HMAC_MD5, k, 3, data));
            assertNotEquals(Hex.hex(KerberosCrypto.checksum(ChecksumType.HMAC_MD5, k, 8, data)),
                    Hex.hex(KerberosCrypto.checksum(ChecksumType.HMAC_MD5, k, 4, data)));
        }
    }

    @Test
    void aesChecksumNeedsItsOwnKeyType() {
        try (KerberosKey aes128 = KerberosCrypto.randomKey(EncryptionType.AES128_CTS_HMAC_SHA1_96, RANDOM)) {
            assertThrows(IllegalArgumentException.class,
                    () -> KerberosCrypto.checksum(ChecksumType.HMAC_SHA1_96_AES256, aes128, 1, new byte[1]));
            assertFalse(KerberosCrypto.verifyChecksum(ChecksumType.HMAC_SHA1_96_AES256, aes128, 1, new byte[1],
                    new byte[12]));
            assertFalse(ChecksumType.HMAC_SHA1_96_AES256.appliesTo(EncryptionType.AES128_CTS_HMAC_SHA1_96));
        }
    }
}
