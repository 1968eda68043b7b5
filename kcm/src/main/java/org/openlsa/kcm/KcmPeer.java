package org.openlsa.kcm;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Who sent a KCM request, as the kernel said when the peer connected (SO_PEERCRED), and whether its token holds
 * SeTcbPrivilege: only such a peer may name another uid's cache, or a logon session's cache it is not part of. The
 * privilege is asked for only when a request needs it ({@link #tcb()}): working it out means building the uid's token.
 *
 * @param pid the peer's process id, which ties it to a logon session the LSA started a process for
 */
public record KcmPeer(long uid, long gid, long pid, BooleanSupplier tcbCheck) {
    public KcmPeer {
        if (uid < 0 || gid < 0 || pid < 0) {
            throw new IllegalArgumentException("ids are not negative: uid " + uid + ", gid " + gid + ", pid " + pid);
        }
        Objects.requireNonNull(tcbCheck, "tcbCheck");
    }

    /** A peer whose privilege is known already. */
    public KcmPeer(long uid, long gid, long pid, boolean tcb) {
        this(uid, gid, pid, () -> tcb);
    }

    /** Whether the peer's token holds SeTcbPrivilege. */
    public boolean tcb() {
        return tcbCheck.getAsBoolean();
    }
}
