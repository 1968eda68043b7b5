package org.openlsa.kdc.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Authenticators seen within the clock-skew window (RFC 4120 3.2.3 and 10): an AP-REQ whose authenticator was
 * already accepted is a replay, KRB_AP_ERR_REPEAT. An entry only needs to live as long as its ctime could still
 * pass the skew check; after that the skew check refuses the authenticator anyway, so the cache stays small.
 *
 * <p>The key is the authenticator's identity as MIT's replay cache takes it: client, server, ctime, cusec and a
 * digest of the encrypted authenticator (two clients could pick the same ctime/cusec by chance; the digest keeps
 * them apart). A bounded size protects memory: when full, the oldest entries go first, and if those are still
 * inside the window the request is refused rather than risk accepting a replay.
 */
public final class ReplayCache {

    /** One authenticator's identity; {@code digest} is a hash of its ciphertext, not a secret. */
    public record Entry(String client, String server, Instant ctime, int cusec, String digest) {
        public Entry {
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(server, "server");
            Objects.requireNonNull(ctime, "ctime");
            Objects.requireNonNull(digest, "digest");
        }
    }

    /** What {@link #check} decided. */
    public enum Verdict { FRESH, REPLAY, FULL }

    private final Duration window;
    private final int capacity;
    private final Map<Entry, Instant> seen = new HashMap<>();
    private final ArrayDeque<Map.Entry<Entry, Instant>> order = new ArrayDeque<>();

    /** @param window how long an entry can matter: the allowed clock skew on each side, so twice the skew */
    public ReplayCache(Duration window, int capacity) {
        this.window = Objects.requireNonNull(window, "window");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
    }

    /** Records {@code entry} unless it was seen inside the window. */
    public synchronized Verdict check(Entry entry, Instant now) {
        expire(now);
        if (seen.containsKey(entry)) {
            return Verdict.REPLAY;
        }
        if (seen.size() >= capacity) {
            return Verdict.FULL;
        }
        Instant expiry = now.plus(window);
        seen.put(entry, expiry);
        order.addLast(Map.entry(entry, expiry));
        return Verdict.FRESH;
    }

    public synchronized int size() {
        return seen.size();
    }

    private void expire(Instant now) {
        while (!order.isEmpty() && !order.peekFirst().getValue().isAfter(now)) {
            Map.Entry<Entry, Instant> oldest = order.removeFirst();
            seen.remove(oldest.getKey(), oldest.getValue());
        }
    }
}
