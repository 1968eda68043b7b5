package org.openlsa.krb5.der;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1Boolean;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1GeneralString;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERGeneralString;
import org.bouncycastle.asn1.DERGeneralizedTime;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.openlsa.krb5.Bytes;
import org.openlsa.krb5.KerberosTime;

/**
 * The primitives of the Kerberos ASN.1 module (RFC 4120 5.2) over Bouncy Castle, in both directions, and the one
 * entry point through which every decoder parses bytes ({@link #decode}). Readers take a parsed value and the
 * field's name (for the exception message); writers return Bouncy Castle objects that the structure codecs
 * assemble into DER.
 */
final class Der {
    private Der() {}

    /** Deeper than any Kerberos message (a TGS-REQ with additional tickets nests 11 constructed levels). */
    static final int MAX_DEPTH = 32;

    private static final long UINT32_MAX = 0xFFFF_FFFFL;
    private static final int ENCODE_BUFFER = 1024;
    private static final BigInteger INT32_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger UINT32_MAX_BIG = BigInteger.valueOf(UINT32_MAX);

    /** The body of a decoder: from the parsed outer value to the record. */
    @FunctionalInterface
    interface Reader<T> {
        T read(ASN1Primitive value) throws KrbDecodeException;
    }

    /**
     * Parses {@code der} (one complete element, no trailing octets, at most {@link KrbCodec#MAX_ENCODING_BYTES}) and
     * hands it to {@code reader}. {@link DerParser} parses plain DER; anything else goes to Bouncy Castle's stream
     * parser. Whatever goes wrong, in Bouncy Castle or in a record's constructor, leaves as a
     * {@link KrbDecodeException} naming {@code what}.
     */
    static <T> T decode(byte[] der, String what, Reader<T> reader) throws KrbDecodeException {
        if (der.length > KrbCodec.MAX_ENCODING_BYTES) {
            throw new KrbDecodeException(what + ": " + der.length + " bytes, the limit is "
                    + KrbCodec.MAX_ENCODING_BYTES);
        }
        if (der.length == 0) {
            throw new KrbDecodeException(what + ": no bytes");
        }
        NestingGuard.check(der, MAX_DEPTH, what);
        ASN1Primitive fast = DerParser.parse(der);
        if (fast != null) {
            try {
                return reader.read(fast);
            } catch (IllegalArgumentException | IllegalStateException | ArithmeticException | DateTimeException e) {
                throw new KrbDecodeException(what + ": " + e.getMessage(), e);
            }
        }
        try (ASN1InputStream in = new ASN1InputStream(der)) {
            ASN1Primitive value = in.readObject();
            if (value == null) {
                throw new KrbDecodeException(what + ": no element");
            }
            if (in.available() > 0) {
                throw new KrbDecodeException(what + ": " + in.available() + " octets after the end of the element");
            }
            return reader.read(value);
        } catch (IOException | IllegalArgumentException | IllegalStateException | ArithmeticException
                | DateTimeException e) {
            // Bouncy Castle's parse failures (IOException, ASN1ParsingException, IllegalStateException for a tag
            // that is not explicit) and our records' constructor checks (IllegalArgumentException).
            throw new KrbDecodeException(what + ": " + e.getMessage(), e);
        }
    }

    // ---- reading ----

    /** The SEQUENCE inside {@code [APPLICATION tag] EXPLICIT}. */
    static ASN1Primitive application(ASN1Primitive value, int tag, What what) throws KrbDecodeException {
        if (!(value instanceof ASN1TaggedObject t) || t.getTagClass() != BERTags.APPLICATION) {
            throw new KrbDecodeException(what + ": expected [APPLICATION " + tag + "], got " + describe(value));
        }
        if (t.getTagNo() != tag) {
            throw new KrbDecodeException(what + ": expected [APPLICATION " + tag + "], got [APPLICATION "
                    + t.getTagNo() + "]");
        }
        return explicitBase(t, what);
    }

    static ASN1Primitive explicitBase(ASN1TaggedObject t, What what) throws KrbDecodeException {
        if (!t.isExplicit()) {
            throw new KrbDecodeException(what + ": tag [" + t.getTagNo() + "] must hold exactly one element");
        }
        return t.getExplicitBaseObject().toASN1Primitive();
    }

    static ASN1Sequence sequence(ASN1Primitive value, What what) throws KrbDecodeException {
        if (!(value instanceof ASN1Sequence s)) {
            throw new KrbDecodeException(what + ": expected a SEQUENCE, got " + describe(value));
        }
        return s;
    }

    /** The elements of a SEQUENCE OF. */
    static List<ASN1Primitive> sequenceOf(ASN1Primitive value, What what) throws KrbDecodeException {
        ASN1Sequence s = sequence(value, what);
        List<ASN1Primitive> out = new ArrayList<>(s.size());
        for (ASN1Encodable e : s) {
            out.add(e.toASN1Primitive());
        }
        return out;
    }

    private static BigInteger integer(ASN1Primitive value, What what) throws KrbDecodeException {
        if (!(value instanceof ASN1Integer i)) {
            throw new KrbDecodeException(what + ": expected an INTEGER, got " + describe(value));
        }
        return i.getValue();
    }

    /** Int32 ::= INTEGER (-2147483648..2147483647). */
    static int int32(ASN1Primitive value, What what) throws KrbDecodeException {
        BigInteger v = integer(value, what);
        if (v.bitLength() > 31) {
            throw new KrbDecodeException(what + ": " + v + " is not an Int32");
        }
        return v.intValue();
    }

    /**
     * UInt32 ::= INTEGER (0..4294967295). A negative Int32 is taken as its unsigned 32-bit pattern: old
     * implementations encoded nonces, sequence numbers and kvnos as signed, and MIT's decoder accepts them too.
     */
    static long uint32(ASN1Primitive value, What what) throws KrbDecodeException {
        BigInteger v = integer(value, what);
        if (v.compareTo(INT32_MIN) < 0 || v.compareTo(UINT32_MAX_BIG) > 0) {
            throw new KrbDecodeException(what + ": " + v + " is not a UInt32");
        }
        return v.longValue() & UINT32_MAX;
    }

    /** An INTEGER that must have one value, as pvno (5) and msg-type. */
    static void expectInteger(ASN1Primitive value, int expected, What what) throws KrbDecodeException {
        BigInteger v = integer(value, what);
        if (!v.equals(BigInteger.valueOf(expected))) {
            throw new KrbDecodeException(what + ": expected " + expected + ", got " + v);
        }
    }

    /**
     * KerberosString ::= GeneralString (IA5String). Read as UTF-8, leniently (malformed sequences become U+FFFD):
     * Windows and MIT put UTF-8 and, in old data, Latin-1 octets there, and a name must not make the message fail.
     */
    static String string(ASN1Primitive value, What what) throws KrbDecodeException {
        if (!(value instanceof ASN1GeneralString s)) {
            throw new KrbDecodeException(what + ": expected a GeneralString, got " + describe(value));
        }
        return new String(s.getOctets(), StandardCharsets.UTF_8);
    }

    /** KerberosTime ::= GeneralizedTime -- with no fractional seconds, "YYYYMMDDHHMMSSZ" (RFC 4120 5.2.3). */
    static KerberosTime time(ASN1Primitive value, What what) throws KrbDecodeException {
        if (!(value instanceof ASN1GeneralizedTime t)) {
            throw new KrbDecodeException(what + ": expected a GeneralizedTime, got " + describe(value));
        }
        String s = t.getTimeString();
        if (s.length() != 15 || s.charAt(14) != 'Z') {
            throw new KrbDecodeException(what + ": \"" + s + "\" is not YYYYMMDDHHMMSSZ");
        }
        for (int i = 0; i < 14; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                throw new KrbDecodeException(what + ": \"" + s + "\" is not YYYYMMDDHHMMSSZ");
            }
        }
        try {
            LocalDateTime local = LocalDateTime.of(digits(s, 0, 4), digits(s, 4, 6), digits(s, 6, 8),
                    digits(s, 8, 10), digits(s, 10, 12), digits(s, 12, 14));
            return new KerberosTime(local.toInstant(ZoneOffset.UTC));
        } catch (DateTimeException | IllegalArgumentException e) {
            throw new KrbDecodeException(what + ": \"" + s + "\" is not a valid time: " + e.getMessage(), e);
        }
    }

    private static int digits(String s, int from, int to) {
        return Integer.parseInt(s, from, to, 10);
    }

    static Bytes octets(ASN1Primitive value, What what) throws KrbDecodeException {
        if (!(value instanceof ASN1OctetString o)) {
            throw new KrbDecodeException(what + ": expected an OCTET STRING, got " + describe(value));
        }
        return Bytes.of(o.getOctets());
    }

    /**
     * KerberosFlags ::= BIT STRING (SIZE (32..MAX)), the first 32 bits as an int (bit 0 = most significant). Shorter
     * strings are accepted with the missing bits clear, longer ones are cut, as MIT does.
     */
    static int flags(ASN1Primitive value, What what) throws KrbDecodeException {
        if (!(value instanceof ASN1BitString b)) {
            throw new KrbDecodeException(what + ": expected a BIT STRING, got " + describe(value));
        }
        byte[] bytes = b.getBytes(); // unused trailing bits already cleared
        int bits = 0;
        for (int i = 0; i < 4; i++) {
            bits = (bits << 8) | (i < bytes.length ? bytes[i] & 0xFF : 0);
        }
        return bits;
    }

    static boolean bool(ASN1Primitive value, What what) throws KrbDecodeException {
        if (!(value instanceof ASN1Boolean b)) {
            throw new KrbDecodeException(what + ": expected a BOOLEAN, got " + describe(value));
        }
        return b.isTrue();
    }

    static String describe(ASN1Primitive value) {
        if (value instanceof ASN1TaggedObject t) {
            return switch (t.getTagClass()) {
                case BERTags.APPLICATION -> "[APPLICATION " + t.getTagNo() + "]";
                case BERTags.CONTEXT_SPECIFIC -> "[" + t.getTagNo() + "]";
                default -> "[PRIVATE " + t.getTagNo() + "]";
            };
        }
        return value.getClass().getSimpleName();
    }

    // ---- writing ----

    static ASN1Integer int32(int value) {
        return new ASN1Integer(value);
    }

    /** Always the unsigned value (a nonce of 2^32-1 is 5 octets, 00 FF FF FF FF). */
    static ASN1Integer uint32(long value) {
        return new ASN1Integer(value & UINT32_MAX);
    }

    /** The UTF-8 octets in a GeneralString (DERGeneralString maps each char to one octet, hence the Latin-1 step). */
    static DERGeneralString string(String value) {
        return new DERGeneralString(new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
    }

    /**
     * "YYYYMMDDHHMMSSZ" written digit by digit into the content octets: Bouncy Castle's String constructor
     * re-parses the text with a SimpleDateFormat to validate it, which cost a tenth of a TGS exchange.
     */
    static DERGeneralizedTime time(KerberosTime value) {
        // KerberosTime keeps years within 0001..9999, so four digits always suffice.
        LocalDateTime t = LocalDateTime.ofEpochSecond(value.instant().getEpochSecond(), 0, ZoneOffset.UTC);
        byte[] c = new byte[15];
        digits(c, 0, t.getYear(), 4);
        digits(c, 4, t.getMonthValue(), 2);
        digits(c, 6, t.getDayOfMonth(), 2);
        digits(c, 8, t.getHour(), 2);
        digits(c, 10, t.getMinute(), 2);
        digits(c, 12, t.getSecond(), 2);
        c[14] = 'Z';
        return new DERGeneralizedTime(c);
    }

    private static void digits(byte[] out, int off, int value, int width) {
        for (int i = off + width - 1; i >= off; i--) {
            out[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    static DEROctetString octets(Bytes value) {
        return new DEROctetString(value.toByteArray());
    }

    /** Exactly 32 bits (RFC 4120 5.2.8: "no fewer than 32"), no unused bits. */
    static DERBitString flags(int bits) {
        return new DERBitString(new byte[] {(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8),
                (byte) bits}, 0);
    }

    static ASN1Boolean bool(boolean value) {
        return ASN1Boolean.getInstance(value);
    }

    static DERSequence sequenceOf(List<? extends ASN1Encodable> elements) {
        return new DERSequence(elements.toArray(new ASN1Encodable[0]));
    }

    static DERTaggedObject application(int tag, ASN1Encodable value) {
        return new DERTaggedObject(true, BERTags.APPLICATION, tag, value);
    }

    /**
     * The DER of {@code value}. Written into a {@link Buffer}: getEncoded's ByteArrayOutputStream starts from 32
     * bytes, grows by copying, and takes a lock for each of the octets Bouncy Castle writes one at a time.
     */
    static byte[] encode(ASN1Encodable value) {
        try {
            Buffer out = new Buffer();
            value.toASN1Primitive().encodeTo(out, ASN1Encoding.DER);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("DER encoding in memory failed", e);
        }
    }

    /** An unsynchronized growable byte sink, sized for a typical Kerberos message. */
    private static final class Buffer extends java.io.OutputStream {
        private byte[] bytes = new byte[ENCODE_BUFFER];
        private int size;

        private void room(int n) {
            if (size + n > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + n));
            }
        }

        @Override
        public void write(int b) {
            room(1);
            bytes[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            room(len);
            System.arraycopy(b, off, bytes, size, len);
            size += len;
        }

        byte[] toByteArray() {
            return java.util.Arrays.copyOf(bytes, size);
        }
    }

    /** The DER of {@code [tag] EXPLICIT value}. */
    static byte[] field(int tag, ASN1Encodable value) {
        return encode(new DERTaggedObject(true, tag, value));
    }

    /** Builds a SEQUENCE of EXPLICIT context-tagged fields; absent (null) optional fields are skipped. */
    static final class Seq {
        private final ASN1EncodableVector fields = new ASN1EncodableVector();

        Seq add(int tag, ASN1Encodable value) {
            if (value != null) {
                fields.add(new DERTaggedObject(true, tag, value));
            }
            return this;
        }

        DERSequence toSequence() {
            return new DERSequence(fields);
        }
    }
}
