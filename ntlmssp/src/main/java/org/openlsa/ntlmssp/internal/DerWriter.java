package org.openlsa.ntlmssp.internal;

import java.io.ByteArrayOutputStream;

/** Writes DER elements (X.690 10): definite lengths in their shortest form. The counterpart of {@link DerReader}. */
public final class DerWriter {
    private DerWriter() {}

    /** The element {@code tag || length || contents...}. */
    public static byte[] element(int tag, byte[]... contents) {
        int length = 0;
        for (byte[] c : contents) {
            length += c.length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 6);
        out.write(tag);
        if (length < 0x80) {
            out.write(length);
        } else {
            int count = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | count);
            for (int i = count - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        for (byte[] c : contents) {
            out.writeBytes(c);
        }
        return out.toByteArray();
    }
}
