package org.openlsa.pac.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.openlsa.core.Sid;

/**
 * The counterpart of {@link NdrReader}: appends little-endian primitives with NDR 1.0 alignment (zero padding) and
 * hands out referent ids the way Windows does, 0x00020000 and then 4 more for each non-NULL pointer in the order
 * they are written.
 */
public final class NdrWriter {
    /** Referent id of the first embedded pointer in Windows-produced NDR. */
    public static final int FIRST_REFERENT = 0x00020000;
    /** Refuses to grow past this: no PAC comes near it, and a caller bug must not exhaust the heap. */
    public static final int MAX_SIZE = 16 * 1024 * 1024;

    private byte[] buf = new byte[256];
    private int size;
    private int nextReferent = FIRST_REFERENT;

    public int position() {
        return size;
    }

    private void ensure(int n) {
        if (n > MAX_SIZE - size) {
            throw new IllegalArgumentException("encoding exceeds " + MAX_SIZE + " bytes");
        }
        if (size + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(size + n, Math.min(MAX_SIZE, buf.length * 2)));
        }
    }

    public NdrWriter align(int n) {
        int pad = (n - (size % n)) % n;
        ensure(pad);
        size += pad;
        return this;
    }

    public NdrWriter u8(int v) {
        ensure(1);
        buf[size++] = (byte) v;
        return this;
    }

    public NdrWriter u16(int v) {
        ensure(2);
        buf[size++] = (byte) v;
        buf[size++] = (byte) (v >>> 8);
        return this;
    }

    public NdrWriter u32(int v) {
        ensure(4);
        for (int i = 0; i < 4; i++) {
            buf[size++] = (byte) (v >>> (8 * i));
        }
        return this;
    }

    public NdrWriter u64(long v) {
        return u32((int) v).u32((int) (v >>> 32));
    }

    public NdrWriter bytes(byte[] v) {
        ensure(v.length);
        System.arraycopy(v, 0, buf, size, v.length);
        size += v.length;
        return this;
    }

    /** Overwrites 4 bytes already written (a length known only later). */
    public NdrWriter patchU32(int at, int v) {
        if (at < 0 || at > size - 4) {
            throw new IndexOutOfBoundsException(at);
        }
        for (int i = 0; i < 4; i++) {
            buf[at + i] = (byte) (v >>> (8 * i));
        }
        return this;
    }

    /** Writes a referent id (the next one) for a present pointee, 0 for NULL. */
    public NdrWriter pointer(boolean present) {
        align(4);
        if (present) {
            u32(nextReferent);
            nextReferent += 4;
        } else {
            u32(0);
        }
        return this;
    }

    public static byte[] utf16(String s) {
        return s.getBytes(StandardCharsets.UTF_16LE);
    }

    /** The RPC_UNICODE_STRING itself: Length, MaximumLength (equal: no terminator) and a non-NULL pointer. */
    public NdrWriter unicodeStringHeader(String s) {
        // Every UTF-16 unit becomes two bytes (an unpaired surrogate becomes '?', also one unit): no need to encode
        // the string twice.
        int length = 2 * s.length();
        align(4).u16(length).u16(length);
        return pointer(true);
    }

    /** The deferred buffer of an RPC_UNICODE_STRING: MaxCount, Offset 0, ActualCount, the UTF-16LE units. */
    public NdrWriter unicodeStringBody(String s) {
        byte[] b = utf16(s);
        align(4).u32(b.length / 2).u32(0).u32(b.length / 2);
        return bytes(b);
    }

    /** An RPC_SID: its conformance (the sub-authority count), then the binary SID. */
    public NdrWriter rpcSid(Sid sid) {
        align(4).u32(sid.subAuthorityCount());
        return bytes(sid.toBytes());
    }

    public byte[] toBytes() {
        return Arrays.copyOf(buf, size);
    }
}
