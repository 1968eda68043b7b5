package org.openlsa.krb5.der;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1SequenceParser;
import org.bouncycastle.asn1.ASN1StreamParser;
import org.bouncycastle.asn1.ASN1TaggedObjectParser;
import org.bouncycastle.asn1.BERTags;

/**
 * Finds the octets of one field's value exactly as received, for the checksums computed over an encoding: the
 * KDC-REQ req-body (RFC 4120 7.2.2; MIT's KDC checks the authenticator checksum over the req-body it received) and
 * the PA-S4U-X509-USER user-id (MS-SFU 2.2.2). Re-encoding the decoded value would give different octets whenever
 * the peer's encoder differs from ours in any permitted way.
 *
 * <p>Bouncy Castle's stream parser reads headers lazily and byte by byte, so the position of the underlying
 * stream right after the field's [n] header is the start of its value, and after loading the value, its end.
 * Called only on input the object decoder has already accepted.
 */
final class ReceivedField {
    private ReceivedField() {}

    /** A ByteArrayInputStream that reports how far it has been read. */
    private static final class PositionStream extends ByteArrayInputStream {
        PositionStream(byte[] bytes) {
            super(bytes);
        }

        int position() {
            return pos;
        }
    }

    /**
     * The encoding of the value of {@code [tag] EXPLICIT} in the outermost SEQUENCE of {@code der}, which is wrapped
     * in {@code [APPLICATION applicationTag]} unless {@code applicationTag} is negative.
     */
    static byte[] explicitField(byte[] der, int applicationTag, int tag) throws IOException {
        PositionStream in = new PositionStream(der);
        ASN1Encodable outer = new ASN1StreamParser(in, der.length).readObject();
        if (applicationTag >= 0) {
            if (!(outer instanceof ASN1TaggedObjectParser app) || !app.hasTag(BERTags.APPLICATION, applicationTag)) {
                throw new IOException("not [APPLICATION " + applicationTag + "]");
            }
            outer = app.parseExplicitBaseObject();
        }
        if (!(outer instanceof ASN1SequenceParser sequence)) {
            throw new IOException("not a SEQUENCE");
        }
        for (ASN1Encodable e = sequence.readObject(); e != null; e = sequence.readObject()) {
            if (e instanceof ASN1TaggedObjectParser field && field.hasContextTag(tag)) {
                int start = in.position();
                field.parseExplicitBaseObject().toASN1Primitive(); // loads the value to its last octet
                return Arrays.copyOfRange(der, start, in.position());
            }
            e.toASN1Primitive(); // skips an earlier field
        }
        throw new IOException("no field [" + tag + "]");
    }
}
