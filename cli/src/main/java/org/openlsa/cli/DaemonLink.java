package org.openlsa.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.openlsa.client.ClientConnection;
import org.openlsa.client.LsaClient;
import org.openlsa.core.LsaException;
import org.openlsa.host.StateException;
import org.openlsa.host.StateLayout;

/** Reaching the daemon of a state directory from the CLI: its socket path, and an untrusted connection to it. */
final class DaemonLink {
    private DaemonLink() {}

    static Path socket(StateLayout dir, Path override) {
        return override != null ? override.toAbsolutePath() : dir.socket();
    }

    /** An untrusted connection; StateException with a hint when no daemon runs for the directory. */
    static ClientConnection connect(StateLayout dir, Path override) throws StateException, LsaException {
        Path socket = socket(dir, override);
        if (!Files.exists(socket)) {
            throw new StateException("no daemon runs for " + dir.directory() + " (no socket " + socket
                    + "): start one with 'lsa serve --state " + dir.directory() + "'");
        }
        return LsaClient.of(socket).connect();
    }
}
