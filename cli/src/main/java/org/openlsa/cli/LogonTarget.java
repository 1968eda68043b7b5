package org.openlsa.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openlsa.client.LsaClient;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.engine.LsaConnection;
import org.openlsa.host.StateLayout;

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

    private LogonTarget(LsaConnection connection, boolean viaDaemon, AutoCloseable owner) {
        this.connection = connection;
        this.viaDaemon = viaDaemon;
        this.owner = owner;
    }

    static LogonTarget open(StateLayout dir, Path socketOverride, PrintWriter err) throws Exception {
        return open(dir, socketOverride, err, "lsa logon", "logging on in this process (the session ends with the"
                + " command; run 'lsa serve' to keep sessions)");
    }

    /**
     * As above for another command: {@code logonProcessName} names it to the daemon (a trusted caller's logon process
     * in the audit), {@code inProcessNote} tells the user what happens without a daemon.
     */
    static LogonTarget open(StateLayout dir, Path socketOverride, PrintWriter err, String logonProcessName,
                            String inProcessNote) throws Exception {
        Path socket = DaemonLink.socket(dir, socketOverride);
        if (Files.exists(socket)) {
            LsaClient client = LsaClient.of(socket);
            LsaConnection c;
            try {
                c = client.registerLogonProcess(null, logonProcessName);
            } catch (LsaException e) {
                if (!e.status().equals(NtStatus.PRIVILEGE_NOT_HELD)) {
                    client.close();
                    throw e;
                }
                c = client.connectUntrusted(null);
            }
            return new LogonTarget(c, true, client);
        }
        err.println("lsa: no daemon serves " + dir.directory() + "; " + inProcessNote);
        Realm realm = Realm.open(dir);
        return new LogonTarget(realm.connection, false, realm);
    }

    /**
     * Names for displaying a token, from the LSA that made it (LsaLookupSids on this connection): through the daemon
     * the caller never opens the account database, which an ordinary user cannot read.
     */
    SidNames names(org.openlsa.core.AccessToken token) throws LsaException {
        return SidNames.forToken(connection, token);
    }

    @Override
    public void close() throws Exception {
        owner.close();
    }
}
