package org.openlsa.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;
import org.openlsa.core.LsaException;
import org.openlsa.engine.AuditSink;
import org.openlsa.engine.JsonLinesAuditLog;
import org.openlsa.engine.LsaEngine;
import org.openlsa.idmap.IdMapService;
import org.openlsa.idmap.UnixDirectory;
import org.openlsa.launch.Launcher;
import org.openlsa.kdc.Kdc;
import org.openlsa.kerberos.KerberosConfig;
import org.openlsa.kerberos.KerberosPackage;
import org.openlsa.kerberos.Krb5Conf;
import org.openlsa.msv1_0.Msv1_0Package;
import org.openlsa.msv1_0.SubAuthConfiguration;
import org.openlsa.sam.AccountStore;
import org.openlsa.sam.SecurityEventSink;

/**
 * One LSA wired from a state directory, the composition root every shape of OpenLSA starts from: the account store
 * (through {@link AccountStores}), the audit log, the realm's one {@link Kdc}, the authentication packages (MSV1_0
 * with the directory's subauthentication packages, Kerberos with its krb5.conf and keytab and the realm's KDC) and
 * the engine over them. The daemon puts its socket and the KDC's network service on top, the CLI registers a logon
 * process on it, the test kit and the benchmarks drive its engine.
 *
 * <p>{@link #close()} closes in the reverse order: the engine (ending its sessions, each audited), the audit log,
 * then the store. Whatever serves {@link #kdc()} or {@link #engine()} (a socket, a KDC listener) must stop first.
 */
public final class LsaHost implements AutoCloseable {

    /** Where FILE credential caches go: MIT's own default directory for them (docs/kcm.md, "FILE caches"). */
    static final Path FILE_CACHE_DIRECTORY = Path.of("/tmp");
    /** How often the FILE caches are brought up to date with the sessions' tickets. */
    static final long FILE_CACHE_REFRESH_SECONDS = 60;

    /** The authentication packages a host can load, in the order a daemon loads them (their ids). */
    public enum PackageKind { MSV1_0, KERBEROS }

    /** Per-connection engine limits ({@link LsaEngine.Builder#limits}). */
    public record ConnectionLimits(long returnBufferQuotaBytes, int maxReturnBuffers, int maxHandles) {}

    /**
     * What a host is built with besides its state directory: the clock and randomness (injected so tests need not
     * sleep), the engine's connection limits, whether to write the audit log, and the packages to load (in that
     * order; the package id is the position).
     *
     * @param random the engine's randomness (LUIDs, challenges)
     * @param secureRandom the KDC's randomness (session keys)
     * @param limits empty: the engine's defaults
     * @param audit false: no audit log (tests and benchmarks that measure without it)
     * @param packages none: an engine without packages, for a process that serves only the KDC ({@code lsa kdc})
     * @param credentialCacheEnvironment what every process started for a token gets in its environment so that its
     *     Kerberos library finds the logon session's tickets (the daemon's KCM service: {@code KRB5CCNAME=KCM:});
     *     empty: nothing
     */
    public record Options(InstantSource clock, RandomGenerator random, SecureRandom secureRandom,
                          Optional<ConnectionLimits> limits, boolean audit, List<PackageKind> packages,
                          Map<String, String> credentialCacheEnvironment) {
        public Options {
            credentialCacheEnvironment = Map.copyOf(credentialCacheEnvironment);
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(random, "random");
            Objects.requireNonNull(secureRandom, "secureRandom");
            Objects.requireNonNull(limits, "limits");
            packages = List.copyOf(packages);
            if (packages.stream().distinct().count() != packages.size()) {
                throw new IllegalArgumentException("a package is loaded once, not " + packages);
            }
        }

        /** The machine's LSA: system clock, SecureRandom, default limits, audited, MSV1_0 then Kerberos. */
        public static Options defaults() {
            SecureRandom random = new SecureRandom();
            return new Options(Clock.systemUTC(), random, random, Optional.empty(), true,
                    List.of(PackageKind.MSV1_0, PackageKind.KERBEROS), Map.of());
        }

        public Options withClock(InstantSource v) {
            return new Options(v, random, secureRandom, limits, audit, packages, credentialCacheEnvironment);
        }

        public Options withRandom(RandomGenerator v) {
            return new Options(clock, v, secureRandom, limits, audit, packages, credentialCacheEnvironment);
        }

        public Options withSecureRandom(SecureRandom v) {
            return new Options(clock, random, v, limits, audit, packages, credentialCacheEnvironment);
        }

        public Options withLimits(long returnBufferQuotaBytes, int maxReturnBuffers, int maxHandles) {
            return new Options(clock, random, secureRandom,
                    Optional.of(new ConnectionLimits(returnBufferQuotaBytes, maxReturnBuffers, maxHandles)), audit,
                    packages, credentialCacheEnvironment);
        }

        public Options withAudit(boolean v) {
            return new Options(clock, random, secureRandom, limits, v, packages, credentialCacheEnvironment);
        }

        public Options withPackages(PackageKind... v) {
            return new Options(clock, random, secureRandom, limits, audit, List.of(v), credentialCacheEnvironment);
        }

        public Options withCredentialCacheEnvironment(Map<String, String> v) {
            return new Options(clock, random, secureRandom, limits, audit, packages, v);
        }
    }

    private final StateLayout layout;
    private final AccountStore store;
    private final JsonLinesAuditLog auditLog; // null: not audited
    private final Kdc kdc;
    private final LsaEngine engine;
    private final LaunchedSessions launched;
    private final FileCredentialCaches fileCaches;

    private LsaHost(StateLayout layout, AccountStore store, JsonLinesAuditLog auditLog, Kdc kdc, LsaEngine engine,
                    LaunchedSessions launched, FileCredentialCaches fileCaches) {
        this.fileCaches = fileCaches;
        this.layout = layout;
        this.store = store;
        this.auditLog = auditLog;
        this.kdc = kdc;
        this.engine = engine;
        this.launched = launched;
    }

    /** {@link #open(StateLayout, Options)} with {@link Options#defaults()}: the machine's LSA. */
    public static LsaHost open(StateLayout layout) throws StateException, LsaException, IOException {
        return open(layout, Options.defaults());
    }

    /**
     * Opens the state directory's store and audit log and builds the engine with the packages {@code options} names.
     * Nothing stays open when it fails.
     *
     * @throws StateException the directory is not initialized, not this user's, or its store cannot be opened
     * @throws IOException the audit log, or a package's configuration (subauth/*.properties, krb5.conf), cannot be
     *     read or understood
     * @throws LsaException a package refused to initialize
     */
    public static LsaHost open(StateLayout layout, Options options) throws StateException, LsaException, IOException {
        AccountStore store = AccountStores.installed().open(layout);
        JsonLinesAuditLog audit = null;
        try {
            audit = options.audit() ? JsonLinesAuditLog.open(layout.auditLog()) : null;
            AuditSink sink = audit != null ? audit : AuditSink.NONE;
            Kdc kdc = createKdc(store, options, sink, PkinitFiles.load(layout).map(f ->
                    new org.openlsa.pkinit.PkinitKdcConfig(f.kdcChain(), f.kdcKey(), f.anchors(), 2048, f.crls())));
            LaunchedSessions launched = new LaunchedSessions();
            // The FILE caches read sessions through the engine, which is built after its launcher: a late reference.
            AtomicReference<LsaEngine> built = new AtomicReference<>();
            FileCredentialCaches fileCaches = new FileCredentialCaches(FILE_CACHE_DIRECTORY,
                    () -> () -> LogonSessionTickets.open(built.get(), "credential caches"), FILE_CACHE_REFRESH_SECONDS);
            LsaEngine.Builder b = LsaEngine.builder(store).clock(options.clock()).random(options.random()).audit(sink)
                    .processLauncher(new TokenLauncher(new IdMapService(layout.idmapConfig(), store,
                            UnixDirectory.system()), Launcher.system(), layout.launchConfig(), launched,
                            options.credentialCacheEnvironment(), fileCaches));
            options.limits().ifPresent(l -> b.limits(l.returnBufferQuotaBytes(), l.maxReturnBuffers(), l.maxHandles()));
            for (PackageKind p : options.packages()) {
                switch (p) {
                    case MSV1_0 -> b.addPackage(new Msv1_0Package(SubAuthConfiguration.load(layout.subauthDirectory())));
                    case KERBEROS -> b.addPackage(new KerberosPackage(kerberosConfig(layout), kdc));
                }
            }
            LsaEngine engine = b.build();
            built.set(engine);
            return new LsaHost(layout, store, audit, kdc, engine, launched, fileCaches);
        } catch (LsaException | IOException | RuntimeException e) {
            try {
                if (audit != null) {
                    audit.close();
                }
            } catch (IOException closing) {
                e.addSuppressed(closing); // the first failure is the one to report; the store still closes
            } finally {
                store.close();
            }
            throw e;
        }
    }

    /**
     * The realm's one KDC: the Kerberos package logs on through it and the daemon serves it on the network, so both
     * share one replay cache and one view of the store. Its events (pre-authentication failures, lockouts, kpasswd
     * changes) go to the audit log.
     */
    private static Kdc createKdc(AccountStore store, Options options, SecurityEventSink events,
                                 Optional<org.openlsa.pkinit.PkinitKdcConfig> pkinit) {
        Clock clock = options.clock() instanceof Clock c ? c : options.clock().withZone(ZoneOffset.UTC);
        return Kdc.create(store, clock, options.secureRandom(), events, pkinit);
    }

    /**
     * The Kerberos package's configuration in the state directory: its krb5.conf when there is one (else the
     * embedded realm alone), and the keytab that names in {@code default_keytab_name}, else the directory's own.
     */
    public static KerberosConfig kerberosConfig(StateLayout layout) throws IOException {
        Path file = layout.krb5Conf();
        Krb5Conf conf = Files.exists(file) ? Krb5Conf.parse(file) : Krb5Conf.empty();
        Optional<Path> keytab = conf.defaultKeytab().or(() -> Optional.of(layout.keytab()));
        return new KerberosConfig(conf, keytab);
    }

    public StateLayout layout() {
        return layout;
    }

    public AccountStore store() {
        return store;
    }

    /** Where the engine and the KDC report: the state directory's audit log, or {@link AuditSink#NONE}. */
    public AuditSink audit() {
        return auditLog != null ? auditLog : AuditSink.NONE;
    }

    /** The realm's KDC, shared with the Kerberos package: what the daemon's network KDC service serves. */
    public Kdc kdc() {
        return kdc;
    }

    public LsaEngine engine() {
        return engine;
    }

    /** The FILE credential caches of started processes (credential_cache = file). */
    FileCredentialCaches fileCaches() {
        return fileCaches;
    }

    /** The processes the engine started and still runs, with their logon sessions (for the KCM service). */
    public LaunchedSessions launchedSessions() {
        return launched;
    }

    /** Removes the FILE caches, closes the engine (ending its sessions), then the audit log, then the store. */
    @Override
    public void close() {
        try {
            fileCaches.close();
            engine.close();
        } finally {
            try {
                if (auditLog != null) {
                    auditLog.close();
                }
            } catch (IOException e) {
                System.getLogger("org.openlsa.host").log(System.Logger.Level.ERROR, "closing the audit log: {0}",
                        e.getMessage());
            } finally {
                store.close();
            }
        }
    }
}
