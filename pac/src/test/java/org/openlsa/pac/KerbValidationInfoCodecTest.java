package org.openlsa.pac;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openlsa.core.Sid;
import org.openlsa.core.SidAndAttributes;

class KerbValidationInfoCodecTest {

    private static int u32(byte[] b, int at) {
        return ByteBuffer.wrap(b, at, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    @Test
    void roundTripsEveryOptionalPart() throws Exception {
        KerbValidationInfo v = TestPacs.fullLogonInfo();
        assertEquals(v, KerbValidationInfoCodec.decode(KerbValidationInfoCodec.encode(v)));
        KerbValidationInfo m = TestPacs.minimalLogonInfo();
        assertEquals(m, KerbValidationInfoCodec.decode(KerbValidationInfoCodec.encode(m)));
    }

    @Test
    void builderDerivesTheExtraSidAndResourceGroupFlags() {
        KerbValidationInfo v = TestPacs.fullLogonInfo();
        assertEquals(0x100 | KerbValidationInfo.LOGON_EXTRA_SIDS | KerbValidationInfo.LOGON_RESOURCE_GROUPS,
                v.userFlags());
        KerbValidationInfo stripped = v.toBuilder().extraSids(List.of()).noResourceGroups().build();
        assertEquals(0x100, stripped.userFlags());
        assertEquals(3, stripped.groupSids().size());
        assertEquals(List.of(new SidAndAttributes(TestPacs.RESOURCE_DOMAIN.append(1200), 0x20000007)),
                v.groupSids().subList(5, 6));
        assertEquals(TestPacs.DOMAIN.append(0xFFFFFFF0L), v.groupSids().get(2).sid());
    }

    @Test
    void writesTheSerializationHeadersAndWindowsReferents() {
        byte[] b = KerbValidationInfoCodec.encode(TestPacs.minimalLogonInfo());
        assertArrayEquals(new byte[] {1, 0x10, 8, 0, (byte) 0xCC, (byte) 0xCC, (byte) 0xCC, (byte) 0xCC},
                java.util.Arrays.copyOf(b, 8));
        assertEquals(b.length - 16, u32(b, 8));
        assertEquals(0, (b.length - 16) % 8);
        assertEquals(0, u32(b, 12));
        assertEquals(0x00020000, u32(b, 16));
        // EffectiveName header after the six FILETIMEs: Length 2, MaximumLength 2, referent 0x00020004.
        assertEquals(0x00020002, u32(b, 16 + 4 + 48));
        assertEquals(0x00020004, u32(b, 16 + 4 + 48 + 4));
    }

    @Test
    void nullStringPointersReadAsEmpty() throws Exception {
        byte[] b = KerbValidationInfoCodec.encode(TestPacs.minimalLogonInfo());
        // FullName's referent (second RPC_UNICODE_STRING, after the top pointer and six FILETIMEs) becomes NULL,
        // and its 12-byte deferred body (MaxCount 0, Offset 0, ActualCount 0) goes. The structure is 220 bytes;
        // EffectiveName's body "u" takes 12 + 2 bytes, padded to 16.
        int body = 16;
        ByteBuffer.wrap(b, body + 4 + 48 + 8 + 4, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(0);
        int fullNameBody = body + 220 + 16;
        assertArrayEquals(new byte[12], java.util.Arrays.copyOfRange(b, fullNameBody, fullNameBody + 12));
        byte[] edited = new byte[b.length - 12 + 4]; // 4 zero bytes keep ObjectBufferLength a multiple of 8
        System.arraycopy(b, 0, edited, 0, fullNameBody);
        System.arraycopy(b, fullNameBody + 12, edited, fullNameBody, b.length - fullNameBody - 12);
        ByteBuffer.wrap(edited, 8, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(edited.length - 16);
        assertEquals(TestPacs.minimalLogonInfo(), KerbValidationInfoCodec.decode(edited));

        // A NULL pointer with a non-zero Length is malformed.
        ByteBuffer.wrap(edited, body + 4 + 48 + 8, 2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 2);
        ByteBuffer.wrap(edited, body + 4 + 48 + 10, 2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 2);
        assertThrows(PacFormatException.class, () -> KerbValidationInfoCodec.decode(edited));
    }

    @Test
    void refusesUnknownSerializationVersionAndBigEndian() throws Exception {
        byte[] b = KerbValidationInfoCodec.encode(TestPacs.minimalLogonInfo());
        assertEquals(TestPacs.minimalLogonInfo(), KerbValidationInfoCodec.decode(b), "each refusal is its one edit's");
        byte[] v2 = b.clone();
        v2[0] = 2;
        assertTrue(assertThrows(PacFormatException.class, () -> KerbValidationInfoCodec.decode(v2)).getMessage()
                .contains("version 2"));
        byte[] be = b.clone();
        be[1] = 0;
        assertThrows(PacFormatException.class, () -> KerbValidationInfoCodec.decode(be));
        byte[] badLength = b.clone();
        badLength[8] += 8;
        assertThrows(PacFormatException.class, () -> KerbValidationInfoCodec.decode(badLength));
    }

    @Test
    void refusesHugeCountsWithoutAllocating() throws Exception {
        byte[] b = KerbValidationInfoCodec.encode(TestPacs.fullLogonInfo());
        int groupCount = 16 + 4 + 48 + 48 + 12;
        assertEquals(3, u32(b, groupCount));
        assertEquals(3, KerbValidationInfoCodec.decode(b).groupIds().size(), "the count as encoded decodes");
        for (int count : new int[] {0x7FFFFFFF, -1, 4}) {
            byte[] c = b.clone();
            ByteBuffer.wrap(c, groupCount, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(count);
            assertThrows(PacFormatException.class, () -> KerbValidationInfoCodec.decode(c));
        }
    }

    @Test
    void refusesNullLogonDomainIdAndOrphanResourceGroups() {
        KerbValidationInfo v = TestPacs.fullLogonInfo();
        assertThrows(IllegalArgumentException.class, () -> new KerbValidationInfo(0, 0, 0, 0, 0, 0, "", "", "", "",
                "", "", 0, 0, 0, 0, List.of(), 0, new byte[16], "", "", Sid.parse("S-1-5-21-1"), 0, 0, 0, 0, 0,
                List.of(), Optional.empty(), List.of(new GroupMembership(1, 1))));
        assertThrows(IllegalArgumentException.class, () -> v.toBuilder().logonCount(0x10000).build());
        assertThrows(IllegalArgumentException.class, () -> v.toBuilder().userSessionKey(new byte[15]).build());
        assertThrows(IllegalArgumentException.class, () -> v.toBuilder().effectiveName("x".repeat(0x8000)).build());
    }

    @Test
    void userSessionKeyIsCopiedAndNeverPrinted() {
        KerbValidationInfo v = TestPacs.fullLogonInfo();
        byte[] k = v.userSessionKey();
        k[0] = 0;
        assertEquals((byte) 0xA0, v.userSessionKey()[0]);
        assertTrue(v.toString().contains("userSessionKey=<redacted>"));
        assertTrue(!v.toString().toLowerCase().contains("a0a1a2"));
    }
}
