package org.openlsa.crypto.kerberos;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.openlsa.crypto.SecretBytes;

class StringToKeyTest {
    private static final byte[] RAEBURN = "ATHENA.MIT.EDUraeburn".getBytes(StandardCharsets.US_ASCII);

    private static SecretBytes utf8(String password) {
        return SecretBytes.copyOf(password.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "enctype {0}, salt {2}, params {3}")
    @CsvFileSource(resources = "/org/openlsa/crypto/kerberos/mit-t_str2key-vectors.csv")
    void mitAndRfcVectors(int enctype, String password, String salt, String params, String expected) {
        EncryptionType type = EncryptionType.of(enctype).orElseThrow();
        try (SecretBytes pw = SecretBytes.copyOf(Hex.bytes(password));
             KerberosKey key = KerberosCrypto.stringToKey(type, pw, Hex.bytes(salt), Hex.bytes(params))) {
            assertEquals(type, key.type());
            assertEquals(expected, Hex.hex(key.copyBytes()));
        }
    }

    @Test
    void rfc3962Pbkdf2IntermediateOneIteration() {
        // RFC 3962 appendix B, iteration count 1: the 256-bit PBKDF2-HMAC-SHA1 output before DK(tkey, "kerberos").
        byte[] out = Pbkdf2.derive("HmacSHA1", "password".getBytes(StandardCharsets.US_ASCII), RAEBURN, 1, 32);
        assertEquals("cdedb5281bb2f801565a1122b25635150ad1f7a04bb9f3a333ecc0e2e1f70837", Hex.hex(out));
    }

    @Test
    void rc4KeyIsTheNtHash() {
        // MD4(UTF-16LE("password")); salt and parameters play no part (RFC 4757 section 2).
        try (SecretBytes pw = utf8("password");
             KerberosKey a = KerberosCrypto.stringToKey(EncryptionType.RC4_HMAC, pw, RAEBURN, null);
             KerberosKey b = KerberosCrypto.stringToKey(EncryptionType.RC4_HMAC, pw, null, new byte[] {1, 2})) {
            assertEquals("8846f7eaee8fb117ad06bdd830b7586c", Hex.hex(a.copyBytes()));
            assertArrayEquals(a.copyBytes(), b.copyBytes());
        }
    }

    @Test
    void rc4ConvertsNonAsciiUtf8ToUtf16() {
        // NT hash of U+00E9 U+1D11E (a surrogate pair in UTF-16), computed independently with the existing NtOwf.
        String password = "\u00e9\ud834\udd1e";
        try (SecretBytes pw = utf8(password);
             KerberosKey key = KerberosCrypto.stringToKey(EncryptionType.RC4_HMAC, pw, null, null);
             SecretBytes nt = org.openlsa.crypto.NtOwf.ntOwfV1(password.toCharArray())) {
            assertArrayEquals(nt.copyBytes(), key.copyBytes());
        }
    }

    @Test
    void rc4RefusesMalformedUtf8() {
        try (SecretBytes pw = SecretBytes.copyOf(new byte[] {'a', (byte) 0xc3})) {
            assertThrows(IllegalArgumentException.class,
                    () -> KerberosCrypto.stringToKey(EncryptionType.RC4_HMAC, pw, null, null));
        }
    }

    @Test
    void missingParametersMeanTheDefaultIterationCount() {
        for (EncryptionType type : List.of(EncryptionType.AES128_CTS_HMAC_SHA1_96,
                EncryptionType.AES128_CTS_HMAC_SHA256_128)) {
            try (SecretBytes pw = utf8("password");
                 KerberosKey byNull = KerberosCrypto.stringToKey(type, pw, RAEBURN, null);
                 KerberosKey byEmpty = KerberosCrypto.stringToKey(type, pw, RAEBURN, new byte[0]);
                 KerberosKey explicit = KerberosCrypto.stringToKey(type, pw, RAEBURN, type.defaultS2kParams())) {
                assertArrayEquals(explicit.copyBytes(), byNull.copyBytes());
                assertArrayEquals(explicit.copyBytes(), byEmpty.copyBytes());
            }
        }
    }

    @Test
    void refusesBadIterationCounts() {
        // A count of 0, 2^24 + 1, 2^32 - 1; parameters that are not exactly 4 bytes.
        List<byte[]> bad = List.of(new byte[] {0, 0, 0, 0}, new byte[] {1, 0, 0, 1},
                new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff}, new byte[] {0, 0x10, 0},
                new byte[] {0, 0, 0x10, 0, 0});
        try (SecretBytes pw = utf8("password")) {
            for (byte[] params : bad) {
                for (EncryptionType type : List.of(EncryptionType.AES256_CTS_HMAC_SHA1_96,
                        EncryptionType.AES256_CTS_HMAC_SHA384_192)) {
                    assertThrows(IllegalArgumentException.class,
                            () -> KerberosCrypto.stringToKey(type, pw, RAEBURN, params), () -> Hex.hex(params));
                }
            }
        }
    }

    @Test
    void emptyPasswordIsAllowed() {
        try (SecretBytes empty = SecretBytes.copyOf(new byte[0]);
             KerberosKey key = KerberosCrypto.stringToKey(EncryptionType.AES128_CTS_HMAC_SHA1_96, empty, RAEBURN,
                     new byte[] {0, 0, 0, 1})) {
            assertEquals(16, key.copyBytes().length);
        }
    }

    @Test
    void defaultSaltIsRealmThenComponents() {
        assertArrayEquals(RAEBURN, KerberosCrypto.defaultSalt("ATHENA.MIT.EDU", List.of("raeburn")));
        assertEquals("EXAMPLE.COMhostsvc.example.com", new String(
                KerberosCrypto.defaultSalt("EXAMPLE.COM", List.of("host", "svc.example.com")),
                StandardCharsets.UTF_8));
        assertArrayEquals("R\u00c9ALMj\u00fcrgen".getBytes(StandardCharsets.UTF_8),
                KerberosCrypto.defaultSalt("R\u00c9ALM", List.of("j\u00fcrgen")));
    }
}
