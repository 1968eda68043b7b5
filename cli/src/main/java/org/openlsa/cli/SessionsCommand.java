package org.openlsa.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.openlsa.client.ClientConnection;
import org.openlsa.core.LsaException;
import org.openlsa.core.Luid;
import org.openlsa.core.NtStatus;
import org.openlsa.engine.LogonSessionData;
import org.openlsa.engine.LsaConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lsa sessions}: LsaEnumerateLogonSessions and LsaGetLogonSessionData through the daemon. The caller's own
 * sessions (its user's, and those it created with its own logon call, such as {@code lsa logon --hold}) show in
 * full; sessions it may not read (another user's, without SeTcbPrivilege or Administrators) by LUID only.
 */
@Command(name = "sessions", mixinStandardHelpOptions = true, description = "List the daemon's logon sessions.")
final class SessionsCommand extends Cmd implements Callable<Integer> {
    @Option(names = "--json") boolean json;
    @Option(names = "--socket", paramLabel = "PATH", description = "Daemon socket (default: <state>/lsad.sock).") Path socket;

    /** One session: its data, or the status that refused it (another user's session: ACCESS_DENIED). */
    record Row(Luid id, Optional<LogonSessionData> data, String denied) {}

    /**
     * LsaEnumerateLogonSessions, then LsaGetLogonSessionData for each: the caller's own sessions (and those it
     * created) in full, the others by LUID and refusal only. A session that ended in between is left out.
     */
    static List<Row> read(LsaConnection c) throws LsaException {
        List<Row> rows = new ArrayList<>();
        for (Luid id : c.enumerateLogonSessions()) {
            try {
                rows.add(new Row(id, Optional.of(c.getLogonSessionData(id)), ""));
            } catch (LsaException e) {
                if (!e.status().equals(NtStatus.NO_SUCH_LOGON_SESSION)) {
                    rows.add(new Row(id, Optional.empty(), e.status().symbolicName().orElse(e.status().hex())));
                }
            }
        }
        return rows;
    }

    @Override
    public Integer call() throws Exception {
        List<Row> rows;
        try (ClientConnection c = DaemonLink.connect(state(), socket)) {
            rows = read(c);
        }
        if (json) {
            try (JsonGenerator g = json()) {
                g.writeStartArray();
                for (Row r : rows) {
                    g.writeStartObject();
                    g.writeStringField("logonId", r.id().toString());
                    if (r.data().isPresent()) {
                        LogonSessionData d = r.data().get();
                        g.writeStringField("user", d.logonDomain() + "\\" + d.userName());
                        g.writeStringField("sid", d.sid().toString());
                        g.writeStringField("logonType", d.logonType().displayName());
                        g.writeStringField("package", d.authenticationPackage());
                        g.writeStringField("logonTime", d.logonTime().toString());
                        g.writeStringField("logonServer", d.logonServer());
                        g.writeNumberField("tokens", d.tokenCount());
                    } else {
                        g.writeStringField("error", r.denied());
                    }
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            out().println();
            return ExitCode.OK;
        }
        printTable(out(), rows);
        return ExitCode.OK;
    }

    static void printTable(PrintWriter out, List<Row> rows) {
        out.printf("%-12s %-32s %-12s %-40s %-6s %s%n", "Logon ID", "User", "Type", "Package", "Tokens", "Logon time");
        for (Row r : rows) {
            if (r.data().isEmpty()) {
                out.printf("%-12s (%s)%n", r.id(), r.denied());
                continue;
            }
            LogonSessionData d = r.data().get();
            out.printf("%-12s %-32s %-12s %-40s %-6d %s%n", r.id(), Printable.of(d.logonDomain()) + "\\"
                    + Printable.of(d.userName()), d.logonType().displayName(), Printable.of(d.authenticationPackage()),
                    d.tokenCount(), time(d.logonTime()));
        }
    }

    private static String time(Instant t) {
        return t.toString();
    }
}
