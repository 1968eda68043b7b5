package org.openlsa.store.sqlite.internal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.openlsa.sam.KerberosKeySet;

/**
 * Results of reads kept while the database does not change ({@link Database#cachedRead}). Bounded: when full it
 * starts over rather than evicting one by one (the working set of logons is small and re-reads are cheap). Secrets
 * (hash copies as {@code byte[]}, Kerberos key sets) are zeroed when dropped, so a replaced password's hash or key
 * does not linger in the memo.
 * Not thread-safe: the database lock guards it.
 */
final class ReadMemo {
    static final int MAX_ENTRIES = 8192;

    private final Map<Object, Object> values = new HashMap<>();
    private long dataVersion = Long.MIN_VALUE;
    private long generation; // counts clears: entries read at one data_version share a generation

    /** Forgets everything unless {@code version} is the data_version the entries were read at. */
    void validate(long version) {
        if (version != dataVersion) {
            clear();
            dataVersion = version;
        }
    }

    Object get(Object key) {
        return values.get(key);
    }

    void put(Object key, Object value) {
        if (values.size() >= MAX_ENTRIES) {
            clear();
        }
        values.put(key, value);
    }

    void clear() {
        values.values().forEach(ReadMemo::discard);
        values.clear();
        generation++;
    }

    /** Changes whenever the entries are forgotten: a read scope that validated at this generation may skip it. */
    long generation() {
        return generation;
    }

    /** Zeroes the secret a read result holds, if any: an optional hash array or Kerberos key set. */
    static void discard(Object value) {
        if (value instanceof Optional<?> o && o.isPresent()) {
            if (o.get() instanceof byte[] b) {
                Arrays.fill(b, (byte) 0);
            } else if (o.get() instanceof KerberosKeySet k) {
                k.destroy();
            }
        }
    }
}
