package org.openlsa.idmap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.sam.AccountStore;
import org.openlsa.sam.DomainInfo;

/**
 * The mapping of one state directory, as {@code lsa idmap} asks it: the CLI (run by the directory's owner) and the
 * daemon (for every other local user, docs/ipc.md MAP_IDS) both answer through this class, so the two paths cannot
 * disagree. The range file is read on every call, like the account store, so an edit counts at once on both paths.
 */
public final class IdMapService {
    /** At most this many questions in one call, like LOOKUP_SIDS' 20480 SIDs (docs/ipc.md). */
    public static final int MAX_QUERIES = 20480;

    private final Path config;
    private final AccountStore store;
    private final UnixDirectory directory;

    /**
     * @param config    the state directory's {@code idmap.properties} ({@code StateLayout.idmapConfig()}); it need
     *                  not exist
     * @param store     the account database (its domain SID and the uid links)
     * @param directory the local accounts ({@link UnixDirectory#system()})
     */
    public IdMapService(Path config, AccountStore store, UnixDirectory directory) {
        this.config = Objects.requireNonNull(config, "config");
        this.store = Objects.requireNonNull(store, "store");
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    /**
     * The ranges, the local domain and the answer to each of {@code queries} (none: just the ranges).
     *
     * @throws LsaException {@code STATUS_INVALID_PARAMETER} for more than {@link #MAX_QUERIES} questions;
     *                      a store failure's own status
     * @throws IOException  {@code idmap.properties} cannot be read
     * @throws IllegalArgumentException {@code idmap.properties} is invalid (the message names the file and key)
     */
    /**
     * The mapping as the range file says now (read on every call, so an edit counts at once): what {@link #answer}
     * asks, and what a process started for a token runs as.
     *
     * @throws IOException {@code idmap.properties} cannot be read
     * @throws IllegalArgumentException {@code idmap.properties} is invalid (the message names the file and key)
     */
    public IdMap current() throws IOException {
        return new IdMap(IdRanges.read(config), store, directory);
    }

    public IdMapReport answer(List<IdQuery> queries) throws LsaException, IOException {
        if (queries.size() > MAX_QUERIES) {
            throw new LsaException(NtStatus.INVALID_PARAMETER, "at most " + MAX_QUERIES + " ids or SIDs per call, not "
                    + queries.size());
        }
        IdMap map = current();
        IdRanges ranges = map.ranges();
        DomainInfo domain = store.domain();
        List<IdMapResult> results = new ArrayList<>(queries.size());
        for (IdQuery q : queries) {
            results.add(q.ask(map));
        }
        return new IdMapReport(ranges, Files.exists(config), domain.sid(), domain.name(), results);
    }
}
