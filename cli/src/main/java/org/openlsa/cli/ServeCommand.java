package org.openlsa.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.openlsa.daemon.DaemonLog;
import org.openlsa.daemon.KcmConfig;
import org.openlsa.daemon.KdcConfig;
import org.openlsa.daemon.LsaDaemon;
import org.openlsa.daemon.Lsad;
import org.openlsa.host.AccountStores;
import org.openlsa.host.StateLayout;
import org.openlsa.sam.AccountStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lsa serve}: run the daemon, and the embedded KDC, for the state directory until SIGTERM / SIGINT. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run the LSA daemon (and the embedded KDC) for the state directory.",
            "The socket (default <state>/lsad.sock) is open to every local user, whose uid",
            "decides its rights. Beside it the realm's KDC listens on UDP and TCP (default",
            "127.0.0.1:88; <state>/kdc.properties and the options below change that), and",
            "the KCM credential cache service (default <state>/kcm.sock; kcm.properties),",
            "through which the processes it starts use their logon session's tickets.",
            "Stops cleanly on SIGTERM or SIGINT (exit 0)."})
final class ServeCommand extends Cmd implements Callable<Integer> {
    @Option(names = "--socket", paramLabel = "PATH", description = "Socket path (default: <state>/lsad.sock).")
    Path socket;

    @Option(names = "--kdc-address", paramLabel = "ADDRESS",
            description = "KDC listening address (default: kdc.properties, else 127.0.0.1; 0.0.0.0 for every interface).")
    String kdcAddress;

    @Option(names = "--kdc-port", paramLabel = "PORT",
            description = "KDC port, UDP and TCP (default: kdc.properties, else 88; 0 picks a free one).")
    Integer kdcPort;

    @Option(names = "--no-kdc", description = "Run no KDC, whatever kdc.properties says.")
    boolean noKdc;

    @Option(names = "--no-kcm", description = "Run no KCM credential cache service, whatever kcm.properties says.")
    boolean noKcm;

    @Option(names = "--log-level", paramLabel = "LEVEL", description = "off, error, warning, info (default), debug "
            + "or trace: what the daemon logs on stderr, one line per record (default: $" + DaemonLog.LEVEL_VARIABLE
            + ", else info).")
    String logLevel;

    @Override
    public Integer call() throws Exception {
        if (logLevel != null) {
            DaemonLog.install(DaemonLog.parseLevel(logLevel));
        }
        StateLayout dir = state().requireInitialized();
        dir.requireOwnedBy(StateLayout.processUid());
        dir.requireSafe(); // nobody else may have swapped sam.db (or anything else) before we serve it
        if (noKdc && (kdcAddress != null || kdcPort != null)) {
            throw new IllegalArgumentException("--no-kdc contradicts --kdc-address/--kdc-port");
        }
        try (AccountStore probe = AccountStores.installed().open(dir)) {
            // Opened once here so a damaged or foreign database is a state problem (exit 6) like for every command.
        }
        KdcConfig kdc = KdcCommand.configure(dir, kdcAddress, kdcPort);
        if (noKdc) {
            kdc = kdc.withEnabled(false);
        }
        LsaDaemon.Options defaults = LsaDaemon.Options.defaults(dir.directory());
        LsaDaemon.Options options = socket == null ? defaults : new LsaDaemon.Options(dir.directory(),
                socket.toAbsolutePath(), defaults.maxFrameBytes(), defaults.handshakeTimeout(), defaults.shutdownGrace());
        KcmConfig kcm = KcmConfig.load(dir.directory());
        if (noKcm) {
            kcm = kcm.withEnabled(false);
        }
        try (Lsad lsad = Lsad.start(options, kdc, kcm)) {
            lsad.stopOnTerminationSignals(); // before the announcement: whoever reads it may signal at once
            out().println("lsad: serving " + dir.directory() + " on " + lsad.daemon().socketPath() + " (SIGTERM to stop)");
            lsad.kdc().ifPresentOrElse(k -> out().println(KdcCommand.servingLine(k) + ", kpasswd on "
                            + k.kpasswdEndpoint()),
                    () -> out().println("kdc: off"));
            lsad.kcm().ifPresentOrElse(k -> out().println("kcm: serving on " + k.socketPath()),
                    () -> out().println("kcm: off"));
            out().flush();
            lsad.awaitStop();
        }
        out().println("lsad: stopped");
        return ExitCode.OK;
    }
}
