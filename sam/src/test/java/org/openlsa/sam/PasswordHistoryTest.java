package org.openlsa.sam;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openlsa.crypto.SecretBytes;

/** The history comparison: constant-time per hash, and every hash compared whatever matched first. */
class PasswordHistoryTest {

    private static SecretBytes hash(int fill) {
        byte[] b = new byte[16];
        java.util.Arrays.fill(b, (byte) fill);
        return SecretBytes.adopt(b);
    }

    @Test
    void findsTheCurrentAndAnyRememberedHash() {
        try (SecretBytes n = hash(7); SecretBytes cur = hash(7); SecretBytes a = hash(1); SecretBytes b = hash(7);
             SecretBytes c = hash(2)) {
            assertTrue(PasswordHistory.matchesAny(n, Optional.of(cur), List.of()));
            assertTrue(PasswordHistory.matchesAny(n, Optional.empty(), List.of(a, b)));
            assertFalse(PasswordHistory.matchesAny(n, Optional.empty(), List.of(a, c)));
            assertFalse(PasswordHistory.matchesAny(n, Optional.of(a), List.of(c)));
        }
    }

    @Test
    void aMatchDoesNotEndTheComparison() {
        // A match on the current hash, then a destroyed one: only a comparison that goes on after the match
        // touches it (and throws). An early return would tell by its time at which position the password was.
        SecretBytes gone = hash(3);
        gone.destroy();
        try (SecretBytes n = hash(7); SecretBytes cur = hash(7)) {
            assertThrows(IllegalStateException.class,
                    () -> PasswordHistory.matchesAny(n, Optional.of(cur), List.of(gone)));
        }
    }
}
