package org.openlsa.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.openlsa.core.AccessToken;
import org.openlsa.core.GroupAttributes;
import org.openlsa.core.LsaException;
import org.openlsa.core.Luid;
import org.openlsa.core.SecurityLogonType;
import org.openlsa.core.Sid;
import org.openlsa.core.SidAndAttributes;
import org.openlsa.core.TokenSource;
import org.openlsa.core.WellKnownSids;
import org.openlsa.crypto.NtOwf;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.engine.LogonRequest;
import org.openlsa.engine.LogonResult;
import org.openlsa.msv1_0.Msv1_0InteractiveLogon;
import org.openlsa.msv1_0.Msv1_0InteractiveLogonCodec;
import org.openlsa.msv1_0.Msv1_0InteractiveProfileCodec;
import org.openlsa.sam.DomainProvisioning;
import org.openlsa.sam.Passwords;
import org.openlsa.sam.UserAccount;
import org.openlsa.store.sqlite.SqliteAccountStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lsa demo}: the embedded default end to end. Creates a realm in a state directory (a temporary one unless
 * --state is given), adds a user, logs it on and prints the token, then shows what a wrong password gets.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Create a local realm, add a user, log it on and print its token (a first look at OpenLSA).")
final class DemoCommand extends Cmd implements Callable<Integer> {
    @Option(names = "--keep", description = "Keep the temporary state directory.") boolean keep;

    @Override
    public Integer call() throws Exception {
        Main main = (Main) spec.root().userObject();
        boolean temporary = main.state == null && System.getenv("OPENLSA_STATE") == null;
        StateDirectory dir = temporary ? new StateDirectory(Files.createTempDirectory("openlsa-demo-")) : state();
        PrintWriter out = out();
        try {
            SecureRandom random = new SecureRandom();
            char[] adminPw = randomPassword(random);
            char[] alicePw = randomPassword(random);
            out.println("== 1. lsa init: a new account domain in " + dir.path());
            dir.createForInit();
            try (SqliteAccountStore store = SqliteAccountStore.open(dir.database());
                 SecretBytes adminHash = NtOwf.ntOwfV1(adminPw)) {
                Sid sid = DomainProvisioning.randomDomainSid(random);
                var d = DomainProvisioning.provision(store, "DEMO", "DEMOHOST", sid, adminHash, Instant.now());
                out.printf("   domain DEMO, SID %s; Administrator and Guest (disabled) created (random passwords, not shown)%n", d.sid());
                out.println("== 2. lsa user add alice");
                long rid = store.transact(s -> {
                    long r = s.allocateRid();
                    s.createUser(UserAccount.newAccount(d.sid(), r, "alice").fullName("Alice Example").build(), Optional.empty());
                    try (SecretBytes pw = NtOwf.utf16le(alicePw)) {
                        Passwords.set(s, r, pw, Instant.now(), false);
                    }
                    return r;
                });
                out.printf("   DEMO\\alice is %s%n", d.sid().append(rid));
            }
            try (Realm realm = Realm.open(dir)) {
                out.println("== 3. lsa logon --user alice --type interactive   (LsaLogonUser through MSV1_0)");
                LogonResult r = realm.connection.logonUser(request(realm, "alice", alicePw));
                AccessToken t = realm.connection.queryToken(r.token());
                new TokenReport(new SidNames(realm.store)).printText(out, t, r.quotas(),
                        Optional.of(Msv1_0InteractiveProfileCodec.decode(r.profileBuffer().bytes())));
                realm.connection.freeReturnBuffer(r.profileBuffer());
                out.println();
                out.println("== 4. the same logon with a wrong password");
                try {
                    realm.connection.logonUser(request(realm, "alice", "not-the-password".toCharArray()));
                    out.println("   unexpectedly succeeded");
                    return ExitCode.ERROR;
                } catch (LsaException e) {
                    out.println("   refused: " + Main.describe(e));
                }
                realm.connection.closeHandle(r.token());
            }
            out.println();
            out.println("== 5. the audit log (" + dir.auditLog() + ")");
            try (Stream<String> lines = Files.lines(dir.auditLog())) {
                lines.forEach(l -> out.println("   " + l));
            }
            java.util.Arrays.fill(adminPw, '\0');
            java.util.Arrays.fill(alicePw, '\0');
            out.println();
            out.println("Next: 'bin/lsa --help', or keep a realm with 'bin/lsa init --state DIR' (see README.md).");
            return ExitCode.OK;
        } finally {
            if (temporary && !keep) {
                deleteTree(dir.path());
            } else if (temporary) {
                out.println("State directory kept: " + dir.path());
            }
        }
    }

    private static LogonRequest request(Realm realm, String user, char[] password) throws LsaException {
        byte[] buffer;
        try (SecretBytes pw = NtOwf.utf16le(password)) {
            buffer = Msv1_0InteractiveLogonCodec.encode(new Msv1_0InteractiveLogon("DEMO", user, pw, Optional.empty()));
        }
        LogonRequest request = new LogonRequest("lsa demo", SecurityLogonType.INTERACTIVE,
                realm.connection.lookupAuthenticationPackage("MSV1_0"), buffer,
                Optional.of(List.of(new SidAndAttributes(WellKnownSids.LOCAL, GroupAttributes.DEFAULT))),
                new TokenSource("User32", Luid.ZERO));
        java.util.Arrays.fill(buffer, (byte) 0);
        return request;
    }

    private static char[] randomPassword(SecureRandom random) {
        byte[] b = new byte[12];
        random.nextBytes(b);
        char[] pw = ("Aa1!" + HexFormat.of().formatHex(b)).toCharArray();
        java.util.Arrays.fill(b, (byte) 0);
        return pw;
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
