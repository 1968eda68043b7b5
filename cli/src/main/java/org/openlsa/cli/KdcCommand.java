package org.openlsa.cli;

import java.util.concurrent.Callable;
import org.openlsa.daemon.KdcConfig;
import org.openlsa.daemon.KdcService;
import org.openlsa.host.LsaHost;
import org.openlsa.host.StateLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lsa kdc}: only the embedded KDC over the state directory, without the daemon's socket; for tests and
 * benchmarks, and beside a {@code lsa serve --no-kdc}.
 */
@Command(name = "kdc", mixinStandardHelpOptions = true,
        description = {"Run only the embedded KDC (no daemon socket) until SIGTERM or SIGINT.",
            "Listens on UDP and TCP where <state>/kdc.properties says (default",
            "127.0.0.1:88) or as the options say; writes the bound host:port to",
            "<state>/kdc.endpoint while it runs. 'enabled = false' only concerns lsa serve."})
final class KdcCommand extends Cmd implements Callable<Integer> {
    @Option(names = "--address", paramLabel = "ADDRESS",
            description = "Listening address (default: kdc.properties, else 127.0.0.1; 0.0.0.0 for every interface).")
    String address;

    @Option(names = "--port", paramLabel = "PORT",
            description = "Port, UDP and TCP (default: kdc.properties, else 88; 0 picks a free one).")
    Integer port;

    @Override
    public Integer call() throws Exception {
        StateLayout dir = state().requireInitialized();
        dir.requireSafe(); // as for lsa serve: the KDC's keys come from sam.db
        KdcConfig config = configure(dir, address, port).withEnabled(true);
        // The state directory's LSA without packages: its KDC (reporting to the audit log, as under lsa serve) alone.
        try (LsaHost host = LsaHost.open(dir, LsaHost.Options.defaults().withPackages());
             KdcService kdc = KdcService.start(host.kdc(), dir.directory(), config)) {
            kdc.stopOnTerminationSignals();
            out().println(servingLine(kdc) + " (SIGTERM to stop)");
            out().flush();
            kdc.awaitStop();
        }
        out().println("kdc: stopped");
        return ExitCode.OK;
    }

    /** The state directory's kdc.properties with the command line's address and port over it. */
    static KdcConfig configure(StateLayout dir, String address, Integer port) throws java.io.IOException {
        KdcConfig c = KdcConfig.load(dir.directory());
        if (address != null) {
            c = c.withAddress(KdcConfig.parseAddress(address));
        }
        if (port != null) {
            c = c.withPort(port);
        }
        return c;
    }

    static String servingLine(KdcService kdc) {
        return "kdc: serving " + kdc.realm() + " on " + kdc.endpoint() + " (udp+tcp)";
    }
}
