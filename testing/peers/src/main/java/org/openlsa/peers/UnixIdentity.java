package org.openlsa.peers;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Who a client tool runs as: a uid and primary gid (supplementary groups are cleared), and a short label that
 * stands for the uid in transcripts, so two runs with different throwaway users still read alike.
 *
 * @param label a word (letters, digits, '-', '_'), e.g. {@code "A"} or {@code "root"}
 * @param uid   the OS user id (0 is root)
 * @param gid   the primary group id
 */
public record UnixIdentity(String label, int uid, int gid) {
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    public UnixIdentity {
        if (label == null || !LABEL.matcher(label).matches()) {
            throw new IllegalArgumentException("label must match " + LABEL.pattern() + ": " + label);
        }
        if (uid < 0 || gid < 0) {
            throw new IllegalArgumentException("uid and gid must not be negative: " + uid + ", " + gid);
        }
    }

    /** root (uid 0, gid 0), labelled "root". */
    public static UnixIdentity root() {
        return new UnixIdentity("root", 0, 0);
    }

    public boolean isRoot() {
        return uid == 0;
    }

    /** The same ids under another label. */
    public UnixIdentity labelled(String newLabel) {
        return new UnixIdentity(Objects.requireNonNull(newLabel, "label"), uid, gid);
    }
}
