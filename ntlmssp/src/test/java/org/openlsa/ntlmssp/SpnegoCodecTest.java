package org.openlsa.ntlmssp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openlsa.ntlmssp.MsNlmpVectorsTest.HEX;
import static org.openlsa.ntlmssp.NtlmsspCodecTest.assertInvalid;

import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SpnegoCodecTest {

    /**
     * Written out by hand from RFC 4178 / X.690: InitialContextToken { 1.3.6.1.5.5.2, [0] NegTokenInit { mechTypes
     * [0] { NTLMSSP }, mechToken [2] curl's NEGOTIATE_MESSAGE } }.
     */
    static final byte[] HAND_BUILT_INIT = HEX.parseHex(
            "6040" + "06062b0601050502"                   // [APPLICATION 0], thisMech SPNEGO
            + "a036" + "3034"                              // [0] negTokenInit, SEQUENCE
            + "a00e" + "300c" + "060a2b06010401823702020a" // mechTypes: { 1.3.6.1.4.1.311.2.2.10 }
            + "a222" + "0420" + "4e544c4d53535000010000000682080000000000000000000000000000000000");

    /** A Windows SMB client's first token (captured): NTLMSSP only, NEGOTIATE_MESSAGE with Version 6.1. */
    static final byte[] WINDOWS_INIT = Base64.getDecoder().decode(
            "YEgGBisGAQUFAqA+MDygDjAMBgorBgEEAYI3AgIKoioEKE5UTE1TU1AAAQAAABWCCGIAAAAAKAAAAAAAAAAoAAAABgEAAAAAAA8=");
    /** A Windows server's reply (captured): accept-incomplete, supportedMech NTLMSSP, a CHALLENGE_MESSAGE. */
    static final byte[] WINDOWS_RESP = Base64.getDecoder().decode(
            "oYHOMIHLoAMKAQGhDAYKKwYBBAGCNwICCqKBtQSBsk5UTE1TU1AAAgAAABIAEgA4AAAAFYKKYhEj+2kAdCOsAAAAAAAAAABoAGgASgAA"
            + "AAoAYUoAAAAPUgBPAE8ATABJAEMALQBaADkAAgASAFIATwBPAEwASQBDAC0AWgA5AAEAEgBSAE8ATwBMAEkAQwAtAFoAOQAEABIAU"
            + "gBvAG8AbABpAGMALQBaADkAAwASAFIAbwBvAGwAaQBjAC0AWgA5AAcACACg/7A0qQ3cAQAAAAA=");
    /** A captured NegTokenInit offering NEGOEX first and NTLMSSP second, with a NEGOEX mechToken. */
    static final byte[] NEGOEX_FIRST_INIT = Base64.getDecoder().decode(
            "YIIBPAYGKwYBBQUCoIIBMDCCASygGjAYBgorBgEEAYI3AgIeBgorBgEEAYI3AgIKooIBDASCAQhORUdPRVhUUwEAAAAAAAAAYAAAAHAAAA"
            + "BmoqbU3wIqY4uvcviYiI+WV9ijr+VZaWWhRiFb8nXvN2cVNGDr7lL+j3QDrBLxTBEAAAAAAAAAAGAAAAABAAAAAAAAAAAAAABcM1MN6vkN"
            + "TbLsSuN4bsMITkVHT0VYVFMDAAAAAQAAAEAAAACYAAAAZqKm1N8CKmOLr3L4mIiPllwzUw3q+Q1NsuxK43huwwhAAAAAWAAAADBWoFQwU"
            + "jAngCUwIzEhMB8GA1UEAxMYVG9rZW4gU2lnbmluZyBQdWJsaWMgS2V5MCeAJTAjMSEwHwYDVQQDExhUb2tlbiBTaWduaW5nIFB1YmxpYyB"
            + "LZXk=");

    @Test
    void handBuiltNegTokenInit() throws Exception {
        NegTokenInit init = NegTokenInit.of(List.of(MechType.NTLMSSP), NtlmsspCodecTest.CURL_NEGOTIATE);
        assertArrayEquals(HAND_BUILT_INIT, SpnegoCodec.encode(init));
        assertEquals(init, SpnegoCodec.decodeNegTokenInit(HAND_BUILT_INIT));
        assertEquals(OptionalInt.of(0), init.positionOf(MechType.NTLMSSP));
        assertArrayEquals(NtlmsspCodecTest.CURL_NEGOTIATE, init.mechTokenFor(MechType.NTLMSSP).orElseThrow());
    }

    @Test
    void capturedWindowsInitAndResp() throws Exception {
        NegTokenInit init = SpnegoCodec.decodeNegTokenInit(WINDOWS_INIT);
        assertEquals(List.of(MechType.NTLMSSP), init.mechTypes());
        assertTrue(init.offersNtlm());
        NegotiateMessage negotiate = NtlmsspCodec.decodeNegotiate(init.mechTokenFor(MechType.NTLMSSP).orElseThrow());
        assertEquals(0x62088215, negotiate.negotiateFlags().value());
        assertArrayEquals(WINDOWS_INIT, SpnegoCodec.encode(init), "canonical DER re-encodes byte for byte");

        NegTokenResp resp = SpnegoCodec.decodeNegTokenResp(WINDOWS_RESP);
        assertEquals(Optional.of(NegState.ACCEPT_INCOMPLETE), resp.negState());
        assertEquals(Optional.of(MechType.NTLMSSP), resp.supportedMech());
        ChallengeMessage challenge = NtlmsspCodec.decodeChallenge(resp.responseToken().orElseThrow());
        assertEquals("ROOLIC-Z9", challenge.targetName());
        assertTrue(challenge.targetInfo().orElseThrow().timestamp().isPresent());
        assertArrayEquals(WINDOWS_RESP, SpnegoCodec.encode(resp));
        assertArrayEquals(resp.responseToken().orElseThrow(), NtlmsspCodec.encode(challenge),
                "a Windows CHALLENGE_MESSAGE re-encodes byte for byte");
    }

    @Test
    void ntlmOfferedSecond() throws Exception {
        NegTokenInit init = SpnegoCodec.decodeNegTokenInit(NEGOEX_FIRST_INIT);
        assertEquals(List.of(MechType.NEGOEX, MechType.NTLMSSP), init.mechTypes());
        assertEquals(OptionalInt.of(1), init.positionOf(MechType.NTLMSSP));
        assertTrue(init.mechToken().isPresent());
        assertTrue(init.mechTokenFor(MechType.NTLMSSP).isEmpty(), "the optimistic token belongs to NEGOEX");
        assertEquals(OptionalInt.empty(), init.positionOf(MechType.KERBEROS));
    }

    @Test
    void unknownMechanismsOnlyGetAReject() throws Exception {
        NegTokenInit kerberosOnly = new NegTokenInit(List.of(MechType.MS_KERBEROS, MechType.KERBEROS),
                Optional.of(EnumSet.of(ContextFlag.MUTUAL_FLAG, ContextFlag.INTEG_FLAG)), Optional.of(new byte[] {1}),
                Optional.empty());
        NegTokenInit decoded = SpnegoCodec.decodeNegTokenInit(SpnegoCodec.encode(kerberosOnly));
        assertEquals(kerberosOnly, decoded);
        assertFalse(decoded.offersNtlm());
        byte[] reject = SpnegoCodec.encode(NegTokenResp.reject());
        assertEquals("a1073005a0030a0102", HEX.formatHex(reject));
        assertEquals(NegTokenResp.reject(), SpnegoCodec.decodeNegTokenResp(reject));
    }

    @Test
    void serverRepliesRoundTrip() throws Exception {
        for (NegTokenResp r : List.of(
                NegTokenResp.acceptIncomplete(MechType.NTLMSSP, Optional.of(new byte[300])),
                NegTokenResp.acceptCompleted(Optional.of(new byte[16])),
                NegTokenResp.acceptCompleted(Optional.empty()),
                new NegTokenResp(Optional.of(NegState.REQUEST_MIC), Optional.empty(), Optional.empty(), Optional.empty()),
                new NegTokenResp(Optional.empty(), Optional.empty(), Optional.of(new byte[0]), Optional.empty()))) {
            assertEquals(r, SpnegoCodec.decode(SpnegoCodec.encode(r)));
        }
        assertEquals("a1073005a0030a0100", HEX.formatHex(SpnegoCodec.encode(NegTokenResp.acceptCompleted(
                Optional.empty()))));
    }

    @Test
    void mechTypeListIsTheMicInput() throws Exception {
        NegTokenInit init = SpnegoCodec.decodeNegTokenInit(NEGOEX_FIRST_INIT);
        assertEquals("3018060a2b06010401823702021e060a2b06010401823702020a",
                HEX.formatHex(SpnegoCodec.encodeMechTypeList(init.mechTypes())));
    }

    @Test
    void contextFlagsAndOids() throws Exception {
        NegTokenInit all = new NegTokenInit(List.of(new MechType("2.999.1"), new MechType("0.39")),
                Optional.of(Set.of(ContextFlag.values())), Optional.empty(), Optional.of(new byte[] {7}));
        assertEquals(all, SpnegoCodec.decode(SpnegoCodec.encode(all)));
        NegTokenInit none = new NegTokenInit(List.of(MechType.NTLMSSP), Optional.of(Set.of()), Optional.empty(),
                Optional.empty());
        assertEquals(none, SpnegoCodec.decode(SpnegoCodec.encode(none)));
        assertThrows(IllegalArgumentException.class, () -> new MechType("1.40"));
        assertThrows(IllegalArgumentException.class, () -> new MechType("1.2.03"));
        assertThrows(IllegalArgumentException.class, () -> new NegTokenInit(List.of(), Optional.empty(),
                Optional.empty(), Optional.empty()));
    }

    @Test
    void malformedTokens() {
        assertInvalid(() -> SpnegoCodec.decode(new byte[0]), "found tag none");
        assertInvalid(() -> SpnegoCodec.decode(HEX.parseHex("6080")), "indefinite");
        assertInvalid(() -> SpnegoCodec.decode(HEX.parseHex("60810206062b0601050502")), "long form");
        assertInvalid(() -> SpnegoCodec.decode(HEX.parseHex("6085ffffffffff")), "5-octet");
        assertInvalid(() -> SpnegoCodec.decode(HEX.parseHex("6084ffffffff")), "exceeds");
        byte[] trailing = java.util.Arrays.copyOf(HAND_BUILT_INIT, HAND_BUILT_INIT.length + 1);
        assertInvalid(() -> SpnegoCodec.decode(trailing), "unexpected bytes");
        byte[] truncated = java.util.Arrays.copyOf(HAND_BUILT_INIT, HAND_BUILT_INIT.length - 1);
        assertInvalid(() -> SpnegoCodec.decode(truncated), "exceeds");
        byte[] kerberosFramed = HAND_BUILT_INIT.clone();
        kerberosFramed[9] = 3; // thisMech 1.3.6.1.5.5.3
        assertInvalid(() -> SpnegoCodec.decode(kerberosFramed), "thisMech");
        assertInvalid(() -> SpnegoCodec.decode(HEX.parseHex("a0063004a0023000")), "mechTypes is empty");
        assertInvalid(() -> SpnegoCodec.decode(HEX.parseHex("a1073005a0030a0104")), "negState");
        assertInvalid(() -> SpnegoCodec.decode(HEX.parseHex("a1083006a1040602808a")), "leading 0x80");
        assertInvalid(() -> SpnegoCodec.decode(HEX.parseHex("a1073005a103060181")), "ends inside an arc");
        // Elements out of order: responseToken [2] before negState [0].
        assertInvalid(() -> SpnegoCodec.decode(HEX.parseHex("a10b3009a2020400a0030a0100")), "unexpected bytes");
        // An unknown element [4].
        assertInvalid(() -> SpnegoCodec.decode(HEX.parseHex("a1063004a4020400")), "unexpected bytes");
        assertInvalid(() -> SpnegoCodec.decodeNegTokenResp(HAND_BUILT_INIT), "expected a NegTokenResp");
        assertInvalid(() -> SpnegoCodec.decode(HEX.parseHex("bf01")), "found tag 0xbf");
    }
}
