package org.openlsa.krb5.der;

import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.BERTags;

/**
 * Reads the fields of a Kerberos SEQUENCE, where every field is {@code [n] EXPLICIT} (RFC 4120 5.2: the module is
 * EXPLICIT TAGS). Fields must appear in strictly increasing tag order, as DER requires; fields with tags the
 * caller does not ask for are skipped, so later extensions of a structure still decode (MIT's decoder likewise
 * treats every SEQUENCE as extensible).
 */
final class Fields {
    private final ASN1Sequence sequence;
    private final What what;
    private int next;
    private int lastTag = -1;

    private Fields(ASN1Sequence sequence, What what) {
        this.sequence = sequence;
        this.what = what;
    }

    static Fields of(ASN1Primitive value, What what) throws KrbDecodeException {
        return new Fields(Der.sequence(value, what), what);
    }

    /** The value of field [tag]; fails if it is absent. */
    ASN1Primitive required(int tag, String name) throws KrbDecodeException {
        ASN1Primitive v = find(tag, name);
        if (v == null) {
            throw new KrbDecodeException(what + ": the required field " + name + " [" + tag + "] is missing");
        }
        return v;
    }

    /** The value of field [tag], or null if it is absent. */
    ASN1Primitive optional(int tag, String name) throws KrbDecodeException {
        return find(tag, name);
    }

    /** Checks the order and form of any fields after the last one asked for. */
    void end() throws KrbDecodeException {
        find(Integer.MAX_VALUE, "(extension)");
    }

    private ASN1Primitive find(int tag, String name) throws KrbDecodeException {
        while (next < sequence.size()) {
            ASN1Primitive e = sequence.getObjectAt(next).toASN1Primitive();
            if (!(e instanceof ASN1TaggedObject t) || t.getTagClass() != BERTags.CONTEXT_SPECIFIC) {
                throw new KrbDecodeException(what + ": element " + next + " is " + Der.describe(e)
                        + ", not a context-tagged field");
            }
            int n = t.getTagNo();
            if (n <= lastTag) {
                throw new KrbDecodeException(what + ": field [" + n + "] after [" + lastTag
                        + "]; fields must be in increasing tag order");
            }
            if (n > tag) {
                return null;
            }
            next++;
            lastTag = n;
            if (!t.isExplicit()) {
                // The description is built only here: every field of every message passes this point.
                Der.explicitBase(t, what.then(n == tag ? name : "field"));
            }
            if (n == tag) {
                return t.getExplicitBaseObject().toASN1Primitive();
            }
            // n < tag: a field this decoder does not know; skipped.
        }
        return null;
    }
}
