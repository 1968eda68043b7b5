package org.openlsa.crypto.kerberos;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class EncryptionTypeTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "aes256-cts-hmac-sha1-96, 18", "AES256-CTS, 18", "aes256-sha1, 18", "aes128-cts, 17", "aes128-sha1, 17",
        "aes128-cts-hmac-sha1-96, 17", "aes128-sha2, 19", "aes128-cts-hmac-sha256-128, 19", "aes256-sha2, 20",
        "Aes256-Cts-Hmac-Sha384-192, 20", "arcfour-hmac, 23", "rc4-hmac, 23", "arcfour-hmac-md5, 23", "18, 18",
        "23, 23", "' 17 ', 17"
    })
    void byNameKnowsMitNamesAliasesAndNumbers(String name, int id) {
        assertEquals(id, EncryptionType.byName(name).orElseThrow().id());
    }

    @ParameterizedTest
    @CsvSource({"des-cbc-crc", "des3-cbc-sha1", "camellia256-cts-cmac", "16", "3", "-1", "''", "99999999999", "aes"})
    void byNameRefusesOthers(String name) {
        assertEquals(Optional.empty(), EncryptionType.byName(name));
    }

    @Test
    void ofKnowsTheNumbers() {
        assertEquals(EncryptionType.AES128_CTS_HMAC_SHA1_96, EncryptionType.of(17).orElseThrow());
        assertEquals(EncryptionType.AES256_CTS_HMAC_SHA384_192, EncryptionType.of(20).orElseThrow());
        assertEquals(EncryptionType.RC4_HMAC, EncryptionType.of(23).orElseThrow());
        assertEquals(Optional.empty(), EncryptionType.of(16));
        assertEquals(Optional.empty(), EncryptionType.of(24));
        assertEquals(ChecksumType.HMAC_MD5, ChecksumType.of(-138).orElseThrow());
        assertEquals(Optional.empty(), ChecksumType.of(7));
    }

    @Test
    void mandatoryChecksumsAndDefaults() {
        assertEquals(15, EncryptionType.AES128_CTS_HMAC_SHA1_96.checksumType().id());
        assertEquals(16, EncryptionType.AES256_CTS_HMAC_SHA1_96.checksumType().id());
        assertEquals(19, EncryptionType.AES128_CTS_HMAC_SHA256_128.checksumType().id());
        assertEquals(20, EncryptionType.AES256_CTS_HMAC_SHA384_192.checksumType().id());
        assertEquals(-138, EncryptionType.RC4_HMAC.checksumType().id());
        assertArrayEquals(Hex.bytes("00001000"), EncryptionType.AES256_CTS_HMAC_SHA1_96.defaultS2kParams());
        assertArrayEquals(Hex.bytes("00008000"), EncryptionType.AES128_CTS_HMAC_SHA256_128.defaultS2kParams());
        assertArrayEquals(new byte[0], EncryptionType.RC4_HMAC.defaultS2kParams());
    }

    @ParameterizedTest
    @EnumSource(EncryptionType.class)
    void mandatoryChecksumIsDefinedForTheType(EncryptionType type) {
        assertEquals(type, type.checksumType().keyType());
        assertEquals(type, EncryptionType.byName(type.mitName()).orElseThrow());
        assertEquals(type, EncryptionType.of(type.id()).orElseThrow());
    }
}
