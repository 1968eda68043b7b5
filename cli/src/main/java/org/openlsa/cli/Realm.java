package org.openlsa.cli;

import java.io.IOException;
import org.openlsa.core.LsaException;
import org.openlsa.engine.LsaConnection;
import org.openlsa.host.LsaHost;
import org.openlsa.host.StateException;
import org.openlsa.host.StateLayout;

/**
 * The LSA of a state directory, opened in this process ({@link LsaHost}: the store, the audit log, the realm's KDC
 * and the engine with MSV1_0 and Kerberos). The CLI acts as the machine itself (LocalSystem), registered as the
 * logon process "OpenLSA CLI".
 */
final class Realm implements AutoCloseable {
    final LsaHost host;
    final LsaConnection connection;

    private Realm(LsaHost host, LsaConnection connection) {
        this.host = host;
        this.connection = connection;
    }

    static Realm open(StateLayout dir) throws StateException, LsaException, IOException {
        LsaHost host = LsaHost.open(dir);
        try {
            return new Realm(host, host.engine().registerLogonProcess(host.engine().systemToken(), "OpenLSA CLI"));
        } catch (LsaException | RuntimeException e) {
            host.close();
            throw e;
        }
    }

    @Override
    public void close() {
        connection.close();
        host.close();
    }
}
