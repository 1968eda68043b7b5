package org.openlsa.core.wire;

import java.nio.charset.StandardCharsets;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;

/**
 * A bounded little-endian view of one serialized structure whose start is offset 0. It never trusts a length
 * or an offset: every read is checked against the buffer, and a violation becomes {@link LsaException} with
 * {@link NtStatus#INVALID_PARAMETER} and a message naming the bound. The buffer is not copied; callers hand in
 * a buffer they own. The bounds checks are {@link BoundedCursor}'s; the descriptor rules below are this format's.
 *
 * <p>Strings follow the serialized form of ntsecapi.h UNICODE_STRING / STRING in the 64-bit layout:
 * {USHORT Length; USHORT MaximumLength; 4 bytes padding; 8-byte Buffer}, where Buffer is an offset from the start
 * of the structure (0 with both lengths 0 is the NULL string).
 */
public final class WireReader {
    /** Size of a UNICODE_STRING / STRING descriptor in the 64-bit layout. */
    public static final int STRING_DESCRIPTOR_SIZE = 16;

    private final BoundedCursor<LsaException> cursor;
    private final int bufferLength;

    private WireReader(byte[] buf) {
        this.cursor = BoundedCursor.over(buf, WireReader::invalid);
        this.bufferLength = buf.length;
    }

    public static WireReader over(byte[] buf) {
        return new WireReader(buf);
    }

    public int length() {
        return bufferLength;
    }

    /** Fails unless the buffer holds at least {@code size} bytes (the fixed part of a structure). */
    public void requireLength(int size, String structure) throws LsaException {
        if (bufferLength < size) {
            throw invalid(structure + " needs at least " + size + " bytes, the buffer has " + bufferLength);
        }
    }

    public int u8(int offset) throws LsaException {
        return cursor.u8At(offset, "byte");
    }

    public int u16(int offset) throws LsaException {
        return cursor.u16leAt(offset, "USHORT");
    }

    public int u32(int offset) throws LsaException {
        return cursor.u32leAt(offset, "ULONG");
    }

    public long u64(int offset) throws LsaException {
        return cursor.u64leAt(offset, "LARGE_INTEGER");
    }

    public byte[] bytes(int offset, int n) throws LsaException {
        return cursor.bytesAt(offset, n, n + "-byte field");
    }

    /**
     * Reads the UNICODE_STRING descriptor at {@code descriptorOffset} and returns the raw UTF-16LE bytes it points at.
     * Checks: Length even, Length &lt;= MaximumLength, the Buffer offset + MaximumLength inside the buffer and not
     * inside the fixed part ({@code fixedSize}), a zero offset only for an empty string.
     */
    public byte[] unicodeStringBytes(int descriptorOffset, int fixedSize, String field) throws LsaException {
        return counted(descriptorOffset, fixedSize, field, true);
    }

    /**
     * Reads a STRING descriptor (the same 16-byte layout as UNICODE_STRING, counting bytes of any parity: the
     * challenge responses of MSV1_0_LM20_LOGON) with the same bounds checks.
     */
    public byte[] stringBytes(int descriptorOffset, int fixedSize, String field) throws LsaException {
        return counted(descriptorOffset, fixedSize, field, false);
    }

    private byte[] counted(int descriptorOffset, int fixedSize, String field, boolean unicode) throws LsaException {
        int length = u16(descriptorOffset);
        int maximumLength = u16(descriptorOffset + 2);
        long offset = u64(descriptorOffset + 8);
        if (unicode && (length & 1) != 0) {
            throw invalid(field + ": UNICODE_STRING Length " + length + " is odd");
        }
        if (length > maximumLength) {
            throw invalid(field + ": Length " + length + " exceeds MaximumLength " + maximumLength);
        }
        if (offset == 0) {
            if (length != 0) {
                throw invalid(field + ": NULL Buffer with Length " + length);
            }
            return new byte[0];
        }
        if (offset < fixedSize || offset > bufferLength || maximumLength > bufferLength - offset) {
            throw invalid(field + ": Buffer offset " + Long.toUnsignedString(offset) + " + MaximumLength " + maximumLength
                    + " lies outside the " + bufferLength + "-byte buffer (strings start at " + fixedSize + ")");
        }
        return bytes((int) offset, length);
    }

    /**
     * The {@code length} bytes at {@code offset}, for a pointer field with a separate length (KERB_CRYPTO_KEY's
     * Value, KERB_TICKET_LOGON's tickets): the same checks as a string's, on 64-bit values, so neither a huge
     * length nor an offset past the end can wrap around.
     */
    public byte[] region(long offset, long length, int fixedSize, String field) throws LsaException {
        if (offset == 0) {
            if (length != 0) {
                throw invalid(field + ": NULL pointer with length " + length);
            }
            return new byte[0];
        }
        if (offset < fixedSize || offset > bufferLength || length < 0 || length > bufferLength - offset) {
            throw invalid(field + ": offset " + Long.toUnsignedString(offset) + " + length "
                    + Long.toUnsignedString(length) + " lies outside the " + bufferLength
                    + "-byte buffer (data starts at " + fixedSize + ")");
        }
        return bytes((int) offset, (int) length);
    }

    /** As {@link #unicodeStringBytes}, decoded from UTF-16LE. */
    public String unicodeString(int descriptorOffset, int fixedSize, String field) throws LsaException {
        return new String(unicodeStringBytes(descriptorOffset, fixedSize, field), StandardCharsets.UTF_16LE);
    }

    private static LsaException invalid(String message) {
        return new LsaException(NtStatus.INVALID_PARAMETER, message);
    }
}
