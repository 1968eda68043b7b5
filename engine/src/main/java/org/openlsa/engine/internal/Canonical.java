package org.openlsa.engine.internal;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Shares equal immutable values (SIDs, group and privilege entries, DACLs, names) between the tokens and sessions
 * of one LSA. Most of a token is the same from one logon to the next, so an open session costs a fraction of what
 * private copies would (docs/performance.md). Bounded: past {@link #MAX_ENTRIES} values are used unshared, which is
 * still correct. Values unique to one session (logon SIDs, token ids) must not be put here.
 */
final class Canonical {
    static final int MAX_ENTRIES = 1 << 16;

    private final ConcurrentHashMap<Object, Object> values = new ConcurrentHashMap<>();

    /** The shared instance equal to {@code v}, or {@code v} itself. Only for immutable values with value equality. */
    @SuppressWarnings("unchecked")
    <T> T of(T v) {
        if (v == null) {
            return null;
        }
        Object shared = values.get(v);
        if (shared != null) {
            return (T) shared;
        }
        if (values.size() >= MAX_ENTRIES) {
            return v;
        }
        Object previous = values.putIfAbsent(v, v);
        return previous == null ? v : (T) previous;
    }
}
