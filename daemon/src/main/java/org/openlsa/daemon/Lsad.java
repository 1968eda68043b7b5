package org.openlsa.daemon;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.openlsa.core.Privilege;
import org.openlsa.daemon.internal.EngineSessionCaches;
import org.openlsa.host.LogonSessionTickets;
import org.openlsa.engine.LsaEngine;
import org.openlsa.kcm.KcmService;
import org.openlsa.kcm.LogonSessionCaches;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.host.LsaHost;
import org.openlsa.host.StateException;
import org.openlsa.host.StateLayout;
import org.openlsa.idmap.IdMapService;
import org.openlsa.idmap.UnixDirectory;
import org.openlsa.sam.DomainInfo;

/**
 * The machine's LSA as a process ({@code lsa serve}): the state directory's LSA ({@link LsaHost}: store, audit log,
 * the realm's KDC, MSV1_0 and Kerberos, the engine), the daemon on its socket and, unless turned off, the network
 * service of the same KDC ({@link KdcService}). On SIGTERM (or SIGINT) it stops the KDC, stops accepting, finishes
 * the requests in progress, closes every connection (ending their sessions, each audited), then closes the host
 * (engine, audit log, store, in that order), and exits 0. Every change a client saw acknowledged was committed
 * before the acknowledgement.
 */
public final class Lsad implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("org.openlsa.daemon");

    private final LsaHost host;
    private final LsaDaemon daemon;
    private final KdcService kdc; // null: no KDC
    private final KcmServer kcm; // null: no KCM service
    private final CountDownLatch stopped = new CountDownLatch(1);

    private Lsad(LsaHost host, LsaDaemon daemon, KdcService kdc, KcmServer kcm) {
        this.host = host;
        this.daemon = daemon;
        this.kdc = kdc;
        this.kcm = kcm;
    }

    /**
     * Opens the state directory and starts serving without a KDC; fails if it holds no database or another daemon
     * serves it.
     */
    public static Lsad start(LsaDaemon.Options options) throws StateException, LsaException, IOException {
        return start(options, KdcConfig.defaults().withEnabled(false));
    }

    /**
     * Opens the state directory and starts serving, with the embedded KDC over the same store when {@code kdc} is
     * enabled ({@code lsa serve}). The socket comes first, so a second daemon on the directory is refused as such
     * rather than for the KDC's port.
     *
     * @throws StateException the directory is not initialized, or its store cannot be opened
     * @throws KdcBindException when the KDC cannot listen where {@code kdc} says; nothing is left running
     */
    public static Lsad start(LsaDaemon.Options options, KdcConfig kdc)
            throws StateException, LsaException, IOException {
        return start(options, kdc, KcmConfig.defaults(options.stateDirectory()).withEnabled(false));
    }

    /**
     * {@link #start(LsaDaemon.Options, KdcConfig)} with the KCM credential cache service as {@code kcm} says
     * ({@code lsa serve}): processes the engine starts then get {@code KRB5CCNAME=KCM:} and, unless the socket is
     * where MIT's clients look by default, a {@code KRB5_CONFIG} that names it (docs/kcm.md).
     */
    public static Lsad start(LsaDaemon.Options options, KdcConfig kdc, KcmConfig kcm)
            throws StateException, LsaException, IOException {
        StateLayout layout = StateLayout.of(options.stateDirectory());
        LsaHost.Options hostOptions = LsaHost.Options.defaults();
        if (kcm.enabled()) {
            hostOptions = hostOptions.withCredentialCacheEnvironment(KcmClientConfig.write(layout, kcm.socket()));
        }
        LsaHost host = LsaHost.open(layout, hostOptions);
        LsaDaemon daemon = null;
        KdcService kdcService = null;
        KcmServer kcmServer = null;
        try {
            daemon = LsaDaemon.start(host.engine(),
                    new IdMapService(layout.idmapConfig(), host.store(), UnixDirectory.system()), options);
            kdcService = kdc.enabled() ? startKdc(host, kdc) : null;
            kcmServer = kcm.enabled() ? startKcm(host, kcm) : null;
            DomainInfo d = host.store().domain();
            // DEBUG like the components' own start records: whoever started the daemon announces it once.
            LOG.log(Level.DEBUG, "OpenLSA {0}: realm {1} ({2}) on {3}; store {4}; socket {5}; KDC {6}; KCM {7}",
                    version(), d.name(), d.sid(), d.machineName(), layout.storeLocation(), daemon.socketPath(),
                    kdcService == null ? "off" : kdcService.endpoint(),
                    kcmServer == null ? "off" : kcmServer.socketPath());
            return new Lsad(host, daemon, kdcService, kcmServer);
        } catch (LsaException | IOException | RuntimeException e) {
            if (kcmServer != null) {
                kcmServer.close();
            }
            if (kdcService != null) {
                kdcService.close(); // before the store closes under it, as in close()
            }
            if (daemon != null) {
                daemon.close();
            }
            host.close();
            throw e;
        }
    }

    /** The network service of the host's own KDC: the Kerberos package and the network share one KDC. */
    private static KdcService startKdc(LsaHost host, KdcConfig config) throws LsaException, IOException {
        return KdcService.start(host.kdc(), host.layout().directory(), config);
    }

    /**
     * The KCM service over the engine's logon sessions: a SYSTEM connection of its own reads sessions' tickets
     * through the Kerberos package, and the SeTcbPrivilege of a peer comes from the token its uid maps to.
     */
    private static KcmServer startKcm(LsaHost host, KcmConfig config) throws LsaException {
        LsaEngine engine = host.engine();
        Optional<LogonSessionTickets> tickets = LogonSessionTickets.open(engine, "KCM");
        LogonSessionCaches sessions = tickets.<LogonSessionCaches>map(t -> new EngineSessionCaches(t,
                host.launchedSessions(), config.exposeTgtSessionKey())).orElse(LogonSessionCaches.NONE);
        KcmService service = new KcmService(sessions, KcmService.Limits.DEFAULT, new SecureRandom());
        KcmServer.TcbCheck tcb = (uid, gid) -> {
            try {
                return engine.tokenForUnixCaller(uid, gid).holdsPrivilege(Privilege.SE_TCB);
            } catch (LsaException e) {
                return false;
            }
        };
        try {
            return KcmServer.start(service, tcb, KcmServer.Options.defaults(config.socket()), Duration.ofSeconds(30),
                    () -> tickets.ifPresent(LogonSessionTickets::close));
        } catch (LsaException | RuntimeException e) {
            service.close();
            tickets.ifPresent(LogonSessionTickets::close);
            throw e;
        }
    }

    public LsaDaemon daemon() {
        return daemon;
    }

    /** The KCM credential cache service, when this daemon runs one. */
    public Optional<KcmServer> kcm() {
        return Optional.ofNullable(kcm);
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
        if (kcm != null) {
            kcm.close();
        }
        if (kdc != null) {
            kdc.close(); // first: a KDC request must not find the store closed under it
        }
        try {
            daemon.close();
        } catch (LsaException e) {
            LOG.log(Level.ERROR, "stopping the daemon: {0}", e.getMessage());
        } finally {
            host.close();
            stopped.countDown();
        }
    }

    private static String version() {
        return Lsad.class.getModule().getDescriptor() == null ? "0.1.0-SNAPSHOT"
                : Lsad.class.getModule().getDescriptor().rawVersion().orElse("0.1.0-SNAPSHOT");
    }

    /**
     * {@code java ... org.openlsa.daemon.Lsad STATE_DIR [SOCKET]}: what {@code lsa serve} runs (the KDC as
     * {@link StateLayout#kdcConfig()} says), for tests too. Prints {@code READY socket} once serving; a failure to
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
            lsad = start(options, KdcConfig.load(options.stateDirectory()), KcmConfig.load(options.stateDirectory()));
        } catch (LsaException e) {
            System.err.println("lsad: " + e.getMessage() + " (" + e.status() + ")");
            System.exit(e.status().equals(NtStatus.OBJECT_NAME_COLLISION) ? 6 : 1);
            return;
        } catch (StateException e) {
            System.err.println("lsad: " + e.getMessage());
            System.exit(1);
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
