package org.openlsa.pac;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.openlsa.core.Sid;

class PacCodecTest {

    private static ByteBuffer le(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void roundTripsEveryBufferType() throws Exception {
        Pac pac = TestPacs.fullPac();
        byte[] encoded = PacCodec.encode(pac);
        assertEquals(pac, PacCodec.decode(encoded));
        assertArrayEquals(encoded, PacCodec.encode(PacCodec.decode(encoded)));
        assertEquals(Optional.of(TestPacs.fullLogonInfo()), pac.logonInfo());
        assertEquals(new PacRequestor(TestPacs.DOMAIN.append(1105)), pac.requestor().orElseThrow());
        assertTrue(pac.attributesInfo().orElseThrow().pacWasRequested());
    }

    @Test
    void alignsEveryBufferTo8AndPadsTheLast() {
        byte[] encoded = PacCodec.encode(TestPacs.fullPac());
        ByteBuffer b = le(encoded);
        int n = b.getInt(0);
        assertEquals(10, n);
        assertEquals(0, b.getInt(4));
        long expected = 8 + 16L * n;
        for (int i = 0; i < n; i++) {
            int size = b.getInt(8 + 16 * i + 4);
            long offset = b.getLong(8 + 16 * i + 8);
            assertEquals(expected, offset);
            expected = (offset + size + 7) & ~7L;
        }
        assertEquals(expected, encoded.length);
    }

    @Test
    void upnDnsInfoLayoutMatchesWindows() throws Exception {
        UpnDnsInfo basic = UpnDnsInfo.of("jdoe@example.com", "EXAMPLE.COM", true);
        byte[] b = PacBufferCodec.encode(basic);
        ByteBuffer w = le(b);
        assertEquals(32, w.getShort(0));
        assertEquals(0x10, w.getShort(2)); // header 12, UPN at the next multiple of 8
        assertEquals(22, w.getShort(4));
        assertEquals(0x30, w.getShort(6));
        assertEquals(UpnDnsInfo.UPN_CONSTRUCTED, w.getInt(8));
        UpnDnsInfo extended = TestPacs.fullPac().upnDnsInfo().orElseThrow();
        ByteBuffer x = le(PacBufferCodec.encode(extended));
        assertEquals(0x18, x.getShort(2));
        assertEquals(Sid.parse("S-1-5-21-1004336348-1177238915-682003330-1105").byteLength(), x.getShort(16));
        assertEquals(extended, PacCodec.decode(PacCodec.encode(Pac.of(extended))).upnDnsInfo().orElseThrow());
        assertEquals(basic, PacCodec.decode(PacCodec.encode(Pac.of(basic))).upnDnsInfo().orElseThrow());
        assertThrows(IllegalArgumentException.class,
                () -> new UpnDnsInfo("a", "b", UpnDnsInfo.EXTENDED, Optional.empty(), Optional.empty()));
    }

    @Test
    void keepsUnknownBuffersByteForByte() throws Exception {
        byte[] data = {9, 8, 7, 6, 5};
        Pac pac = Pac.of(new OpaquePacBuffer(0x7000_0001, data), new OpaquePacBuffer(PacBuffer.CLIENT_CLAIMS_INFO, new byte[0]));
        Pac back = PacCodec.decode(PacCodec.encode(pac));
        assertEquals(pac, back);
        assertArrayEquals(data, ((OpaquePacBuffer) back.buffer(0x7000_0001).orElseThrow()).data());
        assertThrows(IllegalArgumentException.class, () -> new OpaquePacBuffer(PacBuffer.LOGON_INFO, data));
    }

    @Test
    void signatureDataWithRodcIdentifierAndUnknownTypes() throws Exception {
        PacSignatureData rodc = new PacSignatureData(PacSignatureKind.KDC, PacSignatureData.HMAC_SHA1_96_AES256,
                new byte[12], OptionalInt.of(7));
        PacSignatureData unknown = new PacSignatureData(PacSignatureKind.SERVER, 0x7777, new byte[] {1, 2, 3},
                OptionalInt.empty());
        Pac pac = Pac.of(unknown, rodc);
        assertEquals(pac, PacCodec.decode(PacCodec.encode(pac)));
        assertThrows(IllegalArgumentException.class, () -> PacSignatureData.zeroed(PacSignatureKind.SERVER, 0x7777));
        assertThrows(IllegalArgumentException.class, () -> new PacSignatureData(PacSignatureKind.SERVER,
                PacSignatureData.HMAC_MD5, new byte[12], OptionalInt.empty()));
        assertEquals(24, PacSignatureData.zeroed(PacSignatureKind.KDC, PacSignatureData.HMAC_SHA384_192_AES256)
                .signature().length);
    }

    @Test
    void refusesDuplicateTypes() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> Pac.of(new PacRequestor(Sid.parse("S-1-5-18")),
                new PacRequestor(Sid.parse("S-1-5-19"))));
        Pac two = Pac.of(new PacRequestor(Sid.parse("S-1-5-18")), new OpaquePacBuffer(0x55, new byte[12]));
        byte[] b = PacCodec.encode(two);
        assertEquals(two, PacCodec.decode(b), "the PAC before its second buffer takes the first one's type");
        le(b).putInt(8 + 16, PacBuffer.REQUESTOR);
        assertTrue(assertThrows(PacFormatException.class, () -> PacCodec.decode(b)).getMessage().contains("twice"));
    }

    @Test
    void refusesBadHeaders() throws Exception {
        byte[] good = PacCodec.encode(TestPacs.fullPac());
        assertEquals(TestPacs.fullPac(), PacCodec.decode(good), "each refusal below is its one altered field's");
        byte[] version = good.clone();
        le(version).putInt(4, 1);
        assertThrows(PacFormatException.class, () -> PacCodec.decode(version));
        byte[] count = good.clone();
        le(count).putInt(0, -1);
        assertThrows(PacFormatException.class, () -> PacCodec.decode(count));
        byte[] misaligned = good.clone();
        le(misaligned).putLong(8 + 8, le(good).getLong(8 + 8) + 4);
        assertThrows(PacFormatException.class, () -> PacCodec.decode(misaligned));
        byte[] intoHeader = good.clone();
        le(intoHeader).putLong(8 + 8, 8);
        assertThrows(PacFormatException.class, () -> PacCodec.decode(intoHeader));
        byte[] huge = good.clone();
        le(huge).putLong(8 + 8, Long.MIN_VALUE);
        assertThrows(PacFormatException.class, () -> PacCodec.decode(huge));
        byte[] size = good.clone();
        le(size).putInt(8 + 4, Integer.MAX_VALUE);
        assertThrows(PacFormatException.class, () -> PacCodec.decode(size));
        byte[] overlap = good.clone();
        le(overlap).putLong(8 + 16 + 8, le(good).getLong(8 + 8));
        assertTrue(assertThrows(PacFormatException.class, () -> PacCodec.decode(overlap)).getMessage()
                .contains("overlap"));
    }

    /** Each malformed buffer beside the well-formed one it was made from, so each refusal is the malformation's. */
    @Test
    void refusesMalformedFlatBuffers() throws Exception {
        decodes(PacBuffer.CLIENT_INFO, new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 'a', 0});
        decodes(PacBuffer.SERVER_CHECKSUM, new byte[] {(byte) 0x76, (byte) 0xff, (byte) 0xff, (byte) 0xff,
                1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
        decodes(PacBuffer.ATTRIBUTES_INFO, new byte[] {2, 0, 0, 0, 1, 0, 0, 0});
        decodes(PacBuffer.REQUESTOR, new byte[] {1, 1, 0, 0, 0, 0, 0, 5, 18, 0, 0, 0});
        assertEquals("a", decodes(PacBuffer.UPN_DNS_INFO, new byte[] {2, 0, 16, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                0, 0, 0, 0, 'a', 0}).upnDnsInfo().orElseThrow().upn());
        assertThrows(PacFormatException.class, () -> PacCodec.decode(withBuffer(PacBuffer.CLIENT_INFO,
                new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 'a', 0})));
        assertThrows(PacFormatException.class, () -> PacCodec.decode(withBuffer(PacBuffer.CLIENT_INFO,
                new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 'a'})));
        assertThrows(PacFormatException.class, () -> PacCodec.decode(withBuffer(PacBuffer.SERVER_CHECKSUM,
                new byte[] {(byte) 0x76, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1, 2, 3})));
        assertThrows(PacFormatException.class, () -> PacCodec.decode(withBuffer(PacBuffer.ATTRIBUTES_INFO,
                new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1, 0, 0, 0})));
        assertThrows(PacFormatException.class, () -> PacCodec.decode(withBuffer(PacBuffer.REQUESTOR,
                new byte[] {1, 2, 0, 0, 0, 0, 0, 5, 18, 0, 0, 0})));
        assertThrows(PacFormatException.class, () -> PacCodec.decode(withBuffer(PacBuffer.UPN_DNS_INFO,
                new byte[] {2, 0, (byte) 0xff, (byte) 0xff, 0, 0, 0, 0, 0, 0, 0, 0})));
        assertThrows(PacFormatException.class, () -> PacCodec.decode(withBuffer(PacBuffer.UPN_DNS_INFO,
                new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0})));
    }

    /** {@code body} decodes as a buffer of {@code type}, whose value survives a re-encoding. */
    private static Pac decodes(int type, byte[] body) throws PacFormatException {
        Pac pac = PacCodec.decode(withBuffer(type, body));
        assertEquals(type, pac.buffers().getFirst().type());
        assertEquals(pac, PacCodec.decode(PacCodec.encode(pac)));
        return pac;
    }

    /** A one-buffer PAC holding {@code body} as a buffer of {@code type}, bypassing the model. */
    static byte[] withBuffer(int type, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(24 + ((body.length + 7) & ~7)).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(1).putInt(0).putInt(type).putInt(body.length).putLong(24).put(body);
        return b.array();
    }

    @Test
    void everyTruncationOfTheSampleIsAFormatError() throws Exception {
        byte[] sample = SamplePacTest.sample();
        int lastBufferEnd = 0x258 + 0x14; // the padding after the last buffer is optional
        for (int n = 0; n < lastBufferEnd; n++) {
            byte[] cut = java.util.Arrays.copyOf(sample, n);
            assertThrows(PacFormatException.class, () -> PacCodec.decode(cut), "length " + n);
        }
        for (int n = lastBufferEnd; n < sample.length; n++) {
            assertEquals(PacCodec.decode(sample), PacCodec.decode(java.util.Arrays.copyOf(sample, n)));
        }
    }

    @Test
    void everyTruncationOfTheLogonInfoIsAFormatError() throws Exception {
        byte[] info = KerbValidationInfoCodec.encode(TestPacs.fullLogonInfo());
        assertEquals(TestPacs.fullLogonInfo(), KerbValidationInfoCodec.decode(info), "the untruncated buffer");
        for (int n = 0; n < info.length; n++) {
            byte[] cut = java.util.Arrays.copyOf(info, n);
            assertThrows(PacFormatException.class, () -> KerbValidationInfoCodec.decode(cut), "length " + n);
        }
    }

    @Test
    void corruptedBytesOnlyEverGiveFormatErrors() throws Exception {
        Random random = new Random(42);
        List<byte[]> seeds = List.of(SamplePacTest.sample(), PacCodec.encode(TestPacs.fullPac()));
        for (byte[] seed : seeds) {
            Pac pac = PacCodec.decode(seed);
            assertEquals(pac, PacCodec.decode(PacCodec.encode(pac)), "an uncorrupted seed decodes and round-trips");
        }
        for (int round = 0; round < 20_000; round++) {
            byte[] b = seeds.get(round % 2).clone();
            for (int k = 1 + random.nextInt(4); k > 0; k--) {
                b[random.nextInt(b.length)] = (byte) random.nextInt(256);
            }
            try {
                Pac pac = PacCodec.decode(b);
                assertEquals(pac, PacCodec.decode(PacCodec.encode(pac)));
            } catch (PacFormatException expected) {
                // the only failure allowed
            }
        }
    }
}
