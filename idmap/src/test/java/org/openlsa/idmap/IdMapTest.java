package org.openlsa.idmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openlsa.core.AccessToken;
import org.openlsa.core.GroupAttributes;
import org.openlsa.core.LsaException;
import org.openlsa.core.Luid;
import org.openlsa.core.NtStatus;
import org.openlsa.core.Sid;
import org.openlsa.core.SidAndAttributes;
import org.openlsa.core.TokenSource;
import org.openlsa.core.TokenType;
import org.openlsa.core.WellKnownSid;
import org.openlsa.core.WellKnownSids;
import org.openlsa.crypto.NtOwf;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.sam.DomainProvisioning;
import org.openlsa.sam.GroupAccount;
import org.openlsa.sam.UserAccount;
import org.openlsa.store.sqlite.SqliteAccountStore;

/** The rules of docs/idmap.md over a real account database and a fixed passwd/group table. */
class IdMapTest {
    /** A fixed domain SID: the expected ids below are constants, so a change of algorithm fails here. */
    private static final Sid DOMAIN = Sid.parse("S-1-5-21-1111-2222-3333");
    private static final Sid FOREIGN = Sid.parse("S-1-5-21-3623811015-3361044348-30300820");
    private static final long LINKED_UID = 1234;

    @TempDir Path dir;
    private SqliteAccountStore store;
    private FakeDirectory unix;
    private IdMap map;
    private Sid alice;
    private Sid bob;

    @BeforeEach
    void open() throws Exception {
        store = SqliteAccountStore.open(dir.resolve("sam.db"));
        try (SecretBytes h = NtOwf.ntOwfV1("Adm1n-Passw0rd!".toCharArray())) {
            DomainProvisioning.provision(store, "TESTDOM", "TESTHOST", DOMAIN, h, Instant.parse("2026-01-01T00:00:00Z"));
        }
        alice = DOMAIN.append(1000);
        bob = DOMAIN.append(1001);
        store.createUser(UserAccount.newAccount(DOMAIN, 1000, "alice").unixUid(OptionalLong.of(LINKED_UID)).build(),
                Optional.empty());
        store.createUser(UserAccount.newAccount(DOMAIN, 1001, "bob").build(), Optional.empty());
        store.createGroup(new GroupAccount(1100, DOMAIN.append(1100), "engineers", ""));
        unix = new FakeDirectory().user(0, "root", 0).user(LINKED_UID, "alice", 4321).group(0, "root");
        map = new IdMap(IdRanges.defaults(), store, unix);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private IdMapping mapped(IdMapResult r) {
        return assertInstanceOf(IdMapResult.Mapped.class, r, () -> r.toString()).mapping();
    }

    private IdMapResult.Refused refused(IdMapResult r) {
        return assertInstanceOf(IdMapResult.Refused.class, r, () -> r.toString());
    }

    @Test
    void aLinkedAccountKeepsItsUnixUid() throws Exception {
        IdMapping m = mapped(map.toUnix(alice, IdKind.USER));
        assertEquals(LINKED_UID, m.id());
        assertEquals(IdSource.LINKED, m.source());
        assertEquals(Optional.of("TESTDOM\\alice"), m.name());
        assertEquals(alice, mapped(map.toSid(LINKED_UID, IdKind.USER)).sid());
        // Its SID as a group is algorithmic; its algorithmic uid is not its own and does not map back to it.
        assertEquals(401_000, mapped(map.toUnix(alice, IdKind.GROUP)).id());
        assertEquals(IdRefusal.NOT_MAPPED, refused(map.toSid(401_000, IdKind.USER)).reason());
    }

    @Test
    void otherLocalAccountsAreLowPlusSlicePlusRid() throws Exception {
        IdMapping m = mapped(map.toUnix(bob, IdKind.USER));
        assertEquals(401_001, m.id());
        assertEquals(IdSource.ALGORITHMIC, m.source());
        assertEquals(Optional.of("TESTDOM\\bob"), m.name());
        // The same number in both spaces.
        assertEquals(401_001, mapped(map.toUnix(bob, IdKind.GROUP)).id());
        IdMapping users = mapped(map.toUnix(DOMAIN.append(513), IdKind.GROUP));
        assertEquals(400_513, users.id());
        assertEquals(Optional.of("TESTDOM\\Domain Users"), users.name());
        assertEquals(DOMAIN.append(1100), mapped(map.toSid(401_100, IdKind.GROUP)).sid());
        assertEquals(Optional.of("TESTDOM\\engineers"), mapped(map.toSid(401_100, IdKind.GROUP)).name());
    }

    @Test
    void bothDirectionsRoundTrip() throws Exception {
        List<Sid> sids = List.of(bob, DOMAIN.append(513), DOMAIN.append(1100), DOMAIN.append(199_999),
                WellKnownSids.LOCAL_SYSTEM, WellKnownSids.unixUser(70_000), WellKnownSids.unixGroup(70_000));
        for (Sid sid : sids) {
            for (IdKind kind : IdKind.values()) {
                IdMapResult there = map.toUnix(sid, kind);
                if (there instanceof IdMapResult.Mapped m) {
                    assertEquals(sid, mapped(map.toSid(m.mapping().id(), kind)).sid(), sid + " as " + kind);
                }
            }
        }
        for (WellKnownSid w : WellKnownSids.all()) {
            for (IdKind kind : IdKind.values()) {
                if (map.toUnix(w.sid(), kind) instanceof IdMapResult.Mapped m) {
                    assertEquals(w.sid(), mapped(map.toSid(m.mapping().id(), kind)).sid(), w.sid() + " as " + kind);
                }
            }
        }
        for (long id = 200_000; id < 201_200; id++) { // every id of the table maps back to the SID it came from
            if (map.toSid(id, IdKind.GROUP) instanceof IdMapResult.Mapped m) {
                assertEquals(id, mapped(map.toUnix(m.mapping().sid(), IdKind.GROUP)).id(), "gid " + id);
            }
        }
    }

    @Test
    void wellKnownSidsComeFromTheTable() throws Exception {
        assertEquals(0, mapped(map.toUnix(WellKnownSids.LOCAL_SYSTEM, IdKind.USER)).id());
        assertEquals(0, mapped(map.toUnix(WellKnownSids.LOCAL_SYSTEM, IdKind.GROUP)).id());
        assertEquals(WellKnownSids.LOCAL_SYSTEM, mapped(map.toSid(0, IdKind.USER)).sid());
        assertEquals(200_001, mapped(map.toUnix(WellKnownSids.WORLD, IdKind.GROUP)).id());
        assertEquals(200_111, mapped(map.toUnix(WellKnownSids.AUTHENTICATED_USERS, IdKind.GROUP)).id());
        assertEquals(200_104, mapped(map.toUnix(WellKnownSids.INTERACTIVE, IdKind.GROUP)).id());
        assertEquals(200_544, mapped(map.toUnix(WellKnownSids.BUILTIN_ADMINISTRATORS, IdKind.GROUP)).id());
        assertEquals(200_410, mapped(map.toUnix(WellKnownSids.NTLM_AUTHENTICATION, IdKind.GROUP)).id());
        assertEquals(Optional.of("BUILTIN\\Administrators"), mapped(map.toSid(200_544, IdKind.GROUP)).name());
        assertEquals(IdRefusal.NOT_A_PRINCIPAL,
                refused(map.toUnix(WellKnownSids.logonSid(Luid.of(0, 0x3e7)), IdKind.GROUP)).reason());
        assertEquals(IdRefusal.NOT_A_PRINCIPAL,
                refused(map.toUnix(WellKnownSids.MEDIUM_MANDATORY_LEVEL, IdKind.GROUP)).reason());
        assertEquals(IdRefusal.NOT_MAPPED, refused(map.toUnix(Sid.parse("S-1-15-3-1"), IdKind.GROUP)).reason());
        // Slots of the well-known slice that no SID owns are not guessed at.
        assertEquals(IdRefusal.NOT_MAPPED, refused(map.toSid(200_105, IdKind.GROUP)).reason()); // S-1-5-5: logon SIDs
    }

    @Test
    void unixSidsCarryTheirId() throws Exception {
        assertEquals(LINKED_UID, mapped(map.toUnix(WellKnownSids.unixUser(LINKED_UID), IdKind.USER)).id());
        assertEquals(77, mapped(map.toUnix(WellKnownSids.unixGroup(77), IdKind.GROUP)).id());
        assertEquals(IdRefusal.NOT_MAPPED, refused(map.toUnix(WellKnownSids.unixGroup(77), IdKind.USER)).reason());
        // Inside the range an id is a mapped SID's: S-1-22 may not claim it for nobody.
        IdMapResult.Refused r = refused(map.toUnix(WellKnownSids.unixUser(401_001), IdKind.USER));
        assertEquals(IdRefusal.RESERVED_ID, r.reason());
        // A local account's own id, and any id outside the range, is that Unix identity.
        assertEquals(WellKnownSids.unixGroup(4321), mapped(map.toSid(4321, IdKind.GROUP)).sid());
        unix.user(555, "daemon-user", 555);
        assertEquals(WellKnownSids.unixUser(555), mapped(map.toSid(555, IdKind.USER)).sid());
        assertEquals(Optional.of("daemon-user"), mapped(map.toSid(555, IdKind.USER)).name());
    }

    @Test
    void anIdOfAnotherLocalAccountIsRefusedNeverReused() throws Exception {
        unix.user(401_001, "intruder", 100).group(400_513, "staff").group(200_001, "world");
        IdMapResult.Refused r = refused(map.toUnix(bob, IdKind.USER));
        assertEquals(IdRefusal.COLLISION, r.reason());
        assertTrue(r.detail().contains("intruder"), r.detail());
        assertEquals(IdRefusal.COLLISION, refused(map.toUnix(DOMAIN.append(513), IdKind.GROUP)).reason());
        assertEquals(IdRefusal.COLLISION, refused(map.toUnix(WellKnownSids.WORLD, IdKind.GROUP)).reason());
        LsaException e = assertThrows(LsaException.class, () -> map.toUnix(bob, IdKind.USER).orThrow());
        assertEquals(NtStatus.OBJECT_NAME_COLLISION, e.status());
        // bob as a group has no gid collision; the linked alice never collides with her own account.
        assertEquals(401_001, mapped(map.toUnix(bob, IdKind.GROUP)).id());
        assertEquals(LINKED_UID, mapped(map.toUnix(alice, IdKind.USER)).id());
        // The colliding id, asked back, is the local account's, not bob's.
        assertEquals(WellKnownSids.unixUser(401_001), mapped(map.toSid(401_001, IdKind.USER)).sid());
        // A link to a uid no passwd entry has still keeps that uid from an algorithmic SID.
        store.createUser(UserAccount.newAccount(DOMAIN, 1002, "carol").build(), Optional.empty());
        store.updateUser(1000, u -> u.toBuilder().unixUid(OptionalLong.of(401_002)).build());
        IdMapResult.Refused linkedAway = refused(map.toUnix(DOMAIN.append(1002), IdKind.USER));
        assertEquals(IdRefusal.COLLISION, linkedAway.reason());
        assertTrue(linkedAway.detail().contains("alice"), linkedAway.detail());
        assertEquals(alice, mapped(map.toSid(401_002, IdKind.USER)).sid());
    }

    @Test
    void onlyWholeDomainAccountSidsAreAlgorithmic() throws Exception {
        assertEquals(IdRefusal.NOT_MAPPED, refused(map.toUnix(FOREIGN, IdKind.GROUP)).reason()); // a domain, no RID
        assertEquals(IdRefusal.NOT_MAPPED, refused(map.toUnix(Sid.parse("S-1-5"), IdKind.GROUP)).reason());
    }

    @Test
    void ridsBeyondTheSliceAreRefused() throws Exception {
        assertEquals(IdRefusal.RID_OUT_OF_RANGE, refused(map.toUnix(DOMAIN.append(200_000), IdKind.USER)).reason());
        IdMap small = new IdMap(new IdRanges(10_000, 19_999, 2_000), store, unix);
        assertEquals(13_000, mapped(small.toUnix(DOMAIN.append(1000), IdKind.GROUP)).id());
        IdMapResult.Refused r = refused(small.toUnix(DOMAIN.append(2000), IdKind.GROUP));
        assertEquals(IdRefusal.RID_OUT_OF_RANGE, r.reason());
        assertEquals(NtStatus.NONE_MAPPED, r.reason().status());
    }

    @Test
    void foreignDomainsGetTheSliceSssdWouldGiveThem() throws Exception {
        long slice = map.sliceOfForeignDomain(FOREIGN);
        long expected = MurmurHash3.x86_32(FOREIGN.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                0xdeadbeef) % 10_000;
        assertEquals(expected < 2 ? 2 : expected, slice);
        IdMapping m = mapped(map.toUnix(FOREIGN.append(1105), IdKind.USER));
        assertEquals(200_000 + slice * 200_000 + 1105, m.id());
        assertEquals(IdRefusal.NOT_MAPPED, refused(map.toSid(m.id(), IdKind.USER)).reason());
        // Two slices only: no room for foreign domains.
        IdMap twoSlices = new IdMap(new IdRanges(10_000, 13_999, 2_000), store, unix);
        assertEquals(IdRefusal.NOT_MAPPED, refused(twoSlices.toUnix(FOREIGN.append(1105), IdKind.USER)).reason());
    }

    @Test
    void theMappingIsTheSameInEveryRun() throws Exception {
        // Constants computed once: a different answer in a later run or JVM is a changed algorithm.
        assertEquals(401_001, mapped(map.toUnix(bob, IdKind.USER)).id());
        long foreign = mapped(map.toUnix(FOREIGN.append(500), IdKind.USER)).id();
        store.close();
        store = SqliteAccountStore.open(dir.resolve("sam.db"));
        IdMap again = new IdMap(IdRanges.defaults(), store, new FakeDirectory().user(LINKED_UID, "alice", 4321));
        assertEquals(foreign, mapped(again.toUnix(FOREIGN.append(500), IdKind.USER)).id());
        assertEquals(401_001, mapped(again.toUnix(bob, IdKind.USER)).id());
        assertEquals(LINKED_UID, mapped(again.toUnix(alice, IdKind.USER)).id());
        assertEquals(FOREIGN_SLICE, map.sliceOfForeignDomain(FOREIGN));
        assertEquals(200_000 + FOREIGN_SLICE * 200_000 + 500, foreign);
    }

    /** MurmurHash3_x86_32("S-1-5-21-3623811015-3361044348-30300820", 0xdeadbeef) mod 10000, as SSSD computes it. */
    private static final long FOREIGN_SLICE = 3369;

    private AccessToken token(Sid user, Sid primary, List<SidAndAttributes> groups) {
        Luid id = Luid.of(0, 0x1234);
        return AccessToken.builder().tokenId(id).authenticationId(id).type(TokenType.PRIMARY).user(user)
                .groups(groups).owner(user).primaryGroup(primary).source(new TokenSource("test", id)).build();
    }

    private static SidAndAttributes enabled(Sid sid) {
        return new SidAndAttributes(sid, GroupAttributes.DEFAULT);
    }

    @Test
    void aTokenBecomesUidGidAndItsEnabledGroups() throws Exception {
        Sid domainUsers = DOMAIN.append(513);
        AccessToken t = token(bob, domainUsers, List.of(
                enabled(domainUsers),
                enabled(WellKnownSids.WORLD),
                new SidAndAttributes(DOMAIN.append(1100), GroupAttributes.DEFAULT),
                new SidAndAttributes(WellKnownSids.BUILTIN_ADMINISTRATORS, GroupAttributes.USE_FOR_DENY_ONLY),
                new SidAndAttributes(WellKnownSids.logonSid(Luid.of(0, 0x99)), GroupAttributes.DEFAULT | GroupAttributes.LOGON_ID),
                new SidAndAttributes(WellKnownSids.MEDIUM_MANDATORY_LEVEL, GroupAttributes.INTEGRITY | GroupAttributes.INTEGRITY_ENABLED),
                enabled(WellKnownSids.AUTHENTICATED_USERS)));
        UnixCredentials c = map.credentialsOf(t);
        assertEquals(401_001, c.uid());
        assertEquals(400_513, c.gid());
        // Deny-only Administrators, the logon SID and the label are not among them; /etc/group plays no part.
        assertEquals(List.of(400_513L, 200_001L, 401_100L, 200_111L), c.supplementaryGids());

        // A linked user's primary gid is its passwd entry's.
        UnixCredentials linked = map.credentialsOf(token(alice, domainUsers, List.of(enabled(domainUsers))));
        assertEquals(new UnixCredentials(LINKED_UID, 4321, List.of(400_513L)), linked);

        // A group that cannot be mapped refuses the whole token: dropping it could widen access.
        LsaException e = assertThrows(LsaException.class, () -> map.credentialsOf(token(bob, domainUsers,
                List.of(enabled(domainUsers), enabled(Sid.parse("S-1-15-3-1"))))));
        assertEquals(NtStatus.NONE_MAPPED, e.status());
        unix.group(401_100, "taken");
        e = assertThrows(LsaException.class, () -> map.credentialsOf(t));
        assertEquals(NtStatus.OBJECT_NAME_COLLISION, e.status());
    }
}
