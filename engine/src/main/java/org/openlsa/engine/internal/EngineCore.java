package org.openlsa.engine.internal;

import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;
import org.openlsa.core.AccessToken;
import org.openlsa.core.GroupAttributes;
import org.openlsa.core.LsaException;
import org.openlsa.core.Luid;
import org.openlsa.core.NtStatus;
import org.openlsa.core.Privilege;
import org.openlsa.core.PrivilegeAndAttributes;
import org.openlsa.core.PrivilegeAttributes;
import org.openlsa.core.SecurityLogonType;
import org.openlsa.core.Sid;
import org.openlsa.core.SidAndAttributes;
import org.openlsa.core.TokenSource;
import org.openlsa.core.TokenType;
import org.openlsa.core.WellKnownSids;
import org.openlsa.engine.AuditEvent;
import org.openlsa.engine.spi.ProcessLauncher;
import org.openlsa.engine.AuditSink;
import org.openlsa.engine.spi.AuthenticationPackage;
import org.openlsa.engine.spi.PackageLogonResult;
import org.openlsa.sam.DomainInfo;
import org.openlsa.sam.GroupAccount;
import org.openlsa.sam.UserAccount;
import org.openlsa.engine.spi.ProfileDetails;
import org.openlsa.sam.AccountRestrictions;
import org.openlsa.sam.AccountStore;

/**
 * State shared by every connection of one LSA: the package table, the logon sessions, the LUID allocator, the
 * store, clock, randomness, audit sink and limits.
 */
public final class EngineCore {
    final AccountStore store;
    final InstantSource clock;
    final RandomGenerator random;
    final AuditSink audit;
    final Limits limits;
    final List<AuthenticationPackage> packages;
    final ProcessLauncher launcher;
    final SessionTable sessions = new SessionTable();
    final LuidAllocator luids;
    final Canonical canonical = new Canonical();
    final AccessToken systemToken;
    final Map<Connection, Boolean> connections = new ConcurrentHashMap<>();

    public Map<Connection, Boolean> connections() {
        return connections;
    }

    /**
     * Per-connection limits, and the logon-session quotas (docs/lsa-behaviour.md, "Logon session quotas").
     *
     * @param returnBufferQuotaBytes bytes of return buffers a connection may hold unfreed
     * @param maxReturnBuffers number of unfreed return buffers a connection may hold
     * @param maxHandles open token handles per connection
     * @param sessionsPerAccount logon sessions one account (user SID) may have at once
     * @param sessionsPerCaller logon sessions one caller (the calling user SID) may have created and still open; a
     *     caller holding SeTcbPrivilege is bound by neither session quota
     */
    public record Limits(long returnBufferQuotaBytes, int maxReturnBuffers, int maxHandles, int sessionsPerAccount,
                         int sessionsPerCaller) {
        /** Session quotas: see docs/lsa-behaviour.md for why 1024 and 4096. */
        public static final int DEFAULT_SESSIONS_PER_ACCOUNT = 1024;
        public static final int DEFAULT_SESSIONS_PER_CALLER = 4096;
        public static final Limits DEFAULT = new Limits(1 << 20, 4096, 65536);

        public Limits {
            if (returnBufferQuotaBytes <= 0 || maxReturnBuffers <= 0 || maxHandles <= 0 || sessionsPerAccount <= 0
                    || sessionsPerCaller <= 0) {
                throw new IllegalArgumentException("limits must be positive");
            }
        }

        /** Per-connection limits with the default session quotas. */
        public Limits(long returnBufferQuotaBytes, int maxReturnBuffers, int maxHandles) {
            this(returnBufferQuotaBytes, maxReturnBuffers, maxHandles, DEFAULT_SESSIONS_PER_ACCOUNT,
                    DEFAULT_SESSIONS_PER_CALLER);
        }
    }

    /** A built-in logon session that always exists (lsa-semantics 1: LUIDs below 1000). */
    private record Reserved(Luid id, Sid sid, String name, SecurityLogonType type) {}

    private static final List<Reserved> RESERVED = List.of(
            new Reserved(Luid.SYSTEM, WellKnownSids.LOCAL_SYSTEM, "SYSTEM", SecurityLogonType.UNDEFINED),
            new Reserved(Luid.ANONYMOUS_LOGON, WellKnownSids.ANONYMOUS, "ANONYMOUS LOGON", SecurityLogonType.NETWORK),
            new Reserved(Luid.LOCAL_SERVICE, WellKnownSids.LOCAL_SERVICE, "LOCAL SERVICE", SecurityLogonType.SERVICE),
            new Reserved(Luid.NETWORK_SERVICE, WellKnownSids.NETWORK_SERVICE, "NETWORK SERVICE", SecurityLogonType.SERVICE));

    public EngineCore(AccountStore store, List<AuthenticationPackage> packages, InstantSource clock,
                      RandomGenerator random, AuditSink audit, Limits limits, ProcessLauncher launcher) {
        this.store = store;
        this.packages = List.copyOf(packages);
        this.launcher = launcher;
        this.clock = clock;
        this.random = random;
        this.audit = audit;
        this.limits = limits;
        this.luids = new LuidAllocator(random);
        for (Reserved r : RESERVED) {
            sessions.addReserved(new LogonSession(r.id(), r.type(), r.sid(), r.name(), WellKnownSids.NT_AUTHORITY,
                    "NTLM", clock.instant(), "", "", "", ProfileDetails.NONE, true, Optional.empty(), Optional.empty()));
        }
        this.systemToken = buildSystemToken();
    }

    /** The token of the LSA's own process, LocalSystem in session 0x3e7: every privilege, enabled. */
    private AccessToken buildSystemToken() {
        List<PrivilegeAndAttributes> privileges = java.util.Arrays.stream(Privilege.values())
                .map(p -> new PrivilegeAndAttributes(p, PrivilegeAttributes.ENABLED | PrivilegeAttributes.ENABLED_BY_DEFAULT))
                .toList();
        return AccessToken.builder()
                .tokenId(luids.allocate())
                .authenticationId(Luid.SYSTEM)
                .type(TokenType.PRIMARY)
                .user(WellKnownSids.LOCAL_SYSTEM)
                .groups(List.of(
                        new SidAndAttributes(WellKnownSids.BUILTIN_ADMINISTRATORS, GroupAttributes.ENABLED_BY_DEFAULT
                                | GroupAttributes.ENABLED | GroupAttributes.OWNER),
                        new SidAndAttributes(WellKnownSids.WORLD, GroupAttributes.DEFAULT),
                        new SidAndAttributes(WellKnownSids.AUTHENTICATED_USERS, GroupAttributes.DEFAULT),
                        new SidAndAttributes(WellKnownSids.SYSTEM_MANDATORY_LEVEL, GroupAttributes.LABEL)))
                .privileges(privileges)
                .owner(WellKnownSids.BUILTIN_ADMINISTRATORS)
                .primaryGroup(WellKnownSids.LOCAL_SYSTEM)
                .defaultDacl(TokenAssembler.defaultDacl(WellKnownSids.LOCAL_SYSTEM))
                .source(new TokenSource("*SYSTEM*", Luid.ZERO))
                .build();
    }

    public AccessToken systemToken() {
        return systemToken;
    }

    /**
     * The token of a local process the kernel identified (the daemon's caller): uid 0 is LocalSystem; a uid linked
     * to an account that may act now ({@link #mayActAsCaller}) is that account, with its groups, aliases and rights;
     * any other uid (and a uid whose account may not) is
     * {@code Unix User\<uid>} (S-1-22-1-uid) with primary group S-1-22-2-gid, as Samba names them. Rights granted to
     * these SIDs (SeTcbPrivilege, say) apply like any other. The token belongs to no logon session: its
     * authentication id is fresh and registered nowhere.
     */
    public AccessToken unixCallerToken(long uid, long gid) throws LsaException {
        if (uid == 0) {
            return systemToken;
        }
        DomainInfo domain = store.domain();
        Optional<UserAccount> linked = store.findUserByUnixUid(uid).filter(u -> mayActAsCaller(u, domain));
        PackageLogonResult identity;
        if (linked.isPresent()) {
            UserAccount u = linked.get();
            Sid primary = store.domain().sid().append(u.primaryGroupRid());
            List<SidAndAttributes> groups = new java.util.ArrayList<>();
            groups.add(new SidAndAttributes(primary, GroupAttributes.DEFAULT));
            for (GroupAccount g : store.groupsOfUser(u.rid())) {
                if (!g.sid().equals(primary)) {
                    groups.add(new SidAndAttributes(g.sid(), GroupAttributes.DEFAULT));
                }
            }
            identity = callerIdentity(u.sid(), groups, primary, u.name(), store.domain().name());
        } else {
            Sid user = WellKnownSids.unixUser(uid);
            Sid primary = WellKnownSids.unixGroup(gid);
            identity = callerIdentity(user, List.of(new SidAndAttributes(primary, GroupAttributes.DEFAULT)), primary,
                    Long.toString(uid), WellKnownSids.UNIX_USER_DOMAIN);
        }
        Luid id = luids.allocate();
        return TokenAssembler.assemble(new TokenAssembler.Inputs(identity, SecurityLogonType.INTERACTIVE,
                Optional.of(List.of(new SidAndAttributes(WellKnownSids.LOCAL, GroupAttributes.DEFAULT))), id,
                luids.allocate(), new TokenSource("lsad", id), false), store, canonical);
    }

    /**
     * Whether a linked account may be the caller's identity now: the account checks of an interactive logon at this
     * machine (disabled, locked out, expired, workstation list, logon hours), so an account an administrator stopped
     * lends no rights through its uid either. The password checks (must change, expired) are left out: the caller
     * proved no password, and on Windows an expired password stops new password logons, not a signed-in user's
     * processes. Refused, the uid is {@code Unix User\<uid>} like an unlinked one.
     */
    private boolean mayActAsCaller(UserAccount u, DomainInfo domain) {
        return AccountRestrictions.check(u, domain.policy(), clock.instant(), domain.machineName())
                .filter(r -> !r.equals(NtStatus.PASSWORD_MUST_CHANGE) && !r.equals(NtStatus.PASSWORD_EXPIRED)).isEmpty();
    }

    private static PackageLogonResult callerIdentity(Sid user, List<SidAndAttributes> groups, Sid primary, String name,
                                                     String domain) {
        return new PackageLogonResult(user, groups, primary, PackageLogonResult.NEVER_EXPIRES, new byte[0], name, domain,
                "", "", "", ProfileDetails.NONE, Optional.empty(), true);
    }

    /** Package id = index in the table; names and aliases compared case-insensitively. */
    int lookupPackage(String name) throws LsaException {
        for (int i = 0; i < packages.size(); i++) {
            AuthenticationPackage p = packages.get(i);
            if (p.name().equalsIgnoreCase(name) || p.aliases().stream().anyMatch(a -> a.equalsIgnoreCase(name))) {
                return i;
            }
        }
        throw new LsaException(NtStatus.NO_SUCH_PACKAGE, "no authentication package named '" + name + "'");
    }

    AuthenticationPackage packageById(int id) throws LsaException {
        if (id < 0 || id >= packages.size()) {
            throw new LsaException(NtStatus.NO_SUCH_PACKAGE, "no authentication package with id " + id);
        }
        return packages.get(id);
    }

    /** A token's session lost a token; when that ended the session, tell its package and audit the logoff. */
    void releaseSessionToken(Luid logonId) {
        sessions.releaseToken(logonId).ifPresent(this::ended);
    }

    /** A process of the session ended (or never started); when that ended the session, as above. */
    void releaseSessionProcess(Luid logonId) {
        sessions.releaseProcess(logonId).ifPresent(this::ended);
    }

    private void ended(LogonSession s) {
        for (AuthenticationPackage p : packages) {
            if (p.name().equals(s.packageName)) {
                p.logonTerminated(s.id);
            }
        }
        audit.record(new AuditEvent(clock.instant(), AuditEvent.LOGOFF, true, NtStatus.SUCCESS, NtStatus.SUCCESS,
                "", s.logonType, s.packageName, s.sid, "", s.userName, s.logonDomain, Optional.of(s.id),
                Optional.of(s.sid)));
    }

    /** Tells every package the engine is closing; one package's failure does not keep the others running. */
    public void shutdownPackages() {
        for (AuthenticationPackage p : packages) {
            try {
                p.shutdown();
            } catch (RuntimeException e) {
                System.getLogger(EngineCore.class.getName()).log(System.Logger.Level.WARNING,
                        "package " + p.name() + " failed to shut down", e);
            }
        }
    }

    public int sessionCount() {
        return sessions.size();
    }
}
