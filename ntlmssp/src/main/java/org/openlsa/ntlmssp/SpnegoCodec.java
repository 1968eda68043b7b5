package org.openlsa.ntlmssp;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.openlsa.core.LsaException;
import org.openlsa.core.der.DerReader;
import org.openlsa.core.der.DerWriter;
import org.openlsa.ntlmssp.internal.Bytes;

/**
 * The DER codec of SPNEGO tokens (RFC 4178 4.2, explicit tags). The initiator's first token is framed as a GSS-API
 * InitialContextToken (RFC 2743 3.1):
 *
 * <pre>
 * InitialContextToken ::= [APPLICATION 0] IMPLICIT SEQUENCE {
 *     thisMech            MechType,            -- 1.3.6.1.5.5.2, SPNEGO
 *     innerContextToken   NegotiationToken }
 * NegotiationToken ::= CHOICE {
 *     negTokenInit   [0] NegTokenInit,
 *     negTokenResp   [1] NegTokenResp }
 * </pre>
 *
 * while every later token, both ways, is a bare {@code [1] NegTokenResp}. {@link #decode} takes any of them (and a
 * bare {@code [0] NegTokenInit}); {@link #encode(NegTokenInit)} writes the framed form and
 * {@link #encode(NegTokenResp)} the bare one.
 *
 * <p>The reader is core's strict DER reader ({@link DerReader}), bounded and limited to {@link #MAX_DEPTH} levels
 * (it parses one fixed schema); elements out of order, unknown elements, trailing bytes, indefinite or non-minimal
 * lengths, non-minimal OID arcs and an empty mechTypes are all {@code LsaException(INVALID_PARAMETER)}, and nothing
 * else escapes. Being canonical, the DER of a decoded
 * mechTypes re-encodes byte for byte, which is what a mechListMIC is computed over ({@link #encodeMechTypeList}).
 */
public final class SpnegoCodec {
    private SpnegoCodec() {}

    /** The SPNEGO mechanism, 1.3.6.1.5.5.2: thisMech of the InitialContextToken. */
    public static final MechType SPNEGO = new MechType("1.3.6.1.5.5.2");

    /** Deeper than any SPNEGO token nests (GSS framing, choice, sequence, tag, sequence of OIDs is 5). */
    public static final int MAX_DEPTH = 8;

    /** More mechanisms than any initiator offers; the bound keeps a hostile list small. */
    public static final int MAX_MECH_TYPES = 32;
    /** The longest OID contents accepted (real mechanism OIDs take 6 to 10 bytes). */
    public static final int MAX_OID_BYTES = 64;

    private static final int APPLICATION_0 = 0x60;
    private static final int SEQUENCE = 0x30;
    private static final int OBJECT_IDENTIFIER = 0x06;
    private static final int OCTET_STRING = 0x04;
    private static final int BIT_STRING = 0x03;
    private static final int ENUMERATED = 0x0A;

    private static int context(int n) {
        return 0xA0 | n;
    }

    // ---- decoding ----

    /** Any SPNEGO token: a framed InitialContextToken, a bare NegTokenInit or a NegTokenResp. */
    public static NegotiationToken decode(byte[] token) throws LsaException {
        DerReader<LsaException> top = DerReader.over(token, MAX_DEPTH, "SPNEGO token", Bytes::invalid);
        NegotiationToken result;
        switch (top.peekTag()) {
            case APPLICATION_0 -> {
                DerReader<LsaException> framed = top.readConstructed(APPLICATION_0, "InitialContextToken");
                MechType thisMech = readOid(framed, "thisMech");
                if (!thisMech.equals(SPNEGO)) {
                    throw Bytes.invalid("SPNEGO token: thisMech is " + thisMech + ", not SPNEGO " + SPNEGO);
                }
                result = readNegTokenInit(framed);
                framed.requireEnd("innerContextToken");
            }
            case 0xA0 -> result = readNegTokenInit(top);
            case 0xA1 -> result = readNegTokenResp(top);
            default -> throw Bytes.invalid("SPNEGO token: expected an InitialContextToken (0x60), negTokenInit (0xa0)"
                    + " or negTokenResp (0xa1), found tag " + (top.peekTag() < 0 ? "none" : "0x"
                    + Integer.toHexString(top.peekTag())));
        }
        top.requireEnd("the token");
        return result;
    }

    /** The initiator's first token; anything else is INVALID_PARAMETER. */
    public static NegTokenInit decodeNegTokenInit(byte[] token) throws LsaException {
        if (decode(token) instanceof NegTokenInit init) {
            return init;
        }
        throw Bytes.invalid("SPNEGO token: expected a NegTokenInit, got a NegTokenResp");
    }

    /** A later token; anything else is INVALID_PARAMETER. */
    public static NegTokenResp decodeNegTokenResp(byte[] token) throws LsaException {
        if (decode(token) instanceof NegTokenResp resp) {
            return resp;
        }
        throw Bytes.invalid("SPNEGO token: expected a NegTokenResp, got a NegTokenInit");
    }

    private static NegTokenInit readNegTokenInit(DerReader<LsaException> outer) throws LsaException {
        DerReader<LsaException> choice = outer.readConstructed(context(0), "negTokenInit");
        DerReader<LsaException> seq = choice.readConstructed(SEQUENCE, "NegTokenInit");
        choice.requireEnd("NegTokenInit");

        DerReader<LsaException> mechTypesTag = seq.readConstructed(context(0), "mechTypes");
        DerReader<LsaException> list = mechTypesTag.readConstructed(SEQUENCE, "MechTypeList");
        mechTypesTag.requireEnd("MechTypeList");
        List<MechType> mechTypes = new ArrayList<>();
        while (list.hasMore()) {
            if (mechTypes.size() == MAX_MECH_TYPES) {
                throw Bytes.invalid("SPNEGO token: more than " + MAX_MECH_TYPES + " mechTypes");
            }
            mechTypes.add(readOid(list, "MechType"));
        }
        if (mechTypes.isEmpty()) {
            throw Bytes.invalid("SPNEGO token: mechTypes is empty");
        }
        Optional<Set<ContextFlag>> reqFlags = Optional.empty();
        if (seq.peekTag() == context(1)) {
            DerReader<LsaException> tag = seq.readConstructed(context(1), "reqFlags");
            reqFlags = Optional.of(decodeContextFlags(tag.readContents(BIT_STRING, "ContextFlags")));
            tag.requireEnd("reqFlags");
        }
        Optional<byte[]> mechToken = readOptionalOctets(seq, 2, "mechToken");
        Optional<byte[]> mechListMIC = readOptionalOctets(seq, 3, "mechListMIC");
        seq.requireEnd("NegTokenInit");
        return new NegTokenInit(mechTypes, reqFlags, mechToken, mechListMIC);
    }

    private static NegTokenResp readNegTokenResp(DerReader<LsaException> outer) throws LsaException {
        DerReader<LsaException> choice = outer.readConstructed(context(1), "negTokenResp");
        DerReader<LsaException> seq = choice.readConstructed(SEQUENCE, "NegTokenResp");
        choice.requireEnd("NegTokenResp");

        Optional<NegState> negState = Optional.empty();
        if (seq.peekTag() == context(0)) {
            DerReader<LsaException> tag = seq.readConstructed(context(0), "negState");
            byte[] v = tag.readContents(ENUMERATED, "negState");
            tag.requireEnd("negState");
            // DER INTEGER contents are minimal, so 0..3 is exactly one byte.
            if (v.length != 1 || v[0] < 0 || v[0] >= NegState.values().length) {
                throw Bytes.invalid("SPNEGO token: negState must be one byte 0..3, got " + Bytes.hex(v));
            }
            negState = Optional.of(NegState.values()[v[0]]);
        }
        Optional<MechType> supportedMech = Optional.empty();
        if (seq.peekTag() == context(1)) {
            DerReader<LsaException> tag = seq.readConstructed(context(1), "supportedMech");
            supportedMech = Optional.of(readOid(tag, "supportedMech"));
            tag.requireEnd("supportedMech");
        }
        Optional<byte[]> responseToken = readOptionalOctets(seq, 2, "responseToken");
        Optional<byte[]> mechListMIC = readOptionalOctets(seq, 3, "mechListMIC");
        seq.requireEnd("NegTokenResp");
        return new NegTokenResp(negState, supportedMech, responseToken, mechListMIC);
    }

    private static Optional<byte[]> readOptionalOctets(DerReader<LsaException> seq, int n, String field) throws LsaException {
        if (seq.peekTag() != context(n)) {
            return Optional.empty();
        }
        DerReader<LsaException> tag = seq.readConstructed(context(n), field);
        byte[] octets = tag.readContents(OCTET_STRING, field);
        tag.requireEnd(field);
        return Optional.of(octets);
    }

    /** OBJECT IDENTIFIER contents (X.690 8.19): base-128 arcs, minimal, the first two folded into one. */
    private static MechType readOid(DerReader<LsaException> r, String field) throws LsaException {
        byte[] c = r.readContents(OBJECT_IDENTIFIER, field);
        if (c.length == 0 || c.length > MAX_OID_BYTES) {
            throw Bytes.invalid("SPNEGO token: " + field + " OID of " + c.length + " bytes (1.." + MAX_OID_BYTES + ")");
        }
        StringBuilder dotted = new StringBuilder();
        int i = 0;
        boolean first = true;
        while (i < c.length) {
            if ((c[i] & 0xFF) == 0x80) {
                throw Bytes.invalid("SPNEGO token: " + field + " OID arc has a leading 0x80 (not minimal)");
            }
            long arc = 0;
            int b;
            do {
                if (i == c.length) {
                    throw Bytes.invalid("SPNEGO token: " + field + " OID ends inside an arc");
                }
                if (arc > (Long.MAX_VALUE >>> 7)) {
                    throw Bytes.invalid("SPNEGO token: " + field + " OID arc does not fit in 63 bits");
                }
                b = c[i++] & 0xFF;
                arc = arc << 7 | (b & 0x7F);
            } while ((b & 0x80) != 0);
            if (first) {
                int top = arc < 40 ? 0 : arc < 80 ? 1 : 2;
                dotted.append(top).append('.').append(arc - 40L * top);
                first = false;
            } else {
                dotted.append('.').append(arc);
            }
        }
        return new MechType(dotted.toString());
    }

    /**
     * ContextFlags BIT STRING contents: an unused-bits count (0..7) and the bits, delegFlag first. reqFlags is
     * advisory (RFC 4178 4.2.1), so beyond that count only the seven named bits are read and the rest ignored,
     * which keeps initiators that pad the string working.
     */
    private static Set<ContextFlag> decodeContextFlags(byte[] c) throws LsaException {
        if (c.length == 0 || c[0] < 0 || c[0] > 7 || (c.length == 1 && c[0] != 0)) {
            throw Bytes.invalid("SPNEGO token: malformed ContextFlags BIT STRING " + Bytes.hex(c));
        }
        Set<ContextFlag> flags = EnumSet.noneOf(ContextFlag.class);
        if (c.length > 1) {
            for (ContextFlag f : ContextFlag.values()) {
                if ((c[1] & (0x80 >>> f.ordinal())) != 0) {
                    flags.add(f);
                }
            }
        }
        return flags;
    }

    // ---- encoding ----

    /** The framed InitialContextToken carrying {@code init}: the initiator's first token. */
    public static byte[] encode(NegTokenInit init) {
        List<byte[]> fields = new ArrayList<>();
        fields.add(DerWriter.element(context(0), encodeMechTypeList(init.mechTypes())));
        init.reqFlags().ifPresent(f -> fields.add(
                DerWriter.element(context(1), DerWriter.element(BIT_STRING, encodeContextFlags(f)))));
        init.mechToken().ifPresent(t -> fields.add(octets(2, t)));
        init.mechListMIC().ifPresent(m -> fields.add(octets(3, m)));
        byte[] negTokenInit = DerWriter.element(context(0), DerWriter.element(SEQUENCE, fields.toArray(byte[][]::new)));
        return DerWriter.element(APPLICATION_0, encodeOid(SPNEGO), negTokenInit);
    }

    /** The bare {@code [1] NegTokenResp}: every token after the first, both ways. */
    public static byte[] encode(NegTokenResp resp) {
        List<byte[]> fields = new ArrayList<>();
        resp.negState().ifPresent(s -> fields.add(
                DerWriter.element(context(0), DerWriter.element(ENUMERATED, new byte[] {(byte) s.value()}))));
        resp.supportedMech().ifPresent(m -> fields.add(DerWriter.element(context(1), encodeOid(m))));
        resp.responseToken().ifPresent(t -> fields.add(octets(2, t)));
        resp.mechListMIC().ifPresent(m -> fields.add(octets(3, m)));
        return DerWriter.element(context(1), DerWriter.element(SEQUENCE, fields.toArray(byte[][]::new)));
    }

    /** {@code NegotiationToken} of either kind, as {@link #encode(NegTokenInit)} / {@link #encode(NegTokenResp)}. */
    public static byte[] encode(NegotiationToken token) {
        return switch (token) {
            case NegTokenInit init -> encode(init);
            case NegTokenResp resp -> encode(resp);
        };
    }

    /**
     * The DER of {@code MechTypeList ::= SEQUENCE OF MechType}: the input of the mechListMIC (RFC 4178 5), equal to
     * the bytes the initiator sent because the decoder accepts only canonical DER.
     */
    public static byte[] encodeMechTypeList(List<MechType> mechTypes) {
        return DerWriter.element(SEQUENCE, mechTypes.stream().map(SpnegoCodec::encodeOid).toArray(byte[][]::new));
    }

    private static byte[] octets(int n, byte[] contents) {
        return DerWriter.element(context(n), DerWriter.element(OCTET_STRING, contents));
    }

    private static byte[] encodeOid(MechType mech) {
        long[] arcs = mech.arcs();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeArc(out, arcs[0] * 40 + arcs[1]);
        for (int i = 2; i < arcs.length; i++) {
            writeArc(out, arcs[i]);
        }
        return DerWriter.element(OBJECT_IDENTIFIER, out.toByteArray());
    }

    private static void writeArc(ByteArrayOutputStream out, long arc) {
        int groups = Math.max(1, (64 - Long.numberOfLeadingZeros(arc) + 6) / 7);
        for (int g = groups - 1; g >= 0; g--) {
            int b = (int) (arc >>> (7 * g)) & 0x7F;
            out.write(g == 0 ? b : b | 0x80);
        }
    }

    /** DER named-bit list: trailing zero bits dropped, the unused-bits count saying how many. */
    private static byte[] encodeContextFlags(Set<ContextFlag> flags) {
        int b = 0;
        for (ContextFlag f : flags) {
            b |= 0x80 >>> f.ordinal();
        }
        return b == 0 ? new byte[] {0} : new byte[] {(byte) Integer.numberOfTrailingZeros(b), (byte) b};
    }
}
