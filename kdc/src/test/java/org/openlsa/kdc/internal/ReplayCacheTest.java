package org.openlsa.kdc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReplayCacheTest {
    private static final Duration SKEW = Duration.ofMinutes(5);
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    private static byte[] authenticator(int i) {
        return ("authenticator ciphertext " + i).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    @Test
    void theSameAuthenticatorTwiceIsAReplayAnotherIsNot() {
        ReplayCache cache = new ReplayCache(100);
        assertEquals(ReplayCache.Verdict.FRESH, cache.check(authenticator(1), NOW, NOW, SKEW));
        assertEquals(ReplayCache.Verdict.REPLAY, cache.check(authenticator(1), NOW, NOW.plusSeconds(3), SKEW));
        assertEquals(ReplayCache.Verdict.FRESH, cache.check(authenticator(2), NOW, NOW, SKEW));
        assertEquals(2, cache.size());
    }

    @Test
    void entriesLiveUntilTheirCtimeLeavesTheSkewWindow() {
        ReplayCache cache = new ReplayCache(100);
        cache.check(authenticator(1), NOW, NOW, SKEW);
        // Still inside the window: still remembered.
        assertEquals(ReplayCache.Verdict.REPLAY, cache.check(authenticator(1), NOW, NOW.plus(SKEW), SKEW));
        // A second later its ctime fails the skew check, so the entry may go (and goes when anything is checked).
        cache.check(authenticator(2), NOW.plus(SKEW), NOW.plus(SKEW).plusSeconds(1), SKEW);
        assertEquals(1, cache.size());
    }

    @Test
    void aRaisedSkewDoesNotReopenForgottenSeconds() {
        ReplayCache cache = new ReplayCache(100);
        cache.check(authenticator(1), NOW, NOW, Duration.ofMinutes(30));
        // Checks with a smaller skew afterwards still keep the entry for the longest skew used.
        cache.check(authenticator(2), NOW.plus(SKEW).plusSeconds(10), NOW.plus(SKEW).plusSeconds(10), SKEW);
        assertEquals(ReplayCache.Verdict.REPLAY,
                cache.check(authenticator(1), NOW, NOW.plus(SKEW).plusSeconds(20), Duration.ofMinutes(30)));
    }

    @Test
    void whenFullItRefusesRatherThanForgets() {
        ReplayCache cache = new ReplayCache(3);
        for (int i = 0; i < 3; i++) {
            assertEquals(ReplayCache.Verdict.FRESH, cache.check(authenticator(i), NOW, NOW, SKEW));
        }
        assertEquals(ReplayCache.Verdict.FULL, cache.check(authenticator(9), NOW, NOW, SKEW));
        assertEquals(ReplayCache.Verdict.REPLAY, cache.check(authenticator(0), NOW, NOW, SKEW));
        // Once the window has passed, room comes back.
        Instant later = NOW.plus(SKEW).plusSeconds(2);
        assertEquals(ReplayCache.Verdict.FRESH, cache.check(authenticator(9), later, later, SKEW));
    }

    @Test
    void manyEntriesInOneSecondGrowTheBucketWithoutLosingAny() {
        ReplayCache cache = new ReplayCache(1_000_000);
        for (int i = 0; i < 50_000; i++) {
            assertEquals(ReplayCache.Verdict.FRESH, cache.check(authenticator(i), NOW, NOW, SKEW));
        }
        for (int i = 0; i < 50_000; i++) {
            assertEquals(ReplayCache.Verdict.REPLAY, cache.check(authenticator(i), NOW, NOW, SKEW));
        }
        assertEquals(50_000, cache.size());
    }

    @Test
    void concurrentSubmissionsOfOneAuthenticatorAdmitExactlyOne() throws Exception {
        ReplayCache cache = new ReplayCache(1_000_000);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 200; round++) {
                byte[] a = authenticator(round);
                AtomicInteger fresh = new AtomicInteger();
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    futures.add(pool.submit(() -> {
                        if (cache.check(a, NOW, NOW, SKEW) == ReplayCache.Verdict.FRESH) {
                            fresh.incrementAndGet();
                        }
                    }));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
                assertEquals(1, fresh.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
