package org.openlsa.pac;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SignablePacTest {

    private static byte[] filled(int n, int v) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) v);
        return b;
    }

    @Test
    void signsInSpecOrderAndVerifiesAfterParsing() throws Exception {
        SignablePac s = SignablePac.prepare(TestPacs.fullPac());
        byte[] unsigned = s.toBytes();
        // The extended KDC signature carries RODCIdentifier 0x1234 (its last two bytes); the checksum input zeroes
        // everything after SignatureType, as MIT, Heimdal and Samba do. Last buffer: 4 + 16 + 2 bytes, padded to 24.
        assertEquals(0x34, unsigned[unsigned.length - 4]);
        assertEquals(0x12, unsigned[unsigned.length - 3]);
        byte[] expected = unsigned.clone();
        expected[unsigned.length - 4] = 0;
        expected[unsigned.length - 3] = 0;
        assertArrayEquals(expected, s.checksumInput());
        unsigned = expected;

        s = s.withSignature(PacSignatureKind.TICKET, filled(12, 0x11));
        byte[] afterTicket = s.checksumInput();
        // The ticket signature is part of what the server and extended KDC signatures cover.
        assertEquals(false, Arrays.equals(unsigned, afterTicket));
        s = s.withSignature(PacSignatureKind.EXTENDED_KDC, filled(16, 0x22));
        assertArrayEquals(afterTicket, s.checksumInput());
        s = s.withSignature(PacSignatureKind.SERVER, filled(12, 0x33));
        assertArrayEquals(afterTicket, s.checksumInput());
        assertArrayEquals(filled(12, 0x33), s.kdcChecksumInput());
        s = s.withSignature(PacSignatureKind.KDC, filled(12, 0x44));
        assertArrayEquals(afterTicket, s.checksumInput());

        SignablePac received = SignablePac.parse(s.toBytes());
        assertArrayEquals(s.toBytes(), received.toBytes());
        assertArrayEquals(afterTicket, received.checksumInput());
        assertEquals(s.pac(), received.pac());
        assertArrayEquals(filled(12, 0x44), received.signature(PacSignatureKind.KDC).orElseThrow().signature());
        assertArrayEquals(filled(16, 0x22), received.signature(PacSignatureKind.EXTENDED_KDC).orElseThrow().signature());
        assertEquals(0x1234, received.signature(PacSignatureKind.EXTENDED_KDC).orElseThrow().rodcIdentifier().getAsInt());
        assertEquals(received.pac(), PacCodec.decode(received.toBytes()));
    }

    @Test
    void prepareZeroesValuesAlreadyPresent() throws Exception {
        Pac signed = SignablePac.prepare(TestPacs.fullPac()).withSignature(PacSignatureKind.SERVER, filled(12, 9)).pac();
        SignablePac again = SignablePac.prepare(signed);
        assertArrayEquals(new byte[12], again.signature(PacSignatureKind.SERVER).orElseThrow().signature());
        assertArrayEquals(PacCodec.encode(TestPacs.fullPac()), again.toBytes());
    }

    @Test
    void refusesMissingBuffersAndWrongLengths() {
        SignablePac s = SignablePac.prepare(Pac.of(TestPacs.minimalLogonInfo()));
        assertThrows(IllegalArgumentException.class, () -> s.withSignature(PacSignatureKind.SERVER, new byte[12]));
        assertThrows(IllegalStateException.class, s::kdcChecksumInput);
        SignablePac full = SignablePac.prepare(TestPacs.fullPac());
        assertThrows(IllegalArgumentException.class, () -> full.withSignature(PacSignatureKind.SERVER, new byte[16]));
    }

    @Test
    void copiesBytesInAndOut() {
        SignablePac s = SignablePac.prepare(TestPacs.fullPac());
        byte[] value = filled(12, 5);
        SignablePac t = s.withSignature(PacSignatureKind.SERVER, value);
        value[0] = 0;
        t.toBytes()[0] = 99;
        assertArrayEquals(filled(12, 5), t.kdcChecksumInput());
        assertEquals(10, t.toBytes()[0]);
    }
}
