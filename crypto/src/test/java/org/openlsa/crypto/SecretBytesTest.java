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

    private static byte[] utf16(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
    }

    @Test
    void readLendsTheLiveBytesAndReturnsTheResult() throws Exception {
        SecretBytes s = SecretBytes.copyOf(KEY);
        byte[][] seen = new byte[1][];
        int first = s.read(b -> {
            seen[0] = b;
            return b[0] & 0xFF;
        });
        assertEquals(KEY[0] & 0xFF, first);
        s.destroy();
        assertArrayEquals(new byte[KEY.length], seen[0], "read() lends the internal array, which destroy zeroes");
        assertThrows(IllegalStateException.class, () -> s.read(b -> b.length));
        java.io.IOException e = assertThrows(java.io.IOException.class, () -> SecretBytes.copyOf(KEY).read(b -> {
            throw new java.io.IOException("the reader's own exception");
        }));
        assertEquals("the reader's own exception", e.getMessage());
    }

    /** A structure written into allocated secret memory is zeroed by destroy: there is no other copy to zero. */
    @Test
    void allocateIsZeroedSecretMemoryToWriteInto() {
        SecretBytes s = SecretBytes.allocate(4);
        byte[][] seen = new byte[1][];
        s.use(b -> {
            assertArrayEquals(new byte[4], b);
            b[2] = 7;
            seen[0] = b;
        });
        assertTrue(s.equalsConstantTime(new byte[] {0, 0, 7, 0}));
        s.close();
        assertArrayEquals(new byte[4], seen[0]);
    }

    @Test
    void adoptCharsEncodesUtf16leAndZeroesTheCharacters() {
        char[] typed = "P\u00e4ss\ud83d\ude00".toCharArray();
        try (SecretBytes s = SecretBytes.adoptChars(typed)) {
            assertTrue(s.equalsConstantTime(utf16("P\u00e4ss\ud83d\ude00")));
        }
        assertArrayEquals(new char[typed.length], typed, "the typed characters are zeroed");
        char[] lone = {'a', '\ud800'};
        try (SecretBytes s = SecretBytes.adoptChars(lone)) {
            assertTrue(s.equalsConstantTime(new byte[] {'a', 0, (byte) 0xFD, (byte) 0xFF}), "U+FFFD, as UTF_16LE encodes it");
        }
    }

    /** The characters a rule looks at exist only for the call: the array handed out is zeroed when it returns. */
    @Test
    void readCharsZeroesTheCharactersItLent() {
        try (SecretBytes s = SecretBytes.copyOf(utf16("Wonderland"))) {
            char[][] seen = new char[1][];
            String copy = s.readChars(c -> {
                seen[0] = c;
                return new String(c);
            });
            assertEquals("Wonderland", copy);
            assertArrayEquals(new char[10], seen[0]);
        }
        try (SecretBytes odd = SecretBytes.copyOf(new byte[] {'a', 0, 'b'})) {
            assertEquals(Integer.valueOf(1), odd.readChars(c -> Integer.valueOf(c.length)), "a trailing odd byte is no character");
        }
    }

    @Test
    void transcodesBetweenUtf8AndUtf16le() throws Exception {
        String pw = "P\u00e4ss\u20ac\ud83d\ude00";
        try (SecretBytes utf16 = SecretBytes.copyOf(utf16(pw));
             SecretBytes utf8 = utf16.utf16leToUtf8();
             SecretBytes back = utf8.utf8ToUtf16le(true)) {
            assertTrue(utf8.equalsConstantTime(pw.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            assertTrue(back.equalsConstantTime(utf16));
            assertFalse(utf16.isDestroyed(), "a derived secret leaves its source to its owner");
        }
        // An unpaired surrogate becomes '?' in UTF-8, as the UTF-8 encoder replaces it (what Passwords.utf8 did).
        try (SecretBytes lone = SecretBytes.copyOf(new byte[] {'a', 0, 0x00, (byte) 0xD8});
             SecretBytes utf8 = lone.utf16leToUtf8()) {
            assertTrue(utf8.equalsConstantTime(new byte[] {'a', '?'}));
        }
        byte[] malformed = {'a', (byte) 0xC3};
        try (SecretBytes bad = SecretBytes.copyOf(malformed)) {
            assertThrows(java.nio.charset.CharacterCodingException.class, () -> bad.utf8ToUtf16le(true));
            try (SecretBytes replaced = bad.utf8ToUtf16le(false)) {
                assertTrue(replaced.equalsConstantTime(utf16("a\ufffd")));
            }
        }
    }

    @Test
    void rangeAndCopyAreIndependentSecrets() {
        try (SecretBytes s = SecretBytes.copyOf(KEY); SecretBytes head = s.range(0, 4); SecretBytes twin = s.copy()) {
            assertTrue(head.equalsConstantTime(java.util.Arrays.copyOf(KEY, 4)));
            twin.destroy();
            assertTrue(s.equalsConstantTime(KEY), "destroying a copy leaves the original");
        }
    }
}
