package org.openlsa.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openlsa.client.LsaClient;
import org.openlsa.core.SecurityLogonType;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.daemon.KcmConfig;
import org.openlsa.daemon.KdcConfig;
import org.openlsa.daemon.LsaDaemon;
import org.openlsa.daemon.Lsad;
import org.openlsa.engine.LsaConnection;
import org.openlsa.engine.UserProcess;
import org.openlsa.launch.ExitStatus;
import org.openlsa.launch.ProcessSpec;
import org.openlsa.peers.LdapGssapiServer;
import org.openlsa.peers.SpnegoHttpServer;

/**
 * The daemon as the KCM credential cache service of the processes it starts (docs/kcm.md), proven with MIT's own
 * client: a program started for alice's Kerberos logon (CreateProcessWithLogon through the daemon, as {@code lsa
 * runas} does) finds its logon session's tickets through {@code KRB5CCNAME=KCM:} with no ticket file anywhere;
 * {@code klist} lists them, {@code kvno}, {@code curl --negotiate} against an MIT-gssapi HTTP server and
 * {@code ldapwhoami -Y GSSAPI} against OpenLDAP's slapd act as alice.
 * Another OS user cannot name the session's cache (it reads as not found); once the program ends, it is gone.
 */
class KcmInteropTest {
    private static final String ALICE_PW = "Wonder-L4nd-Kcm9";
    private static final String WEB = "www.kcm.test";
    private static final String LDAP = "ldap.kcm.test";

    private static CliStateDirectory dir;
    private static Path base;
    private static Path state;
    private static Path clientConf;
    private static Path keytab;
    private static Path ldapKeytab;
    private static String realm;
    private static final List<String> osUsers = new ArrayList<>();
    private static long aliceUid;
    private static String bob;

    @BeforeAll
    static void realm() throws Exception {
        dir = CliStateDirectory.create("olsa-kcm-");
        base = dir.base;
        state = dir.state;
        String alice = newOsUser();
        bob = newOsUser();
        aliceUid = Long.parseLong(run(List.of("id", "-u", alice)).strip());
        lsa("Adm1n-Passw0rd!", "init", "--domain", "KCMDOM", "--machine", "KCMHOST", "--password-file", "@pw");
        lsa(ALICE_PW, "user", "add", "alice", "--uid", Long.toString(aliceUid), "--password-file", "@pw");
        lsa("Http-Serv1ce-Key!", "user", "add", "websvc", "--password-file", "@pw");
        lsa("", "spn", "add", "websvc", "HTTP/" + WEB);
        keytab = base.resolve("http.keytab");
        lsa("", "keytab", "export", "--spn", "HTTP/" + WEB, keytab.toString());
        lsa("Ldap-Serv1ce-Key!", "user", "add", "ldapsvc", "--password-file", "@pw");
        lsa("", "spn", "add", "ldapsvc", "ldap/" + LDAP);
        ldapKeytab = base.resolve("ldap.keytab");
        lsa("", "keytab", "export", "--spn", "ldap/" + LDAP, ldapKeytab.toString());
        realm = "KCMDOM";
    }

    @AfterAll
    static void cleanUp() throws Exception {
        for (String u : osUsers) {
            new ProcessBuilder("pkill", "-KILL", "-u", u).start().waitFor();
            run(List.of("userdel", u));
        }
        if (dir != null) {
            dir.close();
        }
    }

    private static String newOsUser() throws Exception {
        String name = "olkcm" + Long.toHexString(System.nanoTime() & 0xFFFFFFL);
        run(List.of("useradd", "-M", "-r", "-s", "/usr/sbin/nologin", name));
        osUsers.add(name);
        return name;
    }

    /** {@code lsa --state STATE ARGS} in this JVM ({@link CliStateDirectory#lsa}). */
    private static String lsa(String input, String... args) throws Exception {
        return dir.lsa(input, args);
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), command + " hangs");
        assertEquals(0, p.exitValue(), command + ": " + out);
        return out;
    }

    private static Lsad serve(KcmConfig kcm) throws Exception {
        Lsad lsad = Lsad.start(LsaDaemon.Options.defaults(state), KdcConfig.defaults().withPort(0), kcm);
        // The realm's krb5.conf for MIT's tools, readable by every user (lsa krb5conf: the KDC's port of this run).
        clientConf = base.resolve("krb5.conf");
        Files.writeString(clientConf, lsa("", "krb5conf"));
        Files.setPosixFilePermissions(clientConf, PosixFilePermissions.fromString("rw-r--r--"));
        return lsad;
    }

    /**
     * Starts {@code script} as alice through the daemon (a Kerberos interactive logon: the session holds her TGT),
     * its output going to a file of hers; returns the process and the file.
     */
    private static Started asAlice(Lsad lsad, String script) throws Exception {
        Path out = Files.createTempDirectory(base, "out");
        Files.setAttribute(out, "unix:uid", (int) aliceUid);
        Path log = out.resolve("log");
        LsaClient client = LsaClient.of(lsad.daemon().socketPath());
        LsaConnection c = client.registerLogonProcess(null, "kcm-interop");
        ProcessSpec spec = ProcessSpec.of(Path.of("/bin/sh")).arguments("-c", "exec > " + log + " 2>&1; " + script)
                .environment("KRB5_CONFIG", clientConf.toString()).build();
        try (SecretBytes pw = SecretBytes.adoptChars(ALICE_PW.toCharArray())) {
            return new Started(c, c.createProcessWithLogon("alice", "", pw, "Kerberos", SecurityLogonType.INTERACTIVE,
                    spec), log);
        }
    }

    private record Started(LsaConnection connection, UserProcess process, Path log) implements AutoCloseable {
        String finish() throws Exception {
            Optional<ExitStatus> end = process.waitFor(Duration.ofSeconds(60));
            assertTrue(end.isPresent(), "the program ends");
            return Files.readString(log);
        }

        String awaitLine(String marker) throws Exception {
            for (int i = 0; i < 600; i++) {
                String text = Files.exists(log) ? Files.readString(log) : "";
                if (text.contains(marker)) {
                    return text;
                }
                assertTrue(process.isAlive(), "the program ended early: " + text);
                Thread.sleep(50);
            }
            throw new AssertionError("no " + marker + " in " + Files.readString(log));
        }

        @Override
        public void close() throws Exception {
            process.close();
            connection.close();
        }
    }

    @Test
    void mitClientsInTheStartedProcessActAsAliceWithTheSessionsTicketsAndNoFile() throws Exception {
        try (Lsad lsad = serve(KcmConfig.defaults(state));
             SpnegoHttpServer http = SpnegoHttpServer.start(clientConf, keytab)) {
            String url = "http://" + WEB + ":" + http.port() + "/";
            try (Started s = asAlice(lsad, "echo \"ccname=$KRB5CCNAME\"; klist; kvno HTTP/" + WEB
                    + "; echo kvno=$?; curl --silent --show-error --fail --negotiate -u : --resolve " + WEB + ":"
                    + http.port() + ":127.0.0.1 " + url + "; echo; echo curl=$?; klist -l;"
                    + " ls -A /tmp | grep -c krb5cc_" + aliceUid + "; echo ready; exec sleep 30")) {
                String out = s.awaitLine("ready");
                assertTrue(out.contains("ccname=KCM:"), out);
                assertTrue(out.contains("Ticket cache: KCM:" + aliceUid + ":lsa-"), out);
                assertTrue(out.contains("Default principal: alice@" + realm), out);
                assertTrue(out.contains("krbtgt/" + realm + "@" + realm), "the session's TGT: " + out);
                assertTrue(out.contains("kvno=0"), out);
                assertTrue(out.contains("alice@" + realm + "\n\ncurl=0"), "the HTTP server accepted alice: " + out);
                assertTrue(out.lines().anyMatch(l -> l.strip().equals("0")), "no ticket file in /tmp: " + out);
                String cache = out.lines().filter(l -> l.startsWith("Ticket cache: KCM:")).findFirst().orElseThrow()
                        .substring("Ticket cache: KCM:".length()).strip();

                // The ticket kvno asked for went into the logon session itself: the LSA's own view lists it.
                String tickets = lsa("", "klist", "--session", "0x" + cache.substring(cache.indexOf(":lsa-") + 5));
                assertTrue(tickets.contains("HTTP/" + WEB), tickets);

                // Bob (another uid) cannot name alice's session cache, nor can a process of alice's outside it.
                Process bobKlist = new ProcessBuilder("setpriv", "--reuid", bob, "--regid", bob, "--clear-groups",
                        "env", "KRB5_CONFIG=" + lsad.kcm().orElseThrow().socketPath().getParent()
                        .resolve("kcm-krb5.conf") + ":" + clientConf, "klist", "KCM:" + cache)
                        .redirectErrorStream(true).start();
                String bobOut = new String(bobKlist.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertEquals(1, bobKlist.waitFor(), bobOut);
                assertTrue(bobOut.contains("Credentials cache 'KCM:" + cache + "' not found"), bobOut);
                assertFalse(bobOut.contains("alice"), bobOut);
                s.process().kill();
                s.finish();
                // The session ended with its program: even root (SeTcbPrivilege) finds no such cache now.
                ProcessBuilder asRoot = new ProcessBuilder("klist", "KCM:" + cache).redirectErrorStream(true);
                asRoot.environment().put("KRB5_CONFIG", state.resolve("kcm-krb5.conf") + ":" + clientConf);
                Process rootKlist = asRoot.start();
                String rootOut = new String(rootKlist.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertEquals(1, rootKlist.waitFor(), rootOut);
                assertTrue(rootOut.contains("not found"), rootOut);
            }
        }
    }

    @Test
    void ldapwhoamiWithSaslGssapiBindsToOpenLdapAsAlice() throws Exception {
        try (Lsad lsad = serve(KcmConfig.defaults(state));
             LdapGssapiServer ldap = LdapGssapiServer.start(clientConf, ldapKeytab, LDAP, realm)) {
            try (Started s = asAlice(lsad, ldap.whoami().shellLine() + "; echo whoami=$?; " + ldap.search().shellLine()
                    + "; echo search=$?")) {
                String out = s.finish();
                assertTrue(out.contains("dn:" + ldap.authzDn("alice")), "slapd's SASL/GSSAPI identity: " + out);
                assertTrue(out.contains("whoami=0"), out);
                assertTrue(out.contains("dn: dc=openlsa,dc=test") && out.contains("search=0"), out);
            }
        }
    }

    /**
     * Under a PAM session (launch.properties pam.service) the program is the PAM helper's child, in the helper's
     * session: its processes still find their logon session's cache.
     */
    @Test
    void aProgramInAPamSessionFindsItsLogonSessionsCacheToo() throws Exception {
        String service = "olsa-kcm-" + Long.toHexString(System.nanoTime() & 0xFFFFFFL);
        Path pamFile = Path.of("/etc/pam.d", service);
        Files.writeString(pamFile, "account required pam_permit.so\nsession required pam_permit.so\n");
        Path launchConfig = state.resolve("launch.properties");
        Files.writeString(launchConfig, "pam.service=" + service + "\n");
        try (Lsad lsad = serve(KcmConfig.defaults(state));
             Started s = asAlice(lsad, "klist; echo klist=$?")) {
            String out = s.finish();
            assertTrue(out.contains("Ticket cache: KCM:" + aliceUid + ":lsa-"), out);
            assertTrue(out.contains("Default principal: alice@" + realm), out);
            assertTrue(out.contains("klist=0"), out);
        } finally {
            Files.deleteIfExists(launchConfig);
            Files.deleteIfExists(pamFile);
        }
    }

    @Test
    void withTheTgtKeyKeptInTheLsaTheProcessStillGetsServiceTicketsThroughIt() throws Exception {
        try (Lsad lsad = serve(KcmConfig.defaults(state).withExposeTgtSessionKey(false));
             SpnegoHttpServer http = SpnegoHttpServer.start(clientConf, keytab)) {
            try (Started s = asAlice(lsad, "klist -e; kvno HTTP/" + WEB + "; echo kvno=$?; curl --silent"
                    + " --show-error --fail --negotiate -u : --resolve " + WEB + ":" + http.port() + ":127.0.0.1 http://"
                    + WEB + ":" + http.port() + "/; echo; echo curl=$?")) {
                String out = s.finish();
                assertTrue(out.contains("krbtgt/" + realm + "@" + realm), out);
                assertTrue(out.contains("kvno=0"), out);
                assertTrue(out.contains("alice@" + realm + "\n\ncurl=0"), out);
                assertTrue(out.contains("DEPRECATED:etype 0"), "the TGT comes without its key: " + out);
            }
        }
    }
}
