package org.openlsa.pac.internal;

import java.nio.charset.StandardCharsets;
import org.openlsa.core.Sid;
import org.openlsa.core.wire.BoundedCursor;
import org.openlsa.pac.PacFormatException;

/**
 * A bounded little-endian cursor over one region of a byte array, with the NDR 1.0 primitives the PAC uses
 * ([MS-RPCE] 2.2.5 over [C706] chapter 14): natural alignment relative to the region start, 32-bit referent ids,
 * conformant and conformant-varying arrays, RPC_SID. The flat PAC structures use only the plain reads.
 *
 * <p>It never trusts a length: every read is checked against the region, and every count is checked against the
 * bytes left before anything is allocated, so a hostile count fails at once instead of exhausting memory. A
 * violation is a {@link PacFormatException} naming the field. The bounds are core's {@link BoundedCursor}'s; the
 * NDR rules (alignment relative to the region start, conformance, referents) are this reader's.
 */
public final class NdrReader {
    private final BoundedCursor<PacFormatException> cursor;

    private NdrReader(BoundedCursor<PacFormatException> cursor) {
        this.cursor = cursor;
    }

    /** A cursor over {@code buf[offset, offset + length)}; the caller has checked the region lies in the array. */
    public static NdrReader over(byte[] buf, int offset, int length) {
        if (offset < 0 || length < 0 || offset > buf.length - length) {
            throw new IllegalArgumentException("region " + offset + "+" + length + " outside " + buf.length + " bytes");
        }
        return new NdrReader(BoundedCursor.over(buf, offset, length, PacFormatException::new));
    }

    public static NdrReader over(byte[] buf) {
        return new NdrReader(BoundedCursor.over(buf, PacFormatException::new));
    }

    /** Position relative to the region start. */
    public int position() {
        return cursor.position();
    }

    public int remaining() {
        return cursor.remaining();
    }

    /** A cursor over {@code length} bytes at {@code offset} from this region's start (for offset-addressed data). */
    public NdrReader slice(long offset, long length, String field) throws PacFormatException {
        return new NdrReader(cursor.region(offset, length, field));
    }

    /** Skips the padding up to the next multiple of {@code n} (NDR aligns every primitive to its size). */
    public void align(int n, String field) throws PacFormatException {
        int pad = (n - (position() % n)) % n;
        cursor.skip(pad, field + " alignment");
    }

    /** Skips {@code n} bytes, an unsigned count. */
    public void skip(int n, String field) throws PacFormatException {
        cursor.skip(Integer.toUnsignedLong(n), field);
    }

    public int u8(String field) throws PacFormatException {
        return cursor.u8(field);
    }

    public int u16(String field) throws PacFormatException {
        return cursor.u16le(field);
    }

    public int u32(String field) throws PacFormatException {
        return cursor.u32le(field);
    }

    /** Two little-endian 32-bit halves, low first: a FILETIME (4-byte aligned in NDR) or a ULONG64. */
    public long u64(String field) throws PacFormatException {
        return cursor.u64le(field);
    }

    /** {@code n} bytes, an unsigned count. */
    public byte[] bytes(int n, String field) throws PacFormatException {
        return cursor.bytes(Integer.toUnsignedLong(n), field);
    }

    /** {@code lengthBytes} of UTF-16LE; an odd length is malformed. */
    public String utf16(int lengthBytes, String field) throws PacFormatException {
        if ((lengthBytes & 1) != 0) {
            throw new PacFormatException(field + ": UTF-16 length " + lengthBytes + " is odd");
        }
        return new String(bytes(lengthBytes, field), StandardCharsets.UTF_16LE);
    }

    /** A SID in its binary form (MS-DTYP 2.4.2.2) filling exactly {@code length} bytes. */
    public Sid binarySid(int length, String field) throws PacFormatException {
        byte[] b = bytes(length, field);
        if (length < 8 || b[0] != 1 || (b[1] & 0xFF) > Sid.MAX_SUB_AUTHORITIES || length != 8 + 4 * (b[1] & 0xFF)) {
            throw new PacFormatException(field + ": not a binary SID of revision 1 with at most 15 sub-authorities"
                    + " filling its " + length + " bytes");
        }
        return Sid.fromBytes(b);
    }

    /** A referent id: 0 is the NULL pointer. */
    public int pointer(String field) throws PacFormatException {
        align(4, field);
        return u32(field);
    }

    /**
     * The MaxCount of a conformant array, which must equal the {@code size_is} count already read and fit the
     * bytes left at {@code elementSize} bytes per element.
     */
    public int conformance(int declaredCount, int elementSize, String field) throws PacFormatException {
        align(4, field);
        int maxCount = u32(field + " MaxCount");
        if (maxCount != declaredCount) {
            throw new PacFormatException(field + ": MaxCount " + Integer.toUnsignedString(maxCount)
                    + " differs from the count " + Integer.toUnsignedString(declaredCount));
        }
        cursor.count(Integer.toUnsignedLong(maxCount), elementSize, field);
        return maxCount;
    }

    /**
     * The deferred body of an RPC_UNICODE_STRING ([MS-DTYP] 2.3.10: {@code [size_is(MaximumLength/2),
     * length_is(Length/2)] WCHAR *Buffer}): MaxCount, Offset, ActualCount, then ActualCount UTF-16LE units.
     */
    public String conformantVaryingUtf16(int lengthBytes, int maximumLengthBytes, String field) throws PacFormatException {
        align(4, field);
        long maxCount = Integer.toUnsignedLong(u32(field + " MaxCount"));
        long offset = Integer.toUnsignedLong(u32(field + " Offset"));
        long actualCount = Integer.toUnsignedLong(u32(field + " ActualCount"));
        if (maxCount != maximumLengthBytes / 2 || offset != 0 || actualCount * 2 != lengthBytes) {
            throw new PacFormatException(field + ": array MaxCount " + maxCount + ", Offset " + offset
                    + ", ActualCount " + actualCount + " do not match MaximumLength " + maximumLengthBytes
                    + " and Length " + lengthBytes);
        }
        return utf16(lengthBytes, field);
    }

    /**
     * An RPC_SID ([MS-DTYP] 2.4.2.3), a conformant structure: the conformance (SubAuthorityCount) first, then
     * Revision, SubAuthorityCount, IdentifierAuthority[6], SubAuthority[SubAuthorityCount].
     */
    public Sid rpcSid(String field) throws PacFormatException {
        align(4, field);
        int maxCount = u32(field + " MaxCount");
        int revision = u8(field + " Revision");
        int count = u8(field + " SubAuthorityCount");
        if (revision != 1 || count != maxCount || count > Sid.MAX_SUB_AUTHORITIES) {
            throw new PacFormatException(field + ": RPC_SID with MaxCount " + Integer.toUnsignedString(maxCount)
                    + ", Revision " + revision + ", SubAuthorityCount " + count
                    + " (revision 1 and at most 15 matching sub-authorities required)");
        }
        // Revision and SubAuthorityCount begin the binary SID (MS-DTYP 2.4.2.2); the rest follows them.
        byte[] binary = new byte[8 + 4 * count];
        binary[0] = (byte) revision;
        binary[1] = (byte) count;
        System.arraycopy(bytes(6 + 4 * count, field), 0, binary, 2, 6 + 4 * count);
        return Sid.fromBytes(binary);
    }
}
