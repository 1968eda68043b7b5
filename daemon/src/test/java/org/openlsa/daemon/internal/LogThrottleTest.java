package org.openlsa.daemon.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LogThrottleTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private static final long SECOND = 1_000_000_000L;

    @Test
    void oneLinePerKeyPerIntervalThenTheCountOfSuppressedOnes() {
        LogThrottle t = new LogThrottle(Duration.ofSeconds(10), now::get, 16);
        assertEquals(OptionalLong.of(0), t.permit(1000L));
        for (int i = 0; i < 5000; i++) {
            assertEquals(OptionalLong.empty(), t.permit(1000L));
        }
        assertEquals(OptionalLong.of(0), t.permit(0L), "another peer has its own interval");
        now.addAndGet(10 * SECOND - 1);
        assertEquals(OptionalLong.empty(), t.permit(1000L), "still inside the interval");
        now.addAndGet(1);
        assertEquals(OptionalLong.of(5001), t.permit(1000L));
        assertEquals(OptionalLong.empty(), t.permit(1000L));
    }

    @Test
    void manyKeysShareOneOverflowWindowAndExpiredOnesAreForgotten() {
        LogThrottle t = new LogThrottle(Duration.ofSeconds(10), now::get, 4);
        for (long uid = 0; uid < 4; uid++) {
            assertEquals(OptionalLong.of(0), t.permit(uid));
        }
        assertEquals(OptionalLong.of(0), t.permit(100L), "the first key past the bound logs (overflow window)");
        for (long uid = 101; uid < 10_000; uid++) {
            assertEquals(OptionalLong.empty(), t.permit(uid), "later ones share that window");
        }
        now.addAndGet(10 * SECOND);
        assertEquals(OptionalLong.of(0), t.permit(5000L), "expired windows are forgotten, making room");
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LogThrottle(Duration.ZERO, now::get, 1));
        assertThrows(IllegalArgumentException.class, () -> new LogThrottle(Duration.ofSeconds(1), now::get, 0));
    }
}
