package org.openlsa.crypto.kerberos;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.openlsa.crypto.SecretBytes;

class PrfTest {

    @ParameterizedTest(name = "enctype {0}, input {2}")
    @CsvFileSource(resources = "/org/openlsa/crypto/kerberos/mit-t_prf-vectors.csv")
    void mitAndRfcVectors(int enctype, String key, String input, String expected) {
        try (KerberosKey k = Hex.key(enctype, key)) {
            byte[] out = KerberosCrypto.prf(k, Hex.bytes(input));
            assertEquals(expected, Hex.hex(out));
            assertEquals(k.type().prfLength(), out.length);
        }
    }

    /**
     * No rc4-hmac PRF vector is published on its own; the t_cf2 row for enctype 23 below goes through it. Here:
     * deterministic, 20 bytes, input-sensitive.
     */
    @Test
    void rc4PrfIsDeterministicTwentyBytes() {
        try (KerberosKey k = Hex.key(23, "f7d3a155af5e238a0b7a871a96ba2ab2")) {
            byte[] a = KerberosCrypto.prf(k, new byte[] {1, 'a'});
            assertEquals(20, a.length);
            assertArrayEquals(a, KerberosCrypto.prf(k, new byte[] {1, 'a'}));
            assertNotEquals(Hex.hex(a), Hex.hex(KerberosCrypto.prf(k, new byte[] {1, 'b'})));
        }
    }

    @ParameterizedTest(name = "enctype {0}")
    @CsvFileSource(resources = "/org/openlsa/crypto/kerberos/mit-t_cf2-vectors.csv")
    void mitCf2Vectors(int enctype, String expected) {
        EncryptionType type = EncryptionType.of(enctype).orElseThrow();
        try (KerberosKey k1 = s2k(type, "key1"); KerberosKey k2 = s2k(type, "key2");
             KerberosKey out = KerberosCrypto.cf2(k1, ascii("a"), k2, ascii("b"))) {
            assertEquals(type, out.type());
            assertEquals(expected, Hex.hex(out.copyBytes()));
        }
    }

    @ParameterizedTest
    @EnumSource(EncryptionType.class)
    void prfPlusConcatenatesCountedPrfOutputs(EncryptionType type) {
        try (KerberosKey k = KerberosCrypto.randomKey(type, new SecureRandom())) {
            byte[] plus = KerberosCrypto.prfPlus(k, ascii("pepper"), 2 * type.prfLength() + 3);
            byte[] first = KerberosCrypto.prf(k, ascii("\u0001pepper"));
            byte[] third = KerberosCrypto.prf(k, ascii("\u0003pepper"));
            assertArrayEquals(first, Arrays.copyOf(plus, type.prfLength()));
            assertArrayEquals(Arrays.copyOf(third, 3),
                    Arrays.copyOfRange(plus, 2 * type.prfLength(), plus.length));
            assertThrows(IllegalArgumentException.class, () -> KerberosCrypto.prfPlus(k, new byte[0], -1));
            assertThrows(IllegalArgumentException.class,
                    () -> KerberosCrypto.prfPlus(k, new byte[0], 255 * type.prfLength() + 1));
        }
    }

    private static KerberosKey s2k(EncryptionType type, String s) {
        try (SecretBytes pw = SecretBytes.copyOf(ascii(s))) {
            return KerberosCrypto.stringToKey(type, pw, ascii(s), null);
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
