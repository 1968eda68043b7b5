package org.openlsa.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.HexFormat;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** MS-NLMP 4.2 known answers, read from ms-nlmp-4.2-vectors.properties (MS-NLMP 4.2 via lsa-semantics.md 5). */
class NtlmVectorsTest {
    private static final HexFormat HEX = HexFormat.of();
    private static Properties v;

    @BeforeAll
    static void load() throws IOException {
        v = new Properties();
        try (InputStream in = NtlmVectorsTest.class.getResourceAsStream("ms-nlmp-4.2-vectors.properties")) {
            assertNotNull(in, "vector file missing");
            v.load(in);
        }
    }

    private static byte[] bytes(String name) {
        String value = v.getProperty(name);
        assertNotNull(value, "vector " + name + " missing");
        return HEX.parseHex(value);
    }

    private static String hex(SecretBytes s) {
        return HEX.formatHex(s.copyBytes());
    }

    private static String hex(byte[] b) {
        return HEX.formatHex(b);
    }

    private static SecretBytes ntHash() {
        return NtOwf.ntOwfV1(v.getProperty("password").toCharArray());
    }

    private static SecretBytes lmHash() {
        return LmOwf.lmOwfV1(v.getProperty("password").toCharArray()).orElseThrow();
    }

    private static SecretBytes ntOwfV2(SecretBytes ntHash) {
        return NtlmV2.ntOwfV2(ntHash, v.getProperty("user"), v.getProperty("domain"));
    }

    private static byte[] blob() {
        return NtlmV2.clientBlob(Long.parseLong(v.getProperty("time")), bytes("clientChallenge"),
                bytes("targetInfo"));
    }

    @Test
    void ntOwfV1() {
        try (SecretBytes nt = ntHash()) {
            assertEquals(v.getProperty("ntOwfV1"), hex(nt));
        }
    }

    @Test
    void lmOwfV1() {
        try (SecretBytes lm = lmHash()) {
            assertEquals(v.getProperty("lmOwfV1"), hex(lm));
        }
    }

    @Test
    void v1Responses() {
        try (SecretBytes nt = ntHash(); SecretBytes lm = lmHash()) {
            assertEquals(v.getProperty("v1.ntResponse"), hex(NtlmV1.ntResponse(nt, bytes("serverChallenge"))));
            assertEquals(v.getProperty("v1.lmResponse"), hex(NtlmV1.lmResponse(lm, bytes("serverChallenge"))));
        }
    }

    @Test
    void v1SessionBaseKeyAndEncryptedSessionKey() {
        try (SecretBytes nt = ntHash();
             SecretBytes base = NtlmV1.sessionBaseKey(nt);
             SecretBytes random = SecretBytes.copyOf(bytes("randomSessionKey"))) {
            assertEquals(v.getProperty("v1.sessionBaseKey"), hex(base));
            // Without LM_KEY or extended session security, KXKEY = SessionBaseKey (MS-NLMP 3.4.5.1).
            byte[] encrypted = Rc4.encryptSessionKey(base, random);
            assertEquals(v.getProperty("v1.encryptedSessionKey"), hex(encrypted));
            try (SecretBytes back = Rc4.decryptSessionKey(base, encrypted)) {
                assertTrue(back.equalsConstantTime(random));
            }
        }
    }

    @Test
    void v1KeyExchangeKeyWithLmKey() {
        try (SecretBytes lm = lmHash();
             SecretBytes kx = NtlmV1.keyExchangeKeyLmKey(lm, bytes("v1.lmResponse"))) {
            assertEquals(v.getProperty("v1.keyExchangeKeyLmKey"), hex(kx));
        }
    }

    @Test
    void extendedSessionSecurity() {
        byte[] lmResponse = bytes("ess.lmResponse");
        byte[] clientChallenge = java.util.Arrays.copyOf(lmResponse, 8);
        assertArrayEquals(bytes("clientChallenge"), clientChallenge);
        byte[] challenge = NtlmV1.extendedSessionSecurityChallenge(bytes("serverChallenge"), clientChallenge);
        try (SecretBytes nt = ntHash();
             SecretBytes base = NtlmV1.sessionBaseKey(nt);
             SecretBytes kx = NtlmV1.keyExchangeKeyExtendedSessionSecurity(base, bytes("serverChallenge"),
                     lmResponse)) {
            assertEquals(v.getProperty("ess.ntResponse"), hex(NtlmV1.ntResponse(nt, challenge)));
            assertEquals(v.getProperty("ess.keyExchangeKey"), hex(kx));
        }
    }

    @Test
    void ntlmV2() {
        byte[] blob = blob();
        try (SecretBytes nt = ntHash(); SecretBytes owf2 = ntOwfV2(nt)) {
            assertEquals(v.getProperty("ntOwfV2"), hex(owf2));
            byte[] proof = NtlmV2.ntProofStr(owf2, bytes("serverChallenge"), blob);
            assertEquals(v.getProperty("v2.ntProofStr"), hex(proof));
            byte[] response = NtlmV2.ntResponse(owf2, bytes("serverChallenge"), blob);
            assertEquals(v.getProperty("v2.ntProofStr") + hex(blob), hex(response));
            assertEquals(v.getProperty("v2.lmResponse"),
                    hex(NtlmV2.lmResponse(owf2, bytes("serverChallenge"), bytes("clientChallenge"))));
            try (SecretBytes base = NtlmV2.sessionBaseKey(owf2, proof);
                 SecretBytes random = SecretBytes.copyOf(bytes("randomSessionKey"))) {
                assertEquals(v.getProperty("v2.sessionBaseKey"), hex(base));
                // For NTLMv2, KXKEY = SessionBaseKey (MS-NLMP 3.4.5.1).
                assertEquals(v.getProperty("v2.encryptedSessionKey"), hex(Rc4.encryptSessionKey(base, random)));
            }
        }
    }

    @Test
    void blobLayout() {
        byte[] blob = blob();
        byte[] targetInfo = bytes("targetInfo");
        assertEquals(28 + targetInfo.length + 4, blob.length);
        assertEquals("0101000000000000" + "0000000000000000" + "aaaaaaaaaaaaaaaa" + "00000000" + hex(targetInfo)
                + "00000000", hex(blob));
        assertEquals("0101000000000000" + "0807060504030201",
                hex(NtlmV2.clientBlob(0x0102030405060708L, bytes("clientChallenge"), new byte[0])).substring(0, 32));
    }

    @Test
    void passwordOverFourteenCharactersHasNoLmHash() {
        assertTrue(LmOwf.lmOwfV1("Password1234567".toCharArray()).isEmpty());
        assertTrue(LmOwf.lmOwfV1("Password123456".toCharArray()).isPresent());
        assertTrue(LmOwf.lmOwfV1("\u20ac".toCharArray()).isEmpty(), "no single-byte form");
    }

    @Test
    void lmOwfUpperCasesThePassword() {
        try (SecretBytes lower = LmOwf.lmOwfV1("password".toCharArray()).orElseThrow();
             SecretBytes upper = LmOwf.lmOwfV1("PASSWORD".toCharArray()).orElseThrow()) {
            assertTrue(lower.equalsConstantTime(upper));
            assertEquals(v.getProperty("lmOwfV1"), hex(lower));
        }
    }

    @Test
    void inputsAreNotMutated() {
        char[] password = "Password".toCharArray();
        byte[] serverChallenge = bytes("serverChallenge");
        byte[] clientChallenge = bytes("clientChallenge");
        byte[] targetInfo = bytes("targetInfo");
        byte[] lmResponse = bytes("v1.lmResponse");
        LmOwf.lmOwfV1(password).orElseThrow().close();
        assertArrayEquals("Password".toCharArray(), password);
        try (SecretBytes nt = ntHash(); SecretBytes lm = lmHash(); SecretBytes owf2 = ntOwfV2(nt)) {
            NtlmV1.ntResponse(nt, serverChallenge);
            NtlmV1.lmResponse(lm, serverChallenge);
            NtlmV1.extendedSessionSecurityChallenge(serverChallenge, clientChallenge);
            NtlmV1.keyExchangeKeyLmKey(lm, lmResponse).close();
            byte[] blob = NtlmV2.clientBlob(0, clientChallenge, targetInfo);
            byte[] blobCopy = blob.clone();
            byte[] proof = NtlmV2.ntProofStr(owf2, serverChallenge, blob);
            byte[] proofCopy = proof.clone();
            NtlmV2.ntResponse(owf2, serverChallenge, blob);
            NtlmV2.lmResponse(owf2, serverChallenge, clientChallenge);
            NtlmV2.sessionBaseKey(owf2, proof).close();
            assertArrayEquals(blobCopy, blob);
            assertArrayEquals(proofCopy, proof);
            assertEquals(v.getProperty("ntOwfV1"), hex(nt));
            assertEquals(v.getProperty("lmOwfV1"), hex(lm));
            assertEquals(v.getProperty("ntOwfV2"), hex(owf2));
        }
        assertArrayEquals(bytes("serverChallenge"), serverChallenge);
        assertArrayEquals(bytes("clientChallenge"), clientChallenge);
        assertArrayEquals(bytes("targetInfo"), targetInfo);
        assertArrayEquals(bytes("v1.lmResponse"), lmResponse);
    }

    @Test
    void returnedSecretsCanBeDestroyed() {
        SecretBytes nt = ntHash();
        SecretBytes lm = lmHash();
        SecretBytes base = NtlmV1.sessionBaseKey(nt);
        SecretBytes owf2 = ntOwfV2(nt);
        SecretBytes kx = NtlmV1.keyExchangeKeyLmKey(lm, bytes("v1.lmResponse"));
        for (SecretBytes s : new SecretBytes[] {nt, lm, base, owf2, kx}) {
            byte[][] inside = new byte[1][];
            s.use(b -> inside[0] = b);
            s.destroy();
            assertTrue(s.isDestroyed());
            assertArrayEquals(new byte[inside[0].length], inside[0]);
        }
        assertThrows(IllegalStateException.class, () -> NtlmV1.ntResponse(nt, bytes("serverChallenge")));
    }

    @Test
    void wrongSizesAreRejected() {
        try (SecretBytes nt = ntHash()) {
            assertThrows(IllegalArgumentException.class, () -> NtlmV1.ntResponse(nt, new byte[7]));
            assertThrows(IllegalArgumentException.class, () -> Desl.desl(SecretBytes.copyOf(new byte[15]),
                    new byte[8]));
            assertThrows(IllegalArgumentException.class, () -> NtlmV2.clientBlob(0, new byte[9], new byte[0]));
        }
    }

    @Test
    void desKeyExpansionSetsOddParity() {
        byte[] key = Des.expandKey(HEX.parseHex("0123456789abcd"), 0);
        for (byte b : key) {
            assertEquals(1, Integer.bitCount(b & 0xff) % 2);
        }
        assertEquals("0101010101010101", hex(Des.expandKey(new byte[7], 0)));
        assertEquals("fefefefefefefefe", hex(Des.expandKey(HEX.parseHex("ffffffffffffff"), 0)));
    }
}
