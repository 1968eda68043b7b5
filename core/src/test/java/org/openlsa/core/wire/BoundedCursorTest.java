package org.openlsa.core.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class BoundedCursorTest {
    /** A format's own exception: the cursor raises it, and nothing else, for malformed input. */
    static final class FormatError extends Exception {
        FormatError(String message) {
            super(message);
        }
    }

    private static BoundedCursor<FormatError> over(String hex) {
        return BoundedCursor.over(HexFormat.of().parseHex(hex), FormatError::new);
    }

    private static String assertFormatError(Executable e) {
        return assertThrows(FormatError.class, e).getMessage();
    }

    @Test
    void readsLittleAndBigEndianInOrder() throws FormatError {
        BoundedCursor<FormatError> c = over("01" + "0201" + "04030201" + "0807060504030201" + "0102" + "01020304");
        assertEquals(0x01, c.u8("a"));
        assertEquals(0x0102, c.u16le("b"));
        assertEquals(0x01020304, c.u32le("c"));
        assertEquals(0x0102030405060708L, c.u64le("d"));
        assertEquals(0x0102, c.u16be("e"));
        assertEquals(0x01020304, c.u32be("f"));
        assertEquals(0, c.remaining());
        assertEquals(-1, c.peekU8());
        c.requireEnd("the structure");
    }

    @Test
    void aReadPastTheEndIsTheFormatsErrorNamingTheField() {
        BoundedCursor<FormatError> c = over("010203");
        String m = assertFormatError(() -> c.u32le("Flags"));
        assertTrue(m.contains("Flags") && m.contains("needs 4 bytes") && m.contains("only 3 remain"), m);
        assertEquals(0, c.position(), "a failed read does not move");
        assertFormatError(() -> c.u64le("x"));
        assertFormatError(() -> c.u32be("x"));
        assertFormatError(() -> c.bytes(4, "x"));
        assertFormatError(() -> c.bytes(-1, "x"));
        assertFormatError(() -> c.skip(Long.MAX_VALUE, "x"));
        assertFormatError(() -> c.slice(4, "x"));
        assertFormatError(() -> c.view(4, "x"));
    }

    @Test
    void aSliceIsBoundedByItsOwnEndNotTheArrays() throws FormatError {
        BoundedCursor<FormatError> c = over("aa" + "0102" + "bbbbbb");
        c.u8("tag");
        BoundedCursor<FormatError> s = c.slice(2, "value");
        assertEquals(3, c.position(), "the parent moves past the slice");
        assertEquals(2, s.length());
        assertEquals(0x0102, s.u16be("v"));
        String m = assertFormatError(() -> s.u8("more"));
        assertTrue(m.contains("at offset 3"), "offsets in messages count from the array start: " + m);
        assertEquals(0xbb, c.u8("next"));
    }

    @Test
    void offsetReadsStayInTheRegionAndDoNotMove() throws FormatError {
        BoundedCursor<FormatError> c = over("ff" + "01020304" + "ff");
        BoundedCursor<FormatError> r = c.region(1, 4, "region");
        assertEquals(0x04030201, r.u32leAt(0, "ULONG"));
        assertEquals(0x0201, r.u16leAt(0, "USHORT"));
        assertEquals(0x04, r.u8At(3, "byte"));
        assertArrayEquals(new byte[] {2, 3}, r.bytesAt(1, 2, "bytes"));
        assertEquals(0, r.position());
        String m = assertFormatError(() -> r.u8At(4, "byte"));
        assertTrue(m.contains("byte at offset 4 (+1) lies outside the 4-byte buffer"), m);
        assertFormatError(() -> r.u64leAt(0, "LARGE_INTEGER"));
        assertFormatError(() -> r.u16leAt(-1, "USHORT"));
        assertFormatError(() -> c.region(Long.MAX_VALUE, 1, "region"));
        assertFormatError(() -> c.region(1, Long.MAX_VALUE, "region"));
        assertFormatError(() -> c.region(4, -1, "region"));
    }

    @Property
    void noOffsetAndLengthCanWrapAround(@ForAll @LongRange(min = -10, max = Long.MAX_VALUE) long offset,
            @ForAll @LongRange(min = -10, max = Long.MAX_VALUE) long length) {
        BoundedCursor<FormatError> c = over("00".repeat(16));
        boolean inside = offset >= 0 && length >= 0 && offset <= 16 && length <= 16 - offset;
        try {
            assertEquals(length, c.region(offset, length, "r").length());
            assertTrue(inside, offset + "+" + length);
        } catch (FormatError e) {
            assertFalse(inside, offset + "+" + length);
        }
    }

    @Test
    void aHostileCountIsRefusedBeforeAnythingIsAllocated() throws FormatError {
        BoundedCursor<FormatError> c = over("00".repeat(12));
        assertEquals(3, c.count(3, 4, "entries"));
        String m = assertFormatError(() -> c.count(0xFFFF_FFFFL, 1, "entries"));
        assertTrue(m.contains("entries") && m.contains("4294967295"), m);
        assertFormatError(() -> c.count(4, 4, "entries"));
        assertFormatError(() -> c.count(-1, 1, "entries"));
        assertFormatError(() -> c.count(Long.MAX_VALUE / 2, 4, "entries"));
        assertFormatError(() -> c.count(Integer.MAX_VALUE + 1L, 0, "entries"));
    }

    @Test
    void requireEndNamesWhatIsLeft() throws FormatError {
        BoundedCursor<FormatError> c = over("0000");
        c.u8("a");
        String m = assertFormatError(() -> c.requireEnd("the body"));
        assertEquals("1 trailing bytes after the body at offset 1", m);
    }

    @Test
    void aViewIsReadOnlyAndMovesTheCursor() throws FormatError {
        BoundedCursor<FormatError> c = over("616263");
        ByteBuffer v = c.view(2, "s");
        assertEquals(2, v.remaining());
        assertEquals('a', v.get(0));
        assertThrows(ReadOnlyBufferException.class, () -> v.put(0, (byte) 0));
        assertEquals('c', c.u8("c"));
    }

    @Property
    void aRegionOfTheArrayIsCheckedOnCreation(@ForAll @IntRange(min = -2, max = 10) int offset,
            @ForAll @IntRange(min = -2, max = 10) int length) throws FormatError {
        byte[] buf = new byte[8];
        if (offset >= 0 && length >= 0 && offset + length <= buf.length) {
            BoundedCursor<FormatError> c = BoundedCursor.over(buf, offset, length, FormatError::new);
            assertEquals(length, c.remaining());
            c.skip(length, "all");
            assertFormatError(() -> c.u8("past"));
        } else {
            assertThrows(IndexOutOfBoundsException.class, () -> BoundedCursor.over(buf, offset, length,
                    FormatError::new));
        }
    }
}
