package org.openlsa.daemon;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.engine.JsonLinesAuditLog;
import org.openlsa.engine.LsaEngine;
import org.openlsa.kdc.Kdc;
import org.openlsa.kerberos.KerberosConfig;
import org.openlsa.kerberos.KerberosPackage;
import org.openlsa.msv1_0.Msv1_0Package;
import org.openlsa.msv1_0.SubAuthConfiguration;
import org.openlsa.sam.DomainInfo;
import org.openlsa.store.sqlite.SqliteAccountStore;

/**
 * The machine's LSA as a process ({@code lsa serve}): the state directory's store and audit log, the realm's one
 * {@link Kdc}, the engine with MSV1_0 and Kerberos (which calls that KDC in process), the daemon on its socket and,
 * unless turned off, the same KDC on the network ({@link KdcService}). On SIGTERM (or SIGINT) it stops the KDC,
 * stops accepting, finishes the requests in progress, closes every connection (ending their sessions, each
 * audited), then closes the audit log and the store, in that order, and exits 0. Every change a client saw acknowledged was committed before the acknowledgement.
 */
public final class Lsad implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("org.openlsa.daemon");

    private final SqliteAccountStore store;
    private final JsonLinesAuditLog audit;
    private final LsaEngine engine;
    private final LsaDaemon daemon;
    private final KdcService kdc; // null: no KDC
    private final CountDownLatch stopped = new CountDownLatch(1);

    private Lsad(SqliteAccountStore store, JsonLinesAuditLog audit, LsaEngine engine, LsaDaemon daemon,
                 KdcService kdc) {
        this.store = store;
        this.audit = audit;
        this.engine = engine;
        this.daemon = daemon;
        this.kdc = kdc;
    }

    /**
     * Opens the state directory and starts serving without a KDC; fails if it holds no database or another daemon
     * serves it.
     */
    public static Lsad start(LsaDaemon.Options options) throws LsaException, IOException {
        return start(options, KdcConfig.defaults().withEnabled(false));
    }

    /**
     * Opens the state directory and starts serving, with the embedded KDC over the same store when {@code kdc} is
     * enabled ({@code lsa serve}). The socket comes first, so a second daemon on the directory is refused as such
     * rather than for the KDC's port.
     *
     * @throws KdcBindException when the KDC cannot listen where {@code kdc} says; nothing is left running
     */
    public static Lsad start(LsaDaemon.Options options, KdcConfig kdc) throws LsaException, IOException {
        Path db = options.stateDirectory().resolve("sam.db");
        if (!Files.exists(db)) {
            throw new LsaException(NtStatus.OBJECT_NAME_NOT_FOUND, "no OpenLSA database in " + options.stateDirectory()
                    + ": run 'lsa init --state " + options.stateDirectory() + "' first");
        }
        SqliteAccountStore store = SqliteAccountStore.open(db);
        JsonLinesAuditLog audit = null;
        LsaEngine engine = null;
        LsaDaemon daemon = null;
        try {
            audit = JsonLinesAuditLog.open(options.stateDirectory().resolve("audit.jsonl"));
            // The realm's one KDC: the Kerberos package calls it in process and KdcService serves it on the
            // network, so an authenticator seen on either path is a replay on the other.
            Kdc realmKdc = Kdc.create(store, Clock.systemUTC(), new SecureRandom(), audit);
            engine = LsaEngine.builder(store)
                    .addPackage(new Msv1_0Package(SubAuthConfiguration.load(options.stateDirectory())))
                    .addPackage(new KerberosPackage(KerberosConfig.load(options.stateDirectory()), realmKdc))
                    .audit(audit).build();
            daemon = LsaDaemon.start(engine, options);
            KdcService kdcService = kdc.enabled() ? KdcService.start(realmKdc, options.stateDirectory(), kdc) : null;
            DomainInfo d = store.domain();
            // DEBUG like the components' own start records: whoever started the daemon announces it once.
            LOG.log(Level.DEBUG, "OpenLSA {0}: realm {1} ({2}) on {3}; store {4}; socket {5}; KDC {6}", version(),
                    d.name(), d.sid(), d.machineName(), db, daemon.socketPath(),
                    kdcService == null ? "off" : kdcService.endpoint());
            return new Lsad(store, audit, engine, daemon, kdcService);
        } catch (LsaException | IOException | RuntimeException e) {
            if (daemon != null) {
                daemon.close();
            }
            if (engine != null) {
                engine.close();
            }
            if (audit != null) {
                audit.close();
            }
            store.close();
            throw e;
        }
    }

    public LsaDaemon daemon() {
        return daemon;
    }

    /** The embedded KDC, when this daemon runs one. */
    public Optional<KdcService> kdc() {
        return Optional.ofNullable(kdc);
    }

    /**
     * From now on SIGTERM and SIGINT shut this daemon down as the class comment says. The signals are handled (not
     * left to the JVM's default, which would exit with status 143 whatever the shutdown did), so the process can exit
     * 0 after a clean stop. Call it before announcing the daemon: a supervisor may signal as soon as it reads that.
     */
    public void stopOnTerminationSignals() {
        TerminationSignals.onTermination("lsad-stop", this::close);
    }

    /** Waits until this daemon has shut down (a signal after {@link #stopOnTerminationSignals}, or {@link #close}). */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    @Override
    public synchronized void close() {
        if (stopped.getCount() == 0) {
            return;
        }
        if (kdc != null) {
            kdc.close(); // first: a KDC request must not find the store closed under it
        }
        try {
            daemon.close();
        } catch (LsaException e) {
            LOG.log(Level.ERROR, "stopping the daemon: {0}", e.getMessage());
        } finally {
            engine.close();
            try {
                audit.close();
            } catch (IOException e) {
                LOG.log(Level.ERROR, "closing the audit log: {0}", e.getMessage());
            }
            store.close();
            stopped.countDown();
        }
    }

    private static String version() {
        return Lsad.class.getModule().getDescriptor() == null ? "0.1.0-SNAPSHOT"
                : Lsad.class.getModule().getDescriptor().rawVersion().orElse("0.1.0-SNAPSHOT");
    }

    /**
     * {@code java ... org.openlsa.daemon.Lsad STATE_DIR [SOCKET]}: what {@code lsa serve} runs (the KDC as
     * {@code <state>/kdc.properties} says), for tests too. Prints {@code READY socket} once serving; a failure to
     * start is one line on stderr, exit 6 for another daemon on the directory, 2 for a bad kdc.properties, else 1.
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: Lsad STATE_DIR [SOCKET]");
            System.exit(2);
        }
        try {
            DaemonLog.install(DaemonLog.levelFromEnvironment().orElse(java.util.logging.Level.INFO));
        } catch (IllegalArgumentException e) {
            System.err.println("lsad: " + e.getMessage());
            System.exit(2);
        }
        LsaDaemon.Options defaults = LsaDaemon.Options.defaults(Path.of(args[0]).toAbsolutePath());
        LsaDaemon.Options options = args.length == 2 ? new LsaDaemon.Options(defaults.stateDirectory(),
                Path.of(args[1]).toAbsolutePath(), defaults.maxFrameBytes(), defaults.handshakeTimeout(),
                defaults.shutdownGrace()) : defaults;
        Lsad lsad;
        try {
            lsad = start(options, KdcConfig.load(options.stateDirectory()));
        } catch (LsaException e) {
            System.err.println("lsad: " + e.getMessage() + " (" + e.status() + ")");
            System.exit(e.status().equals(NtStatus.OBJECT_NAME_COLLISION) ? 6 : 1);
            return;
        } catch (KdcBindException e) {
            System.err.println("lsad: " + e.getMessage());
            System.exit(1);
            return;
        } catch (IllegalArgumentException e) {
            System.err.println("lsad: " + e.getMessage());
            System.exit(2);
            return;
        }
        lsad.stopOnTerminationSignals();
        System.out.println("READY " + lsad.daemon().socketPath());
        System.out.flush();
        lsad.awaitStop();
        System.exit(0);
    }
}
