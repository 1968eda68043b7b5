package org.openlsa.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.host.StateLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lsa audit}: the audit log (docs/audit.md), as a table or raw JSON lines; {@code --follow} waits for more. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Print the audit log; --follow keeps printing new events.")
final class AuditCommand extends Cmd implements Callable<Integer> {
    private static final com.fasterxml.jackson.core.JsonFactory JSON = new com.fasterxml.jackson.core.JsonFactory();

    @Option(names = {"-f", "--follow"}, description = "Wait for new events until interrupted.") boolean follow;
    @Option(names = "--json", description = "Print the JSON lines as they are.") boolean json;

    @Override
    public Integer call() throws Exception {
        StateLayout dir = state();
        Path log = dir.auditLog();
        if (!Files.notExists(log) && !Files.isReadable(log)) {
            throw refusal(log); // there (or not even visible) and not ours to read
        }
        dir.requireInitialized(); // a missing or uninitialized directory is a state problem (exit 6), not "no events"
        if (!Files.exists(log)) {
            if (!follow) {
                spec.commandLine().getErr().println("(no audit events yet: " + log + " does not exist)");
                return ExitCode.OK;
            }
            while (!Files.exists(log)) {
                Thread.sleep(500);
            }
        }
        try (BufferedReader in = open(log)) {
            while (true) {
                String line = in.readLine();
                if (line == null) {
                    if (!follow) {
                        return ExitCode.OK;
                    }
                    out().flush();
                    Thread.sleep(500); // the log is append-only: keep reading from where we are
                    continue;
                }
                out().println(json ? line : render(line)); // --json: the JSON line itself, control characters escaped by its writer
            }
        }
    }

    private static BufferedReader open(Path log) throws IOException, LsaException {
        try {
            return Files.newBufferedReader(log, StandardCharsets.UTF_8);
        } catch (AccessDeniedException e) {
            throw refusal(log);
        }
    }

    /**
     * Reading the audit trail is an administrator's right, as reading the Security event log needs SeSecurityPrivilege
     * on Windows. Here the file system enforces it: the log is owner-only, readable by the account that owns the state
     * directory (the one that runs its daemon) and by root, and refused to everyone else with PRIVILEGE_NOT_HELD
     * (exit 5), which is what OpenEventLog answers a caller without the privilege.
     */
    private static LsaException refusal(Path log) {
        return new LsaException(NtStatus.PRIVILEGE_NOT_HELD, "reading the audit log needs SeSecurityPrivilege: " + log
                + " is readable only by the owner of its state directory (who runs the daemon) and root");
    }

    /**
     * One event as a table row: time, event, outcome, status[/SubStatus], type, package (or, for an account event,
     * its source), user, logon id. Where someone acted for the account (a process record, CreateProcessWithLogon's
     * logon) the user reads "CONTOSO\alice via CONTOSO\bob", the caller's account as the LSA named it.
     */
    static String render(String jsonLine) {
        java.util.Map<String, String> f = new java.util.HashMap<>();
        try (com.fasterxml.jackson.core.JsonParser p = JSON.createParser(jsonLine)) {
            while (p.nextToken() != null) {
                if (p.currentToken() == com.fasterxml.jackson.core.JsonToken.VALUE_STRING
                        || p.currentToken() == com.fasterxml.jackson.core.JsonToken.VALUE_NUMBER_INT) {
                    // Every value, not only the names: whatever the log holds must not reach the terminal raw.
                    f.put(p.currentName(), Printable.of(p.getText()));
                }
            }
        } catch (java.io.IOException e) {
            return Printable.of(jsonLine); // not one of ours: show it, escaped
        }
        String status = f.getOrDefault("status", "?");
        String sub = f.getOrDefault("subStatus", "STATUS_SUCCESS");
        String row = String.format("%-32s %-14s %-8s %-52s %-12s %-9s %-24s %s", f.getOrDefault("time", "?"),
                f.getOrDefault("event", "?"), f.getOrDefault("outcome", "?"),
                sub.equals("STATUS_SUCCESS") ? status : status + "/" + sub, f.getOrDefault("logonType", ""),
                packageShort(f.getOrDefault("package", f.getOrDefault("source", ""))), // account events: who saw it
                f.getOrDefault("domain", "") + "\\" + f.getOrDefault("user", "")
                        + (f.containsKey("callerName") ? " via " + f.get("callerName") : ""),
                f.getOrDefault("logonId", ""));
        // Process records (4688/4689) say which process: its pid, program and, at exit, how it ended.
        if (f.containsKey("program")) {
            row += "  pid " + f.getOrDefault("pid", "?") + " " + f.get("program")
                    + (f.containsKey("exit") ? " (" + f.get("exit") + ")" : "");
        }
        return row;
    }

    private static String packageShort(String p) {
        return p.equals("MICROSOFT_AUTHENTICATION_PACKAGE_V1_0") ? "MSV1_0" : p;
    }
}
