package org.openlsa.idmap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Known answers of MurmurHash3_x86_32 (the reference implementation's, as published with SMHasher and widely quoted). */
class MurmurHash3Test {
    private static long hash(String s, int seed) {
        return MurmurHash3.x86_32(s.getBytes(StandardCharsets.US_ASCII), seed);
    }

    @Test
    void knownAnswers() {
        assertEquals(0L, hash("", 0));
        assertEquals(0x514E28B7L, hash("", 1));
        assertEquals(0x248BFA47L, hash("hello", 0));
        assertEquals(0x2E4FF723L, hash("The quick brown fox jumps over the lazy dog", 0));
    }
}
