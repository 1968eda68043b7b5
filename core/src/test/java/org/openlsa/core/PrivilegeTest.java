package org.openlsa.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PrivilegeTest {

    @Test
    void luidsCoverTwoToThirtySixExactlyOnce() {
        Set<Long> luids = new HashSet<>();
        for (Privilege p : Privilege.values()) {
            long v = p.luid().value();
            assertTrue(v >= 2 && v <= 36, p + " has LUID " + v);
            assertTrue(luids.add(v), "LUID " + v + " used twice");
        }
        assertEquals(35, luids.size()); // SE_MIN_WELL_KNOWN_PRIVILEGE 2 .. SE_MAX_WELL_KNOWN_PRIVILEGE 36
        Set<String> names = new HashSet<>();
        for (Privilege p : Privilege.values()) {
            assertTrue(names.add(p.privilegeName().toLowerCase()), "name twice: " + p);
        }
    }

    @ParameterizedTest
    @EnumSource(Privilege.class)
    void byNameAndByLuidRoundTrip(Privilege p) {
        assertEquals(Optional.of(p), Privilege.byName(p.privilegeName()));
        assertEquals(Optional.of(p), Privilege.byName(p.privilegeName().toUpperCase()));
        assertEquals(Optional.of(p), Privilege.byName(p.privilegeName().toLowerCase()));
        assertEquals(Optional.of(p), Privilege.byLuid(p.luid()));
        assertTrue(p.privilegeName().startsWith("Se") && p.privilegeName().endsWith("Privilege"));
        assertEquals(p.privilegeName(), p.toString());
        assertTrue(!p.displayName().isEmpty());
    }

    @Test
    void wellKnownValues() {
        assertEquals(new Luid(7), Privilege.SE_TCB.luid());
        assertEquals("SeTcbPrivilege", Privilege.SE_TCB.privilegeName());
        assertEquals(Optional.of(Privilege.SE_TCB), Privilege.byName("SeTcbPrivilege"));
        assertEquals(Optional.of(Privilege.SE_TCB), Privilege.byLuid(new Luid(7)));
        assertEquals(new Luid(2), Privilege.SE_CREATE_TOKEN.luid());
        assertEquals(new Luid(23), Privilege.SE_CHANGE_NOTIFY.luid());
        assertEquals(new Luid(29), Privilege.SE_IMPERSONATE.luid());
        assertEquals(new Luid(30), Privilege.SE_CREATE_GLOBAL.luid());
        assertEquals(new Luid(36), Privilege.SE_DELEGATE_SESSION_USER_IMPERSONATE.luid());
    }

    @Test
    void unknownLookupsAreEmpty() {
        for (long v : new long[] {0, 1, 37, 1000, -1, Long.MIN_VALUE, 1L << 32 | 7}) {
            assertEquals(Optional.empty(), Privilege.byLuid(new Luid(v)), "LUID " + v);
        }
        assertEquals(Optional.empty(), Privilege.byName("SeNoSuchPrivilege"));
        assertEquals(Optional.empty(), Privilege.byName(""));
        assertEquals(Optional.empty(), Privilege.byName("SeTcb"));
    }
}
