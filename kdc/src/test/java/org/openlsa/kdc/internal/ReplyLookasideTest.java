package org.openlsa.kdc.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The reply lookaside alone, on a clock the test moves: hits, pending requests, and every bound. */
class ReplyLookasideTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private ReplyLookaside cache(int entries, long bytes) {
        return new ReplyLookaside(entries, bytes, Duration.ofMinutes(2), now::get);
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** A miss answered with {@code reply}. */
    private static void answer(ReplyLookaside c, String request, byte[] reply) {
        ReplyLookaside.Lookup.Miss miss = assertInstanceOf(ReplyLookaside.Lookup.Miss.class, c.lookup(b(request)));
        c.complete(miss, Optional.of(reply));
    }

    private static boolean cached(ReplyLookaside c, String request) {
        ReplyLookaside.Lookup l = c.lookup(b(request));
        if (l instanceof ReplyLookaside.Lookup.Miss miss) {
            c.complete(miss, Optional.empty()); // leave no mark behind
            return false;
        }
        return l instanceof ReplyLookaside.Lookup.Hit;
    }

    @Test
    void theSameBytesGetTheSameReplyAndOtherBytesMiss() {
        ReplyLookaside c = cache(100, 1 << 20);
        byte[] reply = b("TGS-REP");
        answer(c, "request-1", reply);
        assertArrayEquals(reply, assertInstanceOf(ReplyLookaside.Lookup.Hit.class, c.lookup(b("request-1"))).reply());
        assertInstanceOf(ReplyLookaside.Lookup.Miss.class, c.lookup(b("request-2")), "one byte differs: a miss");
    }

    @Test
    void aCopyArrivingWhileTheFirstIsAnsweredIsPendingAndADropIsForgotten() {
        ReplyLookaside c = cache(100, 1 << 20);
        ReplyLookaside.Lookup.Miss first = assertInstanceOf(ReplyLookaside.Lookup.Miss.class, c.lookup(b("r")));
        assertInstanceOf(ReplyLookaside.Lookup.Pending.class, c.lookup(b("r")));
        c.complete(first, Optional.empty());
        assertEquals(0, c.size(), "a dropped request leaves nothing");
        assertEquals(0, c.bytes());
        assertInstanceOf(ReplyLookaside.Lookup.Miss.class, c.lookup(b("r")));
    }

    @Test
    void entriesExpireAfterTheirLifetime() {
        ReplyLookaside c = cache(100, 1 << 20);
        answer(c, "old", b("reply"));
        now.addAndGet(Duration.ofSeconds(119).toNanos());
        answer(c, "young", b("reply"));
        assertEquals(true, cached(c, "old"), "still within two minutes");
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertEquals(false, cached(c, "old"), "two minutes old: gone");
        assertEquals(true, cached(c, "young"));
        assertEquals(1, c.size());
    }

    @Test
    void theNumberOfEntriesIsBoundedOldestFirstOut() {
        ReplyLookaside c = cache(3, 1 << 20);
        for (int i = 0; i < 5; i++) {
            answer(c, "r" + i, b("reply" + i));
        }
        assertEquals(3, c.size());
        assertEquals(true, cached(c, "r2"));
        assertEquals(true, cached(c, "r3"));
        assertEquals(true, cached(c, "r4"));
        assertEquals(false, cached(c, "r1"));
        assertEquals(false, cached(c, "r0"));
    }

    @Test
    void theBytesHeldAreBoundedOldestFirstOut() {
        long limit = 3 * (ReplyLookaside.ENTRY_OVERHEAD + 1000L);
        ReplyLookaside c = cache(1000, limit);
        for (int i = 0; i < 10; i++) {
            answer(c, "r" + i, new byte[1000]);
            assertEquals(true, c.bytes() <= limit, "never over the limit: " + c.bytes());
        }
        assertEquals(3, c.size());
        assertEquals(true, cached(c, "r7"));
        assertEquals(true, cached(c, "r8"));
        assertEquals(true, cached(c, "r9"));
        assertEquals(false, cached(c, "r6"));
    }

    @Test
    void aReplyLargerThanTheWholeBoundIsNotKept() {
        ReplyLookaside c = cache(1000, 4096);
        answer(c, "huge", new byte[4096]);
        assertEquals(0, c.size());
        assertEquals(0, c.bytes());
        assertEquals(false, cached(c, "huge"));
    }

    @Test
    void boundsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> cache(0, 1 << 20));
        assertThrows(IllegalArgumentException.class, () -> cache(1, 10));
        assertThrows(IllegalArgumentException.class, () -> new ReplyLookaside(1, 1 << 20, Duration.ZERO, now::get));
    }
}
