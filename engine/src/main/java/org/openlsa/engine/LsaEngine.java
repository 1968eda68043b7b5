package org.openlsa.engine;

import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.openlsa.core.AccessToken;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.core.Privilege;
import org.openlsa.engine.internal.Connection;
import org.openlsa.engine.internal.EngineCore;
import org.openlsa.engine.spi.AuthenticationPackage;
import org.openlsa.engine.spi.PackageContext;
import org.openlsa.engine.spi.ProcessLauncher;
import org.openlsa.sam.AccountStore;

/**
 * The in-process LSA: an {@link Lsa} over an account store and a table of authentication packages. Time and
 * randomness are injected so that every time-dependent rule is testable without sleeping.
 *
 * <pre>{@code
 * try (LsaEngine lsa = LsaEngine.builder(store).addPackage(new Msv1_0Package()).build();
 *      LsaConnection c = lsa.registerLogonProcess(lsa.systemToken(), "MyService")) { ... }
 * }</pre>
 *
 * The engine does not own the store: closing the engine closes its connections, not the store.
 */
public final class LsaEngine implements Lsa {
    private final EngineCore core;
    private volatile boolean closed;

    private LsaEngine(EngineCore core) {
        this.core = core;
    }

    public static Builder builder(AccountStore store) {
        return new Builder(store);
    }

    /**
     * The token of LocalSystem (S-1-5-18, logon session 0x3e7, every privilege): the identity of an application that
     * embeds the LSA and acts as the machine itself, as lsass does.
     */
    public AccessToken systemToken() {
        return core.systemToken();
    }

    /**
     * The token of a local process identified by the kernel, for a daemon that serves callers over a socket: uid 0
     * is LocalSystem; a uid linked to an enabled account ({@code lsa user set --uid}) is that account; any other
     * uid is {@code Unix User\<uid>} (S-1-22-1-uid, primary group S-1-22-2-gid). Groups, aliases and rights
     * (including SeTcbPrivilege granted with {@code lsa rights grant}) apply as for any logon; no logon right is
     * checked, since the process already runs.
     */
    public AccessToken tokenForUnixCaller(long uid, long gid) throws LsaException {
        checkOpen();
        if (uid < 0 || uid > 0xFFFFFFFFL || gid < 0 || gid > 0xFFFFFFFFL) {
            throw new LsaException(NtStatus.INVALID_PARAMETER, "uid and gid are 32-bit unsigned values");
        }
        return core.unixCallerToken(uid, gid);
    }

    @Override
    public LsaConnection registerLogonProcess(AccessToken caller, String logonProcessName) throws LsaException {
        checkOpen();
        Objects.requireNonNull(caller, "caller");
        if (logonProcessName == null || logonProcessName.isEmpty() || logonProcessName.length() > 127) {
            throw new LsaException(NtStatus.INVALID_PARAMETER, "a logon process name has 1 to 127 characters");
        }
        if (!caller.holdsPrivilege(Privilege.SE_TCB)) {
            throw new LsaException(NtStatus.PRIVILEGE_NOT_HELD,
                    "LsaRegisterLogonProcess needs SeTcbPrivilege, which " + caller.user().sid() + " does not hold");
        }
        return track(new Connection(core, caller, true, logonProcessName));
    }

    @Override
    public LsaConnection connectUntrusted(AccessToken caller) throws LsaException {
        checkOpen();
        Objects.requireNonNull(caller, "caller");
        return track(new Connection(core, caller, false, ""));
    }

    private LsaConnection track(Connection c) {
        core.connections().put(c, Boolean.TRUE);
        return c;
    }

    private void checkOpen() throws LsaException {
        if (closed) {
            throw new LsaException(NtStatus.INVALID_HANDLE, "the LSA is closed");
        }
    }

    /** Logon sessions currently open, including the four reserved ones. */
    public int sessionCount() {
        return core.sessionCount();
    }

    /** Closes every connection (ending their sessions). The store stays open. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Connection c : List.copyOf(core.connections().keySet())) {
            c.close();
        }
        core.shutdownPackages();
    }

    /**
     * Configures an engine. Defaults: system clock, SecureRandom, no audit, {@link EngineCore.Limits#DEFAULT}, no
     * process launcher.
     */
    public static final class Builder {
        private final AccountStore store;
        private final List<AuthenticationPackage> packages = new ArrayList<>();
        private InstantSource clock = InstantSource.system();
        private RandomGenerator random = new SecureRandom();
        private AuditSink audit = AuditSink.NONE;
        private EngineCore.Limits limits = EngineCore.Limits.DEFAULT;
        private ProcessLauncher launcher = ProcessLauncher.NONE;

        private Builder(AccountStore store) {
            this.store = Objects.requireNonNull(store, "store");
        }

        /** Adds a package; its id is its position in the order added. */
        public Builder addPackage(AuthenticationPackage p) {
            packages.add(Objects.requireNonNull(p, "package"));
            return this;
        }

        public Builder clock(InstantSource v) { this.clock = Objects.requireNonNull(v); return this; }
        public Builder random(RandomGenerator v) { this.random = Objects.requireNonNull(v); return this; }
        public Builder audit(AuditSink v) { this.audit = Objects.requireNonNull(v); return this; }

        /**
         * What starts the processes of CreateProcessAsUser ({@link LsaConnection#createProcessAsUser}); without one,
         * that call is NOT_SUPPORTED. The host wires the real launcher (idmap's credentials, launch's Launcher).
         */
        public Builder processLauncher(ProcessLauncher v) { this.launcher = Objects.requireNonNull(v); return this; }

        /**
         * Per-connection limits: unfreed return-buffer bytes and count, open token handles. Exceeding one gives
         * QUOTA_EXCEEDED.
         */
        public Builder limits(long returnBufferQuotaBytes, int maxReturnBuffers, int maxHandles) {
            this.limits = new EngineCore.Limits(returnBufferQuotaBytes, maxReturnBuffers, maxHandles,
                    limits.sessionsPerAccount(), limits.sessionsPerCaller());
            return this;
        }

        /**
         * Logon-session quotas: sessions one account may have at once, and sessions one caller may have created and
         * still open; exceeding one gives QUOTA_EXCEEDED. Callers holding SeTcbPrivilege are exempt.
         */
        public Builder sessionQuotas(int perAccount, int perCaller) {
            this.limits = new EngineCore.Limits(limits.returnBufferQuotaBytes(), limits.maxReturnBuffers(),
                    limits.maxHandles(), perAccount, perCaller);
            return this;
        }

        /** Initializes every package and returns the engine. */
        public LsaEngine build() throws LsaException {
            PackageContext ctx = new PackageContext(store, clock, random, audit);
            for (AuthenticationPackage p : packages) {
                p.initialize(ctx);
            }
            return new LsaEngine(new EngineCore(store, packages, clock, random, audit, limits, launcher));
        }
    }
}
