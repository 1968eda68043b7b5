package org.openlsa.idmap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import org.openlsa.core.AccessToken;
import org.openlsa.core.GroupAttributes;
import org.openlsa.core.LsaException;
import org.openlsa.core.Sid;
import org.openlsa.core.SidAndAttributes;
import org.openlsa.core.WellKnownSid;
import org.openlsa.core.WellKnownSids;
import org.openlsa.sam.AccountStore;
import org.openlsa.sam.DomainInfo;
import org.openlsa.sam.UserAccount;

/**
 * The mapping between security principals and Unix ids (docs/idmap.md), in both directions, and from a token to the
 * credentials of a process that runs as it. Rules, in order, for a SID:
 * <ol>
 *   <li>S-1-5-18 (SYSTEM) is uid 0 and gid 0, as the engine makes uid 0's callers SYSTEM;</li>
 *   <li>a user of the local domain linked to a Unix account ({@code lsa user set --uid}) has that uid;</li>
 *   <li>S-1-22-1-N / S-1-22-2-N (Samba's Unix User / Unix Group) are uid N / gid N;</li>
 *   <li>a well-known or builtin SID of the table ({@link WellKnownIds}) is low + offset;</li>
 *   <li>a domain SID + RID is the domain's slice base + RID: slice 1 for the local domain, the slice SSSD would choose
 *       (MurmurHash3 of the domain SID, seed 0xdeadbeef, modulo the slices; 0 and 1 go on to 2) for any other.</li>
 * </ol>
 * Rules 4 and 5 are refused ({@link IdRefusal#COLLISION}) when the id already names a local user (uid) or group (gid):
 * an id is never shared with an account that is not the SID's own. A SID used as a user and as a group gets the same
 * number in both spaces, except a linked user, whose uid comes from passwd and whose SID as a group takes rule 5.
 *
 * <p>Deterministic: the same ranges, domain SID, links and local accounts give the same answers in every process; no
 * state is written. The store is read on each call, so links made after construction count.
 */
public final class IdMap {
    /** SSSD's seed for the domain SID hash (sss_idmap). */
    private static final int SSSD_SEED = 0xdeadbeef;

    private final IdRanges ranges;
    private final AccountStore store;
    private final UnixDirectory directory;

    public IdMap(IdRanges ranges, AccountStore store, UnixDirectory directory) {
        this.ranges = Objects.requireNonNull(ranges, "ranges");
        this.store = Objects.requireNonNull(store, "store");
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    public IdRanges ranges() {
        return ranges;
    }

    /** The slice of a domain other than the local one: SSSD's choice, moved off the two reserved slices. */
    public long sliceOfForeignDomain(Sid domainSid) {
        long slices = ranges.slices();
        long slice = MurmurHash3.x86_32(domainSid.toString().getBytes(StandardCharsets.US_ASCII), SSSD_SEED) % slices;
        // SSSD probes to the next free slice on a clash; here slices 0 and 1 are always taken.
        return slice <= IdRanges.LOCAL_DOMAIN_SLICE ? (slices > 2 ? 2 : -1) : slice;
    }

    /** The uid or gid of {@code sid}, or why it has none. */
    public IdMapResult toUnix(Sid sid, IdKind kind) throws LsaException {
        Objects.requireNonNull(sid, "sid");
        Objects.requireNonNull(kind, "kind");
        if (sid.equals(WellKnownSids.LOCAL_SYSTEM)) {
            return mapped(sid, kind, 0, IdSource.WELL_KNOWN);
        }
        if (WellKnownIds.isNotAPrincipal(sid)) {
            return new IdMapResult.Refused(IdRefusal.NOT_A_PRINCIPAL, sid + " is not a user or group a process can be"
                    + " (a logon SID, an integrity label or a placeholder)");
        }
        if (sid.identifierAuthority() == 22 && sid.subAuthorityCount() == 2) {
            return unixSid(sid, kind);
        }
        DomainInfo domain = store.domain();
        if (sid.subAuthorityCount() > 1 && domain.sid().equals(sid.parent())) {
            if (kind == IdKind.USER) {
                Optional<UserAccount> user = store.findUser(sid.rid());
                if (user.isPresent() && user.get().unixUid().isPresent()) {
                    long uid = user.get().unixUid().getAsLong();
                    if (uid >= UnixAccounts.NO_ID) { // the store allows (uid_t) -1; no process can have it
                        return new IdMapResult.Refused(IdRefusal.NOT_MAPPED, sid + " is linked to uid " + uid
                                + ", which is not an id");
                    }
                    return mapped(sid, kind, uid, IdSource.LINKED);
                }
            }
            return algorithmic(sid, kind, IdRanges.LOCAL_DOMAIN_SLICE);
        }
        OptionalLong offset = WellKnownIds.offsetOf(sid);
        if (offset.isPresent()) {
            return checked(sid, kind, ranges.sliceBase(IdRanges.WELL_KNOWN_SLICE) + offset.getAsLong(), IdSource.WELL_KNOWN);
        }
        if (isDomainAccount(sid)) {
            long slice = sliceOfForeignDomain(sid.parent());
            if (slice < 0) {
                return new IdMapResult.Refused(IdRefusal.NOT_MAPPED, "the idmap range " + ranges
                        + " has no slice for domains other than the local one");
            }
            return algorithmic(sid, kind, slice);
        }
        return new IdMapResult.Refused(IdRefusal.NOT_MAPPED, "no rule maps " + sid + " (docs/idmap.md)");
    }

    /** The SID of a uid or gid, or why it has none. */
    public IdMapResult toSid(long id, IdKind kind) throws LsaException {
        Objects.requireNonNull(kind, "kind");
        if (id < 0 || id >= UnixAccounts.NO_ID) {
            return new IdMapResult.Refused(IdRefusal.NOT_MAPPED, kind.label() + " " + id + " is not an id");
        }
        if (id == 0) {
            return mapped(WellKnownSids.LOCAL_SYSTEM, kind, 0, IdSource.WELL_KNOWN);
        }
        if (kind == IdKind.USER) {
            Optional<UserAccount> linked = store.findUserByUnixUid(id);
            if (linked.isPresent()) {
                return mapped(linked.get().sid(), kind, id, IdSource.LINKED);
            }
        }
        Optional<String> local = localName(id, kind);
        if (local.isPresent() || !ranges.contains(id)) { // a local account's own id, or one no rule computes
            Sid sid = kind == IdKind.USER ? WellKnownSids.unixUser(id) : WellKnownSids.unixGroup(id);
            return new IdMapResult.Mapped(new IdMapping(sid, kind, id, IdSource.UNIX_SID, local));
        }
        long slice = ranges.sliceOf(id);
        long offset = id - ranges.sliceBase(slice);
        if (slice == IdRanges.WELL_KNOWN_SLICE) {
            Optional<Sid> sid = WellKnownIds.sidAt(offset);
            if (sid.isPresent()) {
                return mapped(sid.get(), kind, id, IdSource.WELL_KNOWN);
            }
            return new IdMapResult.Refused(IdRefusal.NOT_MAPPED, kind.label() + " " + id
                    + " is in the well-known slice but no well-known SID has it");
        }
        if (slice == IdRanges.LOCAL_DOMAIN_SLICE) {
            Sid sid = store.domain().sid().append(offset);
            if (kind == IdKind.USER) {
                Optional<UserAccount> user = store.findUser(offset);
                if (user.isPresent() && user.get().unixUid().isPresent()) { // that user's uid is its link, not this
                    return new IdMapResult.Refused(IdRefusal.NOT_MAPPED, "uid " + id + " would be " + sid
                            + ", which is linked to uid " + user.get().unixUid().getAsLong());
                }
            }
            return mapped(sid, kind, id, IdSource.ALGORITHMIC);
        }
        return new IdMapResult.Refused(IdRefusal.NOT_MAPPED, kind.label() + " " + id + " is in slice " + slice
                + ", a foreign domain's: its SID cannot be recovered from the id");
    }

    /**
     * The uid, gid and supplementary gids of a process running as {@code token}: the user's uid; a linked user's (or
     * a Unix User's) primary gid from passwd, otherwise the token's primary group's gid; the gids of the token's
     * enabled groups (logon SIDs and labels left out). Any other group that cannot be mapped refuses the whole token:
     * dropping a group could widen access (a POSIX ACL entry that names a group denies its members what "other" has).
     *
     * @throws LsaException NONE_MAPPED or OBJECT_NAME_COLLISION ({@link IdRefusal#status()}) naming the SID
     */
    public UnixCredentials credentialsOf(AccessToken token) throws LsaException {
        Objects.requireNonNull(token, "token");
        IdMapping user = toUnix(token.user().sid(), IdKind.USER).orThrow();
        long gid;
        OptionalLong passwdGid = user.source() == IdSource.LINKED || user.source() == IdSource.UNIX_SID
                ? directory.primaryGid(user.id()) : OptionalLong.empty();
        if (passwdGid.isPresent()) {
            gid = passwdGid.getAsLong();
        } else {
            gid = toUnix(token.primaryGroup(), IdKind.GROUP).orThrow().id();
        }
        Set<Long> groups = new LinkedHashSet<>();
        for (SidAndAttributes g : token.groups()) {
            int a = g.attributes();
            if ((a & GroupAttributes.ENABLED) == 0 || (a & GroupAttributes.LOGON_ID) == GroupAttributes.LOGON_ID
                    || (a & GroupAttributes.INTEGRITY) != 0) {
                continue;
            }
            IdMapResult r = toUnix(g.sid(), IdKind.GROUP);
            if (r instanceof IdMapResult.Refused refused && refused.reason() == IdRefusal.NOT_A_PRINCIPAL) {
                continue;
            }
            groups.add(r.orThrow().id());
        }
        return new UnixCredentials(user.id(), gid, new ArrayList<>(groups));
    }

    private IdMapResult unixSid(Sid sid, IdKind kind) throws LsaException {
        long space = sid.subAuthority(0);
        long id = sid.subAuthority(1);
        if (space != (kind == IdKind.USER ? 1 : 2) || id >= UnixAccounts.NO_ID) {
            return new IdMapResult.Refused(IdRefusal.NOT_MAPPED, sid + " is not a Unix " + (kind == IdKind.USER
                    ? "user (S-1-22-1-uid)" : "group (S-1-22-2-gid)"));
        }
        if (ranges.contains(id) && localName(id, kind).isEmpty()) {
            // Inside the range the id is some mapped SID's; S-1-22 may name it only if a local account owns it.
            return new IdMapResult.Refused(IdRefusal.RESERVED_ID, sid + ": " + kind.label() + " " + id
                    + " is in the idmap range " + ranges + " and no local account has it");
        }
        return mapped(sid, kind, id, IdSource.UNIX_SID);
    }

    private IdMapResult algorithmic(Sid sid, IdKind kind, long slice) throws LsaException {
        long rid = sid.rid();
        if (rid >= ranges.sliceSize()) {
            return new IdMapResult.Refused(IdRefusal.RID_OUT_OF_RANGE, sid + ": RID " + rid + " does not fit a slice of "
                    + ranges.sliceSize() + " ids (raise slice.size in idmap.properties)");
        }
        return checked(sid, kind, ranges.sliceBase(slice) + rid, IdSource.ALGORITHMIC);
    }

    /** A computed id, refused when a local account already has it. */
    private IdMapResult checked(Sid sid, IdKind kind, long id, IdSource source) throws LsaException {
        Optional<String> owner = localName(id, kind);
        if (owner.isPresent()) {
            return new IdMapResult.Refused(IdRefusal.COLLISION, sid + " would be " + kind.label() + " " + id
                    + ", which belongs to the local " + (kind == IdKind.USER ? "user" : "group") + " '" + owner.get() + "'");
        }
        if (kind == IdKind.USER) {
            // A link may name a uid no passwd entry has (lsa user set --uid takes any number): still not shared.
            Optional<UserAccount> linked = store.findUserByUnixUid(id);
            if (linked.isPresent() && !linked.get().sid().equals(sid)) {
                return new IdMapResult.Refused(IdRefusal.COLLISION, sid + " would be uid " + id
                        + ", which is linked to " + linked.get().sid() + " (" + linked.get().name() + ")");
            }
        }
        return mapped(sid, kind, id, source);
    }

    private Optional<String> localName(long id, IdKind kind) {
        return kind == IdKind.USER ? directory.userName(id) : directory.groupName(id);
    }

    private IdMapResult mapped(Sid sid, IdKind kind, long id, IdSource source) throws LsaException {
        return new IdMapResult.Mapped(new IdMapping(sid, kind, id, source, nameOf(sid)));
    }

    /** DOMAIN\name from the well-known table or the account store, for display. */
    private Optional<String> nameOf(Sid sid) throws LsaException {
        Optional<WellKnownSid> w = WellKnownSids.lookup(sid);
        if (w.isPresent()) {
            return Optional.of(w.get().domain().isEmpty() ? w.get().name() : w.get().domain() + "\\" + w.get().name());
        }
        DomainInfo domain = store.domain();
        if (sid.subAuthorityCount() > 1 && domain.sid().equals(sid.parent())) {
            long rid = sid.rid();
            Optional<String> name = store.findUser(rid).map(UserAccount::name)
                    .or(() -> find(() -> store.findGroup(rid).map(g -> g.name())))
                    .or(() -> find(() -> store.findAlias(sid).map(a -> a.name())));
            return name.map(n -> domain.name() + "\\" + n);
        }
        return Optional.empty();
    }

    private interface Lookup {
        Optional<String> get() throws LsaException;
    }

    private static Optional<String> find(Lookup l) {
        try {
            return l.get();
        } catch (LsaException e) {
            throw new IllegalStateException("account store lookup failed: " + e.getMessage(), e);
        }
    }

    /** S-1-5-21-a-b-c-RID: an account of a Windows domain (its SID, S-1-5-21-a-b-c, plus one RID). */
    private static boolean isDomainAccount(Sid sid) {
        return sid.identifierAuthority() == 5 && sid.subAuthorityCount() == 5 && sid.subAuthority(0) == 21;
    }
}
