package org.openlsa.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

class NtOwfTest {

    private static String hex(SecretBytes s) {
        return HexFormat.of().formatHex(s.copyBytes());
    }

    @ParameterizedTest(name = "NTOWFv1({0}) = {1}")
    @CsvFileSource(resources = "/org/openlsa/crypto/ntowfv1-vectors.csv", numLinesToSkip = 1)
    void knownAnswers(String escapedPassword, String expected) {
        String password = VectorText.unescape(escapedPassword);
        try (SecretBytes fromChars = NtOwf.ntOwfV1(password.toCharArray());
             SecretBytes utf16 = SecretBytes.copyOf(password.getBytes(StandardCharsets.UTF_16LE));
             SecretBytes fromUtf16 = NtOwf.ntOwfV1(utf16)) {
            assertEquals(expected, hex(fromChars));
            assertEquals(expected, hex(fromUtf16));
            assertEquals(NtOwf.NT_HASH_LENGTH, fromChars.length());
        }
    }

    @Test
    void nonAsciiVectorsReallyAreNonAscii() {
        assertEquals("P\u00e4ssw\u00f6rd\u20ac", VectorText.unescape("P\\u00e4ssw\\u00f6rd\\u20ac"));
        assertEquals(2, VectorText.unescape("\\ud83d\\ude00").length());
    }

    @Test
    void utf16leEncodesWithoutByteOrderMark() {
        try (SecretBytes s = NtOwf.utf16le("Pa\u00e9\ud83d\ude00".toCharArray())) {
            assertArrayEquals(HexFormat.of().parseHex("50006100e9003dd800de"), s.copyBytes());
        }
        try (SecretBytes empty = NtOwf.utf16le(new char[0])) {
            assertEquals(0, empty.length());
        }
    }

    @Test
    void inputSecretIsLeftIntact() {
        try (SecretBytes utf16 = SecretBytes.copyOf("Password".getBytes(StandardCharsets.UTF_16LE))) {
            NtOwf.ntOwfV1(utf16).close();
            assertArrayEquals("Password".getBytes(StandardCharsets.UTF_16LE), utf16.copyBytes());
        }
    }
}
