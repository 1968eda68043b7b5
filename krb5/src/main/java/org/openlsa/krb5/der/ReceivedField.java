package org.openlsa.krb5.der;

import java.io.IOException;
import org.openlsa.core.der.DerReader;

/**
 * Finds the octets of one field's value exactly as received, for the checksums computed over an encoding: the
 * KDC-REQ req-body (RFC 4120 7.2.2; MIT's KDC checks the authenticator checksum over the req-body it received) and
 * the PA-S4U-X509-USER user-id (MS-SFU 2.2.2). Re-encoding the decoded value would give different octets whenever
 * the peer's encoder differs from ours in any permitted way.
 *
 * <p>A walk over the headers of the outer structure with core's {@link DerReader} in its definite-length BER mode.
 * Called only on input the object decoder has already accepted; it needs definite lengths (RFC 4120 requires DER)
 * but, like that decoder, takes long-form lengths that are not minimal, and refuses an indefinite-length encoding,
 * whose received octets no checksum could be computed over the way the client computed it.
 */
final class ReceivedField {
    private ReceivedField() {}

    /** Deeper than the walk goes (application tag, SEQUENCE, field). */
    private static final int MAX_DEPTH = 3;

    /**
     * The encoding of the value of {@code [tag] EXPLICIT} in the outermost SEQUENCE of {@code der}, which is wrapped
     * in {@code [APPLICATION applicationTag]} unless {@code applicationTag} is negative.
     */
    static byte[] explicitField(byte[] der, int applicationTag, int tag) throws IOException {
        DerReader<IOException> r = DerReader.overDefiniteBer(der, MAX_DEPTH, "received encoding", IOException::new);
        if (applicationTag >= 0) {
            r = r.readConstructed(0x60 | applicationTag, "[APPLICATION " + applicationTag + "]");
        }
        DerReader<IOException> sequence = r.readConstructed(0x30, "SEQUENCE");
        while (sequence.hasMore()) {
            int identifier = sequence.peekTag();
            if (identifier == (0xA0 | tag)) {
                return sequence.readContents(identifier, "[" + tag + "]");
            }
            sequence.skip(identifier, "field");
        }
        throw new IOException("no field [" + tag + "]");
    }
}
