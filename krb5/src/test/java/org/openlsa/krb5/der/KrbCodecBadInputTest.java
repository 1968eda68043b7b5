package org.openlsa.krb5.der;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.openlsa.krb5.AsReq;
import org.openlsa.krb5.Bytes;
import org.openlsa.krb5.EncKdcRepPart;
import org.openlsa.krb5.EncryptionKey;
import org.openlsa.krb5.KdcOptions;
import org.openlsa.krb5.KdcReqBody;
import org.openlsa.krb5.KerberosTime;
import org.openlsa.krb5.LastReq;
import org.openlsa.krb5.PrincipalName;
import org.openlsa.krb5.TgsReq;
import org.openlsa.krb5.TicketFlags;

/** Malformed, hostile and merely unusual encodings: what fails with KrbDecodeException and what is tolerated. */
class KrbCodecBadInputTest {

    private static final HexFormat HEX = HexFormat.of();

    static final List<String> CAPTURES = List.of(MitCaptures.ALL);

    // ---- DER building blocks for hand-made inputs ----

    private static byte[] tlv(int identifier, byte[]... contents) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] c : contents) {
            content.writeBytes(c);
        }
        int n = content.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(identifier);
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n);
        }
        out.writeBytes(content.toByteArray());
        return out.toByteArray();
    }

    private static byte[] field(int tag, byte[] value) {
        return tlv(0xA0 | tag, value);
    }

    private static byte[] integer(String hex) {
        return tlv(0x02, HEX.parseHex(hex));
    }

    private static byte[] generalString(byte[] octets) {
        return tlv(0x1B, octets);
    }

    private static byte[] time(String s) {
        return tlv(0x18, s.getBytes(StandardCharsets.US_ASCII));
    }

    /** A minimal KDC-REQ-BODY: kdc-options, realm, till, nonce, etype. */
    private static byte[] body(byte[] options, byte[] nonce) {
        return tlv(0x30, field(0, options), field(2, generalString("TEST.LOCAL".getBytes(StandardCharsets.US_ASCII))),
                field(5, time("20370913024805Z")), field(7, nonce), field(8, tlv(0x30, integer("12"))));
    }

    private static byte[] asReq(byte[] pvno, byte[] msgType, byte[] body) {
        return tlv(0x6A, tlv(0x30, field(1, pvno), field(2, msgType), field(4, body)));
    }

    private static byte[] asReq(byte[] body) {
        return asReq(integer("05"), integer("0a"), body);
    }

    private static final byte[] FLAGS_32 = tlv(0x03, HEX.parseHex("0040000000"));

    // ---- truncation and framing ----

    @ParameterizedTest
    @FieldSource("CAPTURES")
    void everyTruncationFails(String name) {
        byte[] der = MitCaptures.read(name);
        for (int length = 0; length < der.length; length++) {
            byte[] cut = Arrays.copyOf(der, length);
            assertThrows(KrbDecodeException.class, () -> decodeByTag(cut), name + " cut to " + length);
        }
    }

    @Test
    void everyTruncationOfTheAsReqFailsInEveryDecoder() {
        byte[] der = MitCaptures.read("as-req-no-preauth.der");
        for (int length = 0; length < der.length; length++) {
            byte[] cut = Arrays.copyOf(der, length);
            assertThrows(KrbDecodeException.class, () -> KrbCodec.decodeAsReq(cut));
            assertThrows(KrbDecodeException.class, () -> KrbCodec.decodeKdcReq(cut));
        }
    }

    private static Object decodeByTag(byte[] der) throws KrbDecodeException {
        return switch (KrbCodec.applicationTag(der)) {
            case 10 -> KrbCodec.decodeAsReq(der);
            case 12 -> KrbCodec.decodeTgsReq(der);
            case 11, 13 -> KrbCodec.decodeKdcRep(der);
            default -> KrbCodec.decodeKrbError(der);
        };
    }

    @Test
    void trailingOctetsFail() {
        byte[] der = MitCaptures.read("as-req-no-preauth.der");
        byte[] longer = Arrays.copyOf(der, der.length + 1);
        KrbDecodeException e = assertThrows(KrbDecodeException.class, () -> KrbCodec.decodeAsReq(longer));
        assertTrue(e.getMessage().contains("after the end"), e.getMessage());
    }

    @Test
    void wrongApplicationTagFails() {
        byte[] der = MitCaptures.read("as-req-no-preauth.der");
        byte[] asTgs = der.clone();
        asTgs[0] = 0x6C; // [APPLICATION 12] around an AS-REQ: msg-type 10 no longer matches
        assertThrows(KrbDecodeException.class, () -> KrbCodec.decodeTgsReq(asTgs));
        assertThrows(KrbDecodeException.class, () -> KrbCodec.decodeAsReq(asTgs));
        assertThrows(KrbDecodeException.class, () -> KrbCodec.decodeKrbError(der));
        assertThrows(KrbDecodeException.class, () -> KrbCodec.decodeKdcRep(der));
        assertThrows(KrbDecodeException.class, () -> KrbCodec.decodeTicket(der));
        byte[] universal = der.clone();
        universal[0] = 0x30;
        assertThrows(KrbDecodeException.class, () -> KrbCodec.decodeAsReq(universal));
        assertThrows(KrbDecodeException.class, () -> KrbCodec.decodeKdcReq(universal));
    }

    @Test
    void wrongPvnoOrMsgTypeFails() {
        byte[] body = body(FLAGS_32, integer("01"));
        assertThrows(KrbDecodeException.class, () -> KrbCodec.decodeAsReq(asReq(integer("04"), integer("0a"), body)));
        assertThrows(KrbDecodeException.class, () -> KrbCodec.decodeAsReq(asReq(integer("05"), integer("0c"), body)));
    }

    @Test
    void applicationTagReadsOnlyTheFirstOctet() {
        assertEquals(10, KrbCodec.applicationTag(new byte[] {0x6A}));
        assertEquals(30, KrbCodec.applicationTag(new byte[] {0x7E, 0x00}));
        assertEquals(-1, KrbCodec.applicationTag(new byte[0]));
        assertEquals(-1, KrbCodec.applicationTag(new byte[] {0x30, 0x00})); // SEQUENCE
        assertEquals(-1, KrbCodec.applicationTag(new byte[] {(byte) 0xA0, 0x00})); // context tag
        assertEquals(-1, KrbCodec.applicationTag(new byte[] {0x4A, 0x00})); // primitive
        assertEquals(-1, KrbCodec.applicationTag(new byte[] {0x7F, 0x21, 0x00})); // high tag number form
    }

    // ---- resource limits ----

    @Test
    void deepNestingFailsWithoutOverflowingTheStack() {
        // 400 000 nested indefinite-length SEQUENCEs: 800 000 octets, well under the 1 MiB cap.
        int depth = 400_000;
        byte[] der = new byte[depth * 2];
        for (int i = 0; i < depth; i++) {
            der[2 * i] = 0x30;
            der[2 * i + 1] = (byte) 0x80;
        }
        KrbDecodeException e = assertThrows(KrbDecodeException.class, () -> KrbCodec.decodeAsReq(der));
        assertTrue(e.getMessage().contains("nested deeper"), e.getMessage());
        // 40 definite-length levels also exceed the limit of 32.
        byte[] definite = integer("05");
        for (int i = 0; i < 40; i++) {
            definite = tlv(0x30, definite);
        }
        byte[] deep = definite;
        assertThrows(KrbDecodeException.class, () -> KrbCodec.decodeMethodData(deep));
    }

    @Test
    void hugeDeclaredLengthFailsWithoutAllocating() {
        byte[] der = HEX.parseHex("6a847ffffff0300102");
        KrbDecodeException e = assertThrows(KrbDecodeException.class, () -> KrbCodec.decodeAsReq(der));
        assertTrue(e.getMessage().contains("runs past"), e.getMessage());
        assertThrows(KrbDecodeException.class, () -> KrbCodec.decodeAsReq(HEX.parseHex("6a85010000000000")));
    }

    @Test
    void oversizedInputFails() {
        byte[] der = new byte[KrbCodec.MAX_ENCODING_BYTES + 1];
        KrbDecodeException e = assertThrows(KrbDecodeException.class, () -> KrbCodec.decodeKrbCred(der));
        assertTrue(e.getMessage().contains("limit"), e.getMessage());
    }

    @Test
    void emptyInputFails() {
        assertThrows(KrbDecodeException.class, () -> KrbCodec.decodeApReq(new byte[0]));
        assertThrows(KrbDecodeException.class, () -> KrbCodec.decodeKdcReq(new byte[0]));
    }

    // ---- integers ----

    @Test
    void nonceOfTwoToThe32MinusOneRoundTrips() throws KrbDecodeException {
        KdcReqBody body = KrbCodec.decodeKdcReqBody(body(FLAGS_32, integer("01")));
        KdcReqBody max = new KdcReqBody(body.kdcOptions(), body.cname(), body.realm(), body.sname(), body.from(),
                body.till(), body.rtime(), 0xFFFF_FFFFL, body.etype(), body.addresses(),
                body.encAuthorizationData(), body.additionalTickets());
        AsReq req = KrbCodec.asReq(List.of(), max);
        byte[] der = KrbCodec.encode(req);
        // Encoded unsigned: 02 05 00 ff ff ff ff.
        assertTrue(HEX.formatHex(der).contains("a707020500ffffffff"), HEX.formatHex(der));
        assertEquals(0xFFFF_FFFFL, KrbCodec.decodeAsReq(der).reqBody().nonce());
        assertEquals(req, KrbCodec.decodeAsReq(der));
    }

    @Test
    void negativeNonceIsReadAsUnsigned() throws KrbDecodeException {
        assertEquals(0xFFFF_FFFFL, KrbCodec.decodeAsReq(asReq(body(FLAGS_32, integer("ff")))).reqBody().nonce());
        assertEquals(0x8000_0000L,
                KrbCodec.decodeAsReq(asReq(body(FLAGS_32, integer("80000000")))).reqBody().nonce());
        assertEquals(0x8000_0000L,
                KrbCodec.decodeAsReq(asReq(body(FLAGS_32, integer("0080000000")))).reqBody().nonce());
    }

    @Test
    void nonceOutsideUInt32AndInt32Fails() {
        assertThrows(KrbDecodeException.class, () -> KrbCodec.decodeAsReq(asReq(body(FLAGS_32,
                integer("0100000000"))))); // 2^32
        assertThrows(KrbDecodeException.class, () -> KrbCodec.decodeAsReq(asReq(body(FLAGS_32,
                integer("ff7fffffff"))))); // -2^31 - 1
    }

    @Test
    void int32OutOfRangeFails() {
        byte[] etypeTooBig = tlv(0x30, field(0, FLAGS_32), field(2, generalString("R".getBytes())),
                field(5, time("20370913024805Z")), field(7, integer("01")),
                field(8, tlv(0x30, integer("0080000000"))));
        assertThrows(KrbDecodeException.class, () -> KrbCodec.decodeKdcReqBody(etypeTooBig));
    }

    @Test
    void nonMinimalIntegerFails() {
        assertThrows(KrbDecodeException.class, () -> KrbCodec.decodeAsReq(asReq(body(FLAGS_32, integer("0001")))));
    }

    // ---- flags ----

    @Test
    void shortAndLongBitStringsAreTolerated() throws KrbDecodeException {
        // 8 bits: forwardable (bit 1) set, the rest missing and taken as clear.
        KdcOptions shortOptions = KrbCodec.decodeAsReq(asReq(body(tlv(0x03, HEX.parseHex("0040")), integer("01"))))
                .reqBody().kdcOptions();
        assertEquals(KdcOptions.of(KdcOptions.FORWARDABLE), shortOptions);
        // 0 bits.
        assertEquals(KdcOptions.NONE, KrbCodec.decodeAsReq(asReq(body(tlv(0x03, HEX.parseHex("00")),
                integer("01")))).reqBody().kdcOptions());
        // 40 bits: the fifth octet is beyond the 32 kept.
        assertEquals(KdcOptions.of(KdcOptions.VALIDATE), KrbCodec.decodeAsReq(asReq(body(
                tlv(0x03, HEX.parseHex("0000000001ff")), integer("01")))).reqBody().kdcOptions());
        // 7 bits with an unused-bits count of 1; the padding bit is ignored.
        assertEquals(KdcOptions.of(KdcOptions.FORWARDABLE), KrbCodec.decodeAsReq(asReq(body(
                tlv(0x03, HEX.parseHex("0141")), integer("01")))).reqBody().kdcOptions());
    }

    @Test
    void flagsAreEncodedAs32BitsMostSignificantFirst() {
        byte[] der = KrbCodec.encode(new KdcReqBody(
                KdcOptions.of(KdcOptions.FORWARDABLE, KdcOptions.RENEWABLE, KdcOptions.CANONICALIZE), Optional.empty(),
                "R", Optional.empty(), Optional.empty(), KerberosTime.ofEpochSecond(0), Optional.empty(), 1,
                List.of(18), List.of(), Optional.empty(), List.of()));
        // kdc-options [0] BIT STRING, no unused bits, 40 81 00 00: bits 1, 8 and 15.
        assertTrue(HEX.formatHex(der).contains("a00703050040810000"), HEX.formatHex(der));
    }

    // ---- strings and times ----

    @Test
    void eightBitGeneralStringsDecodeLeniently() throws KrbDecodeException {
        byte[] latin1 = tlv(0x30, field(0, integer("01")), field(1, tlv(0x30,
                generalString(new byte[] {'j', 'o', 's', (byte) 0xE9}))));
        byte[] utf8 = tlv(0x30, field(0, integer("01")), field(1, tlv(0x30,
                generalString("josé".getBytes(StandardCharsets.UTF_8)))));
        // Through a Ticket, the smallest message holding a PrincipalName.
        PrincipalName latin = KrbCodec.decodeTicket(ticket(latin1)).sname();
        assertEquals("jos\uFFFD", latin.nameString().getFirst());
        assertEquals("josé", KrbCodec.decodeTicket(ticket(utf8)).sname().nameString().getFirst());
    }

    private static byte[] ticket(byte[] sname) {
        return tlv(0x61, tlv(0x30, field(0, integer("05")), field(1, generalString("R".getBytes())), field(2, sname),
                field(3, tlv(0x30, field(0, integer("12")), field(2, tlv(0x04, new byte[] {1, 2, 3}))))));
    }

    @Test
    void malformedTimesFail() {
        for (String t : List.of("20261121221835.5Z", "202611212218Z", "20261321221835Z", "20261121221835+0100",
                "2026112122183xZ", "20260230000000Z", "00000101000000Z")) {
            byte[] der = asReq(tlv(0x30, field(0, FLAGS_32), field(2, generalString("R".getBytes())),
                    field(5, time(t)), field(7, integer("01")), field(8, tlv(0x30, integer("12")))));
            assertThrows(KrbDecodeException.class, () -> KrbCodec.decodeAsReq(der), t);
        }
    }

    /**
     * An error names the path to the bad field, built only when it is thrown (What): the message, the nested field
     * and the element of a SEQUENCE OF.
     */
    @Test
    void errorsNameThePathToTheBadField() {
        // etype [8] whose third element is an OCTET STRING, not an INTEGER.
        byte[] body = tlv(0x30, field(0, FLAGS_32), field(2, generalString("R".getBytes())),
                field(5, time("20370913024805Z")), field(7, integer("01")),
                field(8, tlv(0x30, integer("12"), integer("11"), tlv(0x04, new byte[] {1}))));
        KrbDecodeException e = assertThrows(KrbDecodeException.class, () -> KrbCodec.decodeKdcReqBody(body));
        assertTrue(e.getMessage().startsWith("KDC-REQ-BODY etype[2]: "), e.getMessage());
        // The same body inside an AS-REQ: the path starts at the message.
        KrbDecodeException inRequest = assertThrows(KrbDecodeException.class, () -> KrbCodec.decodeAsReq(asReq(body)));
        assertTrue(inRequest.getMessage().startsWith("AS-REQ req-body etype[2]: "), inRequest.getMessage());
        assertEquals("A b[3] c", What.of("A").then("b").at(3).then("c").toString());
    }

    // ---- tags ----

    @Test
    void implicitOrMissingFieldsFail() {
        // till [5] as a primitive (IMPLICIT) GeneralizedTime.
        byte[] implicitTill = tlv(0x30, field(0, FLAGS_32), field(2, generalString("R".getBytes())),
                tlv(0x85, "20370913024805Z".getBytes(StandardCharsets.US_ASCII)), field(7, integer("01")),
                field(8, tlv(0x30, integer("12"))));
        assertThrows(KrbDecodeException.class, () -> KrbCodec.decodeKdcReqBody(implicitTill));
        // till [5] missing.
        byte[] noTill = tlv(0x30, field(0, FLAGS_32), field(2, generalString("R".getBytes())),
                field(7, integer("01")), field(8, tlv(0x30, integer("12"))));
        KrbDecodeException e = assertThrows(KrbDecodeException.class, () -> KrbCodec.decodeKdcReqBody(noTill));
        assertTrue(e.getMessage().contains("till"), e.getMessage());
        // [5] holding two elements.
        byte[] twoInOne = tlv(0x30, field(0, FLAGS_32), field(2, generalString("R".getBytes())),
                tlv(0xA5, time("20370913024805Z"), time("20370913024805Z")), field(7, integer("01")),
                field(8, tlv(0x30, integer("12"))));
        assertThrows(KrbDecodeException.class, () -> KrbCodec.decodeKdcReqBody(twoInOne));
    }

    @Test
    void fieldsOutOfOrderFail() {
        byte[] swapped = tlv(0x30, field(0, FLAGS_32), field(5, time("20370913024805Z")),
                field(2, generalString("R".getBytes())), field(7, integer("01")), field(8, tlv(0x30, integer("12"))));
        assertThrows(KrbDecodeException.class, () -> KrbCodec.decodeKdcReqBody(swapped));
        byte[] repeated = tlv(0x30, field(0, FLAGS_32), field(0, FLAGS_32), field(2, generalString("R".getBytes())),
                field(5, time("20370913024805Z")), field(7, integer("01")), field(8, tlv(0x30, integer("12"))));
        assertThrows(KrbDecodeException.class, () -> KrbCodec.decodeKdcReqBody(repeated));
    }

    @Test
    void unknownExtensionFieldsAreSkipped() throws KrbDecodeException {
        byte[] plain = body(FLAGS_32, integer("01"));
        byte[] extended = tlv(0x30, field(0, FLAGS_32), field(2, generalString("TEST.LOCAL".getBytes())),
                field(5, time("20370913024805Z")), field(7, integer("01")), field(8, tlv(0x30, integer("12"))),
                field(20, tlv(0x04, new byte[] {9})));
        assertEquals(KrbCodec.decodeKdcReqBody(plain), KrbCodec.decodeKdcReqBody(extended));
        // The received body keeps the extension: a checksum over it must cover what the client sent.
        byte[] received = KrbCodec.decodeAsReq(asReq(extended)).encodedReqBody().toByteArray();
        assertArrayEquals(extended, received);
    }

    // ---- the received req-body ----

    @Test
    void receivedBodyKeepsANonCanonicalEncoding() throws KrbDecodeException {
        byte[] realm = "TEST.LOCAL".getBytes(StandardCharsets.US_ASCII);
        byte[] canonical = body(FLAGS_32, integer("01"));
        // The same body with the realm's length in long form (1b 81 0a ...): valid BER, not DER.
        byte[] longFormRealm = new byte[3 + realm.length];
        longFormRealm[0] = 0x1B;
        longFormRealm[1] = (byte) 0x81;
        longFormRealm[2] = (byte) realm.length;
        System.arraycopy(realm, 0, longFormRealm, 3, realm.length);
        byte[] nonCanonical = tlv(0x30, field(0, FLAGS_32), field(2, longFormRealm),
                field(5, time("20370913024805Z")), field(7, integer("01")), field(8, tlv(0x30, integer("12"))));
        AsReq req = KrbCodec.decodeAsReq(asReq(nonCanonical));
        assertEquals(KrbCodec.decodeKdcReqBody(canonical), req.reqBody());
        // The checksum input is what was received, not the canonical re-encoding...
        assertArrayEquals(nonCanonical, req.encodedReqBody().toByteArray());
        // ...and re-encoding the request writes it back verbatim.
        assertArrayEquals(asReq(nonCanonical), KrbCodec.encode(req));
    }

    @Test
    void encodeRefusesABodyThatDoesNotMatch() throws KrbDecodeException {
        AsReq req = KrbCodec.decodeAsReq(MitCaptures.read("as-req-no-preauth.der"));
        AsReq other = KrbCodec.decodeAsReq(MitCaptures.read("as-req-keytab.der"));
        AsReq mixed = new AsReq(req.padata(), req.reqBody(), other.encodedReqBody());
        assertThrows(IllegalArgumentException.class, () -> KrbCodec.encode(mixed));
        AsReq garbage = new AsReq(req.padata(), req.reqBody(), Bytes.fromHex("3000ff"));
        assertThrows(IllegalArgumentException.class, () -> KrbCodec.encode(garbage));
        TgsReq fine = KrbCodec.tgsReq(req.padata(), req.reqBody());
        assertEquals(fine, KrbCodec.decodeTgsReq(KrbCodec.encode(fine)));
    }

    // ---- EncKDCRepPart tags ----

    @Test
    void encKdcRepPartAcceptsBothTagsAndNothingElse() throws KrbDecodeException {
        EncKdcRepPart part = new EncKdcRepPart(new EncryptionKey(18, Bytes.of(new byte[32])),
                LastReq.of(new org.openlsa.krb5.LastReqEntry(0, KerberosTime.ofEpochSecond(0))), 0x7FFF_FFFFL,
                Optional.empty(), TicketFlags.of(TicketFlags.INITIAL, TicketFlags.PRE_AUTHENT),
                KerberosTime.ofEpochSecond(1_800_000_000L), Optional.empty(),
                KerberosTime.ofEpochSecond(1_800_036_000L), Optional.empty(), "TEST.LOCAL",
                PrincipalName.krbtgt("TEST.LOCAL"), List.of(), List.of());
        byte[] as = KrbCodec.encode(part, EncKdcRepPart.ENC_AS_REP_PART);
        byte[] tgs = KrbCodec.encode(part, EncKdcRepPart.ENC_TGS_REP_PART);
        assertEquals(0x79, as[0] & 0xFF);
        assertEquals(0x7A, tgs[0] & 0xFF);
        assertEquals(part, KrbCodec.decodeEncKdcRepPart(as));
        assertEquals(part, KrbCodec.decodeEncKdcRepPart(tgs));
        byte[] other = as.clone();
        other[0] = 0x7B; // [APPLICATION 27]
        assertThrows(KrbDecodeException.class, () -> KrbCodec.decodeEncKdcRepPart(other));
        assertThrows(IllegalArgumentException.class, () -> KrbCodec.encode(part, 27));
    }

    @Test
    void microsecondsOutOfRangeFail() {
        byte[] ts = tlv(0x30, field(0, time("20261121221835Z")), field(1, integer("0f4240"))); // 1 000 000
        assertThrows(KrbDecodeException.class, () -> KrbCodec.decodePaEncTsEnc(ts));
        byte[] ok = tlv(0x30, field(0, time("20261121221835Z")), field(1, integer("0f423f"))); // 999 999
        assertEquals(OptionalInt.of(999_999), assertDoesNotThrowDecode(ok));
    }

    private static OptionalInt assertDoesNotThrowDecode(byte[] der) {
        try {
            return KrbCodec.decodePaEncTsEnc(der).pausec();
        } catch (KrbDecodeException e) {
            throw new AssertionError(e);
        }
    }
}
