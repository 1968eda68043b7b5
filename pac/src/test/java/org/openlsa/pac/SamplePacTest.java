package org.openlsa.pac;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.openlsa.core.Sid;
import org.openlsa.core.SidAndAttributes;

/**
 * The Samba-produced PAC of MIT krb5 src/lib/krb5/krb/t_pac.c ({@code saved_pac}; Heimdal lib/krb5/test_pac.c has
 * the same bytes), decoded, re-encoded and its signatures checked.
 */
class SamplePacTest {

    // ---- Known-answer data from MIT krb5 src/lib/krb5/krb/t_pac.c, kept for the KDC's signature tests. ----
    /** kdc_keyblock: the krbtgt key (ENCTYPE_ARCFOUR_HMAC, 23) that made the KDC (privsvr) signature. */
    static final byte[] KDC_KEY_RC4 = HexFormat.of().parseHex("B286757148AF7FD252C53603A150B7E7");
    /** member_keyblock: the service key (ENCTYPE_ARCFOUR_HMAC, 23) that made the server signature. */
    static final byte[] SERVER_KEY_RC4 = HexFormat.of().parseHex("D217FAEAE5E6B5F95CCC94077AB8A5FC");
    /** authtime (seconds since 1970) the PAC_CLIENT_INFO ClientId encodes. */
    static final long AUTHTIME = 1120440609L;
    /** The client principal; PAC_CLIENT_INFO holds it without the realm. */
    static final String PRINCIPAL = "w2003final$@WIN2K3.THINKER.LOCAL";
    /** type_1_length: the size of the logon-info buffer. */
    static final int TYPE_1_LENGTH = 472;

    static final Sid DOMAIN = Sid.parse("S-1-5-21-3048156945-3961193616-3706469200");

    static byte[] sample() throws IOException {
        try (InputStream in = SamplePacTest.class.getResourceAsStream("mit-t_pac-saved_pac.bin")) {
            return in.readAllBytes();
        }
    }

    @Test
    void decodesTheSampleBuffers() throws Exception {
        Pac pac = PacCodec.decode(sample());
        assertEquals(List.of(PacBuffer.LOGON_INFO, PacBuffer.CLIENT_INFO, PacBuffer.SERVER_CHECKSUM,
                PacBuffer.PRIVSVR_CHECKSUM), pac.buffers().stream().map(PacBuffer::type).toList());

        PacClientInfo client = pac.clientInfo().orElseThrow();
        assertEquals("w2003final$", client.name());
        assertEquals(0x01C58037EA286680L, client.clientId());
        assertEquals(Instant.ofEpochSecond(AUTHTIME), client.authTime());
        assertEquals(PRINCIPAL.substring(0, PRINCIPAL.indexOf('@')), client.name());

        PacSignatureData server = pac.signature(PacSignatureKind.SERVER).orElseThrow();
        assertEquals(PacSignatureData.HMAC_MD5, server.signatureType());
        assertArrayEquals(HexFormat.of().parseHex("37d5b0f724f0d6d4ec09865aa0e8c3a9"), server.signature());
        assertEquals(OptionalInt.empty(), server.rodcIdentifier());
        PacSignatureData kdc = pac.signature(PacSignatureKind.KDC).orElseThrow();
        assertEquals(-138, kdc.signatureType());
        assertArrayEquals(HexFormat.of().parseHex("b4d8b8fe83b3133ffc5c41ade26483e0"), kdc.signature());
    }

    @Test
    void decodesTheSampleLogonInfo() throws Exception {
        KerbValidationInfo v = PacCodec.decode(sample()).logonInfo().orElseThrow();
        assertEquals(0x01C57D4FCBA6DF30L, v.logonTime());
        assertTrue(KerbValidationInfo.isNever(v.logoffTime()));
        assertTrue(KerbValidationInfo.isNever(v.kickOffTime()));
        assertEquals(0x01C57362594E3CC0L, v.passwordLastSet());
        assertEquals(0x01C57362594E3CC0L, v.passwordCanChange());
        assertTrue(KerbValidationInfo.isNever(v.passwordMustChange()));
        assertEquals(Instant.parse("2005-06-30T08:43:32.2526512Z"), KerbValidationInfo.toInstant(v.logonTime()));
        assertEquals("W2003FINAL$", v.effectiveName());
        for (String empty : new String[] {v.fullName(), v.logonScript(), v.profilePath(), v.homeDirectory(),
            v.homeDirectoryDrive()}) {
            assertEquals("", empty);
        }
        assertEquals(101, v.logonCount());
        assertEquals(0, v.badPasswordCount());
        assertEquals(1005, v.userId());
        assertEquals(516, v.primaryGroupId());
        assertEquals(List.of(new GroupMembership(516, 7)), v.groupIds());
        assertEquals(KerbValidationInfo.LOGON_EXTRA_SIDS, v.userFlags());
        assertArrayEquals(new byte[16], v.userSessionKey());
        assertEquals("W2003FINAL", v.logonServer());
        assertEquals("WIN2K3THINK", v.logonDomainName());
        assertEquals(DOMAIN, v.logonDomainId());
        assertEquals(0x2100, v.userAccountControl());
        assertEquals(0, v.subAuthStatus());
        assertEquals(0, v.lastSuccessfulILogon());
        assertEquals(0, v.lastFailedILogon());
        assertEquals(0, v.failedILogonCount());
        assertEquals(List.of(new SidAndAttributes(Sid.parse("S-1-5-9"), 7)), v.extraSids());
        assertEquals(Optional.empty(), v.resourceGroupDomainSid());
        assertEquals(List.of(), v.resourceGroupIds());
        assertEquals(DOMAIN.append(1005), v.userSid());
        assertEquals(List.of(new SidAndAttributes(DOMAIN.append(516), 7), new SidAndAttributes(Sid.parse("S-1-5-9"), 7)),
                v.groupSids());
    }

    @Test
    void reEncodesToAnEqualValueAndAlmostTheSameBytes() throws Exception {
        byte[] sample = sample();
        Pac pac = PacCodec.decode(sample);
        byte[] encoded = PacCodec.encode(pac);
        assertEquals(pac, PacCodec.decode(encoded));
        assertEquals(sample.length, encoded.length);
        assertEquals(TYPE_1_LENGTH, ByteBuffer.wrap(encoded, 12, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());

        // Samba wrote LogonServer and LogonDomainName with MaximumLength = Length + 2 (room for a terminator) and
        // the matching MaxCount; this codec writes MaximumLength = Length. Those four fields (their low byte) are the
        // only difference.
        List<Integer> differing = new ArrayList<>();
        for (int i = 0; i < sample.length; i++) {
            if (sample[i] != encoded[i]) {
                differing.add(i);
            }
        }
        int body = 0x58; // logon-info buffer 0x48 + 16-byte serialization headers
        assertEquals(List.of(body + 0x8e, body + 0x96, body + 0x148, body + 0x168), differing);
        assertEquals(0x16, sample[body + 0x8e]);
        assertEquals(0x14, encoded[body + 0x8e]);
    }

    @Test
    void checksumInputsVerifyTheSampleSignatures() throws Exception {
        byte[] sample = sample();
        SignablePac parsed = SignablePac.parse(sample);
        byte[] input = parsed.checksumInput();
        byte[] expected = sample.clone();
        java.util.Arrays.fill(expected, 0x244, 0x254, (byte) 0);
        java.util.Arrays.fill(expected, 0x25c, 0x26c, (byte) 0);
        assertArrayEquals(expected, input);
        assertArrayEquals(sample, parsed.toBytes());

        byte[] serverSig = parsed.signature(PacSignatureKind.SERVER).orElseThrow().signature();
        assertArrayEquals(serverSig, hmacMd5Checksum(SERVER_KEY_RC4, input));
        assertArrayEquals(serverSig, parsed.kdcChecksumInput());
        assertArrayEquals(parsed.signature(PacSignatureKind.KDC).orElseThrow().signature(),
                hmacMd5Checksum(KDC_KEY_RC4, parsed.kdcChecksumInput()));
    }

    @Test
    void resigningTheDecodedSampleReproducesItsSignatures() throws Exception {
        byte[] sample = sample();
        SignablePac s = SignablePac.prepare(PacCodec.decode(sample));
        assertArrayEquals(new byte[16], s.signature(PacSignatureKind.SERVER).orElseThrow().signature());
        // The re-encoding differs from Samba's (MaximumLength), so the server signature differs; sign it afresh.
        s = s.withSignature(PacSignatureKind.SERVER, hmacMd5Checksum(SERVER_KEY_RC4, s.checksumInput()));
        s = s.withSignature(PacSignatureKind.KDC, hmacMd5Checksum(KDC_KEY_RC4, s.kdcChecksumInput()));
        SignablePac received = SignablePac.parse(s.toBytes());
        assertArrayEquals(received.signature(PacSignatureKind.SERVER).orElseThrow().signature(),
                hmacMd5Checksum(SERVER_KEY_RC4, received.checksumInput()));
        assertArrayEquals(received.signature(PacSignatureKind.KDC).orElseThrow().signature(),
                hmacMd5Checksum(KDC_KEY_RC4, received.kdcChecksumInput()));
        assertFalse(java.util.Arrays.equals(sample, s.toBytes()));
        assertEquals(s.pac(), received.pac());
    }

    /**
     * KERB_CHECKSUM_HMAC_MD5 (RFC 4757 section 4) with key usage 17 (KERB_NON_KERB_CKSUM_SALT): test-only, to
     * show the checksum inputs are the right bytes; the real checksum lives with the KDC's crypto.
     */
    static byte[] hmacMd5Checksum(byte[] key, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacMD5");
        mac.init(new SecretKeySpec(key, "HmacMD5"));
        byte[] ksign = mac.doFinal("signaturekey\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        md5.update(new byte[] {17, 0, 0, 0});
        byte[] tmp = md5.digest(data);
        mac.init(new SecretKeySpec(ksign, "HmacMD5"));
        return mac.doFinal(tmp);
    }
}
