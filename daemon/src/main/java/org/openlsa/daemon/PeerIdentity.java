package org.openlsa.daemon;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.Objects;
import java.util.OptionalLong;

import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.idmap.UnixAccounts;

/**
 * Who is at the other end of a Unix domain socket, as the kernel recorded it when the peer connected
 * (SO_PEERCRED: the peer's effective uid and gid at connect(2) time, not whatever it claims in its messages).
 *
 * <p>Security: the ids come from the kernel, so a peer cannot forge them; the daemon derives the caller's rights from
 * this value alone. The JDK reports names, so the ids are recovered through the account database: a name with a
 * passwd entry maps to that entry's id, and an id without an entry arrives as its decimal number. A digits-only name
 * that is also some account's name is ambiguous (is it uid 1000, or the user called "1000"?) and is refused, as is
 * anything that cannot be resolved: an unidentifiable peer gets no rights at all.
 *
 * @param uid the peer's effective uid, 0 to 2^32-2
 * @param gid the peer's effective gid, 0 to 2^32-2
 * @param userName its user name, or the uid in decimal when it has no passwd entry
 * @param groupName its group name, or the gid in decimal when it has no group entry
 */
public record PeerIdentity(long uid, long gid, String userName, String groupName) {

    public PeerIdentity {
        requireId("uid", uid);
        requireId("gid", gid);
        requireName("userName", userName);
        requireName("groupName", groupName);
    }

    /** Whether the peer is the superuser (uid 0). */
    public boolean isRoot() {
        return uid == 0;
    }

    /**
     * The identity of the process that connected {@code unixChannel}, an accepted (or connected) channel of the
     * {@link java.net.StandardProtocolFamily#UNIX UNIX} family.
     *
     * @throws LsaException ACCESS_DENIED when the channel has no peer credentials (not a Unix socket, closed) or
     *                      they do not resolve to one uid and gid
     */
    public static PeerIdentity of(SocketChannel unixChannel) throws LsaException {
        Objects.requireNonNull(unixChannel, "unixChannel");
        UnixDomainPrincipal principal;
        try {
            principal = unixChannel.getOption(ExtendedSocketOptions.SO_PEERCRED);
        } catch (IOException | UnsupportedOperationException e) {
            throw new LsaException(NtStatus.ACCESS_DENIED, "cannot read the peer credentials of the connection: " + e, e);
        }
        if (principal == null) {
            throw new LsaException(NtStatus.ACCESS_DENIED, "the connection has no peer credentials");
        }
        String user = principal.user().getName();
        String group = principal.group().getName();
        long uid = resolve("user", user, UnixAccounts.uidOf(user),
                isBareNumber(user) && UnixAccounts.nameOfUid(Long.parseLong(user)).isEmpty());
        long gid = resolve("group", group, UnixAccounts.gidOf(group),
                isBareNumber(group) && UnixAccounts.nameOfGid(Long.parseLong(group)).isEmpty());
        return new PeerIdentity(uid, gid, user, group);
    }

    /**
     * The id a reported name stands for. {@code bareNumber} says the name is digits whose number has no entry, so
     * the JDK may have reported an entry-less id; the lookup must then agree with that number.
     */
    private static long resolve(String kind, String name, OptionalLong looked, boolean bareNumber) throws LsaException {
        if (looked.isEmpty()) {
            throw new LsaException(NtStatus.ACCESS_DENIED, "the peer's " + kind + " '" + name + "' has no id");
        }
        long id = looked.getAsLong();
        if (bareNumber && id != Long.parseLong(name)) {
            throw new LsaException(NtStatus.ACCESS_DENIED, "the peer's " + kind + " '" + name
                    + "' is ambiguous: an id without an entry, and the name of " + kind + " " + id);
        }
        return id;
    }

    /** Digits that fit an id: the form the JDK gives an id without an entry. */
    private static boolean isBareNumber(String name) {
        return UnixAccounts.isNumeric(name) && name.length() <= 10;
    }

    private static void requireId(String what, long id) {
        if (id < 0 || id >= UnixAccounts.NO_ID) {
            throw new IllegalArgumentException(what + " must be in [0, 4294967294], not " + id);
        }
    }

    private static void requireName(String what, String name) {
        if (Objects.requireNonNull(name, what).isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
    }
}
