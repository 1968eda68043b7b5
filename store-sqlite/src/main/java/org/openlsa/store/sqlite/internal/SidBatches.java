package org.openlsa.store.sqlite.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import org.openlsa.core.Sid;

/**
 * SID sets cut into batches for {@code IN (?, ...)} lists. A token's SIDs fit in one batch, so a lookup is one
 * query; the cut only guards against SQLite's limit on bound parameters for an unusually large input.
 */
final class SidBatches {
    private SidBatches() {}

    static final int MAX_BATCH = 500;

    /** The distinct SIDs as text, in batches of at most {@link #MAX_BATCH}. */
    static List<List<String>> of(Collection<Sid> sids) {
        List<String> texts = sids.stream().map(Sid::toString).distinct().toList();
        List<List<String>> batches = new ArrayList<>();
        for (int i = 0; i < texts.size(); i += MAX_BATCH) {
            batches.add(texts.subList(i, Math.min(texts.size(), i + MAX_BATCH)));
        }
        return batches;
    }

    /** "?, ?, ?" for a batch of {@code n}. */
    static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }
}
