package org.openlsa.crypto.kerberos;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

class AesCtsTest {
    private static final byte[] KEY = "chicken teriyaki".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TEXT =
            "I would like the General Gau's Chicken, please, and wonton soup.".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest(name = "{0} bytes")
    @CsvFileSource(resources = "/org/openlsa/crypto/kerberos/rfc3962-aes-cts-vectors.csv")
    void rfc3962AppendixB(int length, String expected) {
        byte[] c = AesCts.encrypt(KEY, TEXT, 0, length, 0);
        assertEquals(expected, Hex.hex(c));
        assertArrayEquals(Arrays.copyOf(TEXT, length), AesCts.decrypt(KEY, c, 0, c.length));
    }

    @Test
    void oneBlockIsPlainAes() throws Exception {
        Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(KEY, "AES"));
        byte[] expected = aes.doFinal(TEXT, 0, 16);
        assertArrayEquals(expected, AesCts.encrypt(KEY, TEXT, 0, 16, 0));
        assertArrayEquals(Arrays.copyOf(TEXT, 16), AesCts.decrypt(KEY, expected, 0, 16));
    }

    @Test
    void extraRoomAndOffsetsAreHonoured() {
        byte[] padded = new byte[3 + 40];
        System.arraycopy(TEXT, 0, padded, 3, 40);
        byte[] c = AesCts.encrypt(KEY, padded, 3, 40, 5);
        assertEquals(45, c.length);
        assertArrayEquals(AesCts.encrypt(KEY, TEXT, 0, 40, 0), Arrays.copyOf(c, 40));
        byte[] shifted = new byte[2 + 40];
        System.arraycopy(c, 0, shifted, 2, 40);
        assertArrayEquals(Arrays.copyOf(TEXT, 40), AesCts.decrypt(KEY, shifted, 2, 40));
    }

    @Test
    void refusesLessThanOneBlock() {
        assertThrows(IllegalArgumentException.class, () -> AesCts.encrypt(KEY, TEXT, 0, 15, 0));
        assertThrows(IllegalArgumentException.class, () -> AesCts.decrypt(KEY, TEXT, 0, 15));
    }

    @Property(tries = 300)
    void decryptInvertsEncrypt(@ForAll @Size(min = 16, max = 200) byte[] plain, @ForAll @Size(32) byte[] key) {
        byte[] c = AesCts.encrypt(key, plain, 0, plain.length, 0);
        assertEquals(plain.length, c.length);
        assertArrayEquals(plain, AesCts.decrypt(key, c, 0, c.length));
    }
}
