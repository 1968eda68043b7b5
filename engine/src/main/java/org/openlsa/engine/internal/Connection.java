package org.openlsa.engine.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.ReentrantLock;
import org.openlsa.core.AccessMask;
import org.openlsa.core.AccessToken;
import org.openlsa.core.GroupAttributes;
import org.openlsa.core.ImpersonationLevel;
import org.openlsa.core.LsaException;
import org.openlsa.core.Luid;
import org.openlsa.core.NtStatus;
import org.openlsa.core.Privilege;
import org.openlsa.core.SecurityLogonType;
import org.openlsa.core.Sid;
import org.openlsa.core.SidAndAttributes;
import org.openlsa.core.TokenSource;
import org.openlsa.core.TokenType;
import org.openlsa.core.WellKnownSids;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.engine.AuditEvent;
import org.openlsa.engine.CallPackageResult;
import org.openlsa.engine.Logon32;
import org.openlsa.engine.LogonRequest;
import org.openlsa.engine.LogonResult;
import org.openlsa.engine.LogonSessionData;
import org.openlsa.engine.LsaConnection;
import org.openlsa.engine.LookupNamesResult;
import org.openlsa.engine.LookupSidsResult;
import org.openlsa.engine.NameTranslator;
import org.openlsa.engine.ReturnBuffer;
import org.openlsa.engine.TokenHandle;
import org.openlsa.engine.TokenInformation;
import org.openlsa.engine.TokenInformationClass;
import org.openlsa.engine.UserProcess;
import org.openlsa.launch.ExitStatus;
import org.openlsa.launch.ProcessSpec;
import org.openlsa.engine.spi.AuthenticationPackage;
import org.openlsa.engine.spi.CallPackageRequest;
import org.openlsa.engine.spi.PackageCallResult;
import org.openlsa.engine.spi.PackageLogonRequest;
import org.openlsa.engine.spi.PackageLogonResult;
import org.openlsa.engine.spi.ProfileDetails;

/**
 * One LSA connection and its caller's handle table: token handles and unfreed return buffers, with their quotas.
 * The LsaLogonUser pipeline runs here (lsa-semantics 1): package, session, token steps, and publication of the
 * handle last; any failure after the package succeeded runs the one cleanup path.
 */
public final class Connection implements LsaConnection {
    private static final String LOGON_USER_ORIGIN = "Advapi32 Logon";

    private final EngineCore core;
    private final AccessToken caller;
    private final boolean trusted;
    private final String logonProcessName;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Long, TokenObject> handles = new HashMap<>();
    private final Map<Long, Integer> buffers = new HashMap<>();
    private long nextHandle = 4;
    private long nextBuffer = 1;
    private long bufferBytes;
    private boolean closed;
    private volatile String callerName;

    public Connection(EngineCore core, AccessToken caller, boolean trusted, String logonProcessName) {
        this.core = core;
        this.caller = caller;
        this.trusted = trusted;
        this.logonProcessName = logonProcessName;
    }

    @Override
    public boolean isTrusted() {
        return trusted;
    }

    private void checkOpen() throws LsaException {
        if (closed) {
            throw new LsaException(NtStatus.INVALID_HANDLE, "the LSA connection is closed");
        }
    }

    @Override
    public int lookupAuthenticationPackage(String packageName) throws LsaException {
        checkOpen();
        return core.lookupPackage(packageName);
    }

    // ---------------------------------------------------------------- LsaLogonUser

    @Override
    public LogonResult logonUser(LogonRequest request) throws LsaException {
        checkOpen();
        if (request.localGroups().isPresent() && !trusted) {
            LsaException e = new LsaException(NtStatus.PRIVILEGE_NOT_HELD,
                    "LocalGroups need a trusted connection (SeTcbPrivilege)");
            auditFailure(request.originName(), request.logonType(), "", e, "", "", false);
            throw e;
        }
        return runLogon(request, trusted);
    }

    @Override
    public TokenHandle logonUserWithPassword(String userName, String domain, SecretBytes password, int logon32Type,
                                             int logon32Provider) throws LsaException {
        checkOpen();
        SecurityLogonType type = Logon32.logonType(logon32Type).orElseThrow(() -> new LsaException(
                NtStatus.INVALID_PARAMETER, "LOGON32 logon type " + logon32Type + " is not supported"));
        if (logon32Provider < Logon32.PROVIDER_DEFAULT || logon32Provider > Logon32.PROVIDER_WINNT50) {
            throw new LsaException(NtStatus.INVALID_PARAMETER, "LOGON32 provider " + logon32Provider + " is not supported");
        }
        // Every provider resolves to MSV1_0 until the Negotiate package exists (WINNT40 and WINNT35 always do).
        return passwordLogon(core.lookupPackage("MSV1_0"), type, userName, domain, password, LOGON_USER_ORIGIN,
                "Advapi", false);
    }

    /**
     * A password logon as advapi32's LogonUser (and the secondary-logon service on its behalf) builds it: the
     * package's own password structure, a fresh logon SID with LOCAL as LocalGroups (the caller acting as a logon
     * process), the profile freed. {@code explicitCredentials}: someone logs another account on to act as it
     * (CreateProcessWithLogon): the logon's audit records name the caller's account too (Windows' 4648).
     */
    private TokenHandle passwordLogon(int packageId, SecurityLogonType type, String userName, String domain,
                                      SecretBytes password, String origin, String sourceName,
                                      boolean explicitCredentials) throws LsaException {
        AuthenticationPackage pkg = core.packageById(packageId);
        Luid sidLuid = core.luids.allocate();
        List<SidAndAttributes> local = List.of(
                new SidAndAttributes(WellKnownSids.logonSid(sidLuid), GroupAttributes.LOGON_SID),
                new SidAndAttributes(WellKnownSids.LOCAL, GroupAttributes.DEFAULT));
        // The structure holding the password is a secret the request owns; closing the request destroys it.
        try (LogonRequest request = new LogonRequest(origin, type, packageId,
                pkg.encodePasswordLogon(type, userName, domain, password).orElseThrow(() ->
                        new LsaException(NtStatus.NO_SUCH_PACKAGE, pkg.name() + " takes no password logons")),
                Optional.of(local), new TokenSource(sourceName, core.luids.allocate()))) {
            LogonResult r = core.store.readScope(store -> runLogonInScope(request, trusted, explicitCredentials));
            freeReturnBuffer(r.profileBuffer());
            return r.token();
        }
    }

    /**
     * One read scope for the whole logon: the package (and an in-process KDC it calls), the token assembly and the
     * quotas read the same accounts and domain a dozen times, and the store need not re-check for outside changes
     * before each read.
     */
    private LogonResult runLogon(LogonRequest request, boolean trustedCaller) throws LsaException {
        return core.store.readScope(store -> runLogonInScope(request, trustedCaller, false));
    }

    /** @param nameCaller the audit records name the caller's account ({@link AuditEvent#callerName()}) */
    private LogonResult runLogonInScope(LogonRequest request, boolean trustedCaller, boolean nameCaller)
            throws LsaException {
        AuthenticationPackage pkg = null;
        SecretBytes authInfo = request.authenticationInformation(); // read in place; the request's owner closes it
        Luid logonId = null;
        PackageLogonResult info = null;
        boolean sessionCreated = false;
        try {
            pkg = core.packageById(request.authenticationPackage());
            logonId = core.luids.allocate();
            info = pkg.logonUser(new PackageLogonRequest(request.logonType(), authInfo, logonId, trusted,
                    request.originName()));
            Luid sessionId = info.reservedLogonId().orElse(logonId);
            AccessToken token = TokenAssembler.assemble(new TokenAssembler.Inputs(info, request.logonType(),
                    request.localGroups(), sessionId, core.luids.allocate(), request.sourceContext(), true), core.store,
                    core.canonical);
            if (info.reservedLogonId().isPresent()) {
                core.sessions.addToken(sessionId);
            } else {
                Canonical c = core.canonical;
                core.sessions.createWithToken(new LogonSession(sessionId, request.logonType(), token.user().sid(),
                        c.of(info.accountName()), c.of(info.authenticatingAuthority()), pkg.name(), core.clock.instant(),
                        c.of(info.logonServer()), c.of(info.dnsDomainName()), c.of(info.upn()), shared(info.details()),
                        false, Optional.of(caller.user().sid()), Optional.of(token)), core.limits.sessionsPerAccount(),
                        core.limits.sessionsPerCaller(), caller.holdsPrivilege(Privilege.SE_TCB));
            }
            sessionCreated = true;
            Optional<org.openlsa.core.QuotaLimits> quotas = token.type() == TokenType.PRIMARY
                    ? Optional.of(core.store.domain().policy().defaultQuotaLimits()) : Optional.empty();
            Published p = publish(new TokenObject(token, AccessMask.TOKEN_ALL_ACCESS), info.profileBuffer());
            core.audit.record(new AuditEvent(core.clock.instant(), AuditEvent.LOGON, true, NtStatus.SUCCESS,
                    NtStatus.SUCCESS, request.originName(), request.logonType(), pkg.name(), caller.user().sid(),
                    logonProcessName, info.accountName(), info.authenticatingAuthority(), Optional.of(sessionId),
                    Optional.of(info.user()), Optional.empty(), nameCaller ? callerName() : ""));
            return new LogonResult(p.buffer(), sessionId, p.handle(), quotas, NtStatus.SUCCESS);
        } catch (LsaException e) {
            String[] names = info != null ? new String[] {info.authenticatingAuthority(), info.accountName()}
                    : pkg != null ? pkg.namesForAudit(authInfo).orElse(new String[] {"", ""}) : new String[] {"", ""};
            if (sessionCreated) {
                core.releaseSessionToken(info.reservedLogonId().orElse(logonId));
            } else if (pkg != null && info != null && info.reservedLogonId().isEmpty()) {
                pkg.logonTerminated(logonId);
            }
            auditFailure(request.originName(), request.logonType(), pkg == null ? "" : pkg.name(), e, names[1], names[0],
                    nameCaller);
            throw forCaller(e, trustedCaller);
        }
    }

    /** The details with shared strings: the record itself differs per logon (times) and is not shared. */
    private ProfileDetails shared(ProfileDetails d) {
        Canonical c = core.canonical;
        return new ProfileDetails(d.userFlags(), c.of(d.logonScript()), c.of(d.profilePath()), c.of(d.homeDirectory()),
                c.of(d.homeDirectoryDrive()), d.logoffTime(), d.kickOffTime(), d.passwordLastSet(),
                d.passwordCanChange(), d.passwordMustChange(), d.lastSuccessfulLogon());
    }

    /**
     * Information hiding at the edge (lsa-semantics 3): WRONG_PASSWORD and NO_SUCH_USER read LOGON_FAILURE, and an
     * untrusted caller learns no SubStatus for a failed credential check.
     */
    private static LsaException forCaller(LsaException e, boolean trustedCaller) {
        NtStatus s = e.status();
        if (s.equals(NtStatus.WRONG_PASSWORD) || s.equals(NtStatus.NO_SUCH_USER)) {
            return new LsaException(NtStatus.LOGON_FAILURE, trustedCaller ? s : NtStatus.SUCCESS,
                    "unknown user name or bad password");
        }
        if (s.equals(NtStatus.LOGON_FAILURE)) {
            return trustedCaller ? e : new LsaException(NtStatus.LOGON_FAILURE, "unknown user name or bad password");
        }
        return e;
    }

    private void auditFailure(String origin, SecurityLogonType type, String pkg, LsaException e, String user,
                              String domain, boolean nameCaller) {
        core.audit.record(new AuditEvent(core.clock.instant(), AuditEvent.LOGON, false, e.status(), e.subStatus(),
                origin, type, pkg, caller.user().sid(), logonProcessName, user, domain, Optional.empty(),
                Optional.empty(), Optional.empty(), nameCaller ? callerName() : ""));
    }

    /**
     * The caller's account name as the LSA's LsaLookupSids gives it ({@code DOMAIN\bob}, {@code NT AUTHORITY\SYSTEM},
     * {@code Unix User\1000}), for the audit records where one account acts for another; its SID's string form when
     * the SID does not translate. Looked up once per connection: the name when the caller connected.
     */
    private String callerName() {
        String name = callerName;
        if (name == null) {
            Sid sid = caller.user().sid();
            try {
                LookupSidsResult r = new NameTranslator(core.store).lookupSids(List.of(sid));
                org.openlsa.engine.TranslatedName n = r.names().getFirst();
                String domain = n.domainIndex() >= 0 && n.domainIndex() < r.domains().size()
                        ? r.domains().get(n.domainIndex()).name() : "";
                name = !n.use().isMapped() ? sid.toString() : domain.isEmpty() ? n.name() : domain + "\\" + n.name();
            } catch (LsaException | RuntimeException e) {
                name = sid.toString(); // the record still names the caller, by its SID
            }
            callerName = name;
        }
        return name;
    }

    private record Published(TokenHandle handle, ReturnBuffer buffer) {}

    /** Checks both quotas, then publishes the handle and the buffer together: nothing is half-published. */
    private Published publish(TokenObject token, byte[] profile) throws LsaException {
        lock.lock();
        try {
            checkOpen();
            checkBufferQuota(profile.length);
            if (handles.size() >= core.limits.maxHandles()) {
                throw new LsaException(NtStatus.QUOTA_EXCEEDED, "the connection holds " + handles.size()
                        + " token handles, the limit is " + core.limits.maxHandles());
            }
            ReturnBuffer buffer = allocateBuffer(profile);
            long h = nextHandle;
            nextHandle += 4;
            handles.put(h, token);
            return new Published(new TokenHandle(h), buffer);
        } finally {
            lock.unlock();
        }
    }

    private void checkBufferQuota(int length) throws LsaException {
        if (buffers.size() >= core.limits.maxReturnBuffers()
                || bufferBytes + length > core.limits.returnBufferQuotaBytes()) {
            throw new LsaException(NtStatus.QUOTA_EXCEEDED, "unfreed return buffers (" + buffers.size() + ", "
                    + bufferBytes + " bytes) plus " + length + " bytes exceed the connection's quota of "
                    + core.limits.maxReturnBuffers() + " buffers / " + core.limits.returnBufferQuotaBytes() + " bytes");
        }
    }

    private ReturnBuffer allocateBuffer(byte[] bytes) {
        long id = nextBuffer++;
        buffers.put(id, bytes.length);
        bufferBytes += bytes.length;
        return new ReturnBuffer(id, bytes);
    }

    @Override
    public void freeReturnBuffer(ReturnBuffer buffer) throws LsaException {
        lock.lock();
        try {
            checkOpen();
            Integer length = buffers.remove(buffer.id());
            if (length == null) {
                throw new LsaException(NtStatus.INVALID_PARAMETER, "return buffer " + buffer.id()
                        + " is not held by this connection (already freed?)");
            }
            bufferBytes -= length;
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- CallPackage

    @Override
    public CallPackageResult callAuthenticationPackage(int authenticationPackage, byte[] submitBuffer)
            throws LsaException {
        // The engine's own copy, safe from the caller's changes during the call; a secret (it may hold passwords).
        try (SecretBytes copy = SecretBytes.copyOf(submitBuffer)) {
            return callAuthenticationPackage(authenticationPackage, copy);
        }
    }

    /** Read in place: the caller owns the secret and does not change it during the call. */
    @Override
    public CallPackageResult callAuthenticationPackage(int authenticationPackage, SecretBytes submitBuffer)
            throws LsaException {
        checkOpen();
        AuthenticationPackage pkg = core.packageById(authenticationPackage);
        return submitBuffer.read(submit -> callPackage(pkg, submit));
    }

    private CallPackageResult callPackage(AuthenticationPackage pkg, byte[] submit) throws LsaException {
        Sid me = caller.user().sid();
        CallPackageRequest req = new CallPackageRequest(submit, caller.authenticationId(), session ->
                core.sessions.snapshot(session).flatMap(SessionTable.Snapshot::creator).filter(me::equals).isPresent());
        PackageCallResult r = trusted ? pkg.callPackage(req) : pkg.callPackageUntrusted(req);
        lock.lock();
        try {
            checkOpen();
            checkBufferQuota(r.response().length);
            return new CallPackageResult(allocateBuffer(r.response()), r.protocolStatus());
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- sessions

    @Override
    public List<Luid> enumerateLogonSessions() throws LsaException {
        checkOpen();
        return core.sessions.ids();
    }

    @Override
    public org.openlsa.engine.LogonSessionPage enumerateLogonSessions(Luid after, int maxCount) throws LsaException {
        checkOpen();
        if (maxCount < 1) {
            throw new LsaException(NtStatus.INVALID_PARAMETER, "a page holds at least one id");
        }
        SessionTable.Page p = core.sessions.idsAfter(after, maxCount);
        return new org.openlsa.engine.LogonSessionPage(p.ids(), p.more());
    }

    /**
     * A caller sees a session in full when it is its own (the caller's logon session, or a session of the caller's
     * user SID), when the caller created it through its own LsaLogonUser call (same calling user SID: the program
     * that logged a user on may inspect that logon), or with SeTcbPrivilege or an enabled BUILTIN\Administrators.
     * Any other session is ACCESS_DENIED, whether it exists or not being the only thing it learns.
     */
    @Override
    public LogonSessionData getLogonSessionData(Luid logonId) throws LsaException {
        checkOpen();
        Luid id = logonId.equals(Luid.ZERO) ? caller.authenticationId() : logonId;
        SessionTable.Snapshot s = core.sessions.snapshot(id).orElseThrow(() -> new LsaException(
                NtStatus.NO_SUCH_LOGON_SESSION, "logon session " + id + " does not exist"));
        Sid me = caller.user().sid();
        boolean own = id.equals(caller.authenticationId()) || s.data().sid().equals(me)
                || s.creator().filter(me::equals).isPresent();
        boolean admin = caller.holdsPrivilege(Privilege.SE_TCB)
                || caller.hasEnabledSid(WellKnownSids.BUILTIN_ADMINISTRATORS);
        if (!own && !admin) {
            throw new LsaException(NtStatus.ACCESS_DENIED, "logon session " + id + " belongs to another user");
        }
        return s.data();
    }

    // ---------------------------------------------------------------- names

    @Override
    public LookupSidsResult lookupSids(List<Sid> sids) throws LsaException {
        checkLookup();
        return new NameTranslator(core.store).lookupSids(List.copyOf(sids));
    }

    @Override
    public LookupNamesResult lookupNames(List<String> names) throws LsaException {
        checkLookup();
        return new NameTranslator(core.store).lookupNames(List.copyOf(names));
    }

    /**
     * Windows grants POLICY_LOOKUP_NAMES to every authenticated caller and, by default, not to ANONYMOUS LOGON
     * ("Network access: Allow anonymous SID/Name translation" is disabled): the same rule here.
     */
    private void checkLookup() throws LsaException {
        checkOpen();
        if (caller.user().sid().equals(WellKnownSids.ANONYMOUS)) {
            throw new LsaException(NtStatus.ACCESS_DENIED, "an anonymous caller may not translate SIDs and names");
        }
    }

    // ---------------------------------------------------------------- tokens

    private TokenObject lookup(TokenHandle h, int requiredAccess) throws LsaException {
        lock.lock();
        try {
            checkOpen();
            TokenObject t = handles.get(h.value());
            if (t == null) {
                throw new LsaException(NtStatus.INVALID_HANDLE, h + " is not an open token handle of this connection");
            }
            if ((t.grantedAccess() & requiredAccess) != requiredAccess) {
                throw new LsaException(NtStatus.ACCESS_DENIED, h + " lacks access 0x"
                        + Integer.toHexString(requiredAccess & ~t.grantedAccess()));
            }
            return t;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public AccessToken queryToken(TokenHandle token) throws LsaException {
        return lookup(token, AccessMask.TOKEN_QUERY).token();
    }

    @Override
    public TokenInformation getTokenInformation(TokenHandle handle, TokenInformationClass c) throws LsaException {
        AccessToken t = lookup(handle, c == TokenInformationClass.TOKEN_SOURCE
                ? AccessMask.TOKEN_QUERY_SOURCE : AccessMask.TOKEN_QUERY).token();
        return switch (c) {
            case TOKEN_USER -> new TokenInformation.User(t.user());
            case TOKEN_GROUPS -> new TokenInformation.Groups(t.groups());
            case TOKEN_PRIVILEGES -> new TokenInformation.Privileges(t.privileges());
            case TOKEN_OWNER -> new TokenInformation.Owner(t.owner());
            case TOKEN_PRIMARY_GROUP -> new TokenInformation.PrimaryGroup(t.primaryGroup());
            case TOKEN_DEFAULT_DACL -> new TokenInformation.DefaultDacl(t.defaultDacl());
            case TOKEN_SOURCE -> new TokenInformation.Source(t.source());
            case TOKEN_TYPE -> new TokenInformation.Type(t.type());
            // Windows answers this class only for impersonation tokens.
            case TOKEN_IMPERSONATION_LEVEL -> new TokenInformation.Level(t.impersonationLevel().orElseThrow(() ->
                    new LsaException(NtStatus.INVALID_PARAMETER, "a primary token has no impersonation level")));
            case TOKEN_STATISTICS -> new TokenInformation.Statistics(t.statistics());
            case TOKEN_LOGON_SID -> new TokenInformation.LogonSid(t.logonSid().map(List::of).orElse(List.of()));
        };
    }

    @Override
    public TokenHandle duplicateToken(TokenHandle handle, int desiredAccess, ImpersonationLevel level, TokenType type)
            throws LsaException {
        TokenObject src = lookup(handle, AccessMask.TOKEN_DUPLICATE);
        AccessToken t = src.token();
        ImpersonationLevel srcLevel = t.impersonationLevel().orElse(ImpersonationLevel.DELEGATION);
        if (type == TokenType.PRIMARY && srcLevel.compareTo(ImpersonationLevel.IMPERSONATION) < 0) {
            throw new LsaException(NtStatus.BAD_IMPERSONATION_LEVEL, "a primary token cannot be made from an "
                    + srcLevel + "-level token");
        }
        if (type == TokenType.IMPERSONATION) {
            if (level == null) {
                throw new LsaException(NtStatus.INVALID_PARAMETER, "an impersonation token needs a level");
            }
            if (t.type() == TokenType.IMPERSONATION && level.compareTo(srcLevel) > 0) {
                throw new LsaException(NtStatus.BAD_IMPERSONATION_LEVEL, "cannot raise impersonation level "
                        + srcLevel + " to " + level);
            }
        }
        int access = desiredAccess == 0 || (desiredAccess & AccessMask.MAXIMUM_ALLOWED) != 0
                ? src.grantedAccess() : desiredAccess;
        AccessToken copy = t.toBuilder()
                .tokenId(core.luids.allocate())
                .type(type)
                .impersonationLevel(type == TokenType.PRIMARY ? null : level)
                .build();
        core.sessions.addToken(t.authenticationId());
        return publishToken(copy, access);
    }

    /** Publishes a token whose session reference the caller has taken; on failure gives that reference back. */
    private TokenHandle publishToken(AccessToken token, int access) throws LsaException {
        try {
            lock.lock();
            try {
                checkOpen();
                if (handles.size() >= core.limits.maxHandles()) {
                    throw new LsaException(NtStatus.QUOTA_EXCEEDED, "the connection holds " + handles.size()
                            + " token handles, the limit is " + core.limits.maxHandles());
                }
                long h = nextHandle;
                nextHandle += 4;
                handles.put(h, new TokenObject(token, access));
                return new TokenHandle(h);
            } finally {
                lock.unlock();
            }
        } catch (LsaException e) {
            core.releaseSessionToken(token.authenticationId());
            throw e;
        }
    }

    /**
     * WTSQueryUserToken for a logon session: a primary token like the one the session's logon made (a new token id,
     * the same session), for a caller holding SeTcbPrivilege, as WTSQueryUserToken requires (it is how a service with
     * that privilege starts a program in a user's session). LocalSystem's session answers the LSA's own token; the
     * other reserved sessions were made by no logon and answer NO_TOKEN; a session whose logon made an
     * identification-level token cannot give a primary one (BAD_IMPERSONATION_LEVEL, as DuplicateTokenEx).
     */
    @Override
    public TokenHandle queryUserToken(Luid logonId) throws LsaException {
        checkOpen();
        if (!caller.holdsPrivilege(Privilege.SE_TCB)) {
            throw new LsaException(NtStatus.PRIVILEGE_NOT_HELD, "the token of a logon session needs SeTcbPrivilege, "
                    + "which " + caller.user().sid() + " does not hold");
        }
        LogonSession s = core.sessions.addToken(logonId); // NO_SUCH_LOGON_SESSION when there is none
        AccessToken made = s.logonToken.orElse(logonId.equals(Luid.SYSTEM) ? core.systemToken : null);
        ImpersonationLevel level = made == null ? null : made.impersonationLevel().orElse(ImpersonationLevel.DELEGATION);
        if (made == null || level.compareTo(ImpersonationLevel.IMPERSONATION) < 0) {
            core.releaseSessionToken(logonId);
            throw made == null
                    ? new LsaException(NtStatus.NO_TOKEN, "logon session " + logonId + " was made by no logon")
                    : new LsaException(NtStatus.BAD_IMPERSONATION_LEVEL, "logon session " + logonId + " holds an "
                            + level + "-level token, which cannot become a primary token");
        }
        AccessToken copy = made.toBuilder().tokenId(core.luids.allocate()).type(TokenType.PRIMARY)
                .impersonationLevel(null).build();
        return publishToken(copy, AccessMask.TOKEN_ALL_ACCESS);
    }

    // ---------------------------------------------------------------- CreateProcessAsUser

    /** What CreateProcessAsUser opens its token for (Windows: query, duplicate, assign as primary). */
    private static final int PROCESS_TOKEN_ACCESS =
            AccessMask.TOKEN_QUERY | AccessMask.TOKEN_DUPLICATE | AccessMask.TOKEN_ASSIGN_PRIMARY;

    /**
     * The checks in Windows' order (handle, token type, privilege), then the session reference, then the launch.
     * The caller's "own" token needs no privilege (docs/lsa-behaviour.md, "CreateProcessAsUser"): one of the
     * caller's own logon session (Windows' sibling rule) or of the caller's own account (the same user SID: the
     * process runs as who the caller already is, as any Unix process may exec). Any other token needs
     * SeAssignPrimaryTokenPrivilege or SeTcbPrivilege. The reference is taken before the launch, under the session
     * table's lock, so a session that ended meanwhile is NO_SUCH_LOGON_SESSION and a running process is never left
     * in an ended session.
     */
    @Override
    public UserProcess createProcessAsUser(TokenHandle handle, ProcessSpec spec) throws LsaException {
        return startProcess(handle, spec, false);
    }

    /** The secondary-logon service's logon: its origin in the audit, and its token source (Windows' "seclogo"). */
    private static final String SECONDARY_LOGON_ORIGIN = "CreateProcessWithLogon";

    /**
     * CreateProcessWithLogonW: a password logon as LogonUser makes it (through the named package, a fresh logon SID
     * and LOCAL), then the start as CreateProcessAsUser without its privilege check (knowing the password is the right
     * to run as the account, as with su), then the handle is closed: the process's reference keeps the session. The
     * handle is in this connection's table only during the call; the caller could have had the same token from
     * LogonUser with the same password, so that window gives it nothing. Network (and the other non-interactive
     * types) make no primary token: INVALID_PARAMETER before anything is tried.
     */
    @Override
    public UserProcess createProcessWithLogon(String userName, String domain, SecretBytes password, String packageName,
                                              SecurityLogonType logonType, ProcessSpec spec) throws LsaException {
        checkOpen();
        java.util.Objects.requireNonNull(spec, "spec");
        if (logonType != SecurityLogonType.INTERACTIVE && logonType != SecurityLogonType.BATCH
                && logonType != SecurityLogonType.SERVICE) {
            throw new LsaException(NtStatus.INVALID_PARAMETER, "a " + logonType.displayName()
                    + " logon cannot start a process: CreateProcessWithLogon takes Interactive, Batch or Service");
        }
        TokenHandle h = passwordLogon(core.lookupPackage(packageName), logonType, userName, domain, password,
                SECONDARY_LOGON_ORIGIN, "seclogo", true);
        try {
            return startProcess(h, spec, true);
        } finally {
            try {
                closeHandle(h);
            } catch (LsaException closedMeanwhile) {
                // the connection was closed during the call, which closed the handle already
            }
        }
    }

    /**
     * CreateProcessAsUser's steps; {@code explicitCredentials}: the token comes from CreateProcessWithLogon's own
     * password logon, which needs no privilege, and the records say so.
     */
    private UserProcess startProcess(TokenHandle handle, ProcessSpec spec, boolean explicitCredentials)
            throws LsaException {
        java.util.Objects.requireNonNull(spec, "spec");
        AccessToken t = lookup(handle, PROCESS_TOKEN_ACCESS).token();
        String program = spec.program().toString();
        String origin = explicitCredentials ? SECONDARY_LOGON_ORIGIN : "CreateProcessAsUser";
        try {
            if (t.type() != TokenType.PRIMARY) {
                throw new LsaException(NtStatus.BAD_TOKEN_TYPE, "a process needs a primary token, not an "
                        + t.impersonationLevel().map(l -> l + "-level ").orElse("") + "impersonation token"
                        + " (duplicate it to a primary token first)");
            }
            boolean own = t.authenticationId().equals(caller.authenticationId())
                    || t.user().sid().equals(caller.user().sid());
            if (!own && !explicitCredentials && !caller.holdsPrivilege(Privilege.SE_ASSIGN_PRIMARY_TOKEN)
                    && !caller.holdsPrivilege(Privilege.SE_TCB)) {
                throw new LsaException(NtStatus.PRIVILEGE_NOT_HELD, "a token of another logon session needs "
                        + "SeAssignPrimaryTokenPrivilege or SeTcbPrivilege, which " + caller.user().sid()
                        + " does not hold");
            }
        } catch (LsaException e) {
            auditProcess(t, origin, AuditEvent.PROCESS_START, false, e.status(), new AuditEvent.ProcessRecord(0, program, ""));
            throw e;
        }
        Luid session = t.authenticationId();
        LogonSession s;
        try {
            s = core.sessions.addProcess(session);
        } catch (LsaException e) {
            auditProcess(t, origin, AuditEvent.PROCESS_START, false, e.status(), new AuditEvent.ProcessRecord(0, program, ""));
            throw e;
        }
        UserProcess started;
        try {
            // The quotas LsaLogonUser returned with a primary token: the domain policy's, read now as then.
            started = core.launcher.start(t, s.userName, core.store.domain().policy().defaultQuotaLimits(), spec);
        } catch (LsaException | RuntimeException e) {
            NtStatus status = e instanceof LsaException le ? le.status() : NtStatus.UNSUCCESSFUL;
            auditProcess(t, origin, AuditEvent.PROCESS_START, false, status, new AuditEvent.ProcessRecord(0, program, ""));
            core.releaseSessionProcess(session);
            throw e;
        }
        long pid = started.pid();
        auditProcess(t, origin, AuditEvent.PROCESS_START, true, NtStatus.SUCCESS, new AuditEvent.ProcessRecord(pid, program, ""));
        CompletableFuture<ExitStatus> done = started.onExit().handle((status, failure) -> {
            try {
                if (status != null) {
                    auditProcess(t, origin, AuditEvent.PROCESS_EXIT, true, NtStatus.SUCCESS,
                            new AuditEvent.ProcessRecord(pid, program, describe(status)));
                }
            } finally {
                core.releaseSessionProcess(session); // the exit ends the reference, audited or not
            }
            if (failure != null) {
                throw failure instanceof CompletionException ce ? ce : new CompletionException(failure);
            }
            return status;
        });
        return new TrackedProcess(started, done);
    }

    private static String describe(ExitStatus status) {
        return switch (status) {
            case ExitStatus.Exited x -> "exit " + x.code();
            case ExitStatus.Signaled x -> "signal " + x.signal();
        };
    }

    /**
     * A process record, naming the account (from its session while it exists: "alice") and the caller ("via" the
     * caller's SID, account name and logon process name: "alice via bob").
     */
    private void auditProcess(AccessToken t, String origin, String kind, boolean success, NtStatus status,
                              AuditEvent.ProcessRecord process) {
        Optional<SessionTable.Snapshot> s = core.sessions.snapshot(t.authenticationId());
        LogonSessionData d = s.map(SessionTable.Snapshot::data).orElse(null);
        core.audit.record(new AuditEvent(core.clock.instant(), kind, success, status, NtStatus.SUCCESS,
                origin, d == null ? SecurityLogonType.UNDEFINED : d.logonType(),
                d == null ? "" : d.authenticationPackage(), caller.user().sid(), logonProcessName,
                d == null ? "" : d.userName(), d == null ? "" : d.logonDomain(), Optional.of(t.authenticationId()),
                Optional.of(t.user().sid()), Optional.of(process), callerName()));
    }

    @Override
    public void closeHandle(TokenHandle handle) throws LsaException {
        TokenObject t;
        lock.lock();
        try {
            checkOpen();
            t = handles.remove(handle.value());
        } finally {
            lock.unlock();
        }
        if (t == null) {
            throw new LsaException(NtStatus.INVALID_HANDLE, handle + " is not an open token handle of this connection");
        }
        core.releaseSessionToken(t.token().authenticationId());
    }

    @Override
    public boolean holdsObjects() {
        lock.lock();
        try {
            return !handles.isEmpty() || !buffers.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** Closes every handle (ending sessions left without tokens) and drops every unfreed buffer. */
    @Override
    public void close() {
        List<TokenObject> open;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            open = List.copyOf(handles.values());
            handles.clear();
            buffers.clear();
            bufferBytes = 0;
        } finally {
            lock.unlock();
        }
        core.connections.remove(this);
        for (TokenObject t : open) {
            core.releaseSessionToken(t.token().authenticationId());
        }
    }
}
