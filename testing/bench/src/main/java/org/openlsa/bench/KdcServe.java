package org.openlsa.bench;

import java.net.InetAddress;
import java.nio.file.Path;
import org.openlsa.host.LsaHost;
import org.openlsa.host.StateLayout;
import org.openlsa.kdc.KdcServer;

/**
 * The embedded KDC of an existing state directory (its {@link LsaHost}'s KDC, as {@code lsa serve} serves it),
 * alone in its own JVM, so the load benchmark measures it as a separate process exactly like MIT's krb5kdc (no
 * sharing of heap, GC or threads with the load generator). Prints "port N" once listening; runs until killed.
 */
public final class KdcServe {
    private KdcServe() {}

    /** {@code STATE_DIR [UDP_WORKERS]}. */
    public static void main(String[] args) throws Exception {
        StateLayout layout = StateLayout.of(Path.of(args[0]));
        int workers = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
        LsaHost host = LsaHost.open(layout, LsaHost.Options.defaults().withAudit(false));
        KdcServer.Options d = KdcServer.Options.defaults(InetAddress.getLoopbackAddress(), 0);
        KdcServer server = KdcServer.start(host.kdc(), d.withUdpWorkers(workers));
        System.out.println("port " + server.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
