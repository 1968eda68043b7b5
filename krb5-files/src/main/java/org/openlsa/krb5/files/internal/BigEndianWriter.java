package org.openlsa.krb5.files.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * Appends big-endian fields. Files written here hold keys, so the buffer is zeroed whenever it is replaced by a
 * larger one and by {@link #wipe()}.
 */
public final class BigEndianWriter {
    private byte[] buf = new byte[512];
    private int size;

    private void ensure(int n) {
        if (n > Integer.MAX_VALUE - 16 - size) {
            throw new IllegalArgumentException("file too large");
        }
        if (size + n > buf.length) {
            byte[] bigger = Arrays.copyOf(buf, Math.max(size + n, buf.length * 2));
            Arrays.fill(buf, (byte) 0);
            buf = bigger;
        }
    }

    public int size() {
        return size;
    }

    public BigEndianWriter u8(int v) {
        ensure(1);
        buf[size++] = (byte) v;
        return this;
    }

    public BigEndianWriter u16(int v) {
        ensure(2);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
        return this;
    }

    public BigEndianWriter i32(int v) {
        ensure(4);
        buf[size++] = (byte) (v >>> 24);
        buf[size++] = (byte) (v >>> 16);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
        return this;
    }

    public BigEndianWriter bytes(byte[] v) {
        ensure(v.length);
        System.arraycopy(v, 0, buf, size, v.length);
        size += v.length;
        return this;
    }

    public BigEndianWriter time(Instant t) {
        return i32((int) t.getEpochSecond());
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A copy of what was written; the caller zeroes it when it holds keys. */
    public byte[] toBytes() {
        return Arrays.copyOf(buf, size);
    }

    public void wipe() {
        Arrays.fill(buf, (byte) 0);
        size = 0;
    }

    /** Whether {@code t} is a whole number of seconds in the unsigned 32-bit range the formats store. */
    public static boolean fitsTime(Instant t) {
        return t.getNano() == 0 && t.getEpochSecond() >= 0 && t.getEpochSecond() <= 0xFFFFFFFFL;
    }
}
