package org.openlsa.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TokenSourceTest {

    @Test
    void emptyNameIsRejectedAsDocumented() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new TokenSource("", Luid.ZERO));
    }

    @Test
    void shortNamesArePaddedWithSpacesToEightBytes() {
        TokenSource s = new TokenSource("Advapi", new Luid(0x1234));
        assertEquals("Advapi  ", s.sourceName());
        assertEquals("Advapi", s.trimmedName());
        assertArrayEquals("Advapi  ".getBytes(StandardCharsets.US_ASCII), s.nameBytes());
        assertEquals(TokenSource.NAME_LENGTH, s.nameBytes().length);
        assertEquals(new Luid(0x1234), s.sourceIdentifier());
        assertEquals(new TokenSource("Advapi  ", new Luid(0x1234)), s);
    }

    @Test
    void eightCharacterNameIsKept() {
        TokenSource s = new TokenSource("User32Lo", Luid.ZERO);
        assertEquals("User32Lo", s.sourceName());
        assertArrayEquals(new byte[] {'U', 's', 'e', 'r', '3', '2', 'L', 'o'}, s.nameBytes());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ABCDEFGHI", "Advapi   x", "123456789012"})
    void longerThanEightIsRejected(String name) {
        assertThrows(IllegalArgumentException.class, () -> new TokenSource(name, Luid.ZERO));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Adv\u00e9pi", "\u4e2d", "A\tB", "A\u0000", "\u007f", "caf\u00e9", "\ud83d\ude00"})
    void nonPrintableAsciiIsRejected(String name) {
        assertThrows(IllegalArgumentException.class, () -> new TokenSource(name, Luid.ZERO));
    }

    @Test
    void nullsAreRejected() {
        assertThrows(NullPointerException.class, () -> new TokenSource(null, Luid.ZERO));
        assertThrows(NullPointerException.class, () -> new TokenSource("Advapi", null));
    }
}
