package org.openlsa.core.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.openlsa.core.LsaException;

class WireWriterTest {

    @Test
    void scalarsRoundTripLittleEndian() throws LsaException {
        WireWriter w = new WireWriter(24);
        w.u8(0, 0xAB).u16(2, 0xBEEF).u32(4, 0xDEADBEEF).u64(8, 0x0123456789ABCDEFL).u64(16, -2L);
        byte[] b = w.toBytes();
        assertEquals(24, b.length);
        assertEquals((byte) 0xEF, b[2]);
        assertEquals((byte) 0xBE, b[3]);
        assertEquals((byte) 0xEF, b[8]);
        assertEquals((byte) 0x01, b[15]);
        WireReader r = WireReader.over(b);
        assertEquals(0xAB, r.u8(0));
        assertEquals(0, r.u8(1));
        assertEquals(0xBEEF, r.u16(2));
        assertEquals(0xDEADBEEF, r.u32(4));
        assertEquals(0x0123456789ABCDEFL, r.u64(8));
        assertEquals(-2L, r.u64(16));
    }

    @Test
    void stringsRoundTripAndFollowTheFixedPart() throws LsaException {
        WireWriter w = new WireWriter(48);
        w.unicodeString(0, "DOMAIN").unicodeString(16, "").unicodeString(32, "\u00e9t\u00e9 \ud83d\ude00");
        byte[] b = w.toBytes();
        WireReader r = WireReader.over(b);
        assertEquals("DOMAIN", r.unicodeString(0, 48, "a"));
        assertEquals("", r.unicodeString(16, 48, "b"));
        assertEquals("\u00e9t\u00e9 \ud83d\ude00", r.unicodeString(32, 48, "c"));
        // first string right after the fixed part, MaximumLength == Length, empty string is NULL
        assertEquals(12, r.u16(0));
        assertEquals(12, r.u16(2));
        assertEquals(48L, r.u64(8));
        assertEquals(0, r.u16(16));
        assertEquals(0L, r.u64(24));
        assertEquals(60L, r.u64(40));
        assertEquals(48 + 12 + 12, b.length);
    }

    @Test
    void stringsAreTwoByteAligned() throws LsaException {
        WireWriter w = new WireWriter(17);
        w.unicodeString(0, "x");
        byte[] b = w.toBytes();
        assertEquals(18L, WireReader.over(b).u64(8));
        assertEquals("x", WireReader.over(b).unicodeString(0, 17, "x"));
        assertEquals(20, b.length);
    }

    @Test
    void bufferGrowsForLongStrings() throws LsaException {
        String s = "a".repeat(32767); // 65534 bytes, the largest UNICODE_STRING
        WireWriter w = new WireWriter(16);
        w.unicodeString(0, s);
        byte[] b = w.toBytes();
        assertEquals(16 + 65534, b.length);
        assertEquals(s, WireReader.over(b).unicodeString(0, 16, "s"));
    }

    @Test
    void oversizedOrOddStringsAreRejected() {
        WireWriter w = new WireWriter(16);
        assertThrows(IllegalArgumentException.class, () -> w.unicodeString(0, "a".repeat(32768)));
        assertThrows(IllegalArgumentException.class, () -> w.unicodeString(0, new byte[3]));
    }

    @Test
    void rawBytesAndUtf16Bytes() throws LsaException {
        WireWriter w = new WireWriter(24);
        w.bytes(16, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        w.unicodeString(0, "pw".getBytes(StandardCharsets.UTF_16LE));
        byte[] b = w.toBytes();
        WireReader r = WireReader.over(b);
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, r.bytes(16, 8));
        assertArrayEquals("pw".getBytes(StandardCharsets.UTF_16LE), r.unicodeStringBytes(0, 24, "pw"));
    }

    @Test
    void toBytesIsACopyAndWipeZeroesTheBuffer() {
        WireWriter w = new WireWriter(16);
        w.unicodeString(0, "secret");
        byte[] before = w.toBytes();
        before[16] = 0;
        assertEquals('s', w.toBytes()[16]);
        w.wipe();
        for (byte x : w.toBytes()) {
            assertEquals(0, x);
        }
    }

    /**
     * A structure of known size is written into the caller's own array (a secret's memory): same bytes as a growing
     * writer produces, no copy, and writing past the end is refused rather than silently reallocated.
     */
    @Test
    void writesIntoAnExactlySizedArray() {
        byte[] a = "ab".getBytes(StandardCharsets.UTF_16LE);
        byte[] c = "cde".getBytes(StandardCharsets.UTF_16LE);
        int size = WireWriter.sizeWithStrings(56, a.length, 0, c.length);
        assertEquals(56 + 4 + 6, size);
        byte[] into = new byte[size];
        WireWriter w = WireWriter.into(into, 56);
        w.u32(0, 2).unicodeString(8, a).unicodeString(24, new byte[0]).string(40, c);
        assertEquals(size, w.size());
        WireWriter grown = new WireWriter(56);
        grown.u32(0, 2).unicodeString(8, a).unicodeString(24, new byte[0]).string(40, c);
        assertArrayEquals(grown.toBytes(), into);
        assertThrows(IllegalStateException.class, () -> WireWriter.into(new byte[41], 40).unicodeString(8, a));
        assertThrows(IllegalArgumentException.class, () -> WireWriter.into(new byte[8], 16));
        assertEquals(41 + 1 + 2, WireWriter.sizeWithStrings(41, 2), "strings are 2-byte aligned");
    }
}
