package org.openlsa.core.der;

import java.io.ByteArrayOutputStream;

/**
 * Writes DER elements (X.690 10): a single-byte identifier and a definite length in its shortest form. The
 * counterpart of {@link DerReader}, and the way a codec writes octets verbatim inside an encoding (a received
 * Kerberos req-body) that an object model could not embed.
 */
public final class DerWriter {
    private DerWriter() {}

    /** The element {@code identifier || length || contents...}. */
    public static byte[] element(int identifier, byte[]... contents) {
        int length = 0;
        for (byte[] c : contents) {
            length += c.length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 6);
        out.write(identifier);
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
