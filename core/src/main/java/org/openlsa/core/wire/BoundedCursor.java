package org.openlsa.core.wire;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The one bounds check of every binary reader: a cursor over one region {@code [start, limit)} of a byte array,
 * whose bounds never change, with a position that only moves forward inside them. Each format keeps its own rules
 * (NDR alignment, NTLMSSP payload descriptors, DER lengths, UNICODE_STRING descriptors) in a reader built on it;
 * what lives here is whether the bytes a rule asks for exist.
 *
 * <p>Nothing read is trusted. Every read, skip, sub-region and count is checked against the bytes that remain
 * before anything moves or is allocated, in {@code long} arithmetic so that no length or offset can wrap. A
 * violation is the format's own exception, made by the {@link Failure} the cursor was created with (a PAC reader
 * raises {@code PacFormatException}, an LSA structure reader {@code LsaException(INVALID_PARAMETER)}), with a
 * message naming the field and the bound. The array is not copied; callers hand in one they own.
 *
 * <p>Two ways to read: sequentially from the position ({@link #u8(String)}, {@link #bytes}, {@link #slice}), in
 * little- or big-endian order as the method name says, and at an offset from the region start without moving
 * ({@link #u8At}, {@link #bytesAt}, {@link #region}) for formats whose fields are addressed by offset. Offsets in
 * messages of sequential reads count from the start of the array, so a failure inside a nested region names the
 * byte of the whole input.
 *
 * @param <E> the exception of the format being read
 */
public final class BoundedCursor<E extends Exception> {
    /** How a format reports malformed input: the exception for a message naming the field and the bound. */
    @FunctionalInterface
    public interface Failure<E extends Exception> {
        E of(String message);
    }

    private final byte[] buf;
    private final int start;
    private final int limit;
    private final Failure<E> failure;
    private int pos;

    private BoundedCursor(byte[] buf, int start, int limit, Failure<E> failure) {
        this.buf = buf;
        this.start = start;
        this.limit = limit;
        this.failure = failure;
        this.pos = start;
    }

    /** A cursor over all of {@code buf}. */
    public static <E extends Exception> BoundedCursor<E> over(byte[] buf, Failure<E> failure) {
        return new BoundedCursor<>(buf, 0, buf.length, failure);
    }

    /**
     * A cursor over {@code buf[offset, offset + length)}. The caller has checked the region (a region from input is
     * taken with {@link #region} or {@link #slice}, which fail in the format's way).
     *
     * @throws IndexOutOfBoundsException if the region does not lie in the array
     */
    public static <E extends Exception> BoundedCursor<E> over(byte[] buf, int offset, int length, Failure<E> failure) {
        Objects.checkFromIndexSize(offset, length, buf.length);
        return new BoundedCursor<>(buf, offset, offset + length, failure);
    }

    // ---- where ----

    /** The position, counted from the region start. */
    public int position() {
        return pos - start;
    }

    /** The position counted from the start of the array (for messages that name a byte of the whole input). */
    public int arrayOffset() {
        return pos;
    }

    /** The size of the region. */
    public int length() {
        return limit - start;
    }

    public int remaining() {
        return limit - pos;
    }

    public boolean hasRemaining() {
        return pos < limit;
    }

    // ---- failing ----

    /** The format's exception for {@code message}: for the rules a reader checks on top of the bounds. */
    public E failure(String message) {
        return failure.of(message);
    }

    /** Fails unless {@code n} bytes remain after the position. */
    public void need(long n, String field) throws E {
        if (n < 0 || n > limit - pos) {
            throw failure.of(field + " needs " + n + " bytes at offset " + pos + ", only " + (limit - pos) + " remain");
        }
    }

    /**
     * A count of items of at least {@code minItemBytes} each, read from the input: refused when the bytes that
     * remain cannot hold that many, so a hostile count allocates nothing.
     */
    public int count(long count, int minItemBytes, String field) throws E {
        if (count < 0 || count > Integer.MAX_VALUE || count * minItemBytes > limit - pos) {
            throw failure.of(field + ": count " + count + " of at least " + minItemBytes + " bytes each exceeds the "
                    + (limit - pos) + " bytes that remain at offset " + pos);
        }
        return (int) count;
    }

    /** Fails unless every byte of the region was read. */
    public void requireEnd(String what) throws E {
        if (pos != limit) {
            throw failure.of((limit - pos) + " trailing bytes after " + what + " at offset " + pos);
        }
    }

    // ---- sequential reads ----

    /** The next byte without moving, or -1 at the end of the region. */
    public int peekU8() {
        return pos < limit ? buf[pos] & 0xFF : -1;
    }

    public void skip(long n, String field) throws E {
        need(n, field);
        pos += (int) n;
    }

    public int u8(String field) throws E {
        need(1, field);
        return buf[pos++] & 0xFF;
    }

    public int u16le(String field) throws E {
        need(2, field);
        int v = le16(pos);
        pos += 2;
        return v;
    }

    /** A 32-bit field in an int (signed or unsigned as the caller reads it). */
    public int u32le(String field) throws E {
        need(4, field);
        int v = le32(pos);
        pos += 4;
        return v;
    }

    /** Two little-endian 32-bit halves, low first (a ULONG64, a FILETIME, a LARGE_INTEGER). */
    public long u64le(String field) throws E {
        need(8, field);
        long v = Integer.toUnsignedLong(le32(pos)) | (long) le32(pos + 4) << 32;
        pos += 8;
        return v;
    }

    public int u16be(String field) throws E {
        need(2, field);
        int v = (buf[pos] & 0xFF) << 8 | (buf[pos + 1] & 0xFF);
        pos += 2;
        return v;
    }

    /** A 32-bit field in an int (signed or unsigned as the caller reads it). */
    public int u32be(String field) throws E {
        need(4, field);
        int v = (buf[pos] & 0xFF) << 24 | (buf[pos + 1] & 0xFF) << 16 | (buf[pos + 2] & 0xFF) << 8
                | (buf[pos + 3] & 0xFF);
        pos += 4;
        return v;
    }

    /** A copy of the next {@code n} bytes. */
    public byte[] bytes(long n, String field) throws E {
        need(n, field);
        byte[] out = new byte[(int) n];
        System.arraycopy(buf, pos, out, 0, (int) n);
        pos += (int) n;
        return out;
    }

    /**
     * A read-only view of the next {@code n} bytes, not a copy (for a decoder that takes a buffer: a string that may
     * be a password leaves no extra copy to zero); this cursor moves past them.
     */
    public ByteBuffer view(long n, String field) throws E {
        need(n, field);
        ByteBuffer v = ByteBuffer.wrap(buf, pos, (int) n).slice().asReadOnlyBuffer();
        pos += (int) n;
        return v;
    }

    /** The next {@code n} bytes as a cursor of their own (same format, same array); this one moves past them. */
    public BoundedCursor<E> slice(long n, String field) throws E {
        need(n, field);
        BoundedCursor<E> s = new BoundedCursor<>(buf, pos, pos + (int) n, failure);
        pos += (int) n;
        return s;
    }

    // ---- reads at an offset from the region start, not moving ----

    private void check(long offset, long n, String what) throws E {
        if (offset < 0 || n < 0 || offset > limit - start || n > limit - start - offset) {
            throw failure.of(what + " at offset " + offset + " (+" + n + ") lies outside the " + (limit - start)
                    + "-byte buffer");
        }
    }

    public int u8At(long offset, String what) throws E {
        check(offset, 1, what);
        return buf[start + (int) offset] & 0xFF;
    }

    public int u16leAt(long offset, String what) throws E {
        check(offset, 2, what);
        return le16(start + (int) offset);
    }

    public int u32leAt(long offset, String what) throws E {
        check(offset, 4, what);
        return le32(start + (int) offset);
    }

    public long u64leAt(long offset, String what) throws E {
        check(offset, 8, what);
        int at = start + (int) offset;
        return Integer.toUnsignedLong(le32(at)) | (long) le32(at + 4) << 32;
    }

    /** A copy of the {@code n} bytes at {@code offset}. */
    public byte[] bytesAt(long offset, long n, String what) throws E {
        check(offset, n, what);
        byte[] out = new byte[(int) n];
        System.arraycopy(buf, start + (int) offset, out, 0, (int) n);
        return out;
    }

    /** The {@code length} bytes at {@code offset} as a cursor of their own, for offset-addressed data. */
    public BoundedCursor<E> region(long offset, long length, String what) throws E {
        check(offset, length, what);
        int from = start + (int) offset;
        return new BoundedCursor<>(buf, from, from + (int) length, failure);
    }

    private int le16(int at) {
        return (buf[at] & 0xFF) | (buf[at + 1] & 0xFF) << 8;
    }

    private int le32(int at) {
        return (buf[at] & 0xFF) | (buf[at + 1] & 0xFF) << 8 | (buf[at + 2] & 0xFF) << 16 | (buf[at + 3] & 0xFF) << 24;
    }
}
