package org.openlsa.core;

import java.time.Instant;

/**
 * Windows time (LARGE_INTEGER, FILETIME): 100 ns intervals since 1601-01-01 UTC. {@link #NEVER} is the largest
 * positive value, which the SAM and the profile structures use for "never".
 */
public final class NtTime {
    private NtTime() {}

    public static final long NEVER = Long.MAX_VALUE;
    /** Seconds from 1601-01-01 to 1970-01-01. */
    private static final long EPOCH_DIFF_SECONDS = 11_644_473_600L;

    public static long fromInstant(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond() + EPOCH_DIFF_SECONDS, 10_000_000L), t.getNano() / 100);
    }

    /** The instant, or null for NEVER or 0 (which mean "not set" or "never" depending on the field). */
    public static Instant toInstantOrNull(long ntTime) {
        if (ntTime == NEVER || ntTime <= 0) {
            return null;
        }
        return Instant.ofEpochSecond(ntTime / 10_000_000L - EPOCH_DIFF_SECONDS, (ntTime % 10_000_000L) * 100);
    }

    /** NEVER for null. */
    public static long fromInstantOrNever(Instant t) {
        return t == null ? NEVER : fromInstant(t);
    }
}
