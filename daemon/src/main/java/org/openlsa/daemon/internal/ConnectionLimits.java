package org.openlsa.daemon.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * Who may hold another connection (docs/ipc.md, "Limits"): an ordinary uid at most {@code perUid} at once, and all
 * ordinary uids together no more than {@code max - reserved}; the last {@code reserved} places are kept for
 * privileged callers (root, holders of SeTcbPrivilege), so that a flood from ordinary users cannot lock the
 * administrator out. A privileged caller is bounded only by {@code max}.
 */
public final class ConnectionLimits {
    private final int perUid;
    private final int max;
    private final int reserved;
    private final Map<Long, Integer> byUid = new HashMap<>(); // guarded by this
    private int total; // guarded by this

    public ConnectionLimits(int perUid, int max, int reserved) {
        if (perUid < 1 || max < 1 || reserved < 0 || reserved >= max) {
            throw new IllegalArgumentException("limits must be perUid >= 1, max >= 1, 0 <= reserved < max: "
                    + perUid + ", " + max + ", " + reserved);
        }
        this.perUid = perUid;
        this.max = max;
        this.reserved = reserved;
    }

    /** Admits one more connection of {@code uid} (then {@link #release} must follow), or says why not. */
    public synchronized Admission admit(long uid, boolean privileged) {
        int mine = byUid.getOrDefault(uid, 0);
        if (privileged) {
            if (total >= max) {
                return Admission.DAEMON_FULL;
            }
        } else if (mine >= perUid) {
            return Admission.UID_FULL;
        } else if (total >= max - reserved) {
            return Admission.DAEMON_FULL;
        }
        byUid.put(uid, mine + 1);
        total++;
        return Admission.ADMITTED;
    }

    /** Gives back a place {@link #admit} gave. */
    public synchronized void release(long uid) {
        Integer mine = byUid.get(uid);
        if (mine == null) {
            throw new IllegalStateException("uid " + uid + " holds no connection");
        }
        if (mine == 1) {
            byUid.remove(uid);
        } else {
            byUid.put(uid, mine - 1);
        }
        total--;
    }

    /** Connections admitted and not yet released. */
    public synchronized int total() {
        return total;
    }

    public enum Admission { ADMITTED, UID_FULL, DAEMON_FULL }
}
