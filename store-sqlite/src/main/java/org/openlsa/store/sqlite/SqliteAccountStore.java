package org.openlsa.store.sqlite;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.core.Sid;
import org.openlsa.core.WellKnownSids;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.sam.AccountRight;
import org.openlsa.sam.AccountStore;
import org.openlsa.sam.AliasAccount;
import org.openlsa.sam.DomainInfo;
import org.openlsa.sam.DomainPolicy;
import org.openlsa.sam.GroupAccount;
import org.openlsa.sam.KerberosKeySet;
import org.openlsa.sam.LogonState;
import org.openlsa.sam.ServicePrincipalNames;
import org.openlsa.sam.UserAccount;
import org.openlsa.store.sqlite.internal.AccountNameTable;
import org.openlsa.store.sqlite.internal.AccountNameTable.Kind;
import org.openlsa.store.sqlite.internal.AccountNameTable.Namespace;
import org.openlsa.store.sqlite.internal.AliasMemberTable;
import org.openlsa.store.sqlite.internal.AliasTable;
import org.openlsa.store.sqlite.internal.Database;
import org.openlsa.store.sqlite.internal.DelegationTable;
import org.openlsa.store.sqlite.internal.DomainTable;
import org.openlsa.store.sqlite.internal.GroupMemberTable;
import org.openlsa.store.sqlite.internal.GroupTable;
import org.openlsa.store.sqlite.internal.KerberosKeyTable;
import org.openlsa.store.sqlite.internal.PasswordHistoryTable;
import org.openlsa.store.sqlite.internal.RidCounter;
import org.openlsa.store.sqlite.internal.RightTable;
import org.openlsa.store.sqlite.internal.SchemaMigrator;
import org.openlsa.store.sqlite.internal.ServicePrincipalNameTable;
import org.openlsa.store.sqlite.internal.UserTable;

/**
 * The {@link AccountStore} in one SQLite file (format: docs/store-sqlite.md). Safe for use by many threads and by
 * several processes on the same file: every call runs under one lock in a SQLite transaction, mutating calls in
 * {@code BEGIN IMMEDIATE}, so read-modify-write operations such as {@link #updateLogonState} are exact. A call
 * returns only once its transaction is committed with synchronous=FULL, i.e. on disk.
 *
 * <p>Security: the database holds NT hashes and Kerberos keys, so a file this class creates is readable by its owner
 * only (on POSIX file systems; SQLite gives its -wal and -shm files the same mode). Hashes and keys are bound as
 * parameters and never appear in a message; byte arrays holding one are zeroed after use.
 *
 * <p>Beyond the SPI's contract: the built-in Administrator (500), Guest (501) and krbtgt (502) cannot be deleted
 * (SPECIAL_ACCOUNT, as Windows refuses it); a group that is some user's primary group cannot be deleted
 * (MEMBER_IN_GROUP); a Unix uid links to at most one user (USER_EXISTS); deleting a group or alias also removes it
 * from aliases and drops its rights, so a later account with the same RID inherits nothing.
 */
public final class SqliteAccountStore implements AccountStore {
    private static final int NT_HASH_BYTES = 16;

    private final Database db;

    private SqliteAccountStore(Database db) {
        this.db = db;
    }

    /**
     * Opens the store in {@code databaseFile}, creating the file (not its directory) and the schema when missing
     * and migrating an older schema.
     *
     * @throws LsaException NOT_SUPPORTED for a file of a newer schema version than this release knows;
     *     INVALID_PARAMETER when the directory does not exist; INTERNAL_ERROR when SQLite cannot open the file
     */
    public static SqliteAccountStore open(Path databaseFile) throws LsaException {
        Path file = databaseFile.toAbsolutePath();
        Path dir = file.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new LsaException(NtStatus.INVALID_PARAMETER, "the directory of account database " + file
                    + " does not exist (the store creates the file, not its directory)");
        }
        createOwnerOnly(file);
        Database db = Database.open(file);
        try {
            SchemaMigrator.standard().migrate(db);
        } catch (LsaException | RuntimeException e) {
            db.close();
            throw e;
        }
        return new SqliteAccountStore(db);
    }

    private static void createOwnerOnly(Path file) throws LsaException {
        if (Files.exists(file) || !file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            // another process created it meanwhile; it chose the mode
        } catch (IOException e) {
            throw new LsaException(NtStatus.INTERNAL_ERROR, "cannot create account database " + file + ": " + e, e);
        }
    }

    /**
     * Holds the store's lock for the whole of {@code work}: other threads wait, so {@code work} must not wait for
     * another thread that uses this store. A nested call that fails is undone alone (a SAVEPOINT).
     */
    @Override
    public <T> T transact(Work<T> work) throws LsaException {
        Objects.requireNonNull(work, "work");
        return db.write("transaction", c -> work.run(this));
    }

    /** Memoized reads inside {@code work} check SQLite's data_version once, not once each (Database#readScope). */
    @Override
    public <T> T readScope(Work<T> work) throws LsaException {
        Objects.requireNonNull(work, "work");
        return db.readScope(() -> work.run(this));
    }

    // ---- domain ----

    @Override
    public void createDomain(DomainInfo domain) throws LsaException {
        Objects.requireNonNull(domain, "domain");
        db.write("createDomain", c -> {
            Optional<DomainInfo> existing = DomainTable.find(c);
            if (existing.isPresent()) {
                throw new LsaException(NtStatus.OBJECT_NAME_COLLISION, "the store already holds the account domain '"
                        + existing.get().name() + "' (" + existing.get().sid() + ")");
            }
            if (domain.sid().equals(WellKnownSids.BUILTIN) || domain.sid().subAuthorityCount() == 0) {
                throw new LsaException(NtStatus.INVALID_PARAMETER, "an account domain cannot have the SID "
                        + domain.sid());
            }
            DomainTable.insert(c, domain);
            return null;
        });
    }

    @Override
    public DomainInfo domain() throws LsaException {
        return db.cachedRead("domain", new ReadKey("domain", null), SqliteAccountStore::requireDomain);
    }

    @Override
    public void setPolicy(DomainPolicy policy) throws LsaException {
        Objects.requireNonNull(policy, "policy");
        db.write("setPolicy", c -> {
            if (!DomainTable.updatePolicy(c, policy)) {
                throw noDomain();
            }
            return null;
        });
    }

    @Override
    public long allocateRid() throws LsaException {
        return db.write("allocateRid", c -> {
            long rid = RidCounter.next(c);
            // An account created with an explicit RID at or above the counter may hold the next value: skip it.
            while (rid < RidCounter.EXHAUSTED && AccountNameTable.byRid(c, Namespace.ACCOUNT, rid).isPresent()) {
                rid++;
            }
            if (rid >= RidCounter.EXHAUSTED) {
                throw new LsaException(NtStatus.INSUFFICIENT_RESOURCES,
                        "the account domain has used every RID up to 4294967295");
            }
            RidCounter.set(c, rid + 1);
            return rid;
        });
    }

    // ---- users ----

    @Override
    public void createUser(UserAccount user, Optional<SecretBytes> ntHash) throws LsaException {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(ntHash, "ntHash");
        db.write("createUser", c -> {
            DomainInfo domain = requireDomain(c);
            if (!domain.sid().isDomainOf(user.sid())) {
                throw new LsaException(NtStatus.INVALID_PARAMETER, "user SID " + user.sid()
                        + " is not in the account domain " + domain.sid());
            }
            register(c, Namespace.ACCOUNT, user.rid(), Kind.USER, user.name(), NtStatus.USER_EXISTS);
            checkUnixUidFree(c, user);
            byte[] hash = hashBytes(ntHash);
            try {
                UserTable.insert(c, user, hash);
            } finally {
                zero(hash);
            }
            return null;
        });
    }

    @Override
    public Optional<UserAccount> findUser(String name) throws LsaException {
        Objects.requireNonNull(name, "name");
        return db.cachedRead("findUser", new ReadKey("findUser", name), c -> {
            Optional<AccountNameTable.Entry> e = AccountNameTable.byName(c, Namespace.ACCOUNT, name);
            return e.isPresent() && e.get().kind() == Kind.USER ? UserTable.byRid(c, e.get().rid()) : Optional.empty();
        });
    }

    @Override
    public Optional<UserAccount> findUser(long rid) throws LsaException {
        return db.cachedRead("findUser", new ReadKey("findUserByRid", rid), c -> UserTable.byRid(c, rid));
    }

    @Override
    public Optional<UserAccount> findUserByUnixUid(long uid) throws LsaException {
        return db.read("findUserByUnixUid", c -> UserTable.byUnixUid(c, uid));
    }

    @Override
    public List<UserAccount> listUsers() throws LsaException {
        return db.read("listUsers", c -> List.copyOf(UserTable.all(c)));
    }

    @Override
    public UserAccount updateUser(long rid, UnaryOperator<UserAccount> change) throws LsaException {
        Objects.requireNonNull(change, "change");
        return db.write("updateUser", c -> {
            UserAccount old = requireUser(c, rid);
            UserAccount changed = applyChange(change, old, "user " + rid);
            if (changed.rid() != old.rid() || !changed.sid().equals(old.sid())) {
                throw new LsaException(NtStatus.INVALID_PARAMETER, "the RID and SID of user '" + old.name()
                        + "' (" + old.sid() + ") cannot change, not to " + changed.sid());
            }
            Optional<AccountNameTable.Entry> holder = AccountNameTable.byName(c, Namespace.ACCOUNT, changed.name());
            if (holder.isPresent() && holder.get().rid() != rid) {
                throw nameTaken(NtStatus.USER_EXISTS, changed.name(), holder.get());
            }
            if (!changed.unixUid().equals(old.unixUid())) {
                checkUnixUidFree(c, changed);
            }
            AccountNameTable.rename(c, Namespace.ACCOUNT, rid, changed.name());
            UserTable.update(c, changed);
            // Read back, so the caller holds exactly what a later read returns (times are stored to 100 ns).
            return requireUser(c, rid);
        });
    }

    @Override
    public LogonState updateLogonState(long rid, UnaryOperator<LogonState> change) throws LsaException {
        Objects.requireNonNull(change, "change");
        // BEGIN IMMEDIATE holds the file's write lock from the read to the write: no other thread or process can
        // interleave, so concurrent counters are exact.
        return db.write("updateLogonState", c -> {
            LogonState next = applyChange(change, requireUser(c, rid).logonState(), "logon state of user " + rid);
            UserTable.updateLogonState(c, rid, next);
            return requireUser(c, rid).logonState();
        });
    }

    /**
     * The change and its inverse as two UPDATEs in one BEGIN IMMEDIATE transaction, each read back as
     * {@link #updateLogonState} does, without the savepoints two nested calls would add.
     */
    @Override
    public void rewriteLogonState(long rid) throws LsaException {
        db.write("rewriteLogonState", c -> {
            // Read, write, read back, twice: what one updateLogonState does, less its savepoint when nested.
            LogonState state = requireUser(c, rid).logonState();
            UserTable.updateLogonState(c, rid, state.withLogonCountBitFlipped());
            requireUser(c, rid);
            UserTable.updateLogonState(c, rid, state);
            return requireUser(c, rid).logonState();
        });
    }

    @Override
    public void setNtHash(long rid, Optional<SecretBytes> ntHash) throws LsaException {
        writeHash("setNtHash", rid, ntHash, UserTable::setNtHash);
    }

    @Override
    public void setLmHash(long rid, Optional<SecretBytes> lmHash) throws LsaException {
        writeHash("setLmHash", rid, lmHash, UserTable::setLmHash);
    }

    @Override
    public Optional<SecretBytes> lmHash(long rid) throws LsaException {
        return readHash("lmHash", rid, UserTable::lmHash);
    }

    @Override
    public Optional<SecretBytes> ntHash(long rid) throws LsaException {
        return readHash("ntHash", rid, UserTable::ntHash);
    }

    /** A hash column's writer: 16 bytes or null (none); the caller owns and zeroes the array. */
    private interface HashWrite {
        void set(Connection c, long rid, byte[] hash) throws SQLException;
    }

    /** A hash column's reader: a fresh array, or empty. */
    private interface HashRead {
        Optional<byte[]> get(Connection c, long rid) throws SQLException;
    }

    private void writeHash(String operation, long rid, Optional<SecretBytes> value, HashWrite column)
            throws LsaException {
        Objects.requireNonNull(value, "hash");
        db.write(operation, c -> {
            requireUser(c, rid);
            byte[] hash = hashBytes(value);
            try {
                column.set(c, rid, hash);
            } finally {
                zero(hash);
            }
            return null;
        });
    }

    /**
     * The memo keeps its own copy (zeroed when dropped); every caller gets a fresh secret to destroy, copied while
     * the database lock is held, so a concurrent write cannot zero the memo's array under the copy.
     */
    private Optional<SecretBytes> readHash(String operation, long rid, HashRead column) throws LsaException {
        return db.cachedRead(operation, new ReadKey(operation, rid), c -> {
            requireUser(c, rid);
            return column.get(c, rid);
        }, kept -> kept.map(SecretBytes::copyOf));
    }

    @Override
    public void setPasswordHistory(long rid, List<SecretBytes> ntHashes) throws LsaException {
        Objects.requireNonNull(ntHashes, "ntHashes");
        if (ntHashes.stream().anyMatch(h -> h.isDestroyed() || h.length() != 16)) {
            throw new LsaException(NtStatus.INVALID_PARAMETER, "a password history holds 16-byte NT hashes only");
        }
        db.write("setPasswordHistory", c -> {
            requireUser(c, rid);
            PasswordHistoryTable.replace(c, rid, ntHashes);
            return null;
        });
    }

    @Override
    public List<SecretBytes> passwordHistory(long rid) throws LsaException {
        return db.read("passwordHistory", c -> {
            requireUser(c, rid);
            return PasswordHistoryTable.of(c, rid);
        });
    }

    @Override
    public void deleteUser(long rid) throws LsaException {
        db.write("deleteUser", c -> {
            UserAccount user = requireUser(c, rid);
            if (rid == UserAccount.RID_ADMINISTRATOR || rid == UserAccount.RID_GUEST
                    || rid == UserAccount.RID_KRBTGT) {
                throw new LsaException(NtStatus.SPECIAL_ACCOUNT, "user '" + user.name() + "' (RID " + rid
                        + ") is a built-in account and cannot be deleted");
            }
            GroupMemberTable.deleteAllOf(c, GroupMemberTable.Side.USER, rid);
            AliasMemberTable.deleteMemberEverywhere(c, user.sid());
            RightTable.deleteAllOf(c, user.sid());
            KerberosKeyTable.deleteAllOf(c, rid);
            PasswordHistoryTable.deleteAllOf(c, rid);
            ServicePrincipalNameTable.deleteAllOf(c, rid);
            DelegationTable.deleteAllOf(c, rid);
            UserTable.delete(c, rid);
            AccountNameTable.delete(c, Namespace.ACCOUNT, rid);
            return null;
        });
    }

    // ---- Kerberos data of users ----

    @Override
    public void setKerberosKeys(long rid, KerberosKeySet keys) throws LsaException {
        Objects.requireNonNull(keys, "keys");
        if (keys.keys().stream().anyMatch(k -> k.key().isDestroyed())) {
            throw new LsaException(NtStatus.INVALID_PARAMETER, "the key set for user " + rid
                    + " holds a destroyed key");
        }
        db.write("setKerberosKeys", c -> {
            requireUser(c, rid);
            KerberosKeyTable.replace(c, rid, keys);
            return null;
        });
    }

    /** Served from the read memo like {@link #ntHash}: the KDC reads keys on every request. */
    @Override
    public Optional<KerberosKeySet> kerberosKeys(long rid) throws LsaException {
        return db.cachedRead("kerberosKeys", new ReadKey("kerberosKeys", rid), c -> {
            requireUser(c, rid);
            return KerberosKeyTable.keysOf(c, rid);
        }, kept -> kept.map(KerberosKeySet::copy));
    }

    @Override
    public void addServicePrincipalName(long rid, String spn) throws LsaException {
        requireValidSpn(spn);
        db.write("addServicePrincipalName", c -> {
            UserAccount user = requireUser(c, rid);
            OptionalLong holder = ServicePrincipalNameTable.holder(c, spn);
            if (holder.isPresent()) {
                String who = holder.getAsLong() == rid ? "user '" + user.name() + "' itself"
                        : "the user with RID " + holder.getAsLong();
                throw new LsaException(NtStatus.OBJECT_NAME_COLLISION, "service principal name '" + spn
                        + "' is already registered for " + who + " (SPNs are compared case-insensitively)");
            }
            ServicePrincipalNameTable.insert(c, rid, spn);
            return null;
        });
    }

    @Override
    public void removeServicePrincipalName(long rid, String spn) throws LsaException {
        Objects.requireNonNull(spn, "spn");
        db.write("removeServicePrincipalName", c -> {
            UserAccount user = requireUser(c, rid);
            if (!ServicePrincipalNameTable.delete(c, rid, spn)) {
                throw new LsaException(NtStatus.OBJECT_NAME_NOT_FOUND, "user '" + user.name()
                        + "' has no service principal name '" + spn + "'");
            }
            return null;
        });
    }

    @Override
    public List<String> servicePrincipalNames(long rid) throws LsaException {
        return db.read("servicePrincipalNames", c -> {
            requireUser(c, rid);
            return List.copyOf(ServicePrincipalNameTable.ofUser(c, rid));
        });
    }

    @Override
    public Optional<UserAccount> findUserByServicePrincipalName(String spn) throws LsaException {
        Objects.requireNonNull(spn, "spn");
        if (!ServicePrincipalNames.isValid(spn)) {
            return Optional.empty(); // a name from the wire that no registration could have produced
        }
        return db.cachedRead("findUserByServicePrincipalName", new ReadKey("findUserBySpn", spn), c -> {
            OptionalLong holder = ServicePrincipalNameTable.holder(c, spn);
            return holder.isPresent() ? UserTable.byRid(c, holder.getAsLong()) : Optional.empty();
        });
    }

    @Override
    public void setAllowedToDelegateTo(long rid, List<String> spns) throws LsaException {
        List<String> list = List.copyOf(spns);
        for (String spn : list) {
            requireValidSpn(spn);
        }
        Optional<String> repeat = DelegationTable.firstRepeat(list);
        if (repeat.isPresent()) {
            throw new LsaException(NtStatus.INVALID_PARAMETER, "service principal name '" + repeat.get()
                    + "' is listed twice for delegation (SPNs are compared case-insensitively)");
        }
        db.write("setAllowedToDelegateTo", c -> {
            requireUser(c, rid);
            DelegationTable.replace(c, rid, list);
            return null;
        });
    }

    /** Memoized: S4U2Proxy consults it on every request. */
    @Override
    public List<String> allowedToDelegateTo(long rid) throws LsaException {
        return db.cachedRead("allowedToDelegateTo", new ReadKey("allowedToDelegateTo", rid), c -> {
            requireUser(c, rid);
            return List.copyOf(DelegationTable.ofUser(c, rid));
        });
    }

    private static void requireValidSpn(String spn) throws LsaException {
        Objects.requireNonNull(spn, "spn");
        try {
            ServicePrincipalNames.requireValid(spn);
        } catch (IllegalArgumentException e) {
            throw new LsaException(NtStatus.INVALID_PARAMETER, e.getMessage(), e);
        }
    }

    // ---- global groups ----

    @Override
    public void createGroup(GroupAccount group) throws LsaException {
        Objects.requireNonNull(group, "group");
        db.write("createGroup", c -> {
            DomainInfo domain = requireDomain(c);
            if (!domain.sid().isDomainOf(group.sid())) {
                throw new LsaException(NtStatus.INVALID_PARAMETER, "group SID " + group.sid()
                        + " is not in the account domain " + domain.sid());
            }
            if (group.sid().rid() != group.rid()) {
                throw new LsaException(NtStatus.INVALID_PARAMETER, "group SID " + group.sid()
                        + " does not end in its RID " + group.rid());
            }
            register(c, Namespace.ACCOUNT, group.rid(), Kind.GROUP, group.name(), NtStatus.GROUP_EXISTS);
            GroupTable.insert(c, group);
            return null;
        });
    }

    @Override
    public Optional<GroupAccount> findGroup(String name) throws LsaException {
        Objects.requireNonNull(name, "name");
        return db.read("findGroup", c -> {
            Optional<AccountNameTable.Entry> e = AccountNameTable.byName(c, Namespace.ACCOUNT, name);
            return e.isPresent() && e.get().kind() == Kind.GROUP ? GroupTable.byRid(c, e.get().rid()) : Optional.empty();
        });
    }

    @Override
    public Optional<GroupAccount> findGroup(long rid) throws LsaException {
        return db.read("findGroup", c -> GroupTable.byRid(c, rid));
    }

    @Override
    public List<GroupAccount> listGroups() throws LsaException {
        return db.read("listGroups", c -> List.copyOf(GroupTable.all(c)));
    }

    @Override
    public void deleteGroup(long rid) throws LsaException {
        db.write("deleteGroup", c -> {
            GroupAccount group = requireGroup(c, rid);
            // Windows refuses to delete a group that is still someone's primary group: the user would be left
            // with a primary group SID that resolves to nothing.
            List<UserAccount> primaryOf = UserTable.withPrimaryGroup(c, rid);
            if (!primaryOf.isEmpty()) {
                throw new LsaException(NtStatus.MEMBER_IN_GROUP, "group '" + group.name() + "' is the primary group of "
                        + primaryOf.size() + " user(s), first '" + primaryOf.getFirst().name()
                        + "'; change their primary group before deleting it");
            }
            GroupMemberTable.deleteAllOf(c, GroupMemberTable.Side.GROUP, rid);
            AliasMemberTable.deleteMemberEverywhere(c, group.sid());
            RightTable.deleteAllOf(c, group.sid());
            GroupTable.delete(c, rid);
            AccountNameTable.delete(c, Namespace.ACCOUNT, rid);
            return null;
        });
    }

    @Override
    public void addGroupMember(long groupRid, long userRid) throws LsaException {
        db.write("addGroupMember", c -> {
            GroupAccount group = requireGroup(c, groupRid);
            UserAccount user = requireUser(c, userRid);
            if (GroupMemberTable.contains(c, groupRid, userRid)) {
                throw new LsaException(NtStatus.MEMBER_IN_GROUP, "user '" + user.name() + "' is already a member of '"
                        + group.name() + "'");
            }
            GroupMemberTable.insert(c, groupRid, userRid);
            return null;
        });
    }

    @Override
    public void removeGroupMember(long groupRid, long userRid) throws LsaException {
        db.write("removeGroupMember", c -> {
            GroupAccount group = requireGroup(c, groupRid);
            UserAccount user = requireUser(c, userRid);
            if (!GroupMemberTable.contains(c, groupRid, userRid)) {
                throw new LsaException(NtStatus.MEMBER_NOT_IN_GROUP, "user '" + user.name() + "' is not a member of '"
                        + group.name() + "'");
            }
            GroupMemberTable.delete(c, groupRid, userRid);
            return null;
        });
    }

    @Override
    public List<Long> groupMembers(long groupRid) throws LsaException {
        return db.read("groupMembers", c -> {
            requireGroup(c, groupRid);
            return List.copyOf(GroupMemberTable.members(c, groupRid));
        });
    }

    @Override
    public List<GroupAccount> groupsOfUser(long userRid) throws LsaException {
        return db.cachedRead("groupsOfUser", new ReadKey("groupsOfUser", userRid), c -> {
            requireUser(c, userRid);
            return List.copyOf(GroupTable.ofUser(c, userRid));
        });
    }

    // ---- aliases ----

    @Override
    public void createAlias(AliasAccount alias) throws LsaException {
        Objects.requireNonNull(alias, "alias");
        db.write("createAlias", c -> {
            Namespace ns = aliasNamespace(c, alias.sid());
            register(c, ns, alias.sid().rid(), Kind.ALIAS, alias.name(), NtStatus.ALIAS_EXISTS);
            AliasTable.insert(c, alias, ns);
            return null;
        });
    }

    @Override
    public Optional<AliasAccount> findAlias(String name) throws LsaException {
        Objects.requireNonNull(name, "name");
        return db.read("findAlias", c -> {
            Optional<AccountNameTable.Entry> own = AccountNameTable.byName(c, Namespace.ACCOUNT, name);
            if (own.isPresent() && own.get().kind() == Kind.ALIAS) {
                return AliasTable.byRid(c, Namespace.ACCOUNT, own.get().rid());
            }
            Optional<AccountNameTable.Entry> builtin = AccountNameTable.byName(c, Namespace.BUILTIN, name);
            return builtin.isPresent() ? AliasTable.byRid(c, Namespace.BUILTIN, builtin.get().rid()) : Optional.empty();
        });
    }

    @Override
    public Optional<AliasAccount> findAlias(Sid sid) throws LsaException {
        Objects.requireNonNull(sid, "sid");
        return db.read("findAlias", c -> AliasTable.bySid(c, sid));
    }

    @Override
    public List<AliasAccount> listAliases() throws LsaException {
        return db.read("listAliases", c -> List.copyOf(AliasTable.all(c)));
    }

    @Override
    public void deleteAlias(Sid sid) throws LsaException {
        Objects.requireNonNull(sid, "sid");
        db.write("deleteAlias", c -> {
            AliasAccount alias = requireAlias(c, sid);
            AliasMemberTable.deleteAllOf(c, sid);
            AliasMemberTable.deleteMemberEverywhere(c, sid);
            RightTable.deleteAllOf(c, sid);
            AliasTable.delete(c, sid);
            AccountNameTable.delete(c, alias.isBuiltin() ? Namespace.BUILTIN : Namespace.ACCOUNT, sid.rid());
            return null;
        });
    }

    @Override
    public void addAliasMember(Sid alias, Sid member) throws LsaException {
        Objects.requireNonNull(member, "member");
        db.write("addAliasMember", c -> {
            AliasAccount a = requireAlias(c, alias);
            if (AliasMemberTable.contains(c, alias, member)) {
                throw new LsaException(NtStatus.MEMBER_IN_ALIAS, member + " is already a member of alias '"
                        + a.name() + "'");
            }
            AliasMemberTable.insert(c, alias, member);
            return null;
        });
    }

    @Override
    public void removeAliasMember(Sid alias, Sid member) throws LsaException {
        Objects.requireNonNull(member, "member");
        db.write("removeAliasMember", c -> {
            AliasAccount a = requireAlias(c, alias);
            if (!AliasMemberTable.contains(c, alias, member)) {
                throw new LsaException(NtStatus.MEMBER_NOT_IN_ALIAS, member + " is not a member of alias '"
                        + a.name() + "'");
            }
            AliasMemberTable.delete(c, alias, member);
            return null;
        });
    }

    @Override
    public List<Sid> aliasMembers(Sid alias) throws LsaException {
        return db.read("aliasMembers", c -> {
            requireAlias(c, alias);
            return List.copyOf(AliasMemberTable.members(c, alias));
        });
    }

    @Override
    public Set<Sid> aliasesContaining(Collection<Sid> sids) throws LsaException {
        Objects.requireNonNull(sids, "sids");
        if (sids.isEmpty()) {
            return Set.of();
        }
        return db.cachedRead("aliasesContaining", new ReadKey("aliasesContaining", List.copyOf(sids)),
                c -> Set.copyOf(AliasMemberTable.aliasesContaining(c, sids)));
    }

    // ---- account rights ----

    @Override
    public void grantRight(Sid sid, AccountRight right) throws LsaException {
        Objects.requireNonNull(sid, "sid");
        Objects.requireNonNull(right, "right");
        db.write("grantRight", c -> {
            RightTable.insert(c, sid, right);
            return null;
        });
    }

    /** Revoking a right that is not granted is a no-op. */
    @Override
    public void revokeRight(Sid sid, AccountRight right) throws LsaException {
        Objects.requireNonNull(sid, "sid");
        Objects.requireNonNull(right, "right");
        db.write("revokeRight", c -> {
            RightTable.delete(c, sid, right);
            return null;
        });
    }

    @Override
    public Set<AccountRight> rightsOf(Collection<Sid> sids) throws LsaException {
        Objects.requireNonNull(sids, "sids");
        if (sids.isEmpty()) {
            return Set.of();
        }
        return db.cachedRead("rightsOf", new ReadKey("rightsOf", List.copyOf(sids)),
                c -> Set.copyOf(RightTable.union(c, sids)));
    }

    @Override
    public Map<Sid, Set<AccountRight>> listRights() throws LsaException {
        return db.read("listRights", c -> {
            Map<Sid, Set<AccountRight>> out = new HashMap<>();
            RightTable.all(c).forEach((sid, rights) -> out.put(sid, Set.copyOf(rights)));
            return Map.copyOf(out);
        });
    }

    /** Closes the connection; later calls fail with INVALID_HANDLE. Idempotent. */
    @Override
    public void close() {
        db.close();
    }

    // ---- checks shared by the calls above ----

    private static DomainInfo requireDomain(Connection c) throws SQLException, LsaException {
        return DomainTable.find(c).orElseThrow(SqliteAccountStore::noDomain);
    }

    private static LsaException noDomain() {
        return new LsaException(NtStatus.NO_SUCH_DOMAIN, "the store holds no account domain yet");
    }

    private static UserAccount requireUser(Connection c, long rid) throws SQLException, LsaException {
        return UserTable.byRid(c, rid).orElseThrow(() -> new LsaException(NtStatus.NO_SUCH_USER,
                "no user with RID " + rid));
    }

    private static GroupAccount requireGroup(Connection c, long rid) throws SQLException, LsaException {
        return GroupTable.byRid(c, rid).orElseThrow(() -> new LsaException(NtStatus.NO_SUCH_GROUP,
                "no group with RID " + rid));
    }

    private static AliasAccount requireAlias(Connection c, Sid sid) throws SQLException, LsaException {
        Objects.requireNonNull(sid, "alias");
        return AliasTable.bySid(c, sid).orElseThrow(() -> new LsaException(NtStatus.NO_SUCH_ALIAS,
                "no alias with SID " + sid));
    }

    /** BUILTIN for S-1-5-32-x, ACCOUNT for the account domain's SIDs; anything else is not an alias SID. */
    private static Namespace aliasNamespace(Connection c, Sid sid) throws SQLException, LsaException {
        if (WellKnownSids.BUILTIN.isDomainOf(sid)) {
            return Namespace.BUILTIN;
        }
        DomainInfo domain = requireDomain(c);
        if (domain.sid().isDomainOf(sid)) {
            return Namespace.ACCOUNT;
        }
        throw new LsaException(NtStatus.INVALID_PARAMETER, "alias SID " + sid + " is in neither BUILTIN ("
                + WellKnownSids.BUILTIN + ") nor the account domain (" + domain.sid() + ")");
    }

    /** Reserves a RID and a name in a namespace; {@code exists} is the status of the calling create. */
    private static void register(Connection c, Namespace ns, long rid, Kind kind, String name, NtStatus exists)
            throws SQLException, LsaException {
        Optional<AccountNameTable.Entry> byRid = AccountNameTable.byRid(c, ns, rid);
        if (byRid.isPresent()) {
            throw new LsaException(exists, "RID " + rid + " is already used by a " + byRid.get().kind().noun()
                    + " of " + (ns == Namespace.BUILTIN ? "BUILTIN" : "the account domain"));
        }
        Optional<AccountNameTable.Entry> byName = AccountNameTable.byName(c, ns, name);
        if (byName.isPresent()) {
            throw nameTaken(exists, name, byName.get());
        }
        AccountNameTable.insert(c, ns, rid, kind, name);
        if (ns == Namespace.ACCOUNT && rid >= RidCounter.next(c)) {
            // Keep the counter past explicit RIDs so allocateRid need not skip a long run of them later.
            RidCounter.set(c, rid + 1);
        }
    }

    private static LsaException nameTaken(NtStatus status, String name, AccountNameTable.Entry holder) {
        return new LsaException(status, "the name '" + name + "' is already used by the " + holder.kind().noun()
                + " with RID " + holder.rid() + " (names are compared case-insensitively)");
    }

    private static void checkUnixUidFree(Connection c, UserAccount user) throws SQLException, LsaException {
        if (user.unixUid().isEmpty()) {
            return;
        }
        Optional<UserAccount> owner = UserTable.byUnixUid(c, user.unixUid().getAsLong());
        if (owner.isPresent() && owner.get().rid() != user.rid()) {
            throw new LsaException(NtStatus.USER_EXISTS, "Unix uid " + user.unixUid().getAsLong()
                    + " is already linked to user '" + owner.get().name() + "'");
        }
    }

    /** Applies a caller's change; a value the model rejects is INVALID_PARAMETER, as is no value at all. */
    private static <V> V applyChange(UnaryOperator<V> change, V old, String what) throws LsaException {
        V changed;
        try {
            changed = change.apply(old);
        } catch (IllegalArgumentException e) {
            throw new LsaException(NtStatus.INVALID_PARAMETER, what + ": " + e.getMessage(), e);
        }
        if (changed == null) {
            throw new LsaException(NtStatus.INVALID_PARAMETER, what + ": the change returned null");
        }
        return changed;
    }

    /** A copy of the hash for binding (the caller zeroes it), or null for none; only 16-byte hashes pass. */
    private static byte[] hashBytes(Optional<SecretBytes> ntHash) throws LsaException {
        if (ntHash.isEmpty()) {
            return null;
        }
        int length = ntHash.get().length();
        if (length != NT_HASH_BYTES) {
            throw new LsaException(NtStatus.INVALID_PARAMETER, "an NT hash has " + NT_HASH_BYTES + " bytes, not "
                    + length);
        }
        return ntHash.get().copyBytes();
    }

    private static void zero(byte[] secret) {
        if (secret != null) {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /**
     * The memo key of a read: the operation and its argument. The hot reads of a logon (domain, account, hashes,
     * groups, aliases, rights) are served from {@link Database#cachedRead} until the database changes.
     */
    private record ReadKey(String operation, Object argument) {}
}
