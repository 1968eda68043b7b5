package org.openlsa.krb5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The value types' own contracts: copies, equality, validation, flag bit order, names, redaction. */
class Krb5ValuesTest {

    @Test
    void bytesAreCopiedInAndOutAndComparedByContent() {
        byte[] source = {1, 2, 3};
        Bytes b = Bytes.of(source);
        source[0] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, b.toByteArray());
        b.toByteArray()[1] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, b.toByteArray());
        assertEquals(Bytes.fromHex("010203"), b);
        assertEquals(Bytes.fromHex("010203").hashCode(), b.hashCode());
        assertNotEquals(Bytes.fromHex("0102"), b);
        assertEquals("010203", b.toString());
        assertEquals(Bytes.EMPTY, Bytes.of(new byte[0]));
        assertEquals(Bytes.fromHex("0203"), Bytes.of(new byte[] {1, 2, 3, 4}, 1, 3));
    }

    @Test
    void encryptionKeyNeverPrintsTheKey() {
        EncryptionKey key = new EncryptionKey(18, Bytes.fromHex("00112233445566778899aabbccddeeff"));
        String s = key.toString();
        assertFalse(s.contains("00112233"), s);
        assertTrue(s.contains("18") && s.contains("16 bytes"), s);
        // nor does a record holding one
        Authenticator a = new Authenticator("R", PrincipalName.principal("u"), Optional.empty(), 0,
                KerberosTime.ofEpochSecond(0), Optional.of(key), OptionalLong.empty(), AuthorizationData.EMPTY);
        assertFalse(a.toString().contains("00112233"), a.toString());
    }

    @Test
    void kerberosTimeIsWholeSecondsInYears1To9999() {
        assertThrows(IllegalArgumentException.class, () -> new KerberosTime(Instant.ofEpochSecond(1, 1)));
        assertThrows(IllegalArgumentException.class, () -> new KerberosTime(Instant.parse("+10000-01-01T00:00:00Z")));
        assertThrows(IllegalArgumentException.class, () -> new KerberosTime(Instant.parse("0000-12-31T23:59:59Z")));
        assertEquals(Instant.parse("0001-01-01T00:00:00Z"),
                new KerberosTime(Instant.parse("0001-01-01T00:00:00Z")).instant());
        Instant now = Instant.parse("2026-11-21T22:18:35.466070123Z");
        assertEquals(Instant.parse("2026-11-21T22:18:35Z"), KerberosTime.truncate(now).instant());
        assertEquals(466_070, KerberosTime.microsecondsOf(now));
        assertThrows(IllegalArgumentException.class, () -> KerberosTime.requireMicroseconds(1_000_000, "cusec"));
        assertTrue(KerberosTime.ofEpochSecond(1).compareTo(KerberosTime.ofEpochSecond(2)) < 0);
    }

    @Test
    void principalNames() {
        PrincipalName tgs = PrincipalName.krbtgt("TEST.LOCAL");
        assertEquals(new PrincipalName(PrincipalName.NT_SRV_INST, List.of("krbtgt", "TEST.LOCAL")), tgs);
        assertTrue(tgs.isKrbtgt());
        assertFalse(PrincipalName.principal("alice").isKrbtgt());
        assertEquals("krbtgt/TEST.LOCAL", tgs.toString());
        assertEquals("krbtgt/TEST.LOCAL@TEST.LOCAL", tgs.format("TEST.LOCAL"));
        // '/', '@' and '\' inside a component are escaped, as MIT's krb5_unparse_name does.
        assertEquals("a\\/b/c\\@d\\\\e@R", PrincipalName.principal("a/b", "c@d\\e").format("R"));
        assertTrue(PrincipalName.host("host", "h").sameNameAs(PrincipalName.principal("host", "h")));
        assertNotEquals(PrincipalName.host("host", "h"), PrincipalName.principal("host", "h"));
        assertThrows(IllegalArgumentException.class, () -> PrincipalName.principal("bad\uD800"));
        assertThrows(NullPointerException.class, () -> new PrincipalName(1, java.util.Arrays.asList("a", null)));
    }

    @Test
    void flagZeroIsTheMostSignificantBit() {
        assertEquals(0x8000_0000, TicketFlags.of(TicketFlags.RESERVED).bits());
        assertEquals(0x4000_0000, TicketFlags.of(TicketFlags.FORWARDABLE).bits());
        assertEquals(0x0001_0000, TicketFlags.of(TicketFlags.ENC_PA_REP).bits());
        assertEquals(0x0000_0001, KdcOptions.of(KdcOptions.VALIDATE).bits());
        assertEquals(0x0000_0010, KdcOptions.of(KdcOptions.RENEWABLE_OK).bits());
        assertEquals(0x0001_0000, KdcOptions.of(KdcOptions.CANONICALIZE).bits());
        assertEquals(0x2000_0000, ApOptions.of(ApOptions.MUTUAL_REQUIRED).bits());
        assertEquals(0x1000_0000, PaPacOptions.of(PaPacOptions.RESOURCE_BASED_CONSTRAINED_DELEGATION).bits());
        TicketFlags f = TicketFlags.NONE.with(TicketFlags.INITIAL).with(TicketFlags.PRE_AUTHENT);
        assertTrue(f.has(TicketFlags.INITIAL));
        assertFalse(f.without(TicketFlags.INITIAL).has(TicketFlags.INITIAL));
        assertEquals("TicketFlags[initial, pre-authent]", f.toString());
        assertEquals("KdcOptions[forwardable, bit29]", new KdcOptions(0x4000_0004).toString());
        assertThrows(IllegalArgumentException.class, () -> TicketFlags.NONE.has(32));
        assertThrows(IllegalArgumentException.class, () -> TicketFlags.of(-1));
    }

    @Test
    void errorCodesHaveNamesAndUnknownOnesSurvive() {
        assertEquals("KDC_ERR_PREAUTH_REQUIRED", ErrorCode.KDC_ERR_PREAUTH_REQUIRED.name());
        assertEquals(25, ErrorCode.KDC_ERR_PREAUTH_REQUIRED.code());
        assertEquals(ErrorCode.KRB_AP_ERR_SKEW, new ErrorCode(37));
        assertEquals("KDC_ERR_WRONG_REALM(68)", new ErrorCode(68).toString());
        assertEquals("KRB5_ERROR_12345", new ErrorCode(12345).name());
        assertFalse(new ErrorCode(12345).isKnown());
        assertEquals(41, ErrorCode.KRB_AP_ERR_MODIFIED.code());
        assertEquals(60, ErrorCode.KRB_ERR_GENERIC.code());
    }

    @Test
    void messageTypeNames() {
        assertEquals("AS-REQ", MessageType.name(MessageType.AS_REQ));
        assertEquals("EncTGSRepPart", MessageType.name(26));
        assertEquals("APPLICATION 99", MessageType.name(99));
    }

    @Test
    void paForUserChecksumInputIsLittleEndianNameTypeThenStrings() {
        PaForUser p = new PaForUser(new PrincipalName(PrincipalName.NT_MS_PRINCIPAL, List.of("DOM\\user", "x")),
                "RÉALM", new Checksum(Checksum.HMAC_MD5, Bytes.fromHex("00")), PaForUser.AUTH_PACKAGE_KERBEROS);
        byte[] expected = Bytes.fromHex("80ffffff" + Bytes.of("DOM\\userx".getBytes()).hex()
                + "52c38941 4c4d".replace(" ", "") + Bytes.of("Kerberos".getBytes()).hex()).toByteArray();
        assertArrayEquals(expected, p.checksumInput());
    }

    @Test
    void recordsValidateTheirRanges() {
        assertThrows(IllegalArgumentException.class, () -> new PaEncTsEnc(KerberosTime.ofEpochSecond(0),
                java.util.OptionalInt.of(-1)));
        assertThrows(IllegalArgumentException.class, () -> new EncApRepPart(KerberosTime.ofEpochSecond(0), 0,
                Optional.empty(), OptionalLong.of(0x1_0000_0000L)));
        assertThrows(IllegalArgumentException.class, () -> new S4uUserId(-1, Optional.empty(), "R",
                Optional.empty(), java.util.OptionalInt.empty()));
        assertThrows(NullPointerException.class, () -> new Ticket(null, PrincipalName.krbtgt("R"),
                EncryptedData.of(18, Bytes.EMPTY)));
        List<PaData> padata = new java.util.ArrayList<>(List.of(new PaData(2, Bytes.EMPTY)));
        AsRep rep = new AsRep(padata, "R", PrincipalName.principal("u"),
                new Ticket("R", PrincipalName.krbtgt("R"), EncryptedData.of(18, Bytes.EMPTY)),
                EncryptedData.of(18, Bytes.EMPTY));
        padata.clear();
        assertEquals(1, rep.padata().size());
        assertEquals(Optional.of(new PaData(2, Bytes.EMPTY)), rep.findPadata(PaData.PA_ENC_TIMESTAMP));
    }
}
