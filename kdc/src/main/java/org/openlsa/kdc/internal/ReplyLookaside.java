package org.openlsa.kdc.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Recent replies, by the exact bytes of the request they answered: a client that lost a UDP reply sends the very
 * same request again, and must get the very same reply, not KRB_AP_ERR_REPEAT from the replay cache (the
 * retransmitted authenticator is, byte for byte, one the KDC has already accepted). MIT's KDC answers
 * retransmissions from such a cache (src/kdc/replay.c, consulted in dispatch.c); as MIT's, this cache
 * <ul>
 *   <li>is keyed by the whole request, whatever the transport (MIT's client retries over TCP with the same bytes
 *       after KRB_ERR_RESPONSE_TOO_BIG, so a UDP request's reply must be found by its TCP twin);</li>
 *   <li>keeps an entry {@code lifetime} from when it was made (MIT: two minutes), oldest first out;</li>
 *   <li>is bounded by the bytes it holds (MIT: 10 MiB, counting a rough per-entry overhead), and here also by a
 *       number of entries;</li>
 *   <li>marks a request being answered, so that a retransmission arriving meanwhile is dropped instead of being
 *       answered a second time (which the replay cache would refuse).</li>
 * </ul>
 * A request is identified by its SHA-256 digest rather than by its bytes (a collision is a 2^-128 accident; an
 * attacker cannot aim at another request's entry or at one hash bucket). Only a different request carrying the
 * same authenticator still reaches the replay cache, and is refused there.
 *
 * <p>Thread-safe. Returned replies are shared with the cache: callers must not modify them.
 */
public final class ReplyLookaside {
    /**
     * What an entry costs besides its reply: the map node, the key and the entry objects. A rough figure, as
     * MIT's; it keeps a flood of tiny replies from holding far more memory than {@code maxBytes} says.
     */
    static final int ENTRY_OVERHEAD = 128;

    /** What {@link #lookup} found. */
    public sealed interface Lookup {
        /** The reply sent for the same request before: send it again. */
        record Hit(byte[] reply) implements Lookup {}

        /** The same request is being answered right now: drop this copy. */
        record Pending() implements Lookup {}

        /** A new request, now marked pending: answer it, then call {@link #complete}. */
        record Miss(Digest key) implements Lookup {}
    }

    /** A request's SHA-256. */
    public record Digest(long a, long b, long c, long d) {}

    private static final class Entry {
        final long bornNanos;
        final byte[] reply; // null while pending

        Entry(long bornNanos, byte[] reply) {
            this.bornNanos = bornNanos;
            this.reply = reply;
        }

        long size() {
            return ENTRY_OVERHEAD + (reply == null ? 0 : reply.length);
        }
    }

    private final int maxEntries;
    private final long maxBytes;
    private final long lifetimeNanos;
    private final LongSupplier nanoTime;
    // Insertion order is age order: entries are only ever added at the tail, stamped inside the lock.
    private final LinkedHashMap<Digest, Entry> entries = new LinkedHashMap<>(); // guarded by this
    private long bytes; // guarded by this

    /** @param nanoTime a monotonic clock in nanoseconds ({@code System::nanoTime}; tests move their own) */
    public ReplyLookaside(int maxEntries, long maxBytes, Duration lifetime, LongSupplier nanoTime) {
        Objects.requireNonNull(lifetime, "lifetime");
        if (maxEntries < 1 || maxBytes < ENTRY_OVERHEAD || lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("invalid lookaside bounds: " + maxEntries + " entries, " + maxBytes
                    + " bytes, " + lifetime);
        }
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
        this.lifetimeNanos = lifetime.toNanos();
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /** The cached reply to {@code request}, or that it is pending, or (a miss) marks it pending. */
    public Lookup lookup(byte[] request) {
        Digest key = digest(request);
        synchronized (this) {
            long now = nanoTime.getAsLong();
            expire(now);
            Entry e = entries.get(key);
            if (e != null) {
                return e.reply == null ? new Lookup.Pending() : new Lookup.Hit(e.reply);
            }
            add(key, new Entry(now, null));
            return new Lookup.Miss(key);
        }
    }

    /**
     * Ends a miss: keeps {@code reply} for the request's retransmissions, or (empty: the request was dropped)
     * forgets the request. A reply that could never fit is not kept.
     */
    public void complete(Lookup.Miss miss, Optional<byte[]> reply) {
        synchronized (this) {
            Entry pending = entries.remove(miss.key());
            if (pending != null) {
                if (pending.reply != null) {
                    entries.put(miss.key(), pending); // answered meanwhile (its mark was evicted): keep the first
                    return;
                }
                bytes -= pending.size();
            }
            if (reply.isPresent() && ENTRY_OVERHEAD + (long) reply.get().length <= maxBytes) {
                add(miss.key(), new Entry(nanoTime.getAsLong(), reply.get()));
            }
        }
    }

    /** Entries held now (pending ones included). */
    public synchronized int size() {
        return entries.size();
    }

    /** Bytes accounted now: replies plus {@link #ENTRY_OVERHEAD} per entry. */
    public synchronized long bytes() {
        return bytes;
    }

    private void add(Digest key, Entry entry) {
        entries.put(key, entry);
        bytes += entry.size();
        // Oldest first out until both bounds hold again; the new entry fits on its own, so it stays.
        Iterator<Entry> it = entries.values().iterator();
        while (entries.size() > maxEntries || bytes > maxBytes) {
            Entry oldest = it.next();
            it.remove();
            bytes -= oldest.size();
        }
    }

    private void expire(long now) {
        for (Iterator<Map.Entry<Digest, Entry>> it = entries.entrySet().iterator(); it.hasNext(); ) {
            Entry e = it.next().getValue();
            if (now - e.bornNanos < lifetimeNanos) {
                return; // the rest are younger
            }
            it.remove();
            bytes -= e.size();
        }
    }

    private static Digest digest(byte[] request) {
        byte[] h;
        try {
            h = MessageDigest.getInstance("SHA-256").digest(Objects.requireNonNull(request, "request"));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a required JDK algorithm", e);
        }
        return new Digest(longAt(h, 0), longAt(h, 8), longAt(h, 16), longAt(h, 24));
    }

    private static long longAt(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[off + i] & 0xFF);
        }
        return v;
    }
}
