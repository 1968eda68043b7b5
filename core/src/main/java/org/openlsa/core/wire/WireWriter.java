package org.openlsa.core.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes one serialized structure: a fixed part of known size at offset 0, followed by the variable data
 * (strings) its descriptors point at, each descriptor holding an offset from the start of the structure. The
 * counterpart of {@link WireReader}; same 64-bit layout.
 */
public final class WireWriter {
    /** The largest UNICODE_STRING Length (a USHORT holding an even byte count). */
    public static final int MAX_UNICODE_STRING_BYTES = 0xFFFE;
    public static final int MAX_STRING_BYTES = 0xFFFF;

    private byte[] buf;
    private int size;
    private final boolean fixedCapacity;

    /** A writer whose fixed part of {@code fixedSize} bytes is zeroed and reserved. */
    public WireWriter(int fixedSize) {
        this.buf = new byte[Math.max(64, fixedSize * 2)];
        this.size = fixedSize;
        this.fixedCapacity = false;
    }

    private WireWriter(byte[] buffer, int fixedSize) {
        this.buf = buffer;
        this.size = fixedSize;
        this.fixedCapacity = true;
    }

    /**
     * A writer over {@code buffer} itself, which must be zeroed and exactly as large as the structure
     * ({@link #sizeWithStrings}): nothing is copied, so a structure holding a secret can be written straight into
     * the secret's own memory. Writing past the end is an {@link IllegalStateException}.
     */
    public static WireWriter into(byte[] buffer, int fixedSize) {
        if (fixedSize > buffer.length) {
            throw new IllegalArgumentException("a " + buffer.length + "-byte buffer cannot hold a " + fixedSize
                    + "-byte fixed part");
        }
        return new WireWriter(buffer, fixedSize);
    }

    /**
     * The size of a structure with a fixed part of {@code fixedSize} bytes followed by counted strings of these
     * byte lengths in this order, as {@link #unicodeString}/{@link #string} lay them out (2-byte aligned, an empty
     * one taking no space).
     */
    public static int sizeWithStrings(int fixedSize, int... lengths) {
        int total = fixedSize;
        for (int n : lengths) {
            if (n > 0) {
                total = ((total + 1) & ~1) + n;
            }
        }
        return total;
    }

    /** The bytes written so far (fixed part included). */
    public int size() {
        return size;
    }

    private void ensure(int capacity) {
        if (capacity > buf.length) {
            if (fixedCapacity) {
                throw new IllegalStateException("the structure needs " + capacity + " bytes, its buffer holds "
                        + buf.length);
            }
            byte[] old = buf;
            buf = Arrays.copyOf(buf, Math.max(capacity, buf.length * 2));
            Arrays.fill(old, (byte) 0); // the old array may hold a secret written earlier: leave no copy behind
        }
    }

    public WireWriter u8(int offset, int v) {
        buf[offset] = (byte) v;
        return this;
    }

    public WireWriter u16(int offset, int v) {
        buf[offset] = (byte) v;
        buf[offset + 1] = (byte) (v >>> 8);
        return this;
    }

    public WireWriter u32(int offset, int v) {
        u16(offset, v);
        u16(offset + 2, v >>> 16);
        return this;
    }

    public WireWriter u64(int offset, long v) {
        u32(offset, (int) v);
        u32(offset + 4, (int) (v >>> 32));
        return this;
    }

    public WireWriter bytes(int offset, byte[] v) {
        System.arraycopy(v, 0, buf, offset, v.length);
        return this;
    }

    /** Appends the UTF-16LE bytes at the tail (2-byte aligned) and fills the descriptor at {@code descriptorOffset}. */
    public WireWriter unicodeString(int descriptorOffset, byte[] utf16) {
        if (utf16.length > MAX_UNICODE_STRING_BYTES || (utf16.length & 1) != 0) {
            throw new IllegalArgumentException("a UNICODE_STRING holds an even byte count up to 65534, not " + utf16.length);
        }
        return counted(descriptorOffset, utf16);
    }

    /** Appends bytes of any count up to 65535 at the tail and fills the STRING descriptor at {@code descriptorOffset}. */
    public WireWriter string(int descriptorOffset, byte[] bytes) {
        if (bytes.length > MAX_STRING_BYTES) {
            throw new IllegalArgumentException("a STRING holds up to 65535 bytes, not " + bytes.length);
        }
        return counted(descriptorOffset, bytes);
    }

    private WireWriter counted(int descriptorOffset, byte[] bytes) {
        if (bytes.length == 0) {
            u16(descriptorOffset, 0).u16(descriptorOffset + 2, 0).u64(descriptorOffset + 8, 0);
            return this;
        }
        size = (size + 1) & ~1;
        ensure(size + bytes.length);
        System.arraycopy(bytes, 0, buf, size, bytes.length);
        u16(descriptorOffset, bytes.length).u16(descriptorOffset + 2, bytes.length).u64(descriptorOffset + 8, size);
        size += bytes.length;
        return this;
    }

    /**
     * Appends {@code bytes} at the tail, 8-byte aligned, and returns their offset (0 for none, the NULL pointer):
     * for the pointer fields that are not UNICODE_STRINGs (KERB_CRYPTO_KEY's Value, a ticket's bytes, an array of
     * structures), whose length field the caller writes as the structure lays it out.
     */
    public long append(byte[] bytes) {
        if (bytes.length == 0) {
            return 0;
        }
        size = (size + 7) & ~7;
        ensure(size + bytes.length);
        System.arraycopy(bytes, 0, buf, size, bytes.length);
        long at = size;
        size += bytes.length;
        return at;
    }

    /** Reserves {@code n} zeroed bytes at the tail, 8-byte aligned, and returns their offset (for arrays). */
    public int reserve(int n) {
        size = (size + 7) & ~7;
        ensure(size + n);
        int at = size;
        size += n;
        return at;
    }

    public WireWriter unicodeString(int descriptorOffset, String s) {
        return unicodeString(descriptorOffset, s.getBytes(StandardCharsets.UTF_16LE));
    }

    /** A copy of the structure written so far. */
    public byte[] toBytes() {
        return Arrays.copyOf(buf, size);
    }

    /** Zeroes the internal buffer: call after writing a structure that held a secret. */
    public void wipe() {
        Arrays.fill(buf, (byte) 0);
    }
}
