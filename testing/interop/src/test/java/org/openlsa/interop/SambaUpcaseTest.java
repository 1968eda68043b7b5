package org.openlsa.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openlsa.crypto.HmacMd5;
import org.openlsa.crypto.NtOwf;
import org.openlsa.crypto.NtlmV2;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.crypto.Upcase;
import org.openlsa.peers.NtlmAuthHelper;
import org.openlsa.peers.NtlmRequest;
import org.openlsa.peers.SambaNtlmServer;
import org.openlsa.peers.SambaVerdict;

/**
 * How NTOWFv2 upper-cases the user name, against Samba: for every BMP code unit from U+0020 on (surrogates and
 * C1 controls aside), the user "x" followed by it, an NTLMv2 response computed by OpenLSA's {@link NtlmV2} is
 * accepted by {@code ntlm_auth --password} (Samba's NTLMv2 check with the user's name as the client sent it).
 * Since a response keyed over any other upper case fails, this pins OpenLSA's {@link Upcase} table to Samba's, code
 * unit by code unit. Needs root and the Samba peers.
 */
class SambaUpcaseTest {
    private static final String PASSWORD = "Upcase-Passw0rd";
    private static final String DOMAIN = "UPDOM";
    private static final byte[] CHALLENGE = HexFormat.of().parseHex("0123456789abcdef");
    /** NTLMv2_CLIENT_CHALLENGE with time 0, client challenge aa*8 and no AV pairs (only MsvAvEOL). */
    private static final byte[] BLOB = HexFormat.of().parseHex(
            "0101000000000000" + "0000000000000000" + "aaaaaaaaaaaaaaaa" + "00000000" + "00000000" + "00000000");

    @Test
    void everyBmpCodeUnitIsUpperCasedAsSambaDoes() throws Exception {
        List<Character> units = new ArrayList<>();
        List<NtlmRequest> requests = new ArrayList<>();
        try (SecretBytes hash = NtOwf.ntOwfV1(PASSWORD.toCharArray())) {
            for (int i = 0x20; i <= 0xFFFF; i++) {
                if (i == 0x7F || (i >= 0x80 && i < 0xA0) || Character.isSurrogate((char) i)) {
                    continue; // no name carries controls, and a lone surrogate has no UTF-8 form for ntlm_auth
                }
                String user = "x" + (char) i;
                try (SecretBytes owf = NtlmV2.ntOwfV2(hash, user, DOMAIN)) {
                    units.add((char) i);
                    requests.add(NtlmRequest.of(user, DOMAIN, CHALLENGE, NtlmV2.ntResponse(owf, CHALLENGE, BLOB)));
                }
            }
        }
        assertEquals(63_423, requests.size());
        try (SambaNtlmServer samba = SambaNtlmServer.start();
             NtlmAuthHelper helper = samba.openPasswordHelper(PASSWORD)) {
            List<SambaVerdict> verdicts = helper.verifyMany(requests);
            List<String> refused = new ArrayList<>();
            for (int k = 0; k < verdicts.size(); k++) {
                if (!verdicts.get(k).authenticated()) {
                    refused.add(String.format("U+%04X", (int) units.get(k)));
                }
            }
            assertTrue(refused.isEmpty(), () -> refused.size() + " code units upper-case differently from Samba: "
                    + refused.subList(0, Math.min(40, refused.size())));

            // The check discriminates: the expanded and the per-code-unit Unicode forms are refused.
            for (String wrong : new String[] {"STRASSE", "STRAßEΜS", "STRASSEΜS"}) {
                assertFalse(helper.verify(request("straßeµſ", wrong + DOMAIN)).authenticated(), wrong);
            }
            assertTrue(helper.verify(request("straßeµſ", "STRAßEµſ" + DOMAIN)).authenticated());
        }
    }

    /** A request for {@code user} keyed over {@code identity}, computed here without {@link Upcase}. */
    private static NtlmRequest request(String user, String identity) {
        try (SecretBytes hash = NtOwf.ntOwfV1(PASSWORD.toCharArray());
             SecretBytes owf = SecretBytes.adopt(HmacMd5.mac(hash, identity.getBytes(StandardCharsets.UTF_16LE)))) {
            return NtlmRequest.of(user, DOMAIN, CHALLENGE, NtlmV2.ntResponse(owf, CHALLENGE, BLOB));
        }
    }
}
