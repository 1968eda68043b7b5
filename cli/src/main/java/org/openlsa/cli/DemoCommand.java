package org.openlsa.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.openlsa.core.AccessToken;
import org.openlsa.core.LsaException;
import org.openlsa.core.Luid;
import org.openlsa.core.SecurityLogonType;
import org.openlsa.core.Sid;
import org.openlsa.crypto.NtOwf;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.engine.LogonRequest;
import org.openlsa.engine.LogonResult;
import org.openlsa.host.AccountStores;
import org.openlsa.host.StateLayout;
import org.openlsa.msv1_0.Msv1_0InteractiveLogonCodec;
import org.openlsa.msv1_0.Msv1_0InteractiveProfileCodec;
import org.openlsa.sam.AccountStore;
import org.openlsa.sam.DomainProvisioning;
import org.openlsa.sam.Passwords;
import org.openlsa.sam.UserAccount;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lsa demo}: the embedded default end to end. Creates a realm in a state directory (a temporary one unless
 * --state is given), adds a user, starts the daemon, logs the user on through its socket, prints the token and the
 * session list, shows what a wrong password gets, stops the daemon cleanly and prints the audit log.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Create a local realm in a temporary state directory, start the daemon, log a user on through it,",
            "print the token and the session list, and stop cleanly (a first look at OpenLSA)."})
final class DemoCommand extends Cmd implements Callable<Integer> {
    @Option(names = "--keep", description = "Keep the temporary state directory.") boolean keep;

    @Override
    public Integer call() throws Exception {
        Main main = (Main) spec.root().userObject();
        boolean temporary = main.state == null && System.getenv("OPENLSA_STATE") == null;
        StateLayout dir = temporary ? StateLayout.of(Files.createTempDirectory("openlsa-demo-")) : state();
        PrintWriter out = out();
        try {
            SecureRandom random = new SecureRandom();
            // Random passwords born as secrets, never a String (docs/architecture.md, secrets).
            SecretBytes adminPw = randomPassword(random);
            SecretBytes alicePw = randomPassword(random);
            out.println("== 1. lsa init: a new account domain in " + dir.directory());
            dir.createForInit();
            try (AccountStore store = AccountStores.installed().create(dir);
                 SecretBytes adminHash = NtOwf.ntOwfV1(adminPw)) {
                Sid sid = DomainProvisioning.randomDomainSid(random);
                var d = DomainProvisioning.provision(store, "DEMO", "DEMOHOST", sid, adminHash, Instant.now());
                out.printf("   domain DEMO, SID %s; Administrator and Guest (disabled) created (random passwords, not shown)%n", d.sid());
                out.println("== 2. lsa user add alice");
                long rid = store.transact(s -> {
                    long r = s.allocateRid();
                    s.createUser(UserAccount.newAccount(d.sid(), r, "alice").fullName("Alice Example").build(), Optional.empty());
                    Passwords.set(s, r, alicePw, Instant.now(), false);
                    return r;
                });
                out.printf("   DEMO\\alice is %s%n", d.sid().append(rid));
            }
            out.println("== 3. lsa serve: the daemon on " + dir.socket());
            try (org.openlsa.daemon.Lsad lsad = org.openlsa.daemon.Lsad.start(
                    org.openlsa.daemon.LsaDaemon.Options.defaults(dir.directory()));
                 org.openlsa.client.LsaClient client = org.openlsa.client.LsaClient.of(lsad.daemon().socketPath())) {
                org.openlsa.engine.LsaConnection c;
                try {
                    c = client.registerLogonProcess(null, "lsa demo");
                } catch (LsaException e) {
                    c = client.connectUntrusted(null); // not root: an untrusted caller may still log users on
                }
                out.println("== 4. lsa logon --user alice: LsaLogonUser through MSV1_0, over the daemon's socket ("
                        + (c.isTrusted() ? "trusted" : "untrusted") + " connection)");
                LogonResult r;
                try (LogonRequest request = request(c, "alice", alicePw)) {
                    r = c.logonUser(request);
                }
                AccessToken t = c.queryToken(r.token());
                new TokenReport(SidNames.forToken(c, t)).printText(out, t, r.quotas(),
                        Optional.of(Msv1_0InteractiveProfileCodec.decode(r.profileBuffer().bytes())));
                c.freeReturnBuffer(r.profileBuffer());
                out.println();
                out.println("== 5. lsa sessions: the daemon's logon sessions (yours in full; without SeTcbPrivilege, the"
                        + " others by LUID only)");
                SessionsCommand.printTable(out, SessionsCommand.read(c));
                out.println();
                out.println("== 6. the same logon with a wrong password");
                // A made-up wrong password: a constant of this demo, not a secret of anyone's.
                try (SecretBytes wrong = SecretBytes.adoptChars("not-the-password".toCharArray());
                     LogonRequest request = request(c, "alice", wrong)) {
                    c.logonUser(request);
                    out.println("   unexpectedly succeeded");
                    return ExitCode.ERROR;
                } catch (LsaException e) {
                    out.println("   refused: " + Main.describe(e));
                }
                c.closeHandle(r.token());
                c.close();
                out.println("== 7. stopping the daemon (as SIGTERM does): sessions end, audit flushed, store closed");
            }
            out.println();
            out.println("== 8. lsa audit (" + dir.auditLog() + ")");
            try (Stream<String> lines = Files.lines(dir.auditLog())) {
                lines.forEach(l -> out.println("   " + AuditCommand.render(l)));
            }
            adminPw.close();
            alicePw.close();
            out.println();
            out.println("Next: 'bin/lsa --help', or keep a realm with 'bin/lsa init --state DIR' (see README.md).");
            return ExitCode.OK;
        } finally {
            if (temporary && !keep) {
                deleteTree(dir.directory());
            } else if (temporary) {
                out.println("State directory kept: " + dir.directory());
            }
        }
    }

    /** The caller closes the request (it holds a copy of the password). */
    private static LogonRequest request(org.openlsa.engine.LsaConnection c, String user, SecretBytes password)
            throws LsaException {
        return LogonCommand.passwordLogon(c, "lsa demo", SecurityLogonType.INTERACTIVE, "DEMO", user, password,
                Optional.empty());
    }

    /** "Aa1!" and 24 random hex digits (meets the default complexity rule), built as characters, never a String. */
    private static SecretBytes randomPassword(SecureRandom random) {
        try (SecretBytes b = SecretBytes.allocate(12)) {
            return b.read(bytes -> {
                random.nextBytes(bytes);
                char[] pw = new char[4 + 2 * bytes.length];
                "Aa1!".getChars(0, 4, pw, 0);
                for (int i = 0; i < bytes.length; i++) {
                    pw[4 + 2 * i] = Character.forDigit((bytes[i] >> 4) & 0xF, 16);
                    pw[5 + 2 * i] = Character.forDigit(bytes[i] & 0xF, 16);
                }
                return SecretBytes.adoptChars(pw);
            });
        }
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
