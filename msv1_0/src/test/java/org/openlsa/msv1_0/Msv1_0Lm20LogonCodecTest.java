package org.openlsa.msv1_0;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openlsa.msv1_0.CodecAssertions.assertRejected;
import static org.openlsa.msv1_0.CodecAssertions.descriptor;
import static org.openlsa.msv1_0.CodecAssertions.le;
import static org.openlsa.msv1_0.CodecAssertions.utf16;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;

/** MSV1_0_LM20_LOGON / MSV1_0_SUBAUTH_LOGON, MSV1_0_LM20_LOGON_PROFILE and the challenge response: layout and bad input. */
class Msv1_0Lm20LogonCodecTest {
    private static final byte[] CHALLENGE = HexFormat.of().parseHex("0123456789abcdef");

    private static Msv1_0Lm20Logon sample() {
        return Msv1_0Lm20Logon.network("DOM", "bob", "WS", CHALLENGE, new byte[] {1, 2, 3}, new byte[] {4, 5}, 0x00000820);
    }

    @Test
    void layoutIsThe64BitOne() {
        byte[] wire = Msv1_0Lm20LogonCodec.encode(sample());
        ByteBuffer b = le(wire);
        assertEquals(104, Msv1_0Lm20LogonCodec.FIXED_SIZE);
        assertEquals(4, b.getInt(0));                        // MsV1_0NetworkLogon
        assertEquals(6, b.getShort(8));                      // LogonDomainName Length
        assertEquals(104L, b.getLong(16));                   // ... Buffer
        assertEquals(110L, b.getLong(32));                   // UserName
        assertEquals(116L, b.getLong(48));                   // Workstation
        assertArrayEquals(CHALLENGE, Arrays.copyOfRange(wire, 56, 64));
        assertEquals(3, b.getShort(64));                     // NT response: an odd length is fine in a STRING
        assertEquals(120L, b.getLong(72));
        assertEquals(2, b.getShort(80));
        assertEquals(124L, b.getLong(88));                   // 2-byte aligned after the odd-length NT response
        assertEquals(0x820, b.getInt(96));
        assertEquals(0, b.getInt(100));                      // SubAuthPackageId: only in MSV1_0_SUBAUTH_LOGON
        assertArrayEquals(utf16("DOMbobWS"), Arrays.copyOfRange(wire, 104, 120));
        assertEquals(126, wire.length);
    }

    @Test
    void roundTripsEveryForm() throws LsaException {
        for (Msv1_0Lm20Logon l : new Msv1_0Lm20Logon[] {sample(),
                new Msv1_0Lm20Logon(Msv1_0SubmitType.LM20_LOGON, "", "", "", new byte[8], new byte[0], new byte[0], 0, 0),
                new Msv1_0Lm20Logon(Msv1_0SubmitType.SUBAUTH_LOGON, "d", "\u00e9l\u00e8ve", "w", CHALLENGE,
                        new byte[300], new byte[24], 0x7F000000, 200)}) {
            assertEquals(l, Msv1_0Lm20LogonCodec.decode(Msv1_0Lm20LogonCodec.encode(l)));
        }
    }

    @Test
    void subAuthPackageIdComesFromTheStructureOrTheTopByte() {
        assertEquals(0x7F, Msv1_0Lm20Logon.network("", "u", "", CHALLENGE, new byte[0], new byte[0], 0x7F000002)
                .effectiveSubAuthPackageId());
        assertEquals(9, new Msv1_0Lm20Logon(Msv1_0SubmitType.SUBAUTH_LOGON, "", "u", "", CHALLENGE, new byte[0],
                new byte[0], 0x7F000000, 9).effectiveSubAuthPackageId());
        assertThrows(IllegalArgumentException.class, () -> new Msv1_0Lm20Logon(Msv1_0SubmitType.NETWORK_LOGON, "",
                "u", "", CHALLENGE, new byte[0], new byte[0], 0, 9));
    }

    @Test
    void anonymousMeansNoUserAndNoResponses() {
        assertTrue(Msv1_0Lm20Logon.network("", "", "WS", CHALLENGE, new byte[0], new byte[0], 0).isAnonymous());
        assertTrue(Msv1_0Lm20Logon.network("", "", "WS", CHALLENGE, new byte[0], new byte[] {0}, 0).isAnonymous());
        assertFalse(Msv1_0Lm20Logon.network("", "", "WS", CHALLENGE, new byte[0], new byte[] {1}, 0).isAnonymous());
        assertFalse(Msv1_0Lm20Logon.network("", "u", "WS", CHALLENGE, new byte[0], new byte[0], 0).isAnonymous());
    }

    @Test
    void toStringNeverShowsTheResponses() {
        Msv1_0Lm20Logon l = Msv1_0Lm20Logon.network("", "u", "", new byte[8], utf16("hunter2"), new byte[0],
                Msv1_0ParameterControl.CLEARTEXT_PASSWORD_ALLOWED);
        assertFalse(l.toString().contains("68"), l.toString());
        assertTrue(l.toString().contains("14 bytes"));
    }

    @Test
    void badBuffers() {
        byte[] wire = Msv1_0Lm20LogonCodec.encode(sample());
        assertRejected(NtStatus.INVALID_PARAMETER, Msv1_0Lm20LogonCodec::decode, Arrays.copyOf(wire, 103));
        assertRejected(NtStatus.INVALID_PARAMETER, Msv1_0Lm20LogonCodec::decode, new byte[3]);
        byte[] type = wire.clone();
        type[0] = 2;
        assertRejected(NtStatus.BAD_VALIDATION_CLASS, Msv1_0Lm20LogonCodec::decode, type);
        byte[] past = wire.clone();
        descriptor(past, 64, 3, 3, wire.length - 2);          // NT response runs past the end
        assertRejected(NtStatus.INVALID_PARAMETER, Msv1_0Lm20LogonCodec::decode, past);
        byte[] inside = wire.clone();
        descriptor(inside, 80, 2, 2, 40);                     // LM response inside the fixed part
        assertRejected(NtStatus.INVALID_PARAMETER, Msv1_0Lm20LogonCodec::decode, inside);
        byte[] huge = wire.clone();
        descriptor(huge, 64, 3, 3, 0x7FFF_FFFF_FFFFL);
        assertRejected(NtStatus.INVALID_PARAMETER, Msv1_0Lm20LogonCodec::decode, huge);
        byte[] longer = wire.clone();
        descriptor(longer, 64, 9, 3, 120);                    // Length > MaximumLength
        assertRejected(NtStatus.INVALID_PARAMETER, Msv1_0Lm20LogonCodec::decode, longer);
        byte[] oddName = wire.clone();
        descriptor(oddName, 24, 3, 3, 110);                   // a UNICODE_STRING of odd length
        assertRejected(NtStatus.INVALID_PARAMETER, Msv1_0Lm20LogonCodec::decode, oddName);
    }

    @Test
    void profileLayoutAndRoundTrip() throws LsaException {
        byte[] key = new byte[16];
        Arrays.fill(key, (byte) 0x5a);
        byte[] lanman = Arrays.copyOf(key, 8);
        Msv1_0Lm20LogonProfile p = new Msv1_0Lm20LogonProfile(11, 22, 0x400, key, "DOM", lanman, "SRV", "\\\\p");
        byte[] wire = Msv1_0Lm20LogonProfileCodec.encode(p);
        ByteBuffer b = le(wire);
        assertEquals(3, b.getInt(0));
        assertEquals(11L, b.getLong(8));
        assertEquals(22L, b.getLong(16));
        assertEquals(0x400, b.getInt(24));
        assertArrayEquals(key, Arrays.copyOfRange(wire, 28, 44));
        assertArrayEquals(lanman, Arrays.copyOfRange(wire, 64, 72));
        assertEquals(104L, b.getLong(56));                   // LogonDomainName Buffer
        assertEquals(p, Msv1_0Lm20LogonProfileCodec.decode(wire));
        assertFalse(p.toString().contains("5a"), "session keys never printed");
        assertRejected(NtStatus.INVALID_PARAMETER, Msv1_0Lm20LogonProfileCodec::decode, Arrays.copyOf(wire, 100));
        byte[] type = wire.clone();
        type[0] = 2;
        assertRejected(NtStatus.BAD_VALIDATION_CLASS, Msv1_0Lm20LogonProfileCodec::decode, type);
    }

    @Test
    void challengeRequestAndResponse() throws LsaException {
        assertArrayEquals(new byte[4], Msv1_0Lm20ChallengeResponse.request());
        byte[] wire = new Msv1_0Lm20ChallengeResponse(CHALLENGE).encode();
        assertEquals(12, wire.length);
        assertArrayEquals(CHALLENGE, Arrays.copyOfRange(wire, 4, 12));
        assertArrayEquals(CHALLENGE, Msv1_0Lm20ChallengeResponse.decode(wire).challengeToClient());
        assertRejected(NtStatus.INVALID_PARAMETER, Msv1_0Lm20ChallengeResponse::decode, Arrays.copyOf(wire, 11));
    }
}
