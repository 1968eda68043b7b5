package org.openlsa.idmap;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** A fixed passwd and group table, so collisions and linked accounts are tested without touching /etc. */
final class FakeDirectory implements UnixDirectory {
    private final Map<Long, String> users = new HashMap<>();
    private final Map<Long, Long> primaryGids = new HashMap<>();
    private final Map<Long, String> groups = new HashMap<>();

    FakeDirectory user(long uid, String name, long gid) {
        users.put(uid, name);
        primaryGids.put(uid, gid);
        return this;
    }

    FakeDirectory group(long gid, String name) {
        groups.put(gid, name);
        return this;
    }

    @Override
    public Optional<String> userName(long uid) {
        return Optional.ofNullable(users.get(uid));
    }

    @Override
    public OptionalLong primaryGid(long uid) {
        Long g = primaryGids.get(uid);
        return g == null ? OptionalLong.empty() : OptionalLong.of(g);
    }

    @Override
    public Optional<String> groupName(long gid) {
        return Optional.ofNullable(groups.get(gid));
    }
}
