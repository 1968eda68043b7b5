package org.openlsa.daemon.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * At most one log line per key (a peer's uid, or one shared key for the accept loop) per interval, so that a client
 * repeating whatever makes the daemon log cannot grow the log faster than one line per interval. The line that is
 * let through carries the count of the ones suppressed since the previous one.
 *
 * <p>Memory is bounded: keys whose interval has passed are forgotten once more than {@code maxKeys} are held; while
 * more than that many keys are all within their interval, the excess share one overflow key (so a flood from many
 * uids still logs one line per interval).
 */
public final class LogThrottle {
    private static final Object OVERFLOW = new Object();

    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private final int maxKeys;
    private final Map<Object, Window> windows = new HashMap<>(); // guarded by this

    private static final class Window {
        final long openedAt;
        long suppressed;

        Window(long openedAt) {
            this.openedAt = openedAt;
        }
    }

    /**
     * @param interval how long a key stays quiet after a line was let through
     * @param nanoClock {@link System#nanoTime} outside tests
     * @param maxKeys how many keys it remembers before forgetting expired ones
     */
    public LogThrottle(Duration interval, LongSupplier nanoClock, int maxKeys) {
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the interval must be positive: " + interval);
        }
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys must be positive: " + maxKeys);
        }
        this.intervalNanos = interval.toNanos();
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.maxKeys = maxKeys;
    }

    public LogThrottle(Duration interval) {
        this(interval, System::nanoTime, 4096);
    }

    /**
     * Whether a line for {@code key} may be written now: the number of lines suppressed for it since the last one
     * that was written, or empty when this one is to be suppressed (and is counted).
     */
    public synchronized OptionalLong permit(Object key) {
        Objects.requireNonNull(key, "key");
        long now = nanoClock.getAsLong();
        Window w = windows.get(key);
        if (w == null && windows.size() >= maxKeys) {
            windows.values().removeIf(x -> now - x.openedAt >= intervalNanos && x.suppressed == 0);
            if (windows.size() >= maxKeys) {
                key = OVERFLOW;
                w = windows.get(OVERFLOW);
            }
        }
        if (w != null && now - w.openedAt < intervalNanos) {
            w.suppressed++;
            return OptionalLong.empty();
        }
        long suppressed = w == null ? 0 : w.suppressed;
        windows.put(key, new Window(now));
        return OptionalLong.of(suppressed);
    }
}
