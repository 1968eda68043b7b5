package org.openlsa.krb5.der;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Boolean;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERGeneralString;
import org.bouncycastle.asn1.DERGeneralizedTime;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.openlsa.core.der.DerReader;

/**
 * A fast path in front of Bouncy Castle's {@code ASN1InputStream} for the encodings peers actually send: DER with
 * definite, minimal lengths and only the types Kerberos uses. It builds the same Bouncy Castle objects (equal under
 * {@code ASN1Primitive.equals}) straight from the array, where the stream parser reads every identifier and length
 * octet through one wrapper stream per level of nesting, which was a third of the CPU of a TGS request.
 *
 * <p>The TLV structure is read by core's strict {@link DerReader} (the one DER reader SPNEGO uses too); this class
 * only maps each element to its Bouncy Castle type. Anything else (indefinite lengths, long-form lengths that are not
 * minimal, high tag numbers, constructed strings, SET, primitive context tags, a tag holding other than exactly one
 * element, malformed INTEGER, BOOLEAN or BIT STRING contents, types Kerberos does not use) makes {@link #parse}
 * return null, and the caller hands the whole encoding to Bouncy Castle: what is accepted, and the message of what
 * is refused, stay Bouncy Castle's. Called after {@link NestingGuard#check}, so the recursion depth is bounded.
 */
final class DerParser {
    private DerParser() {}

    /** Gives up on this encoding; the caller falls back to Bouncy Castle. */
    private static final class Unsupported extends Exception {
        private static final Unsupported INSTANCE = new Unsupported();

        private Unsupported() {
            super(null, null, false, false);
        }
    }

    /** Every refusal of the reader is the same: not for the fast path. */
    private static Unsupported unsupported(String message) {
        return Unsupported.INSTANCE;
    }

    private static final int HIGH_TAG_NUMBER = 0x1F;

    /** The one element {@code der} holds, or null when the fast path does not handle this encoding. */
    static ASN1Primitive parse(byte[] der) {
        try {
            DerReader<Unsupported> r = DerReader.over(der, Der.MAX_DEPTH, "DER", DerParser::unsupported);
            ASN1Primitive value = element(r);
            return r.hasMore() ? null : value;
        } catch (Unsupported e) {
            return null;
        }
    }

    private static ASN1Primitive element(DerReader<Unsupported> r) throws Unsupported {
        int identifier = r.peekTag();
        if (identifier < 0 || (identifier & HIGH_TAG_NUMBER) == HIGH_TAG_NUMBER) {
            throw Unsupported.INSTANCE; // no element, or the high tag number form: Kerberos has none
        }
        boolean constructed = (identifier & 0x20) != 0;
        int tagClass = identifier & 0xC0;
        int tagNo = identifier & 0x1F;
        if (tagClass == BERTags.UNIVERSAL) {
            return constructed ? constructedUniversal(r.readConstructed(identifier, "SEQUENCE"), tagNo)
                    : primitive(r.readContents(identifier, "primitive"), tagNo);
        }
        if (!constructed) {
            throw Unsupported.INSTANCE;
        }
        DerReader<Unsupported> inner = r.readConstructed(identifier, "tag");
        ASN1Primitive base = element(inner);
        if (inner.hasMore()) {
            throw Unsupported.INSTANCE; // not exactly one element: not an EXPLICIT tag
        }
        return new DERTaggedObject(true, tagClass, tagNo, base);
    }

    private static ASN1Primitive constructedUniversal(DerReader<Unsupported> contents, int tagNo) throws Unsupported {
        if (tagNo != BERTags.SEQUENCE) {
            throw Unsupported.INSTANCE;
        }
        ASN1EncodableVector elements = new ASN1EncodableVector();
        while (contents.hasMore()) {
            elements.add(element(contents));
        }
        return new DERSequence(elements);
    }

    private static ASN1Primitive primitive(byte[] contents, int tagNo) throws Unsupported {
        try {
            return primitiveValue(contents, tagNo);
        } catch (IllegalArgumentException e) {
            throw Unsupported.INSTANCE; // contents a constructor refuses: Bouncy Castle's parser words the error
        }
    }

    private static ASN1Primitive primitiveValue(byte[] b, int tagNo) throws Unsupported {
        int length = b.length;
        switch (tagNo) {
            case BERTags.INTEGER -> {
                // The checks of ASN1Integer's constructor: at least one octet, no redundant leading octet.
                if (length == 0 || (length > 1 && (b[0] == 0 && b[1] >= 0 || b[0] == -1 && b[1] < 0))) {
                    throw Unsupported.INSTANCE;
                }
                return new ASN1Integer(b);
            }
            case BERTags.OCTET_STRING -> {
                return new DEROctetString(b);
            }
            case BERTags.GENERAL_STRING -> {
                // DERGeneralString stores one octet per char: Latin-1 maps each octet to the char of that value.
                return new DERGeneralString(new String(b, StandardCharsets.ISO_8859_1));
            }
            case BERTags.GENERALIZED_TIME -> {
                // Only KerberosTime's own form, YYYYMMDDHHMMSSZ; Bouncy Castle normalizes other forms when it
                // re-encodes them, and the readers refuse them anyway.
                if (length != 15 || b[length - 1] != 'Z') {
                    throw Unsupported.INSTANCE;
                }
                for (int i = 0; i < length - 1; i++) {
                    if (b[i] < '0' || b[i] > '9') {
                        throw Unsupported.INSTANCE;
                    }
                }
                return new DERGeneralizedTime(b);
            }
            case BERTags.BIT_STRING -> {
                // Only whole octets (no unused bits), as KerberosFlags are sent.
                if (length < 1 || b[0] != 0) {
                    throw Unsupported.INSTANCE;
                }
                return new DERBitString(Arrays.copyOfRange(b, 1, length), 0);
            }
            case BERTags.BOOLEAN -> {
                if (length != 1 || (b[0] != 0 && b[0] != -1)) {
                    throw Unsupported.INSTANCE;
                }
                return ASN1Boolean.getInstance(b[0] != 0);
            }
            default -> throw Unsupported.INSTANCE;
        }
    }
}
