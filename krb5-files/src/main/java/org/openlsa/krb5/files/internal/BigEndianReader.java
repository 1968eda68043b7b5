package org.openlsa.krb5.files.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.openlsa.krb5.files.Krb5FileFormatException;

/**
 * A bounded big-endian cursor over a file's bytes (both MIT formats of version 2+ are big-endian). Every read is
 * checked against the end of the region first, so a length field can never make it read past the end or allocate
 * more than the bytes that remain; a violation is a {@link Krb5FileFormatException} naming the field.
 */
public final class BigEndianReader {
    private final byte[] buf;
    private final int end;
    private int pos;

    private BigEndianReader(byte[] buf, int pos, int end) {
        this.buf = buf;
        this.pos = pos;
        this.end = end;
    }

    public static BigEndianReader over(byte[] buf) {
        return new BigEndianReader(buf, 0, buf.length);
    }

    public int remaining() {
        return end - pos;
    }

    /** Offset from the start of the underlying array (for messages). */
    public int offset() {
        return pos;
    }

    private void need(long n, String field) throws Krb5FileFormatException {
        if (n < 0 || n > end - pos) {
            throw new Krb5FileFormatException(field + " needs " + n + " bytes at offset " + pos + ", only "
                    + (end - pos) + " remain");
        }
    }

    public void skip(long n, String field) throws Krb5FileFormatException {
        need(n, field);
        pos += (int) n;
    }

    /** The next {@code n} bytes as their own cursor; this one moves past them. */
    public BigEndianReader slice(long n, String field) throws Krb5FileFormatException {
        need(n, field);
        BigEndianReader s = new BigEndianReader(buf, pos, pos + (int) n);
        pos += (int) n;
        return s;
    }

    public int u8(String field) throws Krb5FileFormatException {
        need(1, field);
        return buf[pos++] & 0xFF;
    }

    public int u16(String field) throws Krb5FileFormatException {
        need(2, field);
        int v = (buf[pos] & 0xFF) << 8 | (buf[pos + 1] & 0xFF);
        pos += 2;
        return v;
    }

    /** A 32-bit field as an int (signed or unsigned by the caller's reading). */
    public int i32(String field) throws Krb5FileFormatException {
        need(4, field);
        int v = (buf[pos] & 0xFF) << 24 | (buf[pos + 1] & 0xFF) << 16 | (buf[pos + 2] & 0xFF) << 8 | (buf[pos + 3] & 0xFF);
        pos += 4;
        return v;
    }

    public long u32(String field) throws Krb5FileFormatException {
        return Integer.toUnsignedLong(i32(field));
    }

    public byte[] bytes(long n, String field) throws Krb5FileFormatException {
        need(n, field);
        byte[] out = new byte[(int) n];
        System.arraycopy(buf, pos, out, 0, (int) n);
        pos += (int) n;
        return out;
    }

    public String utf8(long n, String field) throws Krb5FileFormatException {
        need(n, field);
        String s = new String(buf, pos, (int) n, StandardCharsets.UTF_8);
        pos += (int) n;
        return s;
    }

    /** A count of items of at least {@code minItemSize} bytes each, refused when the bytes left cannot hold it. */
    public int count(long count, int minItemSize, String field) throws Krb5FileFormatException {
        if (count < 0 || count * minItemSize > end - pos) {
            throw new Krb5FileFormatException(field + " " + count + " needs at least " + count * minItemSize
                    + " bytes at offset " + pos + ", only " + (end - pos) + " remain");
        }
        return (int) count;
    }

    /** A Kerberos time: unsigned 32-bit seconds since 1970 (MIT reads them unsigned since 1.17, for 2038). */
    public Instant time(String field) throws Krb5FileFormatException {
        return Instant.ofEpochSecond(u32(field));
    }
}
