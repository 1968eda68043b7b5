package org.openlsa.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openlsa.store.sqlite.TestDomain.SID;
import static org.openlsa.store.sqlite.TestDomain.group;
import static org.openlsa.store.sqlite.TestDomain.hash;
import static org.openlsa.store.sqlite.TestDomain.user;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openlsa.core.LogonRight;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.core.Privilege;
import org.openlsa.core.Sid;
import org.openlsa.core.WellKnownSids;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.sam.AccountFlag;
import org.openlsa.sam.AccountRight;
import org.openlsa.sam.AliasAccount;
import org.openlsa.sam.DomainPolicy;
import org.openlsa.sam.DomainProvisioning;
import org.openlsa.sam.GroupAccount;
import org.openlsa.sam.LogonHours;
import org.openlsa.sam.LogonState;
import org.openlsa.sam.UserAccount;
import org.sqlite.SQLiteDataSource;

/** The AccountStore contract, call by call, including every failure status and "a failed call changes nothing". */
class SqliteAccountStoreTest {
    @TempDir
    Path dir;
    SqliteAccountStore store;

    @BeforeEach
    void open() throws LsaException {
        store = TestDomain.openWithDomain(dir.resolve("sam.db"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    static LsaException assertStatus(NtStatus expected, ThrowingCall call) {
        LsaException e = assertThrows(LsaException.class, call::run);
        assertEquals(expected, e.status(), e.getMessage());
        assertFalse(e.getMessage().isBlank());
        return e;
    }

    @FunctionalInterface
    interface ThrowingCall {
        void run() throws Exception;
    }

    private static final AccountRight BACKUP = AccountRight.of(Privilege.SE_BACKUP);
    private static final AccountRight INTERACTIVE = AccountRight.of(LogonRight.SE_INTERACTIVE_LOGON);
    private static final Sid BUILTIN_USERS = WellKnownSids.BUILTIN_USERS;

    @Nested
    class Domain {
        @Test
        void emptyStoreHasNoDomain() throws LsaException {
            try (SqliteAccountStore empty = SqliteAccountStore.open(dir.resolve("empty.db"))) {
                assertStatus(NtStatus.NO_SUCH_DOMAIN, empty::domain);
                assertStatus(NtStatus.NO_SUCH_DOMAIN, () -> empty.setPolicy(DomainPolicy.DEFAULT));
                assertStatus(NtStatus.NO_SUCH_DOMAIN, () -> empty.createUser(user(1000, "alice"), Optional.empty()));
                assertStatus(NtStatus.NO_SUCH_DOMAIN, () -> empty.createGroup(group(513, "Domain Users")));
                assertStatus(NtStatus.NO_SUCH_DOMAIN, () -> empty.createAlias(new AliasAccount(SID.append(1000), "x", "")));
            }
        }

        @Test
        void domainRoundTripsAndCannotBeCreatedTwice() throws LsaException {
            assertEquals(TestDomain.DOMAIN, store.domain());
            assertStatus(NtStatus.OBJECT_NAME_COLLISION, () -> store.createDomain(TestDomain.DOMAIN));
        }

        @Test
        void policyRoundTripsIncludingForeverAndNever() throws LsaException {
            DomainPolicy p = DomainPolicy.DEFAULT.withLockout(3, Optional.empty(), Duration.ofMinutes(7))
                    .withPasswordAges(Duration.ofDays(1), Optional.empty()).withLockoutAdmins(true)
                    .withMinPasswordLength(12);
            store.setPolicy(p);
            assertEquals(p, store.domain().policy());
        }
    }

    @Nested
    class Rids {
        @Test
        void allocationStartsAt1000AndNeverRepeats() throws LsaException {
            assertEquals(1000, store.allocateRid());
            assertEquals(1001, store.allocateRid());
        }

        @Test
        void explicitRidsAreReservedAndSkipped() throws LsaException {
            store.createUser(user(1000, "alice"), Optional.empty());
            store.createUser(user(5000, "bob"), Optional.empty());
            long next = store.allocateRid();
            assertTrue(next > 5000, "allocated " + next);
            store.createUser(user(UserAccount.RID_ADMINISTRATOR, "Administrator"), Optional.empty());
            assertStatus(NtStatus.GROUP_EXISTS, () -> store.createGroup(group(500, "Other")));
            assertStatus(NtStatus.ALIAS_EXISTS, () -> store.createAlias(new AliasAccount(SID.append(500), "Other", "")));
            assertStatus(NtStatus.USER_EXISTS, () -> store.createUser(user(513, "carol"), Optional.empty()));
        }
    }

    @Nested
    class Users {
        @Test
        void everyFieldRoundTrips() throws LsaException {
            byte[] bitmap = new byte[21];
            bitmap[3] = (byte) 0xA5;
            Instant t = Instant.parse("2025-03-04T05:06:07.123456Z"); // microseconds survive NT time exactly
            UserAccount u = UserAccount.newAccount(SID, 1000, "Ölaf").fullName("Olaf Ü").description("d")
                    .flag(AccountFlag.DISABLED, true).flag(AccountFlag.SMARTCARD_REQUIRED, true)
                    .flag(AccountFlag.MUST_CHANGE_PASSWORD, true)
                    .accountExpires(Optional.of(t.plusSeconds(86400))).passwordLastSet(Optional.of(t))
                    .logonHours(LogonHours.of(168, bitmap)).workstations(List.of("WS1", "ws2"))
                    .homeDirectory("\\\\srv\\home").homeDirectoryDrive("H:").profilePath("p").logonScript("s.cmd")
                    .primaryGroupRid(513).unixUid(OptionalLong.of(4294967295L))
                    .logonState(new LogonState(2, Optional.of(t), Optional.of(t), Optional.of(t), 7))
                    .build();
            store.createUser(u, Optional.empty());
            assertEquals(u, store.findUser(1000).orElseThrow());
            assertEquals(u, store.findUser("öLAF").orElseThrow());
            assertEquals(u, store.findUserByUnixUid(4294967295L).orElseThrow());
            assertEquals(List.of(u), store.listUsers());
            assertEquals(Optional.empty(), store.findUser("nobody"));
            assertEquals(Optional.empty(), store.findUser(4242));
            assertEquals(Optional.empty(), store.findUserByUnixUid(7));
        }

        @Test
        void namesAreUniqueCaseInsensitivelyAcrossUsersGroupsAndAliases() throws LsaException {
            store.createUser(user(1000, "alice"), Optional.empty());
            assertStatus(NtStatus.USER_EXISTS, () -> store.createUser(user(1001, "ALICE"), Optional.empty()));
            assertStatus(NtStatus.USER_EXISTS, () -> store.createUser(user(1001, "domain users"), Optional.empty()));
            assertStatus(NtStatus.GROUP_EXISTS, () -> store.createGroup(group(1001, "Alice")));
            assertStatus(NtStatus.ALIAS_EXISTS, () -> store.createAlias(new AliasAccount(SID.append(1001), "aLiCe", "")));
            assertEquals(Optional.empty(), store.findGroup("alice"), "a user's name is not a group");
            assertEquals(Optional.empty(), store.findAlias("alice"));
        }

        @Test
        void badInputIsInvalidParameter() throws LsaException {
            UserAccount foreign = UserAccount.newAccount(Sid.of(5, 21, 9, 9, 9), 1000, "x").build();
            assertStatus(NtStatus.INVALID_PARAMETER, () -> store.createUser(foreign, Optional.empty()));
            try (SecretBytes shortHash = SecretBytes.adopt(new byte[15])) {
                assertStatus(NtStatus.INVALID_PARAMETER, () -> store.createUser(user(1000, "a"), Optional.of(shortHash)));
            }
            assertEquals(List.of(), store.listUsers(), "nothing of the failed calls is left");
            assertEquals(1000, store.allocateRid(), "the failed create left the RID counter alone");
        }

        @Test
        void unixUidLinksAtMostOneUser() throws LsaException {
            store.createUser(UserAccount.newAccount(SID, 1000, "a").unixUid(OptionalLong.of(1000)).build(), Optional.empty());
            assertStatus(NtStatus.USER_EXISTS, () -> store.createUser(
                    UserAccount.newAccount(SID, 1001, "b").unixUid(OptionalLong.of(1000)).build(), Optional.empty()));
            store.createUser(user(1001, "b"), Optional.empty());
            assertStatus(NtStatus.USER_EXISTS,
                    () -> store.updateUser(1001, u -> u.toBuilder().unixUid(OptionalLong.of(1000)).build()));
        }

        @Test
        void listIsOrderedByRid() throws LsaException {
            store.createUser(user(1002, "c"), Optional.empty());
            store.createUser(user(500, "Administrator"), Optional.empty());
            store.createUser(user(1001, "b"), Optional.empty());
            assertEquals(List.of(500L, 1001L, 1002L), store.listUsers().stream().map(UserAccount::rid).toList());
        }

        @Test
        void updateRenamesAndChecksUniqueness() throws LsaException {
            store.createUser(user(1000, "alice"), Optional.empty());
            store.createUser(user(1001, "bob"), Optional.empty());
            UserAccount renamed = store.updateUser(1000, u -> u.toBuilder().name("alicia").fullName("A").build());
            assertEquals("alicia", renamed.name());
            assertEquals(renamed, store.findUser("ALICIA").orElseThrow());
            assertEquals(Optional.empty(), store.findUser("alice"));
            store.createUser(user(1002, "alice"), Optional.empty()); // the old name is free again
            assertStatus(NtStatus.USER_EXISTS, () -> store.updateUser(1001, u -> u.toBuilder().name("Alicia").build()));
            assertStatus(NtStatus.USER_EXISTS, () -> store.updateUser(1001, u -> u.toBuilder().name("Domain Users").build()));
            assertEquals("Bob", store.updateUser(1001, u -> u.toBuilder().name("Bob").build()).name(), "case-only rename");
        }

        @Test
        void updateRefusesRidOrSidChangesAndBadValues() throws LsaException {
            store.createUser(user(1000, "alice"), Optional.empty());
            UserAccount before = store.findUser(1000).orElseThrow();
            assertStatus(NtStatus.INVALID_PARAMETER, () -> store.updateUser(1000, u -> user(1001, "alice")));
            assertStatus(NtStatus.INVALID_PARAMETER,
                    () -> store.updateUser(1000, u -> UserAccount.newAccount(Sid.of(5, 21, 1, 2, 3), 1000, "alice").build()));
            assertStatus(NtStatus.INVALID_PARAMETER, () -> store.updateUser(1000, u -> u.toBuilder().name("bad/name").build()));
            assertStatus(NtStatus.INVALID_PARAMETER, () -> store.updateUser(1000, u -> null));
            assertStatus(NtStatus.NO_SUCH_USER, () -> store.updateUser(4242, u -> u));
            assertEquals(before, store.findUser(1000).orElseThrow());
        }

        @Test
        void logonStateUpdates() throws LsaException {
            store.createUser(user(1000, "alice"), Optional.empty());
            Instant now = Instant.parse("2025-01-01T00:00:00Z");
            LogonState s = store.updateLogonState(1000, st -> new LogonState(3, Optional.of(now), Optional.of(now),
                    Optional.empty(), 1));
            assertEquals(3, s.badPasswordCount());
            assertEquals(s, store.findUser(1000).orElseThrow().logonState());
            assertEquals(LogonState.NEW.logonCount(), store.updateLogonState(1000, st -> LogonState.NEW).logonCount());
            assertStatus(NtStatus.NO_SUCH_USER, () -> store.updateLogonState(4242, st -> st));
            assertStatus(NtStatus.INVALID_PARAMETER, () -> store.updateLogonState(1000, st -> null));
        }

        @Test
        void ntHashIsStoredReturnedFreshAndCleared() throws LsaException {
            try (SecretBytes h = hash(0x11)) {
                store.createUser(user(1000, "alice"), Optional.of(h));
                assertFalse(h.isDestroyed(), "the caller's secret stays the caller's");
                try (SecretBytes got = store.ntHash(1000).orElseThrow()) {
                    assertTrue(got.equalsConstantTime(h));
                }
                // the previous copy was destroyed; a new read is unaffected
                try (SecretBytes again = store.ntHash(1000).orElseThrow()) {
                    assertTrue(again.equalsConstantTime(h));
                }
            }
            try (SecretBytes h2 = hash(0x22)) {
                store.setNtHash(1000, Optional.of(h2));
                try (SecretBytes got = store.ntHash(1000).orElseThrow()) {
                    assertTrue(got.equalsConstantTime(h2));
                }
                assertStatus(NtStatus.NO_SUCH_USER, () -> store.setNtHash(4242, Optional.of(h2)));
            }
            store.setNtHash(1000, Optional.empty());
            assertEquals(Optional.empty(), store.ntHash(1000));
            store.createUser(user(1001, "bob"), Optional.empty());
            assertEquals(Optional.empty(), store.ntHash(1001));
            assertStatus(NtStatus.NO_SUCH_USER, () -> store.ntHash(4242));
        }

        @Test
        void failuresNeverCarryTheHash() throws LsaException {
            try (SecretBytes h = hash(0x5A)) {
                store.createUser(user(1000, "alice"), Optional.of(h));
                LsaException e = assertStatus(NtStatus.USER_EXISTS, () -> store.createUser(user(1001, "alice"), Optional.of(h)));
                String hex = HexFormat.of().formatHex(h.copyBytes());
                assertFalse(e.getMessage().toLowerCase().contains(hex));
            }
        }

        @Test
        void deleteRemovesMembershipsAndRights() throws LsaException {
            UserAccount alice = user(1000, "alice");
            store.createUser(alice, Optional.of(hash(1)));
            store.addGroupMember(513, 1000);
            store.createAlias(new AliasAccount(BUILTIN_USERS, "Users", ""));
            store.addAliasMember(BUILTIN_USERS, alice.sid());
            store.grantRight(alice.sid(), BACKUP);
            store.deleteUser(1000);
            assertEquals(Optional.empty(), store.findUser(1000));
            assertEquals(List.of(), store.groupMembers(513));
            assertEquals(List.of(), store.aliasMembers(BUILTIN_USERS));
            assertEquals(Set.of(), store.rightsOf(List.of(alice.sid())));
            assertStatus(NtStatus.NO_SUCH_USER, () -> store.deleteUser(1000));
            store.createUser(user(1000, "alice"), Optional.empty()); // RID and name are free again
            assertEquals(Optional.empty(), store.ntHash(1000), "no old hash resurfaces");
        }

        @Test
        void builtInUsersCannotBeDeleted() throws LsaException {
            store.createUser(user(500, "Administrator"), Optional.empty());
            store.createUser(user(501, "Guest"), Optional.empty());
            assertStatus(NtStatus.SPECIAL_ACCOUNT, () -> store.deleteUser(500));
            assertStatus(NtStatus.SPECIAL_ACCOUNT, () -> store.deleteUser(501));
            assertTrue(store.findUser(500).isPresent());
        }
    }

    @Nested
    class Groups {
        @Test
        void createFindList() throws LsaException {
            GroupAccount admins = new GroupAccount(512, SID.append(512), "Domain Admins", "admins");
            store.createGroup(admins);
            assertEquals(admins, store.findGroup(512).orElseThrow());
            assertEquals(admins, store.findGroup("DOMAIN ADMINS").orElseThrow());
            assertEquals(List.of(512L, 513L), store.listGroups().stream().map(GroupAccount::rid).toList());
            assertEquals(Optional.empty(), store.findGroup(999));
            assertEquals(Optional.empty(), store.findGroup("nope"));
        }

        @Test
        void createFailures() {
            assertStatus(NtStatus.GROUP_EXISTS, () -> store.createGroup(group(513, "Other")));
            assertStatus(NtStatus.GROUP_EXISTS, () -> store.createGroup(group(600, "domain USERS")));
            assertStatus(NtStatus.INVALID_PARAMETER,
                    () -> store.createGroup(new GroupAccount(600, Sid.of(5, 21, 1, 1, 1, 600), "x", "")));
            assertStatus(NtStatus.INVALID_PARAMETER, () -> store.createGroup(new GroupAccount(600, SID.append(601), "x", "")));
        }

        @Test
        void membership() throws LsaException {
            store.createUser(user(1000, "alice"), Optional.empty());
            store.createUser(user(1001, "bob"), Optional.empty());
            store.createGroup(group(1002, "staff"));
            store.addGroupMember(1002, 1001);
            store.addGroupMember(1002, 1000);
            store.addGroupMember(513, 1000);
            assertStatus(NtStatus.MEMBER_IN_GROUP, () -> store.addGroupMember(1002, 1000));
            assertStatus(NtStatus.NO_SUCH_GROUP, () -> store.addGroupMember(999, 1000));
            assertStatus(NtStatus.NO_SUCH_USER, () -> store.addGroupMember(1002, 4242));
            assertEquals(List.of(1000L, 1001L), store.groupMembers(1002));
            assertEquals(List.of(513L, 1002L), store.groupsOfUser(1000).stream().map(GroupAccount::rid).toList());
            store.removeGroupMember(1002, 1000);
            assertStatus(NtStatus.MEMBER_NOT_IN_GROUP, () -> store.removeGroupMember(1002, 1000));
            assertStatus(NtStatus.NO_SUCH_GROUP, () -> store.removeGroupMember(999, 1000));
            assertStatus(NtStatus.NO_SUCH_USER, () -> store.removeGroupMember(1002, 4242));
            assertEquals(List.of(1001L), store.groupMembers(1002));
            assertStatus(NtStatus.NO_SUCH_GROUP, () -> store.groupMembers(999));
            assertStatus(NtStatus.NO_SUCH_USER, () -> store.groupsOfUser(4242));
            assertEquals(List.of(), store.groupsOfUser(1001).stream().filter(g -> g.rid() == 513).toList(),
                    "the primary group is not implied");
        }

        @Test
        void deleteRemovesMembershipsButNotAPrimaryGroup() throws LsaException {
            store.createUser(user(1000, "alice"), Optional.empty()); // primary group 513
            store.createGroup(group(1001, "staff"));
            store.addGroupMember(1001, 1000);
            store.createAlias(new AliasAccount(BUILTIN_USERS, "Users", ""));
            store.addAliasMember(BUILTIN_USERS, SID.append(1001));
            store.grantRight(SID.append(1001), BACKUP);
            LsaException e = assertStatus(NtStatus.MEMBER_IN_GROUP, () -> store.deleteGroup(513));
            assertTrue(e.getMessage().contains("alice"), e.getMessage());
            store.deleteGroup(1001);
            assertEquals(Optional.empty(), store.findGroup(1001));
            assertEquals(List.of(), store.groupsOfUser(1000));
            assertEquals(List.of(), store.aliasMembers(BUILTIN_USERS));
            assertEquals(Map.of(), store.listRights());
            assertStatus(NtStatus.NO_SUCH_GROUP, () -> store.deleteGroup(1001));
            store.createGroup(group(1001, "staff"));
        }
    }

    @Nested
    class Aliases {
        final AliasAccount users = new AliasAccount(BUILTIN_USERS, "Users", "builtin users");
        final AliasAccount localUsers = new AliasAccount(SID.append(1100), "Users", "account-domain alias");

        @Test
        void builtinHasItsOwnNamespace() throws LsaException {
            store.createAlias(users);
            assertEquals(users, store.findAlias("users").orElseThrow());
            store.createAlias(localUsers); // same name, other namespace
            assertEquals(localUsers, store.findAlias("USERS").orElseThrow(), "the account domain's alias first");
            assertEquals(users, store.findAlias(BUILTIN_USERS).orElseThrow());
            assertEquals(List.of(users, localUsers), store.listAliases());
            assertEquals(Optional.empty(), store.findAlias("none"));
            assertEquals(Optional.empty(), store.findAlias(SID.append(4242)));
            assertStatus(NtStatus.ALIAS_EXISTS, () -> store.createAlias(new AliasAccount(WellKnownSids.BUILTIN_GUESTS, "USERS", "")));
            assertStatus(NtStatus.ALIAS_EXISTS, () -> store.createAlias(new AliasAccount(BUILTIN_USERS, "Other", "")));
            assertStatus(NtStatus.INVALID_PARAMETER, () -> store.createAlias(new AliasAccount(Sid.of(5, 21, 7, 7, 7, 1000), "x", "")));
            // a BUILTIN RID is no account-domain RID: 545 stays free for the domain
            store.createUser(user(545, "u545"), Optional.empty());
        }

        @Test
        void membership() throws LsaException {
            store.createAlias(users);
            store.createAlias(localUsers);
            Sid alice = SID.append(1000);
            store.addAliasMember(BUILTIN_USERS, alice);
            store.addAliasMember(BUILTIN_USERS, WellKnownSids.INTERACTIVE);
            store.addAliasMember(localUsers.sid(), alice);
            store.addAliasMember(BUILTIN_USERS, localUsers.sid()); // nested, but only direct members count below
            assertStatus(NtStatus.MEMBER_IN_ALIAS, () -> store.addAliasMember(BUILTIN_USERS, alice));
            assertStatus(NtStatus.NO_SUCH_ALIAS, () -> store.addAliasMember(WellKnownSids.BUILTIN_GUESTS, alice));
            assertEquals(List.of(WellKnownSids.INTERACTIVE, alice, localUsers.sid()), store.aliasMembers(BUILTIN_USERS));
            assertEquals(Set.of(BUILTIN_USERS, localUsers.sid()),
                    store.aliasesContaining(List.of(alice, WellKnownSids.WORLD)));
            assertEquals(Set.of(BUILTIN_USERS), store.aliasesContaining(List.of(WellKnownSids.INTERACTIVE)));
            assertEquals(Set.of(), store.aliasesContaining(List.of()));
            store.removeAliasMember(BUILTIN_USERS, alice);
            assertStatus(NtStatus.MEMBER_NOT_IN_ALIAS, () -> store.removeAliasMember(BUILTIN_USERS, alice));
            assertStatus(NtStatus.NO_SUCH_ALIAS, () -> store.removeAliasMember(WellKnownSids.BUILTIN_GUESTS, alice));
            assertStatus(NtStatus.NO_SUCH_ALIAS, () -> store.aliasMembers(WellKnownSids.BUILTIN_GUESTS));
        }

        @Test
        void deleteRemovesMembersMembershipsAndRights() throws LsaException {
            store.createAlias(users);
            store.createAlias(localUsers);
            store.addAliasMember(localUsers.sid(), SID.append(1000));
            store.addAliasMember(BUILTIN_USERS, localUsers.sid());
            store.grantRight(localUsers.sid(), INTERACTIVE);
            store.deleteAlias(localUsers.sid());
            assertEquals(Optional.empty(), store.findAlias(localUsers.sid()));
            assertEquals(List.of(), store.aliasMembers(BUILTIN_USERS));
            assertEquals(Set.of(), store.aliasesContaining(List.of(SID.append(1000))));
            assertEquals(Map.of(), store.listRights());
            assertStatus(NtStatus.NO_SUCH_ALIAS, () -> store.deleteAlias(localUsers.sid()));
            store.createAlias(localUsers); // name and RID free again, and no members came back
            assertEquals(List.of(), store.aliasMembers(localUsers.sid()));
        }
    }

    @Nested
    class Rights {
        @Test
        void grantRevokeUnionAndList() throws LsaException {
            Sid alice = SID.append(1000);
            store.grantRight(BUILTIN_USERS, INTERACTIVE);
            store.grantRight(BUILTIN_USERS, INTERACTIVE); // idempotent
            store.grantRight(alice, BACKUP);
            assertEquals(Set.of(INTERACTIVE, BACKUP), store.rightsOf(List.of(alice, BUILTIN_USERS, WellKnownSids.WORLD)));
            assertEquals(Set.of(), store.rightsOf(List.of()));
            assertEquals(Map.of(BUILTIN_USERS, Set.of(INTERACTIVE), alice, Set.of(BACKUP)), store.listRights());
            store.revokeRight(alice, BACKUP);
            store.revokeRight(alice, BACKUP); // revoking what is not granted is a no-op
            assertEquals(Set.of(INTERACTIVE), store.rightsOf(List.of(alice, BUILTIN_USERS)));
            assertEquals(Map.of(BUILTIN_USERS, Set.of(INTERACTIVE)), store.listRights());
        }

        @Test
        void unknownStoredRightNamesAreSkipped() throws Exception {
            store.grantRight(BUILTIN_USERS, INTERACTIVE);
            SQLiteDataSource raw = new SQLiteDataSource();
            raw.setUrl("jdbc:sqlite:" + dir.resolve("sam.db"));
            try (Connection c = raw.getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO account_rights VALUES ('S-1-5-32-545', 'SeFromTheFuturePrivilege'),"
                        + " ('S-1-1-0', 'SeFromTheFuturePrivilege')");
            }
            assertEquals(Set.of(INTERACTIVE), store.rightsOf(List.of(BUILTIN_USERS, WellKnownSids.WORLD)));
            assertEquals(Map.of(BUILTIN_USERS, Set.of(INTERACTIVE)), store.listRights());
        }
    }

    @Nested
    class Transactions {
        @Test
        void aFailingTransactionLeavesNoTrace() throws LsaException {
            LsaException thrown = new LsaException(NtStatus.UNSUCCESSFUL, "stop");
            LsaException e = assertThrows(LsaException.class, () -> store.transact(s -> {
                s.createUser(user(s.allocateRid(), "alice"), Optional.of(hash(1)));
                s.grantRight(SID.append(1000), BACKUP);
                throw thrown;
            }));
            assertSame(thrown, e);
            assertEquals(Optional.empty(), store.findUser("alice"));
            assertEquals(Map.of(), store.listRights());
            assertEquals(1000, store.allocateRid(), "the RID counter was rolled back too");
        }

        @Test
        void aRuntimeExceptionRollsBackAndPropagates() throws LsaException {
            IllegalStateException boom = new IllegalStateException("boom");
            assertSame(boom, assertThrows(IllegalStateException.class, () -> store.transact(s -> {
                s.createUser(user(1000, "alice"), Optional.empty());
                throw boom;
            })));
            assertEquals(List.of(), store.listUsers());
        }

        @Test
        void nestedCallsJoinAndAFailedNestedCallIsUndoneAlone() throws LsaException {
            String result = store.transact(s -> {
                s.createUser(user(1000, "alice"), Optional.empty());
                assertTrue(s.findUser("alice").isPresent(), "visible inside the transaction");
                // a nested failing call is undone on its own; the caller may go on
                assertStatus(NtStatus.USER_EXISTS, () -> s.createUser(user(1001, "ALICE"), Optional.empty()));
                assertStatus(NtStatus.UNSUCCESSFUL, () -> s.transact(inner -> {
                    inner.createUser(user(1002, "bob"), Optional.empty());
                    throw new LsaException(NtStatus.UNSUCCESSFUL, "inner");
                }));
                return s.transact(inner -> {
                    inner.createUser(user(1003, "carol"), Optional.empty());
                    return "done";
                });
            });
            assertEquals("done", result);
            assertEquals(List.of("alice", "carol"), store.listUsers().stream().map(UserAccount::name).toList());
            // RIDs 1001 and 1002 were never reserved: the failed calls took their counter moves with them
            assertEquals(1004, store.allocateRid());
            store.createUser(user(1001, "dave"), Optional.empty());
            store.createUser(user(1002, "bob"), Optional.empty());
        }

        @Test
        void provisioningADomainIsOneTransactionAndSurvivesReopen() throws LsaException {
            Path file = dir.resolve("provisioned.db");
            try (SqliteAccountStore s = SqliteAccountStore.open(file); SecretBytes h = hash(7)) {
                DomainProvisioning.provision(s, "HOST", "HOST", SID, h, Instant.parse("2025-01-01T00:00:00Z"));
            }
            try (SqliteAccountStore s = SqliteAccountStore.open(file)) {
                assertEquals(List.of("Administrator", "Guest", "krbtgt"),
                        s.listUsers().stream().map(UserAccount::name).toList());
                assertEquals(3, s.listGroups().size());
                assertEquals(Set.of(WellKnownSids.BUILTIN_ADMINISTRATORS),
                        s.aliasesContaining(List.of(SID.append(UserAccount.RID_ADMINISTRATOR))));
                assertTrue(s.rightsOf(List.of(WellKnownSids.BUILTIN_ADMINISTRATORS)).contains(BACKUP));
                assertNotNull(s.ntHash(500).orElseThrow());
                assertEquals(1000, s.allocateRid());
            }
        }
    }

    @Test
    void callsAfterCloseFailCleanly() throws LsaException {
        store.close();
        store.close(); // idempotent
        assertStatus(NtStatus.INVALID_HANDLE, () -> store.findUser("alice"));
        assertStatus(NtStatus.INVALID_HANDLE, () -> store.createUser(user(1000, "a"), Optional.empty()));
        assertStatus(NtStatus.INVALID_HANDLE, () -> store.transact(s -> null));
    }
}
