package org.openlsa.idmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The range file: SSSD's defaults when absent, its keys when present, and no inconsistent range. */
class IdRangesTest {
    @TempDir Path dir;

    @Test
    void noFileMeansSssdsDefaults() throws Exception {
        IdRanges r = IdRanges.read(dir.resolve("idmap.properties"));
        assertEquals(new IdRanges(200_000, 2_000_199_999L, 200_000), r);
        assertEquals(10_000, r.slices());
        assertEquals(400_000, r.sliceBase(1));
    }

    @Test
    void theFileSetsTheRange() throws Exception {
        Path f = dir.resolve("idmap.properties");
        Files.writeString(f, "# ours\nrange.low = 100000\nrange.high=199999\nslice.size=10000\n");
        IdRanges r = IdRanges.read(f);
        assertEquals(new IdRanges(100_000, 199_999, 10_000), r);
        assertEquals(10, r.slices());
    }

    @Test
    void badValuesAreRefusedWithTheirKey() throws Exception {
        Path f = dir.resolve("idmap.properties");
        Files.writeString(f, "range.low=lots\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> IdRanges.read(f)).getMessage().contains("range.low"));
        Files.writeString(f, "range.lo=1000\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> IdRanges.read(f)).getMessage().contains("range.lo"));
        assertThrows(IllegalArgumentException.class, () -> new IdRanges(0, 1999, 1000)); // root is never algorithmic
        assertThrows(IllegalArgumentException.class, () -> new IdRanges(1000, 2499, 1000)); // not whole slices
        assertThrows(IllegalArgumentException.class, () -> new IdRanges(1000, 1999, 1000)); // one slice
        assertThrows(IllegalArgumentException.class, () -> new IdRanges(1000, 0xFFFF_FFFFL, 1000)); // (uid_t) -1
    }
}
