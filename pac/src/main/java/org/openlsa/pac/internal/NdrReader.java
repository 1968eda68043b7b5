package org.openlsa.pac.internal;

import java.nio.charset.StandardCharsets;
import org.openlsa.core.Sid;
import org.openlsa.pac.PacFormatException;

/**
 * A bounded little-endian cursor over one region of a byte array, with the NDR 1.0 primitives the PAC uses
 * ([MS-RPCE] 2.2.5 over [C706] chapter 14): natural alignment relative to the region start, 32-bit referent ids,
 * conformant and conformant-varying arrays, RPC_SID. The flat PAC structures use only the plain reads.
 *
 * <p>It never trusts a length: every read is checked against the region, and every count is checked against the
 * bytes left before anything is allocated, so a hostile count fails at once instead of exhausting memory. A
 * violation is a {@link PacFormatException} naming the field.
 */
public final class NdrReader {
    private final byte[] buf;
    private final int start;
    private final int end;
    private int pos;

    private NdrReader(byte[] buf, int start, int end) {
        this.buf = buf;
        this.start = start;
        this.end = end;
        this.pos = start;
    }

    /** A cursor over {@code buf[offset, offset + length)}; the caller has checked the region lies in the array. */
    public static NdrReader over(byte[] buf, int offset, int length) {
        if (offset < 0 || length < 0 || offset > buf.length - length) {
            throw new IllegalArgumentException("region " + offset + "+" + length + " outside " + buf.length + " bytes");
        }
        return new NdrReader(buf, offset, offset + length);
    }

    public static NdrReader over(byte[] buf) {
        return new NdrReader(buf, 0, buf.length);
    }

    /** Position relative to the region start. */
    public int position() {
        return pos - start;
    }

    public int remaining() {
        return end - pos;
    }

    /** A cursor over {@code length} bytes at {@code offset} from this region's start (for offset-addressed data). */
    public NdrReader slice(long offset, long length, String field) throws PacFormatException {
        if (offset < 0 || length < 0 || offset > end - start || length > end - start - offset) {
            throw new PacFormatException(field + " at offset " + offset + " (+" + length + ") lies outside the "
                    + (end - start) + "-byte buffer");
        }
        return new NdrReader(buf, start + (int) offset, start + (int) (offset + length));
    }

    private void need(int n, String field) throws PacFormatException {
        if (n < 0 || n > end - pos) {
            throw new PacFormatException(field + " needs " + Integer.toUnsignedString(n) + " bytes at offset "
                    + position() + ", only " + remaining() + " remain");
        }
    }

    /** Skips the padding up to the next multiple of {@code n} (NDR aligns every primitive to its size). */
    public void align(int n, String field) throws PacFormatException {
        int pad = (n - (position() % n)) % n;
        need(pad, field + " alignment");
        pos += pad;
    }

    public void skip(int n, String field) throws PacFormatException {
        need(n, field);
        pos += n;
    }

    public int u8(String field) throws PacFormatException {
        need(1, field);
        return buf[pos++] & 0xFF;
    }

    public int u16(String field) throws PacFormatException {
        need(2, field);
        int v = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8;
        pos += 2;
        return v;
    }

    public int u32(String field) throws PacFormatException {
        need(4, field);
        int v = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8 | (buf[pos + 2] & 0xFF) << 16
                | (buf[pos + 3] & 0xFF) << 24;
        pos += 4;
        return v;
    }

    /** Two little-endian 32-bit halves, low first: a FILETIME (4-byte aligned in NDR) or a ULONG64. */
    public long u64(String field) throws PacFormatException {
        need(8, field);
        long low = Integer.toUnsignedLong(u32(field));
        return low | (long) u32(field) << 32;
    }

    public byte[] bytes(int n, String field) throws PacFormatException {
        need(n, field);
        byte[] out = new byte[n];
        System.arraycopy(buf, pos, out, 0, n);
        pos += n;
        return out;
    }

    /** {@code lengthBytes} of UTF-16LE; an odd length is malformed. */
    public String utf16(int lengthBytes, String field) throws PacFormatException {
        if ((lengthBytes & 1) != 0) {
            throw new PacFormatException(field + ": UTF-16 length " + lengthBytes + " is odd");
        }
        need(lengthBytes, field);
        String s = new String(buf, pos, lengthBytes, StandardCharsets.UTF_16LE);
        pos += lengthBytes;
        return s;
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
        if (Integer.toUnsignedLong(maxCount) * elementSize > remaining()) {
            throw new PacFormatException(field + ": " + Integer.toUnsignedString(maxCount) + " elements of "
                    + elementSize + " bytes exceed the " + remaining() + " bytes left");
        }
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
        pos -= 2; // Revision and SubAuthorityCount begin the binary SID: read them again as part of it
        return binarySid(8 + 4 * count, field);
    }
}
