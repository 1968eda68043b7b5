package org.openlsa.krb5.der;

import java.io.IOException;
import java.util.Arrays;

/**
 * Finds the octets of one field's value exactly as received, for the checksums computed over an encoding: the
 * KDC-REQ req-body (RFC 4120 7.2.2; MIT's KDC checks the authenticator checksum over the req-body it received) and
 * the PA-S4U-X509-USER user-id (MS-SFU 2.2.2). Re-encoding the decoded value would give different octets whenever
 * the peer's encoder differs from ours in any permitted way.
 *
 * <p>A walk by index over the headers of the outer structure. Called only on input the object decoder has already
 * accepted; it needs definite lengths (RFC 4120 requires DER), and refuses an indefinite-length encoding, whose
 * received octets no checksum could be computed over the way the client computed it.
 */
final class ReceivedField {
    private ReceivedField() {}

    /**
     * The encoding of the value of {@code [tag] EXPLICIT} in the outermost SEQUENCE of {@code der}, which is wrapped
     * in {@code [APPLICATION applicationTag]} unless {@code applicationTag} is negative.
     */
    static byte[] explicitField(byte[] der, int applicationTag, int tag) throws IOException {
        int[] tlv = new int[2]; // content start, content end
        int pos = 0;
        if (applicationTag >= 0) {
            header(der, pos, der.length, 0x60 | applicationTag, tlv);
            pos = tlv[0];
        }
        header(der, pos, der.length, 0x30, tlv);
        int end = tlv[1];
        pos = tlv[0];
        while (pos < end) {
            int identifier = der[pos] & 0xFF;
            header(der, pos, end, identifier, tlv);
            if (identifier == (0xA0 | tag)) {
                return Arrays.copyOfRange(der, tlv[0], tlv[1]);
            }
            pos = tlv[1];
        }
        throw new IOException("no field [" + tag + "]");
    }

    /** Reads the header at {@code pos}, which must have {@code identifier}: content start and end into out. */
    private static void header(byte[] b, int pos, int limit, int identifier, int[] out) throws IOException {
        if (pos + 2 > limit) {
            throw new IOException("truncated header at " + pos);
        }
        if ((b[pos] & 0xFF) != identifier || (identifier & 0x1F) == 0x1F) {
            throw new IOException("unexpected identifier " + (b[pos] & 0xFF) + " at " + pos);
        }
        int p = pos + 1;
        int first = b[p++] & 0xFF;
        long length;
        if (first < 0x80) {
            length = first;
        } else if (first == 0x80) {
            throw new IOException("indefinite length at " + pos + "; RFC 4120 requires DER");
        } else {
            int n = first & 0x7F;
            if (n > 4 || p + n > limit) {
                throw new IOException("bad length at " + pos);
            }
            length = 0;
            for (int i = 0; i < n; i++) {
                length = (length << 8) | (b[p++] & 0xFF);
            }
        }
        if (length > limit - p) {
            throw new IOException("length past the end at " + pos);
        }
        out[0] = p;
        out[1] = (int) (p + length);
    }
}
