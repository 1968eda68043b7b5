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

/**
 * A fast path in front of Bouncy Castle's {@code ASN1InputStream} for the encodings peers actually send: DER with
 * definite, minimal lengths and only the types Kerberos uses. It builds the same Bouncy Castle objects (equal under
 * {@code ASN1Primitive.equals}) straight from the array, where the stream parser reads every identifier and length
 * octet through one wrapper stream per level of nesting, which was a third of the CPU of a TGS request.
 *
 * <p>Anything else (indefinite lengths, long-form lengths that are not minimal, high tag numbers, constructed
 * strings, SET, primitive context tags, a tag holding other than exactly one element, malformed INTEGER, BOOLEAN or
 * BIT STRING contents, types Kerberos does not use) makes {@link #parse} return null, and the caller hands the whole
 * encoding to Bouncy Castle: what is accepted, and the message of what is refused, stay Bouncy Castle's. Called
 * after {@link NestingGuard#check}, so the recursion depth is bounded.
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

    /** The one element {@code der} holds, or null when the fast path does not handle this encoding. */
    static ASN1Primitive parse(byte[] der) {
        try {
            int[] pos = {0};
            ASN1Primitive value = element(der, pos, der.length);
            return pos[0] == der.length ? value : null;
        } catch (Unsupported e) {
            return null;
        }
    }

    private static ASN1Primitive element(byte[] b, int[] pos, int limit) throws Unsupported {
        int p = pos[0];
        if (p + 2 > limit) {
            throw Unsupported.INSTANCE;
        }
        int identifier = b[p++] & 0xFF;
        if ((identifier & 0x1F) == 0x1F) {
            throw Unsupported.INSTANCE; // high tag number form: Kerberos has none
        }
        int first = b[p++] & 0xFF;
        int length;
        if (first < 0x80) {
            length = first;
        } else {
            int n = first & 0x7F;
            if (n == 0 || n > 3 || p + n > limit || b[p] == 0) {
                throw Unsupported.INSTANCE; // indefinite, huge, or with a leading zero octet
            }
            length = 0;
            for (int i = 0; i < n; i++) {
                length = (length << 8) | (b[p++] & 0xFF);
            }
            if (length < 0x80) {
                throw Unsupported.INSTANCE; // long form where the short form fits: not DER
            }
        }
        if (length > limit - p) {
            throw Unsupported.INSTANCE;
        }
        int end = p + length;
        pos[0] = end;
        boolean constructed = (identifier & 0x20) != 0;
        int tagClass = identifier & 0xC0;
        int tagNo = identifier & 0x1F;
        if (tagClass == BERTags.UNIVERSAL) {
            return constructed ? constructedUniversal(b, p, end, tagNo) : primitive(b, p, end, tagNo);
        }
        if (!constructed) {
            throw Unsupported.INSTANCE;
        }
        int[] inner = {p};
        ASN1Primitive base = element(b, inner, end);
        if (inner[0] != end) {
            throw Unsupported.INSTANCE; // not exactly one element: not an EXPLICIT tag
        }
        return new DERTaggedObject(true, tagClass, tagNo, base);
    }

    private static ASN1Primitive constructedUniversal(byte[] b, int p, int end, int tagNo) throws Unsupported {
        if (tagNo != BERTags.SEQUENCE) {
            throw Unsupported.INSTANCE;
        }
        ASN1EncodableVector elements = new ASN1EncodableVector();
        int[] inner = {p};
        while (inner[0] < end) {
            elements.add(element(b, inner, end));
        }
        return new DERSequence(elements);
    }

    private static ASN1Primitive primitive(byte[] b, int p, int end, int tagNo) throws Unsupported {
        try {
            return primitiveValue(b, p, end, tagNo);
        } catch (IllegalArgumentException e) {
            throw Unsupported.INSTANCE; // contents a constructor refuses: Bouncy Castle's parser words the error
        }
    }

    private static ASN1Primitive primitiveValue(byte[] b, int p, int end, int tagNo) throws Unsupported {
        int length = end - p;
        switch (tagNo) {
            case BERTags.INTEGER -> {
                // The checks of ASN1Integer's constructor: at least one octet, no redundant leading octet.
                if (length == 0 || (length > 1 && (b[p] == 0 && b[p + 1] >= 0 || b[p] == -1 && b[p + 1] < 0))) {
                    throw Unsupported.INSTANCE;
                }
                return new ASN1Integer(Arrays.copyOfRange(b, p, end));
            }
            case BERTags.OCTET_STRING -> {
                return new DEROctetString(Arrays.copyOfRange(b, p, end));
            }
            case BERTags.GENERAL_STRING -> {
                // DERGeneralString stores one octet per char: Latin-1 maps each octet to the char of that value.
                return new DERGeneralString(new String(b, p, length, StandardCharsets.ISO_8859_1));
            }
            case BERTags.GENERALIZED_TIME -> {
                // Only KerberosTime's own form, YYYYMMDDHHMMSSZ; Bouncy Castle normalizes other forms when it
                // re-encodes them, and the readers refuse them anyway.
                if (length != 15 || b[end - 1] != 'Z') {
                    throw Unsupported.INSTANCE;
                }
                for (int i = p; i < end - 1; i++) {
                    if (b[i] < '0' || b[i] > '9') {
                        throw Unsupported.INSTANCE;
                    }
                }
                return new DERGeneralizedTime(Arrays.copyOfRange(b, p, end));
            }
            case BERTags.BIT_STRING -> {
                // Only whole octets (no unused bits), as KerberosFlags are sent.
                if (length < 1 || b[p] != 0) {
                    throw Unsupported.INSTANCE;
                }
                return new DERBitString(Arrays.copyOfRange(b, p + 1, end), 0);
            }
            case BERTags.BOOLEAN -> {
                if (length != 1 || (b[p] != 0 && b[p] != -1)) {
                    throw Unsupported.INSTANCE;
                }
                return ASN1Boolean.getInstance(b[p] != 0);
            }
            default -> throw Unsupported.INSTANCE;
        }
    }
}
