package org.openlsa.sam;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.openlsa.core.LsaException;
import org.openlsa.core.Sid;
import org.openlsa.crypto.SecretBytes;

/**
 * The storage SPI of the security account manager: one account domain, its users, global groups and aliases (its
 * own and BUILTIN), and the account rights of the LSA policy. Implementations hold no protocol or policy logic;
 * they persist, look up and keep changes atomic.
 *
 * <p>Contract every implementation keeps:
 * <ul>
 *   <li>Every mutating call is one transaction; {@link #transact} groups several. A call that fails changes nothing.
 *       When a mutating call returns, its change is durable (it survives the process being killed).</li>
 *   <li>Account names are unique across users, groups and account-domain aliases, compared case-insensitively;
 *       BUILTIN aliases live in their own namespace.</li>
 *   <li>Failures are {@link LsaException}s with the MS-SAMR status: USER_EXISTS, NO_SUCH_USER, GROUP_EXISTS,
 *       NO_SUCH_GROUP, MEMBER_IN_GROUP, MEMBER_NOT_IN_GROUP, ALIAS_EXISTS, NO_SUCH_ALIAS, MEMBER_IN_ALIAS,
 *       MEMBER_NOT_IN_ALIAS, INVALID_PARAMETER for malformed input; INTERNAL_ERROR for a storage failure. Service
 *       principal names: OBJECT_NAME_COLLISION when taken, OBJECT_NAME_NOT_FOUND when absent.</li>
 *   <li>{@link #updateLogonState} is serialized per account: concurrent callers see each other's updates, so
 *       counters are exact.</li>
 * </ul>
 */
public interface AccountStore extends AutoCloseable {

    /** A unit of work run inside one transaction by {@link #transact}. */
    @FunctionalInterface
    interface Work<T> {
        T run(AccountStore store) throws LsaException;
    }

    /** Runs {@code work} in one transaction: all of its changes are kept, or none. Nested calls join it. */
    <T> T transact(Work<T> work) throws LsaException;

    /**
     * Runs {@code work}, the reads of one logon, as a read scope of this thread: a store that keeps what it read
     * may answer the scope's repeated reads without first asking whether another process changed the data, so the
     * scope sees the store as of its first read, plus every change made through this store since. No lock is held
     * and nothing is read ahead; a change by another process is seen by the next read after the scope ends. Nested
     * scopes join the outer one. By default it just runs {@code work}.
     */
    default <T> T readScope(Work<T> work) throws LsaException {
        return work.run(this);
    }

    // ---- domain ----

    /** Creates the account domain in an empty store. Fails with OBJECT_NAME_COLLISION if one exists. */
    void createDomain(DomainInfo domain) throws LsaException;

    /** The account domain. Fails with NO_SUCH_DOMAIN in an empty store. */
    DomainInfo domain() throws LsaException;

    void setPolicy(DomainPolicy policy) throws LsaException;

    /** Allocates the next relative identifier (from 1000; unique across users, groups and domain aliases). */
    long allocateRid() throws LsaException;

    // ---- users ----

    /** Stores a new user; its RID must be unused. The NT hash is optional (no password set yet). */
    void createUser(UserAccount user, Optional<SecretBytes> ntHash) throws LsaException;

    Optional<UserAccount> findUser(String name) throws LsaException;

    Optional<UserAccount> findUser(long rid) throws LsaException;

    Optional<UserAccount> findUserByUnixUid(long uid) throws LsaException;

    List<UserAccount> listUsers() throws LsaException;

    /**
     * Reads the user, applies {@code change} and writes the result, in one transaction. The RID and SID cannot
     * change; a rename is checked for uniqueness. The logon counters are not written: they change only through
     * {@link #updateLogonState}, so an administrative edit can never undo a concurrent bad-password count.
     */
    UserAccount updateUser(long rid, UnaryOperator<UserAccount> change) throws LsaException;

    /**
     * Applies {@code change} to the user's logon counters atomically and returns the new state; concurrent calls for
     * one user are serialized.
     */
    LogonState updateLogonState(long rid, UnaryOperator<LogonState> change) throws LsaException;

    /**
     * A durable write transaction on the user's logon state that leaves it as it was and costs what one
     * {@link #updateLogonState} costs: what the refusal of a name with no account spends on a stand-in so that it
     * takes as long as a counted bad password (issue 17). Writing the state back unchanged is not that: a store may
     * skip an unchanged write (SQLite leaves such a page clean and commits nothing). This default makes a change and
     * its inverse in one transaction; a store may do the same in fewer statements.
     */
    default void rewriteLogonState(long rid) throws LsaException {
        transact(s -> {
            s.updateLogonState(rid, LogonState::withLogonCountBitFlipped);
            return s.updateLogonState(rid, LogonState::withLogonCountBitFlipped);
        });
    }

    /**
     * Replaces the stored NT hash (empty: no password) and clears the LM hash. Does not touch passwordLastSet;
     * callers set it.
     */
    void setNtHash(long rid, Optional<SecretBytes> ntHash) throws LsaException;

    /** The stored NT hash, a fresh secret the caller destroys; empty when no password is set. */
    Optional<SecretBytes> ntHash(long rid) throws LsaException;

    /**
     * Stores or clears the user's LM hash (LMOWFv1). Kept only while the domain allows LAN Manager authentication;
     * {@link #setNtHash} clears it in the same statement, so an LM hash never outlives the password it came from.
     */
    void setLmHash(long rid, Optional<SecretBytes> lmHash) throws LsaException;

    /** The stored LM hash, a fresh secret the caller destroys; empty when none is stored. */
    Optional<SecretBytes> lmHash(long rid) throws LsaException;

    /**
     * Replaces the user's password history (MS-SAMR ntPwdHistory): NT hashes of its recent passwords, newest first,
     * the current one included. The caller keeps and destroys its hashes. {@link Passwords} keeps it, in the
     * transaction that sets the password.
     */
    void setPasswordHistory(long rid, List<SecretBytes> ntHashes) throws LsaException;

    /** The user's password history, newest first, fresh secrets the caller destroys; empty when none is kept. */
    List<SecretBytes> passwordHistory(long rid) throws LsaException;

    /** Deletes the user with its memberships, rights, Kerberos keys, service principal names and delegation list. */
    void deleteUser(long rid) throws LsaException;

    // ---- Kerberos data of users (read by the embedded KDC) ----

    /**
     * Replaces all of the user's Kerberos keys with {@code keys}, atomically; a set without keys clears them. The
     * caller keeps and destroys its set. Independent of the NT and LM hashes: {@link #setNtHash} leaves these alone,
     * so a password change writes both in one {@link #transact}.
     */
    void setKerberosKeys(long rid, KerberosKeySet keys) throws LsaException;

    /** The user's Kerberos keys, a fresh set the caller destroys; empty when the user has none. */
    Optional<KerberosKeySet> kerberosKeys(long rid) throws LsaException;

    /**
     * Registers a service principal name (syntax: {@link ServicePrincipalNames}) for the user. SPNs are unique
     * across the store, compared case-insensitively: OBJECT_NAME_COLLISION when any account, this one included,
     * already has it.
     */
    void addServicePrincipalName(long rid, String spn) throws LsaException;

    /** Removes one of the user's SPNs (compared case-insensitively); OBJECT_NAME_NOT_FOUND when it has no such SPN. */
    void removeServicePrincipalName(long rid, String spn) throws LsaException;

    /** The user's SPNs as they were registered, in registration order. */
    List<String> servicePrincipalNames(long rid) throws LsaException;

    /** The user holding {@code spn}, compared case-insensitively; empty for an unknown or malformed SPN. */
    Optional<UserAccount> findUserByServicePrincipalName(String spn) throws LsaException;

    /**
     * Replaces the SPNs the user may delegate to with constrained delegation (msDS-AllowedToDelegateTo, S4U2Proxy);
     * empty: none. Each must be a well-formed SPN, none twice (case-insensitively); they need not be registered.
     */
    void setAllowedToDelegateTo(long rid, List<String> spns) throws LsaException;

    /** The SPNs the user may delegate to, in the order set. */
    List<String> allowedToDelegateTo(long rid) throws LsaException;

    // ---- global groups ----

    void createGroup(GroupAccount group) throws LsaException;

    Optional<GroupAccount> findGroup(String name) throws LsaException;

    Optional<GroupAccount> findGroup(long rid) throws LsaException;

    List<GroupAccount> listGroups() throws LsaException;

    void deleteGroup(long rid) throws LsaException;

    void addGroupMember(long groupRid, long userRid) throws LsaException;

    void removeGroupMember(long groupRid, long userRid) throws LsaException;

    /** RIDs of the users in a group. */
    List<Long> groupMembers(long groupRid) throws LsaException;

    /** The groups a user belongs to (not counting its primary group unless it is also a member). */
    List<GroupAccount> groupsOfUser(long userRid) throws LsaException;

    // ---- aliases (BUILTIN and account domain) ----

    void createAlias(AliasAccount alias) throws LsaException;

    /** By name: the account domain's alias first, then BUILTIN's. */
    Optional<AliasAccount> findAlias(String name) throws LsaException;

    Optional<AliasAccount> findAlias(Sid sid) throws LsaException;

    List<AliasAccount> listAliases() throws LsaException;

    void deleteAlias(Sid sid) throws LsaException;

    void addAliasMember(Sid alias, Sid member) throws LsaException;

    void removeAliasMember(Sid alias, Sid member) throws LsaException;

    List<Sid> aliasMembers(Sid alias) throws LsaException;

    /** SamrGetAliasMembership: the aliases having any of {@code sids} as a direct member. */
    Set<Sid> aliasesContaining(Collection<Sid> sids) throws LsaException;

    // ---- account rights (LSA policy) ----

    void grantRight(Sid sid, AccountRight right) throws LsaException;

    void revokeRight(Sid sid, AccountRight right) throws LsaException;

    /** The union of the rights granted to any of {@code sids}. */
    Set<AccountRight> rightsOf(Collection<Sid> sids) throws LsaException;

    /** Every SID with at least one right, and its rights. */
    Map<Sid, Set<AccountRight>> listRights() throws LsaException;

    @Override
    void close();
}
