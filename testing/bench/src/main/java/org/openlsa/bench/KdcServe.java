package org.openlsa.bench;

import java.net.InetAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import org.openlsa.kdc.Kdc;
import org.openlsa.kdc.KdcServer;
import org.openlsa.store.sqlite.SqliteAccountStore;

/**
 * The embedded KDC over an existing account database, alone in its own JVM, so the load benchmark measures it as
 * a separate process exactly like MIT's krb5kdc (no sharing of heap, GC or threads with the load generator).
 * Prints "port N" once listening; runs until killed.
 */
public final class KdcServe {
    private KdcServe() {}

    public static void main(String[] args) throws Exception {
        Path db = Path.of(args[0]);
        int workers = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
        SqliteAccountStore store = SqliteAccountStore.open(db);
        KdcServer.Options d = KdcServer.Options.defaults(InetAddress.getLoopbackAddress(), 0);
        KdcServer server = KdcServer.start(Kdc.create(store, Clock.systemUTC(), new SecureRandom()),
                d.withUdpWorkers(workers));
        System.out.println("port " + server.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
