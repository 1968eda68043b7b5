package org.openlsa.kdc.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;

/**
 * Authenticators the KDC accepted within the clock-skew window (RFC 4120 3.2.3 and 10): the same authenticator
 * again is a replay, KRB_AP_ERR_REPEAT.
 *
 * <p>An authenticator is identified by a 128-bit SHA-256 prefix of its ciphertext, as MIT's replay cache does
 * since 1.18: the ciphertext starts with a random confounder and covers client, ctime and cusec, so two different
 * authenticators share it only by a 2^-128 accident, and a replay is exactly the same octets. Entries are kept in
 * buckets by ctime second: a replay has the same ctime, so it is looked up in one bucket; and an authenticator is
 * only acceptable while its ctime is within the skew of now, so a bucket is dropped whole once its second is more
 * than the skew in the past. Sixteen bytes per entry in open-addressed arrays (at most three quarters full) keep
 * two million entries, the default capacity, under a hundred megabytes.
 *
 * <p>Bounded: past {@code capacity} live entries a new authenticator is refused (FULL) rather than an old one
 * forgotten, which could let a replay through.
 */
public final class ReplayCache {

    /** What {@link #check} decided. */
    public enum Verdict { FRESH, REPLAY, FULL }

    private final int capacity;
    private final Map<Long, Bucket> buckets = new HashMap<>(); // by ctime epoch second; guarded by this
    private int size; // guarded by this
    private long oldestSecond = Long.MAX_VALUE; // the smallest key of buckets; guarded by this
    private long longestSkew = 1; // seconds; the largest skew any check used, so a raised policy skew cannot
                                  // bring back into the window a second whose bucket is gone; guarded by this

    public ReplayCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
    }

    /**
     * Records the authenticator {@code ciphertext} with time {@code ctime} unless it was seen before. Callers have
     * already refused a ctime more than {@code skew} away from {@code now}.
     */
    public Verdict check(byte[] ciphertext, Instant ctime, Instant now, Duration skew) {
        byte[] h = sha256(ciphertext);
        long hi = longAt(h, 0);
        long lo = longAt(h, 8);
        if (hi == 0 && lo == 0) {
            lo = 1; // (0, 0) marks an empty slot
        }
        long second = ctime.getEpochSecond();
        synchronized (this) {
            longestSkew = Math.max(longestSkew, skew.toSeconds());
            expire(now.getEpochSecond() - longestSkew);
            Bucket b = buckets.get(second);
            if (b != null && b.contains(hi, lo)) {
                return Verdict.REPLAY;
            }
            if (size >= capacity) {
                return Verdict.FULL;
            }
            if (b == null) {
                b = new Bucket();
                buckets.put(second, b);
                oldestSecond = Math.min(oldestSecond, second);
            }
            b.add(hi, lo);
            size++;
            return Verdict.FRESH;
        }
    }

    public synchronized int size() {
        return size;
    }

    /** Drops the buckets of every second before {@code oldest}: their authenticators fail the skew check now. */
    private void expire(long oldest) {
        if (oldestSecond >= oldest) {
            return; // nothing to drop: the common case, so the walk below runs about once a second
        }
        long remaining = Long.MAX_VALUE;
        for (Iterator<Map.Entry<Long, Bucket>> it = buckets.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, Bucket> e = it.next();
            if (e.getKey() < oldest) {
                size -= e.getValue().size;
                it.remove();
            } else {
                remaining = Math.min(remaining, e.getKey());
            }
        }
        oldestSecond = remaining;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(Objects.requireNonNull(bytes, "ciphertext"));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a required JDK algorithm", e);
        }
    }

    private static long longAt(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[off + i] & 0xFF);
        }
        return v;
    }

    /** A set of 128-bit values: linear probing over one array, two longs per slot, (0, 0) empty. */
    private static final class Bucket {
        private long[] slots = new long[2 * 16];
        private int size;

        boolean contains(long hi, long lo) {
            int mask = slots.length / 2 - 1;
            for (int i = (int) (hi ^ (hi >>> 32)) & mask; ; i = (i + 1) & mask) {
                long h = slots[2 * i];
                long l = slots[2 * i + 1];
                if (h == 0 && l == 0) {
                    return false;
                }
                if (h == hi && l == lo) {
                    return true;
                }
            }
        }

        void add(long hi, long lo) {
            if (4 * (size + 1) > 3 * (slots.length / 2)) { // keep the load at or under three quarters
                long[] old = slots;
                slots = new long[old.length * 2];
                for (int i = 0; i < old.length; i += 2) {
                    if (old[i] != 0 || old[i + 1] != 0) {
                        insert(old[i], old[i + 1]);
                    }
                }
            }
            insert(hi, lo);
            size++;
        }

        private void insert(long hi, long lo) {
            int mask = slots.length / 2 - 1;
            int i = (int) (hi ^ (hi >>> 32)) & mask;
            while (slots[2 * i] != 0 || slots[2 * i + 1] != 0) {
                i = (i + 1) & mask;
            }
            slots[2 * i] = hi;
            slots[2 * i + 1] = lo;
        }
    }
}
