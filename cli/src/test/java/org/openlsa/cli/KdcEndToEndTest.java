package org.openlsa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.openlsa.cli.InProcessCli.Run;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.security.auth.Subject;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded KDC as a user sets it up: {@code lsa kdc --port 0} in its own process on a fresh state directory,
 * {@code lsa krb5conf} for the clients, then MIT kinit (a TGT from a password), kvno (a service ticket for an SPN
 * added with {@code lsa spn add}), kvno -k (the ticket decrypts with the key {@code lsa keytab export} wrote, also
 * after {@code --rotate}), and the JDK's Krb5LoginModule on the same krb5.conf. SIGTERM stops the KDC with exit 0
 * and removes kdc.endpoint. MIT krb5-user must be installed: a missing tool fails the test.
 */
class KdcEndToEndTest {
    private static final String ALICE_PW = "Wonderland-Kdc-Pw1";
    private static final String SVC_PW = "Svc-Kdc-Pw1";
    private static final String SPN = "HTTP/web.kdc.test";
    private static final Pattern SERVING =
            Pattern.compile("kdc: serving KDC\\.TEST on (127\\.0\\.0\\.1:(\\d+)) \\(udp\\+tcp\\) \\(SIGTERM to stop\\)");

    @TempDir
    Path tmp;
    Path state;
    Process kdc;

    private Run lsa(String... args) {
        return InProcessCli.lsa(state, args);
    }

    private void ok(String... args) {
        Run r = lsa(args);
        assertEquals(0, r.exit(), String.join(" ", args) + ": " + r.err());
    }

    private Path passwordFile(String pw) throws IOException {
        Path f = Files.createTempFile(tmp, "pw", ".txt");
        Files.writeString(f, pw + "\n");
        return f;
    }

    @AfterEach
    void stopKdc() throws InterruptedException {
        if (kdc != null && kdc.isAlive()) {
            kdc.destroyForcibly();
            kdc.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void mitAndJdkClientsGetTicketsFromLsaKdc() throws Exception {
        state = tmp.resolve("state");
        ok("init", "--domain", "KDCTEST", "--realm", "KDC.TEST", "--machine", "KDCHOST", "--password-file",
                passwordFile("Adm1n-Passw0rd!").toString());
        ok("user", "add", "alice", "--password-file", passwordFile(ALICE_PW).toString());
        ok("user", "add", "websvc", "--password-file", passwordFile(SVC_PW).toString());
        ok("spn", "add", "websvc", SPN);

        String endpoint = startKdc();
        assertEquals(endpoint, Files.readString(state.resolve("kdc.endpoint")).strip());
        Run conf = lsa("krb5conf");
        assertEquals(0, conf.exit(), conf.err());
        assertTrue(conf.out().contains("        kdc = " + endpoint + "\n"), "the running KDC's port: " + conf.out());
        String kpasswd = Files.readString(state.resolve("kpasswd.endpoint")).strip();
        assertTrue(conf.out().contains("        kpasswd_server = " + kpasswd + "\n"), "the running kpasswd: " + conf.out());
        Path krb5conf = tmp.resolve("krb5.conf");
        Files.writeString(krb5conf, conf.out());

        Path cc = tmp.resolve("cc1");
        Tool kinit = mit(krb5conf, cc, ALICE_PW + "\n", "kinit", "alice");
        assertEquals(0, kinit.exit(), "kinit alice: " + kinit.output());
        Tool kvno = mit(krb5conf, cc, null, "kvno", SPN);
        assertEquals(0, kvno.exit(), "kvno: " + kvno.output());
        assertTrue(kvno.output().contains(SPN + "@KDC.TEST: kvno = 1"), kvno.output());
        Tool klist = mit(krb5conf, cc, null, "klist");
        assertTrue(klist.output().contains("Default principal: alice@KDC.TEST")
                && klist.output().contains("krbtgt/KDC.TEST@KDC.TEST") && klist.output().contains(SPN + "@KDC.TEST"),
                klist.output());

        // The exported key is the one the KDC encrypts the service ticket with.
        Path keytab = tmp.resolve("web.keytab");
        ok("keytab", "export", "--spn", SPN, keytab.toString());
        Tool verified = mit(krb5conf, cc, null, "kvno", "-k", keytab.toString(), SPN);
        assertEquals(0, verified.exit(), "kvno -k: " + verified.output());
        assertTrue(verified.output().contains("keytab entry valid"), verified.output());

        // After --rotate the running KDC issues tickets under the new kvno at once (a fresh cache: no cached ticket).
        ok("keytab", "export", "--rotate", "--spn", SPN, keytab.toString());
        Path cc2 = tmp.resolve("cc2");
        assertEquals(0, mit(krb5conf, cc2, ALICE_PW + "\n", "kinit", "alice").exit());
        Tool rotated = mit(krb5conf, cc2, null, "kvno", "-k", keytab.toString(), SPN);
        assertEquals(0, rotated.exit(), "kvno -k after rotation: " + rotated.output());
        assertTrue(rotated.output().contains("kvno = 2") && rotated.output().contains("keytab entry valid"),
                rotated.output());

        Tool wrong = mit(krb5conf, tmp.resolve("cc3"), "not-her-password\n", "kinit", "alice");
        assertTrue(wrong.exit() != 0 && wrong.output().contains("Password incorrect"), wrong.output());

        jdkLogin(krb5conf);
        assertAudited(krb5conf); // changes alice's password: after every logon with the old one

        kdc.destroy(); // SIGTERM
        assertTrue(kdc.waitFor(30, TimeUnit.SECONDS), "lsa kdc stops within 30 s of SIGTERM");
        assertEquals(0, kdc.exitValue(), "exit status after SIGTERM; stderr: " + Files.readString(tmp.resolve("kdc.err")));
        assertFalse(Files.exists(state.resolve("kdc.endpoint")), "kdc.endpoint goes away with the KDC");
    }

    /**
     * The running lsa kdc wrote the failed kinit to audit.jsonl as 4771; a lockout it causes is one 4740; MIT kpasswd
     * is 4723; and administration from the command line meanwhile (a second writer of the same file) stays whole lines.
     */
    private void assertAudited(Path krb5conf) throws Exception {
        JsonNode preauth = audit(4771).getFirst();
        assertEquals("preauthFailure", preauth.get("event").asText());
        assertEquals("STATUS_WRONG_PASSWORD", preauth.get("status").asText());
        assertEquals("alice", preauth.get("user").asText());
        assertEquals("kdc", preauth.get("source").asText());
        assertEquals("127.0.0.1", preauth.get("clientAddress").asText());

        // alice's password was set by an administrator today: the default minimum age (a day) would refuse a change.
        ok("policy", "set", "--min-password-age", "0");
        Tool kpasswd = mit(krb5conf, tmp.resolve("cc4"), ALICE_PW + "\nWonderland-Kdc-Pw2\nWonderland-Kdc-Pw2\n", "kpasswd",
                "alice");
        assertEquals(0, kpasswd.exit(), "MIT kpasswd: " + kpasswd.output());
        JsonNode changed = audit(4723).getFirst();
        assertEquals("success", changed.get("outcome").asText());
        assertEquals("kpasswd", changed.get("source").asText());

        ok("policy", "set", "--lockout-threshold", "2");
        for (int i = 0; i < 3; i++) {
            assertTrue(mit(krb5conf, tmp.resolve("cc5"), "wrong-again\n", "kinit", "alice").exit() != 0);
        }
        List<JsonNode> lockouts = audit(4740);
        assertEquals(1, lockouts.size(), "one lockout, by the attempt that locked: " + lockouts);
        assertEquals("lockout", lockouts.getFirst().get("event").asText());
        assertEquals("alice", lockouts.getFirst().get("user").asText());
        ok("user", "unlock", "alice");
        ok("policy", "set", "--lockout-threshold", "0");
        assertEquals(1, audit(4767).size(), "the unlock, appended while the KDC holds the log open");
        Run table = lsa("audit");
        assertTrue(table.out().contains("preauthFailure") && table.out().contains("lockout"), table.out());
    }

    private List<JsonNode> audit(int eventId) throws IOException {
        ObjectMapper m = new ObjectMapper();
        List<JsonNode> found = new ArrayList<>();
        for (String line : Files.readAllLines(state.resolve("audit.jsonl"))) {
            JsonNode n = m.readTree(line); // every line whole JSON: no torn or interleaved writes
            if (n.path("eventId").asInt() == eventId) {
                found.add(n);
            }
        }
        return found;
    }

    /** The JDK reads the same krb5.conf and logs alice on through the KDC (a TGT in the Subject). */
    private static void jdkLogin(Path krb5conf) throws Exception {
        String old = System.getProperty("java.security.krb5.conf");
        System.setProperty("java.security.krb5.conf", krb5conf.toString());
        try {
            Configuration jaas = new Configuration() {
                @Override
                public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                    Map<String, String> options = new HashMap<>();
                    options.put("refreshKrb5Config", "true"); // re-read krb5.conf now, whatever was loaded before
                    options.put("useTicketCache", "false");
                    options.put("storeKey", "false");
                    return new AppConfigurationEntry[] {new AppConfigurationEntry(
                            "com.sun.security.auth.module.Krb5LoginModule",
                            AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, options)};
                }
            };
            Subject subject = new Subject();
            LoginContext login = new LoginContext("openlsa", subject, callbacks -> {
                for (var c : callbacks) {
                    if (c instanceof NameCallback n) {
                        n.setName("alice");
                    } else if (c instanceof PasswordCallback p) {
                        p.setPassword(ALICE_PW.toCharArray());
                    }
                }
            }, jaas);
            login.login();
            // javax.security.auth.kerberos.KerberosTicket, by reflection: the test code is compiled as part of
            // module org.openlsa.cli, which does not read java.security.jgss.
            Object tgt = subject.getPrivateCredentials().stream()
                    .filter(c -> c.getClass().getName().equals("javax.security.auth.kerberos.KerberosTicket"))
                    .findFirst().orElseThrow(() -> new AssertionError("no ticket in " + subject));
            assertEquals("krbtgt/KDC.TEST@KDC.TEST", tgt.getClass().getMethod("getServer").invoke(tgt).toString());
            assertEquals("alice@KDC.TEST", tgt.getClass().getMethod("getClient").invoke(tgt).toString());
            login.logout();
        } finally {
            if (old == null) {
                System.clearProperty("java.security.krb5.conf");
            } else {
                System.setProperty("java.security.krb5.conf", old);
            }
        }
    }

    /** Starts {@code lsa kdc --port 0} as its own JVM and returns the endpoint its first line announces. */
    private String startKdc() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        kdc = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "--state", state.toString(), "kdc",
                "--port", "0").redirectError(tmp.resolve("kdc.err").toFile()).start();
        kdc.getOutputStream().close();
        BufferedReader out = new BufferedReader(new InputStreamReader(kdc.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        }, r -> Thread.ofVirtual().start(r));
        String first = line.get(60, TimeUnit.SECONDS);
        if (first == null) {
            throw new AssertionError("lsa kdc exited without serving: " + Files.readString(tmp.resolve("kdc.err")));
        }
        Matcher m = SERVING.matcher(first);
        assertTrue(m.matches(), "first line of lsa kdc: " + first);
        assertTrue(Integer.parseInt(m.group(2)) > 0);
        return m.group(1);
    }

    record Tool(int exit, String output) {}

    /** An MIT tool with its own krb5.conf and cache, C locale; stdin as given. Missing tools fail the test. */
    private static Tool mit(Path krb5conf, Path ccache, String stdin, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("KRB5_CONFIG", krb5conf.toString());
        pb.environment().put("KRB5CCNAME", "FILE:" + ccache);
        pb.environment().put("LC_ALL", "C");
        pb.environment().put("TZ", "UTC");
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new AssertionError("MIT " + command[0] + " is required for this test (install krb5-user): "
                    + e.getMessage(), e);
        }
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), command[0] + " finished");
        return new Tool(p.exitValue(), output);
    }
}
