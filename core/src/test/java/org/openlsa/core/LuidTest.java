package org.openlsa.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LuidTest {

    @Test
    void halvesCombineWithoutSignExtension() {
        Luid l = Luid.of(1, 0xFFFFFFFF);
        assertEquals(0x1FFFFFFFFL, l.value());
        assertEquals(1, l.highPart());
        assertEquals(0xFFFFFFFF, l.lowPart());
        Luid top = Luid.of(0x80000000, 0);
        assertEquals(0x8000000000000000L, top.value());
        assertEquals(0x80000000, top.highPart());
        assertEquals(0, top.lowPart());
    }

    @Test
    void wellKnownSessions() {
        assertEquals(0x3E7, Luid.SYSTEM.value());
        assertEquals(0x3E6, Luid.ANONYMOUS_LOGON.value());
        assertEquals(0x3E5, Luid.LOCAL_SERVICE.value());
        assertEquals(0x3E4, Luid.NETWORK_SERVICE.value());
        assertEquals(0x3E3, Luid.IUSER.value());
        assertEquals(0, Luid.ZERO.value());
    }

    @Test
    void reservedBelowFirstDynamic() {
        assertTrue(new Luid(0).isReserved());
        assertTrue(Luid.SYSTEM.isReserved());
        assertTrue(new Luid(999).isReserved());
        assertFalse(new Luid(1000).isReserved());
        assertFalse(Luid.of(1, 0).isReserved());
        assertFalse(new Luid(-1).isReserved()); // 0xFFFFFFFFFFFFFFFF is a large unsigned value
    }

    @Test
    void textForms() {
        assertEquals("0x3e7", Luid.SYSTEM.toString());
        assertEquals("0xffffffffffffffff", new Luid(-1).toString());
        assertEquals(Luid.SYSTEM, Luid.parse("0x3e7"));
        assertEquals(Luid.SYSTEM, Luid.parse("0X3E7"));
        assertEquals(Luid.SYSTEM, Luid.parse("999"));
        assertEquals(Luid.SYSTEM, Luid.parse(" 0x0:0x3e7 "));
        assertEquals(Luid.of(1, 2), Luid.parse("0x1:0x2"));
        assertEquals(Luid.of(1, 2), Luid.parse("1:2"));
        assertEquals(Luid.of(0xFFFFFFFF, 0xFFFFFFFF), Luid.parse("0xffffffff:0xffffffff"));
        assertEquals(new Luid(-1), Luid.parse("0xffffffffffffffff"));
        assertEquals(new Luid(-1), Luid.parse("18446744073709551615"));
        for (Luid l : List.of(Luid.ZERO, Luid.SYSTEM, new Luid(-1), Luid.of(7, 9))) {
            assertEquals(l, Luid.parse(l.toString()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "0x", "0xg", "-1", "0x1:0x100000000", "0x1:-1", "1:", ":1", "18446744073709551616",
        "0x10000000000000000", "1.5"})
    void badTextIsRejected(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Luid.parse(text));
        assertTrue(e.getMessage().contains("'" + text + "'"));
    }

    @Test
    void orderingIsUnsigned() {
        List<Luid> sorted = Stream.of(new Luid(-1), new Luid(1000), Luid.ZERO, Luid.of(0x80000000, 0), Luid.SYSTEM)
                .sorted().toList();
        assertEquals(List.of(Luid.ZERO, Luid.SYSTEM, new Luid(1000), Luid.of(0x80000000, 0), new Luid(-1)), sorted);
    }
}
