package org.openlsa.engine.internal;

import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.openlsa.core.Luid;

/**
 * Hands out LUIDs (logon sessions, token ids, token sources), never one below the reserved range. The start is
 * random so that LUIDs from two runs of the LSA are unlikely to be confused in logs.
 */
final class LuidAllocator {
    private final AtomicLong next;

    LuidAllocator(RandomGenerator random) {
        this.next = new AtomicLong(0x10000L + random.nextLong(0x1000000L));
    }

    Luid allocate() {
        return new Luid(next.getAndIncrement());
    }
}
