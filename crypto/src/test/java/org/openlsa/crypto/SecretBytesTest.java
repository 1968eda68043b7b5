package org.openlsa.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SecretBytesTest {
    private static final byte[] KEY = HexFormat.of().parseHex("a4f49c406510bdcab6824ee7c30fd852");

    @Test
    void destroyZeroesTheBytes() {
        byte[] owned = KEY.clone();
        SecretBytes s = SecretBytes.adopt(owned);
        assertFalse(s.isDestroyed());
        s.destroy();
        assertTrue(s.isDestroyed());
        assertArrayEquals(new byte[KEY.length], owned, "adopted array must be zeroed");
    }

    @Test
    void closeDestroys() {
        byte[] owned = KEY.clone();
        try (SecretBytes s = SecretBytes.adopt(owned)) {
            assertEquals(16, s.length());
        }
        assertArrayEquals(new byte[KEY.length], owned);
    }

    @Test
    void everyUseAfterDestroyThrows() {
        SecretBytes s = SecretBytes.copyOf(KEY);
        SecretBytes other = SecretBytes.copyOf(KEY);
        s.destroy();
        assertThrows(IllegalStateException.class, s::length);
        assertThrows(IllegalStateException.class, s::copyBytes);
        assertThrows(IllegalStateException.class, () -> s.use(b -> { }));
        assertThrows(IllegalStateException.class, () -> s.equalsConstantTime(other));
        assertThrows(IllegalStateException.class, () -> s.equalsConstantTime(KEY));
        assertThrows(IllegalStateException.class, () -> other.equalsConstantTime(s));
        s.destroy(); // idempotent
        assertTrue(s.isDestroyed());
    }

    @Test
    void toStringRevealsNothing() {
        SecretBytes s = SecretBytes.copyOf(KEY);
        String text = s.toString();
        assertFalse(text.contains("a4f4"), text);
        assertFalse(text.toLowerCase().contains("a4"), text);
        assertFalse(text.contains("16"), text); // not even the length
        assertFalse(text.contains("-92"), text); // nor a signed-byte dump (0xa4 = -92)
        assertEquals(SecretBytes.copyOf(new byte[] {1, 2, 3}).toString(), text, "all secrets look alike");
    }

    @Test
    void hasNoValueEquality() {
        SecretBytes a = SecretBytes.copyOf(KEY);
        SecretBytes b = SecretBytes.copyOf(KEY);
        assertFalse(a.equals(b), "equality goes through equalsConstantTime only");
        assertTrue(a.equalsConstantTime(b));
    }

    @Test
    void constantTimeComparison() {
        SecretBytes a = SecretBytes.copyOf(KEY);
        assertTrue(a.equalsConstantTime(KEY.clone()));
        byte[] lastDiffers = KEY.clone();
        lastDiffers[15] ^= 1;
        assertFalse(a.equalsConstantTime(lastDiffers));
        assertFalse(a.equalsConstantTime(SecretBytes.copyOf(lastDiffers)));
    }

    @Test
    void differentLengthsNeverMatch() {
        SecretBytes a = SecretBytes.copyOf(KEY);
        byte[] prefix = java.util.Arrays.copyOf(KEY, 8);
        byte[] longer = java.util.Arrays.copyOf(KEY, 24);
        assertFalse(a.equalsConstantTime(prefix));
        assertFalse(a.equalsConstantTime(longer));
        assertFalse(a.equalsConstantTime(new byte[0]));
        assertFalse(a.equalsConstantTime(SecretBytes.copyOf(prefix)));
        assertFalse(SecretBytes.copyOf(prefix).equalsConstantTime(a));
        assertFalse(SecretBytes.copyOf(new byte[0]).equalsConstantTime(a));
        assertTrue(SecretBytes.copyOf(new byte[0]).equalsConstantTime(new byte[0]));
    }

    @Test
    void copyOfCopiesInAndCopyBytesCopiesOut() {
        byte[] source = KEY.clone();
        SecretBytes s = SecretBytes.copyOf(source);
        source[0] = 0;
        assertArrayEquals(KEY, s.copyBytes(), "later changes to the source do not reach the secret");
        byte[] out = s.copyBytes();
        out[1] = 0;
        assertArrayEquals(KEY, s.copyBytes(), "changes to a copy do not reach the secret");
        assertNotSame(s.copyBytes(), s.copyBytes());
        s.destroy();
        assertEquals(0, source[0]);
        assertEquals(KEY[1], source[1], "destroying the copy leaves the caller's array alone");
    }

    @Test
    void useLendsTheLiveBytes() {
        SecretBytes s = SecretBytes.copyOf(KEY);
        byte[][] seen = new byte[1][];
        s.use(b -> seen[0] = b);
        s.destroy();
        assertArrayEquals(new byte[KEY.length], seen[0], "use() hands out the internal array, which destroy zeroes");
    }
}
