package org.openlsa.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.openlsa.client.ClientConnection;
import org.openlsa.core.AccessToken;
import org.openlsa.host.StateLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lsa whoami}: the caller's own token, as the daemon derived it from the socket's peer credentials. */
@Command(name = "whoami", mixinStandardHelpOptions = true,
        description = "Print who the daemon says you are (your uid's token); --all for groups and privileges.")
final class WhoamiCommand extends Cmd implements Callable<Integer> {
    @Option(names = "--all", description = "The whole token, like whoami /all.") boolean all;
    @Option(names = "--json", description = "The token in the JSON shape of 'lsa logon --json'.") boolean json;
    @Option(names = "--socket", paramLabel = "PATH", description = "Daemon socket (default: <state>/lsad.sock).") Path socket;

    @Override
    public Integer call() throws Exception {
        StateLayout dir = state();
        AccessToken t;
        SidNames names;
        try (ClientConnection c = DaemonLink.connect(dir, socket)) {
            t = c.whoami();
            names = SidNames.forToken(c, t); // the daemon's LsaLookupSids: this user need not read sam.db
        }
        TokenReport report = new TokenReport(names);
        if (json) {
            try (JsonGenerator g = json()) {
                g.writeStartObject();
                report.writeToken(g, t);
                g.writeEndObject();
            }
            out().println();
        } else if (all) {
            report.printText(out(), t, Optional.empty(), Optional.empty());
        } else {
            out().printf("%s (%s)%n", Printable.of(names.lookup(t.user().sid()).name()), t.user().sid());
        }
        return ExitCode.OK;
    }
}
