package org.openlsa.crypto.kerberos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/** Kc, Ke and Ki: RFC 3961 DK for aes-sha1, the RFC 8009 KDF for aes-sha2 (MIT t_derive.c, RFC 8009 A). */
class KeyDerivationTest {

    @ParameterizedTest(name = "enctype {0}, constant {2}")
    @CsvFileSource(resources = "/org/openlsa/crypto/kerberos/mit-t_derive-vectors.csv")
    void mitAndRfcVectors(int enctype, String baseKey, String constant, String expected) {
        byte[] base = Hex.bytes(baseKey);
        byte[] c = Hex.bytes(constant);
        byte[] derived = switch (enctype) {
            case 17 -> AesCtsHmacSha1Profile.AES128.deriveKey(base, c);
            case 18 -> AesCtsHmacSha1Profile.AES256.deriveKey(base, c);
            case 19, 20 -> {
                AesCtsHmacSha2Profile p = enctype == 19 ? AesCtsHmacSha2Profile.AES128 : AesCtsHmacSha2Profile.AES256;
                // Ke is a full key; Kc and Ki are as long as the truncated MAC (RFC 8009 section 5).
                int length = (c[4] & 0xff) == EncryptionProfile.KE ? base.length : p.macLength();
                yield p.kdf(base, c, new byte[0], length);
            }
            default -> throw new AssertionError(enctype);
        };
        assertEquals(expected, Hex.hex(derived));
    }
}
