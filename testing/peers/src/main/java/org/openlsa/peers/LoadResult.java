package org.openlsa.peers;

import java.time.Duration;
import java.util.Objects;

/**
 * The outcome of a timed verification run.
 *
 * @param workers                how many verifiers ran in parallel (for Samba: ntlm_auth helper processes)
 * @param verifications          verdicts received within the run
 * @param refused                how many of them were not "authenticated"
 * @param elapsed                wall-clock time of the measured run
 * @param p50                    median latency of one verification (for batches: of one batch divided by its size)
 * @param p99                    99th-percentile latency, measured the same way
 */
public record LoadResult(int workers, long verifications, long refused, Duration elapsed, Duration p50,
        Duration p99) {
    public LoadResult {
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(p50, "p50");
        Objects.requireNonNull(p99, "p99");
        if (workers < 1 || verifications < 0 || refused < 0 || refused > verifications) {
            throw new IllegalArgumentException("inconsistent load result: workers " + workers + ", verifications "
                    + verifications + ", refused " + refused);
        }
    }

    /** Verdicts per second of wall-clock time. */
    public double verificationsPerSecond() {
        return elapsed.isZero() ? 0 : verifications / (elapsed.toNanos() / 1e9);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT,
                "%d workers: %d verifications (%d refused) in %.2f s = %.0f/s, p50 %.3f ms, p99 %.3f ms",
                workers, verifications, refused, elapsed.toNanos() / 1e9, verificationsPerSecond(),
                p50.toNanos() / 1e6, p99.toNanos() / 1e6);
    }
}
