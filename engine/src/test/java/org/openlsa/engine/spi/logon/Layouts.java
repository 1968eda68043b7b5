package org.openlsa.engine.spi.logon;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.openlsa.crypto.SecretBytes;

/** Helpers for the shared structure tests: building raw buffers by hand. */
final class Layouts {
    private Layouts() {}

    static byte[] utf16(String s) {
        return s.getBytes(StandardCharsets.UTF_16LE);
    }

    static SecretBytes secret(String s) {
        return SecretBytes.copyOf(utf16(s));
    }

    static ByteBuffer le(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** A plain copy of an encoded structure (test passwords only), the secret closed. */
    static byte[] plain(SecretBytes encoded) {
        try (encoded) {
            return encoded.copyBytes();
        }
    }

    /** Writes a UNICODE_STRING descriptor (64-bit layout) at {@code at}. */
    static void descriptor(byte[] buf, int at, int length, int maximumLength, long bufferOffset) {
        le(buf).putShort(at, (short) length).putShort(at + 2, (short) maximumLength).putLong(at + 8, bufferOffset);
    }
}
