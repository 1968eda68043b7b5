package org.openlsa.kcm;

/**
 * Who sent a KCM request, as the kernel said when the peer connected (SO_PEERCRED), and whether its token holds
 * SeTcbPrivilege: only such a peer may name another uid's cache, or a logon session's cache it is not part of.
 *
 * @param pid the peer's process id, which ties it to a logon session the LSA started a process for
 */
public record KcmPeer(long uid, long gid, long pid, boolean tcb) {
    public KcmPeer {
        if (uid < 0 || gid < 0 || pid < 0) {
            throw new IllegalArgumentException("ids are not negative: uid " + uid + ", gid " + gid + ", pid " + pid);
        }
    }
}
