package org.openlsa.idmap;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * The range algorithmic ids are drawn from (docs/idmap.md), cut into slices of equal size as SSSD's sss_idmap does:
 * slice 0 holds the well-known table, slice 1 the local (SAM) domain, every other slice one foreign domain chosen by
 * MurmurHash3 of its SID string. The defaults are SSSD's (200000 to 2000199999, slices of 200000), so a foreign
 * domain whose hash falls in slice 2 or above gets the same ids here as under SSSD's ldap_id_mapping.
 *
 * <p>Read from the state directory's {@code idmap.properties} ({@code range.low}, {@code range.high},
 * {@code slice.size}); a missing file means the defaults.
 *
 * @param low       the first id of the range, above 0 (root is never algorithmic)
 * @param high      the last id, at most 2^32-2
 * @param sliceSize ids per slice, at least 1000; (high - low + 1) must be a multiple holding at least 2 slices
 */
public record IdRanges(long low, long high, long sliceSize) {
    public static final long DEFAULT_LOW = 200_000;
    public static final long DEFAULT_HIGH = 2_000_199_999L;
    public static final long DEFAULT_SLICE_SIZE = 200_000;
    /** Slice 0: the well-known and builtin table. */
    public static final int WELL_KNOWN_SLICE = 0;
    /** Slice 1: the local SAM domain, so its ids read as low + slice size + RID. */
    public static final int LOCAL_DOMAIN_SLICE = 1;

    private static final Set<String> KEYS = Set.of("range.low", "range.high", "slice.size");

    public IdRanges {
        if (low < 1 || high >= UnixAccounts.NO_ID || high < low) {
            throw new IllegalArgumentException("idmap range must satisfy 1 <= low <= high <= 4294967294, not "
                    + low + ".." + high);
        }
        if (sliceSize < 1000 || (high - low + 1) % sliceSize != 0 || (high - low + 1) / sliceSize < 2) {
            throw new IllegalArgumentException("idmap slice size " + sliceSize + " must be >= 1000 and divide the range "
                    + low + ".." + high + " (" + (high - low + 1) + " ids) into at least 2 slices");
        }
    }

    public static IdRanges defaults() {
        return new IdRanges(DEFAULT_LOW, DEFAULT_HIGH, DEFAULT_SLICE_SIZE);
    }

    /** How many slices the range holds. */
    public long slices() {
        return (high - low + 1) / sliceSize;
    }

    /** The first id of slice {@code slice}. */
    public long sliceBase(long slice) {
        return low + slice * sliceSize;
    }

    public boolean contains(long id) {
        return id >= low && id <= high;
    }

    /** The slice of an id inside the range. */
    public long sliceOf(long id) {
        return (id - low) / sliceSize;
    }

    /**
     * The ranges in {@code file}, or the defaults when there is no such file.
     *
     * @throws IllegalArgumentException naming the file and the key when a value is not a number, a key is unknown
     *                                  or the ranges are inconsistent
     */
    public static IdRanges read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            return defaults();
        }
        for (String key : p.stringPropertyNames()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException(file + ": unknown key '" + key + "' (known: range.low, range.high, slice.size)");
            }
        }
        try {
            return new IdRanges(number(file, p, "range.low", DEFAULT_LOW), number(file, p, "range.high", DEFAULT_HIGH),
                    number(file, p, "slice.size", DEFAULT_SLICE_SIZE));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    private static long number(Path file, Properties p, String key, long dflt) {
        String v = p.getProperty(key);
        if (v == null) {
            return dflt;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ": " + key + " is not a number: '" + v.trim() + "'");
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d-%d, %d slices of %d", low, high, slices(), sliceSize);
    }
}
