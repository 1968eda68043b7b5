package org.openlsa.core.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;

class WireReaderTest {
    /** A structure whose fixed part is one UNICODE_STRING descriptor (16 bytes), strings after it. */
    private static final int FIXED = 16;

    private static byte[] descriptor(int totalLength, int length, int maximumLength, long bufferOffset) {
        ByteBuffer b = ByteBuffer.allocate(totalLength).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(0, (short) length).putShort(2, (short) maximumLength).putLong(8, bufferOffset);
        return b.array();
    }

    private static void assertInvalidParameter(Executable e) {
        LsaException x = assertThrows(LsaException.class, e);
        assertEquals(NtStatus.INVALID_PARAMETER, x.status());
        assertEquals(NtStatus.SUCCESS, x.subStatus());
    }

    private static String read(byte[] buf) throws LsaException {
        return WireReader.over(buf).unicodeString(0, FIXED, "Field");
    }

    @Test
    void wellFormedStringIsRead() throws LsaException {
        byte[] buf = descriptor(FIXED + 8, 6, 8, FIXED);
        System.arraycopy("abc".getBytes(StandardCharsets.UTF_16LE), 0, buf, FIXED, 6);
        assertEquals("abc", read(buf));
        assertArrayEquals("abc".getBytes(StandardCharsets.UTF_16LE), WireReader.over(buf).unicodeStringBytes(0, FIXED, "F"));
    }

    @Test
    void stringEndingExactlyAtTheBufferEndIsAccepted() throws LsaException {
        byte[] buf = descriptor(FIXED + 4, 4, 4, FIXED);
        buf[FIXED] = 'h';
        buf[FIXED + 2] = 'i';
        assertEquals("hi", read(buf));
    }

    @Test
    void nullStringIsEmpty() throws LsaException {
        assertEquals("", read(descriptor(FIXED, 0, 0, 0)));
        assertEquals("", read(descriptor(FIXED, 0, 10, 0))); // NULL Buffer with only a MaximumLength
    }

    @Test
    void maximumLengthPastTheEndIsRejected() {
        // Length fits but MaximumLength does not: the whole declared buffer must lie inside.
        assertInvalidParameter(() -> read(descriptor(FIXED + 4, 4, 6, FIXED)));
        assertInvalidParameter(() -> read(descriptor(FIXED + 4, 4, 0xFFFE, FIXED)));
    }

    @Test
    void offsetPastTheEndIsRejected() {
        assertInvalidParameter(() -> read(descriptor(FIXED + 4, 2, 2, FIXED + 4)));
        assertInvalidParameter(() -> read(descriptor(FIXED + 4, 0, 0, FIXED + 5)));
        assertInvalidParameter(() -> read(descriptor(FIXED + 4, 2, 2, 1000)));
    }

    @Test
    void oddLengthIsRejected() {
        assertInvalidParameter(() -> read(descriptor(FIXED + 4, 3, 4, FIXED)));
        assertInvalidParameter(() -> read(descriptor(FIXED + 4, 1, 1, FIXED)));
    }

    @Test
    void lengthAboveMaximumLengthIsRejected() {
        assertInvalidParameter(() -> read(descriptor(FIXED + 8, 4, 2, FIXED)));
        assertInvalidParameter(() -> read(descriptor(FIXED + 8, 2, 0, FIXED)));
    }

    @Test
    void nullBufferWithLengthIsRejected() {
        assertInvalidParameter(() -> read(descriptor(FIXED + 8, 2, 2, 0)));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 8, 15})
    void offsetInsideTheFixedPartIsRejected(long offset) {
        assertInvalidParameter(() -> read(descriptor(FIXED + 8, 2, 2, offset)));
    }

    @ParameterizedTest
    @ValueSource(longs = {-1L, -2L, Long.MIN_VALUE, Long.MAX_VALUE, 0x1_0000_0010L, 0x7FFF_FFFFL, 0xFFFF_FFF0L, 0x8000_0000_0000_0010L})
    void hugeOffsetIsRejected(long offset) {
        assertInvalidParameter(() -> read(descriptor(FIXED + 8, 2, 2, offset)));
        assertInvalidParameter(() -> read(descriptor(FIXED + 8, 0, 0, offset)));
    }

    @Test
    void descriptorPastTheEndIsRejected() {
        assertInvalidParameter(() -> WireReader.over(new byte[15]).unicodeString(0, 0, "F"));
        assertInvalidParameter(() -> WireReader.over(new byte[32]).unicodeString(20, 0, "F"));
    }

    @Test
    void scalarReadsPastTheEndAreRejected() {
        WireReader r = WireReader.over(new byte[8]);
        assertInvalidParameter(() -> r.u8(8));
        assertInvalidParameter(() -> r.u8(-1));
        assertInvalidParameter(() -> r.u16(7));
        assertInvalidParameter(() -> r.u16(Integer.MAX_VALUE));
        assertInvalidParameter(() -> r.u32(5));
        assertInvalidParameter(() -> r.u32(-4));
        assertInvalidParameter(() -> r.u64(1));
        assertInvalidParameter(() -> r.u64(Integer.MAX_VALUE - 3));
        assertInvalidParameter(() -> r.bytes(4, 5));
        assertInvalidParameter(() -> r.bytes(0, -1));
        assertInvalidParameter(() -> r.bytes(Integer.MAX_VALUE, 1));
        assertInvalidParameter(() -> WireReader.over(new byte[0]).u8(0));
    }

    @Test
    void scalarReadsAtTheEdgeSucceed() throws LsaException {
        byte[] buf = {(byte) 0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, (byte) 0xF1};
        WireReader r = WireReader.over(buf);
        assertEquals(0xF1, r.u8(7));
        assertEquals(0xF122, r.u16(6));
        assertEquals(0xF1223344, r.u32(4));
        assertEquals(0xF122334455667788L, r.u64(0));
        assertArrayEquals(new byte[0], r.bytes(8, 0));
        assertEquals(8, r.length());
    }

    @Test
    void requireLengthNamesTheStructure() throws LsaException {
        WireReader.over(new byte[56]).requireLength(56, "X");
        LsaException e = assertThrows(LsaException.class, () -> WireReader.over(new byte[55]).requireLength(56, "MY_STRUCT"));
        assertEquals(NtStatus.INVALID_PARAMETER, e.status());
        assertEquals(true, e.getMessage().contains("MY_STRUCT"));
    }
}
