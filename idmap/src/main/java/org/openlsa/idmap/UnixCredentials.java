package org.openlsa.idmap;

import java.util.List;
import java.util.Objects;

/**
 * What a process started for a token runs as: its uid, its primary gid and its supplementary gids (from the token's
 * enabled groups, never from /etc/group), in the token's order without duplicates.
 */
public record UnixCredentials(long uid, long gid, List<Long> supplementaryGids) {
    public UnixCredentials {
        requireId("uid", uid);
        requireId("gid", gid);
        supplementaryGids = List.copyOf(Objects.requireNonNull(supplementaryGids, "supplementaryGids"));
        for (long g : supplementaryGids) {
            requireId("supplementary gid", g);
        }
        if (supplementaryGids.stream().distinct().count() != supplementaryGids.size()) {
            throw new IllegalArgumentException("duplicate supplementary gids " + supplementaryGids);
        }
    }

    private static void requireId(String what, long id) {
        if (id < 0 || id >= UnixAccounts.NO_ID) {
            throw new IllegalArgumentException(what + " must be 0..4294967294, not " + id);
        }
    }
}
