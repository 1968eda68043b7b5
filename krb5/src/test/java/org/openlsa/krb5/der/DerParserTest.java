package org.openlsa.krb5.der;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Primitive;
import org.junit.jupiter.api.Test;
import org.openlsa.krb5.Authenticator;
import org.openlsa.krb5.EncTicketPart;
import org.openlsa.krb5.KdcRep;
import org.openlsa.krb5.KrbError;
import org.openlsa.krb5.KdcReqBody;
import org.openlsa.krb5.PaData;

/**
 * The DER fast path builds what Bouncy Castle's stream parser builds, and declines (returns null, so Bouncy Castle
 * decides) everything that is not plain DER of the types Kerberos uses.
 */
class DerParserTest {

    /** What the fast path must satisfy for any input: declined, or equal to Bouncy Castle and re-encoding to it. */
    static void assertAgreesWithBouncyCastle(byte[] der) {
        ASN1Primitive fast = DerParser.parse(der);
        if (fast == null) {
            return;
        }
        ASN1Primitive reference;
        try (ASN1InputStream in = new ASN1InputStream(der)) {
            reference = in.readObject();
            assertEquals(0, in.available(), "the fast path accepted trailing octets");
        } catch (IOException | RuntimeException e) {
            throw new AssertionError("fast path accepted what Bouncy Castle refuses: "
                    + HexFormat.of().formatHex(der), e);
        }
        assertEquals(reference, fast);
        try {
            // It only takes DER, and DER re-encodes to itself.
            assertArrayEquals(der, fast.getEncoded(ASN1Encoding.DER));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Provide Arbitrary<KdcReqBody> reqBodies() { return KrbArbitraries.reqBodies(); }
    @Provide Arbitrary<List<PaData>> padataLists() { return KrbArbitraries.lists(KrbArbitraries.padata()); }

    @Property
    void everyMessageWeEncodeTakesTheFastPath(@ForAll("padataLists") List<PaData> padata,
                                              @ForAll("reqBodies") KdcReqBody body) {
        byte[] der = KrbCodec.encode(KrbCodec.asReq(padata, body));
        assertNotNull(DerParser.parse(der));
        assertAgreesWithBouncyCastle(der);
    }

    @Provide Arbitrary<KdcRep> kdcReps() { return KrbArbitraries.kdcReps(); }
    @Provide Arbitrary<EncTicketPart> encTicketParts() { return KrbArbitraries.encTicketParts(); }
    @Provide Arbitrary<Authenticator> authenticators() { return KrbArbitraries.authenticators(); }
    @Provide Arbitrary<KrbError> krbErrors() { return KrbArbitraries.krbErrors(); }

    @Property
    void repliesTicketsAuthenticatorsAndErrorsTakeTheFastPath(@ForAll("kdcReps") KdcRep rep,
            @ForAll("encTicketParts") EncTicketPart part, @ForAll("authenticators") Authenticator auth,
            @ForAll("krbErrors") KrbError error) {
        for (byte[] der : List.of(KrbCodec.encode(rep), KrbCodec.encode(part), KrbCodec.encode(auth),
                KrbCodec.encode(error))) {
            assertNotNull(DerParser.parse(der));
            assertAgreesWithBouncyCastle(der);
        }
    }

    @Test
    void mitCapturesTakeTheFastPath() throws Exception {
        Path dir = Path.of(DerParserTest.class.getResource("mit").toURI());
        int checked = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".der")).toList()) {
                byte[] der = Files.readAllBytes(f);
                assertNotNull(DerParser.parse(der), f.getFileName().toString());
                assertAgreesWithBouncyCastle(der);
                checked++;
            }
        }
        assertEquals(true, checked > 0, "no MIT captures found");
    }

    @Test
    void declinesWhatIsNotPlainDer() {
        for (String hex : List.of(
                "3080020105" + "0000",   // indefinite length
                "30810302010a",          // long-form length where the short form fits
                "3003" + "020100" + "00", // trailing octet
                "a0020500",              // NULL: a type Kerberos does not use
                "a000",                  // a tag holding no element
                "a006020101020102",      // a tag holding two elements
                "80020101",              // a primitive context tag (IMPLICIT)
                "3103020101",            // SET
                "24030401ff",            // constructed OCTET STRING (BER)
                "02020001",              // INTEGER with a redundant leading zero
                "0200",                  // empty INTEGER
                "030207c0",              // BIT STRING with unused bits
                "010105",                // BOOLEAN neither 00 nor FF
                "1f2201ff",              // high tag number
                "1803323032",            // GeneralizedTime Bouncy Castle refuses (too short)
                "3005020101")) {         // length past the end
            byte[] der = HexFormat.of().parseHex(hex);
            assertNull(DerParser.parse(der), hex);
        }
    }

    @Test
    void buildsTheTypesKerberosUses() {
        String time = HexFormat.of().formatHex("20261122000000Z".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        for (String hex : List.of("020105", "0201ff", "0203010000", "0400", "0403010203", "1b03616263",
                "1b02c3a9", "180f" + time, "030500a0000000", "0101ff", "010100", "3000", "a003020101",
                "6a053003020105", "308180" + "047e" + "00".repeat(126))) {
            byte[] der = HexFormat.of().parseHex(hex);
            assertNotNull(DerParser.parse(der), hex);
            assertAgreesWithBouncyCastle(der);
        }
    }
}
