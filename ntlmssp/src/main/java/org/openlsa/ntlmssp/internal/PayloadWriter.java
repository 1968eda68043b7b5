package org.openlsa.ntlmssp.internal;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Writes one NTLMSSP message: a zeroed fixed header of known size followed by the payload fields in the order they
 * are added, each described by {@code Len | MaxLen (= Len) | BufferOffset} in the header. The counterpart of
 * {@link PayloadReader}.
 */
public final class PayloadWriter {
    /** The largest payload field: Len is a 16-bit count. */
    public static final int MAX_FIELD_BYTES = 0xFFFF;

    private final byte[] header;
    private final ByteArrayOutputStream payload = new ByteArrayOutputStream();

    public PayloadWriter(int headerSize) {
        this.header = new byte[headerSize];
    }

    public PayloadWriter u16(int offset, int v) {
        header[offset] = (byte) v;
        header[offset + 1] = (byte) (v >>> 8);
        return this;
    }

    public PayloadWriter u32(int offset, int v) {
        return u16(offset, v).u16(offset + 2, v >>> 16);
    }

    public PayloadWriter bytes(int offset, byte[] v) {
        System.arraycopy(v, 0, header, offset, v.length);
        return this;
    }

    /** Appends {@code data} to the payload and fills the descriptor at {@code descriptorOffset}. */
    public PayloadWriter field(int descriptorOffset, byte[] data) {
        if (data.length > MAX_FIELD_BYTES) {
            throw new IllegalArgumentException("a payload field holds at most 65535 bytes, not " + data.length);
        }
        int offset = header.length + payload.size();
        u16(descriptorOffset, data.length).u16(descriptorOffset + 2, data.length).u32(descriptorOffset + 4, offset);
        payload.writeBytes(data);
        return this;
    }

    public byte[] toBytes() {
        byte[] out = Arrays.copyOf(header, header.length + payload.size());
        byte[] tail = payload.toByteArray();
        System.arraycopy(tail, 0, out, header.length, tail.length);
        return out;
    }
}
