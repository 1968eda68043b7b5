package org.openlsa.ipc;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.openlsa.core.NtStatus;
import org.openlsa.core.Sid;

/**
 * Appends the field types of docs/ipc.md ("Conventions"), little-endian. Bodies may hold passwords: every buffer
 * the writer outgrows is zeroed, and {@link #toByteArray()} zeroes the writer's buffer after copying it out.
 */
final class BodyWriter {
    private byte[] buf = new byte[64];
    private int size;

    private void ensure(int n) {
        if (n > buf.length - size) {
            int want = Math.max(buf.length * 2, Math.addExact(size, n));
            byte[] grown = Arrays.copyOf(buf, want);
            Arrays.fill(buf, (byte) 0);
            buf = grown;
        }
    }

    BodyWriter u8(int v) {
        ensure(1);
        buf[size++] = (byte) v;
        return this;
    }

    BodyWriter u16(int v) {
        ensure(2);
        buf[size++] = (byte) v;
        buf[size++] = (byte) (v >>> 8);
        return this;
    }

    BodyWriter u32(int v) {
        ensure(4);
        for (int i = 0; i < 4; i++) {
            buf[size++] = (byte) (v >>> (8 * i));
        }
        return this;
    }

    BodyWriter u64(long v) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            buf[size++] = (byte) (v >>> (8 * i));
        }
        return this;
    }

    BodyWriter bool(boolean v) {
        return u8(v ? 1 : 0);
    }

    BodyWriter status(NtStatus s) {
        return u32(s.code());
    }

    /** {@code bytes}: u32 count, then the bytes. */
    BodyWriter bytes(byte[] b) {
        u32(b.length);
        return raw(b);
    }

    /** Bytes without a count (fixed-size fields such as the TOKEN_SOURCE name). */
    BodyWriter raw(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, size, b.length);
        size += b.length;
        return this;
    }

    /** {@code string}: u32 byte count, then UTF-8. Unpaired surrogates cannot be encoded and are refused. */
    BodyWriter string(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("string with an unpaired surrogate at index " + i);
            }
        }
        return bytes(utf8);
    }

    /** {@code sid}: u8 byte count, then the binary SID (MS-DTYP 2.4.2.2). */
    BodyWriter sid(Sid sid) {
        byte[] b = sid.toBytes();
        u8(b.length);
        return raw(b);
    }

    int size() {
        return size;
    }

    /** The body; the writer's own buffer is zeroed and must not be used again. */
    byte[] toByteArray() {
        byte[] out = Arrays.copyOf(buf, size);
        Arrays.fill(buf, (byte) 0);
        size = 0;
        return out;
    }
}
