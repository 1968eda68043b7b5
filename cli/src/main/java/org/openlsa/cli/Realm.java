package org.openlsa.cli;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import org.openlsa.core.LsaException;
import org.openlsa.engine.JsonLinesAuditLog;
import org.openlsa.engine.LsaConnection;
import org.openlsa.engine.LsaEngine;
import org.openlsa.kdc.Kdc;
import org.openlsa.kerberos.KerberosConfig;
import org.openlsa.kerberos.KerberosPackage;
import org.openlsa.msv1_0.Msv1_0Package;
import org.openlsa.msv1_0.SubAuthConfiguration;
import org.openlsa.store.sqlite.SqliteAccountStore;

/**
 * The LSA of a state directory, opened in this process: the store, the audit log, the realm's KDC and the engine with
 * MSV1_0 and Kerberos. The CLI acts as the machine itself (LocalSystem), registered as the logon process "OpenLSA CLI".
 */
final class Realm implements AutoCloseable {
    final SqliteAccountStore store;
    final JsonLinesAuditLog audit;
    final LsaEngine engine;
    final LsaConnection connection;

    private Realm(SqliteAccountStore store, JsonLinesAuditLog audit, LsaEngine engine, LsaConnection connection) {
        this.store = store;
        this.audit = audit;
        this.engine = engine;
        this.connection = connection;
    }

    static Realm open(StateDirectory dir) throws StateException, LsaException, IOException {
        SqliteAccountStore store = dir.openStore();
        JsonLinesAuditLog audit = null;
        try {
            audit = dir.openAuditLog();
            // The realm's KDC in this process, for the Kerberos package (lsa logon, lsa kpasswd in process).
            Kdc kdc = Kdc.create(store, Clock.systemUTC(), new SecureRandom(), audit);
            LsaEngine engine = LsaEngine.builder(store)
                    .addPackage(new Msv1_0Package(SubAuthConfiguration.load(dir.path())))
                    .addPackage(new KerberosPackage(KerberosConfig.load(dir.path()), kdc)).audit(audit).build();
            LsaConnection c = engine.registerLogonProcess(engine.systemToken(), "OpenLSA CLI");
            return new Realm(store, audit, engine, c);
        } catch (LsaException | IOException | RuntimeException e) {
            if (audit != null) {
                audit.close();
            }
            store.close();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        connection.close();
        engine.close();
        audit.close();
        store.close();
    }
}
