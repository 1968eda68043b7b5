package org.openlsa.krb5.files.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.openlsa.core.wire.BoundedCursor;
import org.openlsa.krb5.files.Krb5FileFormatException;

/**
 * A big-endian cursor over a file's bytes (both MIT formats of version 2+ are big-endian), on core's
 * {@link BoundedCursor}: every read is checked against the end of the region first, so a length field can never make
 * it read past the end or allocate more than the bytes that remain; a violation is a {@link Krb5FileFormatException}
 * naming the field.
 */
public final class BigEndianReader {
    private final BoundedCursor<Krb5FileFormatException> cursor;

    private BigEndianReader(BoundedCursor<Krb5FileFormatException> cursor) {
        this.cursor = cursor;
    }

    public static BigEndianReader over(byte[] buf) {
        return new BigEndianReader(BoundedCursor.over(buf, Krb5FileFormatException::new));
    }

    public int remaining() {
        return cursor.remaining();
    }

    /** Offset from the start of the underlying array (for messages). */
    public int offset() {
        return cursor.arrayOffset();
    }

    public void skip(long n, String field) throws Krb5FileFormatException {
        cursor.skip(n, field);
    }

    /** The next {@code n} bytes as their own cursor; this one moves past them. */
    public BigEndianReader slice(long n, String field) throws Krb5FileFormatException {
        return new BigEndianReader(cursor.slice(n, field));
    }

    public int u8(String field) throws Krb5FileFormatException {
        return cursor.u8(field);
    }

    public int u16(String field) throws Krb5FileFormatException {
        return cursor.u16be(field);
    }

    /** A 32-bit field as an int (signed or unsigned by the caller's reading). */
    public int i32(String field) throws Krb5FileFormatException {
        return cursor.u32be(field);
    }

    public long u32(String field) throws Krb5FileFormatException {
        return Integer.toUnsignedLong(i32(field));
    }

    public byte[] bytes(long n, String field) throws Krb5FileFormatException {
        return cursor.bytes(n, field);
    }

    public String utf8(long n, String field) throws Krb5FileFormatException {
        return new String(cursor.bytes(n, field), StandardCharsets.UTF_8);
    }

    /** A count of items of at least {@code minItemSize} bytes each, refused when the bytes left cannot hold it. */
    public int count(long count, int minItemSize, String field) throws Krb5FileFormatException {
        return cursor.count(count, minItemSize, field);
    }

    /** A Kerberos time: unsigned 32-bit seconds since 1970 (MIT reads them unsigned since 1.17, for 2038). */
    public Instant time(String field) throws Krb5FileFormatException {
        return Instant.ofEpochSecond(u32(field));
    }
}
