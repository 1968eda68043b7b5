package org.openlsa.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openlsa.client.LsaClient;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.engine.LsaConnection;
import org.openlsa.store.sqlite.SqliteAccountStore;

/**
 * Where {@code lsa logon} logs on: through the daemon when one serves the state directory (the session then lives in
 * the daemon, visible to {@code lsa sessions}), else in this process, which the command says (the session then ends
 * with the command). Through the daemon the connection is trusted when the caller may register a logon process
 * (SeTcbPrivilege, root), untrusted otherwise.
 */
final class LogonTarget implements AutoCloseable {
    final LsaConnection connection;
    final boolean viaDaemon;
    private final AutoCloseable owner;
    private final SqliteAccountStore namesStore; // null when the caller cannot read the database

    private LogonTarget(LsaConnection connection, boolean viaDaemon, AutoCloseable owner, SqliteAccountStore namesStore) {
        this.connection = connection;
        this.viaDaemon = viaDaemon;
        this.owner = owner;
        this.namesStore = namesStore;
    }

    static LogonTarget open(StateDirectory dir, Path socketOverride, PrintWriter err) throws Exception {
        Path socket = DaemonLink.socket(dir, socketOverride);
        if (Files.exists(socket)) {
            LsaClient client = LsaClient.of(socket);
            LsaConnection c;
            try {
                c = client.registerLogonProcess(null, "lsa logon");
            } catch (LsaException e) {
                if (!e.status().equals(NtStatus.PRIVILEGE_NOT_HELD)) {
                    client.close();
                    throw e;
                }
                c = client.connectUntrusted(null);
            }
            SqliteAccountStore names;
            try {
                names = dir.openStore();
            } catch (Exception notReadable) {
                names = null; // not the database's owner: show well-known names, SIDs for the rest
            }
            return new LogonTarget(c, true, client, names);
        }
        err.println("lsa: no daemon serves " + dir.path() + "; logging on in this process (the session ends with the"
                + " command; run 'lsa serve' to keep sessions)");
        Realm realm = Realm.open(dir);
        return new LogonTarget(realm.connection, false, realm, realm.store);
    }

    /** Names for display: from the account database when this user can read it, else well-known ones only. */
    SidNames names() {
        if (namesStore == null) {
            return SidNames.wellKnownOnly();
        }
        try {
            return new SidNames(namesStore);
        } catch (LsaException e) {
            return SidNames.wellKnownOnly();
        }
    }

    @Override
    public void close() throws Exception {
        owner.close();
        if (viaDaemon && namesStore != null) {
            namesStore.close();
        }
    }
}
