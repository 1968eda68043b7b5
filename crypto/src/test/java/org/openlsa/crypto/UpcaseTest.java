package org.openlsa.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.CsvSource;

/** The code-unit upcase of NTLM names and NTOWFv2 over it (vectors from impacket, checked against Samba). */
class UpcaseTest {

    @ParameterizedTest(name = "NTOWFv2({0}, {2})")
    @CsvFileSource(resources = "/org/openlsa/crypto/ntowfv2-upcase-vectors.csv", numLinesToSkip = 1)
    void ntOwfV2UpperCasesTheUserCodeUnitByCodeUnit(String user, String identity, String domain, String password,
                                                    String ntOwfV2, String fullMapping) {
        String u = VectorText.unescape(user);
        String d = VectorText.unescape(domain);
        assertEquals(VectorText.unescape(identity), Upcase.of(u));
        try (SecretBytes hash = NtOwf.ntOwfV1(password.toCharArray());
             SecretBytes owf = NtlmV2.ntOwfV2(hash, u, d)) {
            String got = HexFormat.of().formatHex(owf.copyBytes());
            assertEquals(ntOwfV2, got);
            if (!ntOwfV2.equals(fullMapping)) {
                // The value String.toUpperCase would give: Samba refuses it.
                assertNotEquals(fullMapping, got);
            }
        }
    }

    @ParameterizedTest(name = "U+{0} -> U+{1}")
    @CsvSource({
        // never expanded: the full mapping makes two or three code units of these
        "00DF, 00DF", "0149, 0149", "FB00, FB00", "01F0, 01F0", "0390, 0390",
        // a simple upper case exists in Unicode, but neither Samba's table nor this one applies it
        "00B5, 00B5", "0131, 0131", "017F, 017F", "01C5, 01C5", "03D0, 03D0", "1FB3, 1FB3", "0219, 0219",
        "10D0, 10D0", "2C30, 2C30", "AB70, AB70",
        // mapped
        "0061, 0041", "007A, 005A", "00E9, 00C9", "00FF, 0178", "0101, 0100", "01C6, 01C4", "03C2, 03A3",
        "03C9, 03A9", "0451, 0401", "0586, 0556", "1F51, 1F59", "1F57, 1F5F", "2170, 2160", "24E9, 24CF",
        "FF41, FF21",
        // inside a run of every second code unit, but not of it: the upper-case letters themselves
        "0100, 0100", "1F52, 1F52", "0041, 0041",
        // surrogates stay: U+10428 DESERET SMALL LETTER LONG I is D801 DC28 and keeps both
        "D801, D801", "DC28, DC28"
    })
    void codeUnits(String from, String to) {
        assertEquals((char) Integer.parseInt(to, 16), Upcase.codeUnit((char) Integer.parseInt(from, 16)));
    }

    @Test
    void theTableMapsExactlyTheCodeUnitsSambaMaps() {
        int mapped = 0;
        for (int i = 0; i <= 0xFFFF; i++) {
            char c = (char) i;
            char u = Upcase.codeUnit(c);
            if (u != c) {
                mapped++;
                // Every mapping is Unicode's simple upper case: the table only ever omits some.
                assertEquals(Character.toUpperCase(c), u, () -> "U+" + Integer.toHexString(c));
            }
        }
        // 636 as measured with ntlm_auth (see the class comment of Upcase).
        assertEquals(636, mapped);
    }

    @Test
    void stringsKeepTheirLength() {
        assertEquals("STRAßE", Upcase.of("straße"));
        assertEquals("\ud801\udc28X", Upcase.of("\ud801\udc28x"));
        assertEquals("", Upcase.of(""));
        assertEquals("TESTDOM-1 \u00c9", Upcase.of("TestDom-1 \u00e9"));
    }
}
