package org.openlsa.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openlsa.peers.KdcTransport;
import org.openlsa.peers.LdapGssapiServer;
import org.openlsa.peers.MitKdc;
import org.openlsa.peers.MitKrb5Client;
import org.openlsa.peers.ToolResult;

/**
 * The slapd peer (LdapGssapiServer) with MIT's own realm: OpenLDAP's ldapwhoami and ldapsearch bind with
 * SASL/GSSAPI as the user whose ticket is in the cache, and fail without one. This proves the fixture and the
 * exact client line that KcmInteropTest-style tests run in a process started for a logon session.
 */
class LdapGssapiPeerTest {
    private static final String LDAP_HOST = "ldap.test.local";
    private static final String ALICE_PW = "Alice-Ldap-Passw0rd";

    private static MitKdc mit;
    private static Path dir;
    private static LdapGssapiServer ldap;
    private static MitKrb5Client alice;

    @BeforeAll
    static void start() throws Exception {
        mit = MitKdc.start();
        mit.addPrincipal("alice", ALICE_PW);
        mit.addPrincipal("ldap/" + LDAP_HOST, null, "-randkey");
        dir = Files.createTempDirectory("openlsa-ldap-peer-");
        Path keytab = dir.resolve("ldap.keytab");
        mit.ktadd(keytab, "ldap/" + LDAP_HOST);
        ldap = LdapGssapiServer.start(mit.krb5Conf(), keytab, LDAP_HOST, mit.realm());
        alice = mit.newClient(KdcTransport.TCP);
        ToolResult kinit = alice.kinit("alice", ALICE_PW);
        assertTrue(kinit.succeeded(), kinit.describe());
    }

    @AfterAll
    static void stop() throws Exception {
        if (alice != null) {
            alice.close();
        }
        if (ldap != null) {
            ldap.close();
        }
        if (mit != null) {
            mit.close();
        }
        if (dir != null) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @Test
    void ldapwhoamiBindsAsTheTicketsClient() throws Exception {
        Run run = sh(ldap.whoami().shellLine(), alice.environment());
        assertEquals(0, run.exit(), run + ldap.logTail());
        assertEquals("dn:" + ldap.authzDn("alice"), run.stdout().strip());
        assertEquals("dn:uid=alice,cn=test.local,cn=gssapi,cn=auth", run.stdout().strip());
        assertTrue(run.stderr().contains("SASL username: alice@" + mit.realm()), run.toString());
        // The service ticket is the one the SPN names (MIT stores it under the referral realm "", as
        // "ldap/ldap.test.local@"), and slapd saw a GSSAPI bind (not a simple one).
        assertTrue(alice.klist().tickets().stream().anyMatch(t -> t.server().startsWith("ldap/" + LDAP_HOST + "@")),
                alice.klist().result().stdout());
        assertTrue(ldap.logTail().contains("mech=GSSAPI"), ldap.logTail());
    }

    @Test
    void ldapsearchReadsWhatOnlyABoundClientMaySee() throws Exception {
        Run search = sh(ldap.search().shellLine(), alice.environment());
        assertEquals(0, search.exit(), search + ldap.logTail());
        assertTrue(search.stdout().contains("dn: " + LdapGssapiServer.SUFFIX), search.toString());
        assertTrue(search.stdout().contains("dc: openlsa"), search.toString());

        // The same search anonymously (-x instead of -Y GSSAPI) succeeds with no entry: slapd leaves out what the
        // ACL does not let an anonymous client read, so the bind is what opened the entry.
        Run anonymous = sh("env LDAPNOINIT=1 ldapsearch -x -LLL -H ldap://127.0.0.1:" + ldap.port() + " -b "
                + LdapGssapiServer.SUFFIX + " -s base '(objectClass=*)' dc", Map.of());
        assertEquals(0, anonymous.exit(), anonymous.toString());
        assertFalse(anonymous.stdout().contains("dn:"), anonymous.toString());
        assertFalse(anonymous.stdout().contains("dc: openlsa"), anonymous.toString());
    }

    @Test
    void withoutATicketTheBindFails() throws Exception {
        try (MitKrb5Client nobody = mit.newClient(KdcTransport.TCP)) {
            Run run = sh(ldap.whoami().shellLine(), nobody.environment());
            assertNotEquals(0, run.exit(), run.toString());
            assertTrue(run.stderr().contains("No Kerberos credentials available"), run.toString());
            assertFalse(run.stdout().contains("dn:"), run.toString());
        }
    }

    /**
     * The line works for another OS user (as the daemon's started processes are): the hosts file nss_wrapper
     * reads is world-readable, slapd's own files are not.
     */
    @Test
    void theClientLineWorksForAnotherUser() throws Exception {
        Path shared = Files.createTempDirectory(dir, "nobody");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path conf = Files.copy(alice.krb5Conf(), shared.resolve("krb5.conf"));
        Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-r--r--"));
        Path cache = Files.copy(alice.ccache(), shared.resolve("ccache"));
        Files.setAttribute(cache, "unix:uid", 65534);
        Run run = sh("exec setpriv --reuid 65534 --regid 65534 --clear-groups /bin/sh -c '"
                + ldap.whoami().shellLine().replace("'", "'\\''") + "'",
                Map.of("KRB5_CONFIG", conf.toString(), "KRB5CCNAME", "FILE:" + cache, "KRB5RCACHEDIR", "/tmp"));
        assertEquals(0, run.exit(), run + ldap.logTail());
        assertEquals("dn:" + ldap.authzDn("alice"), run.stdout().strip());
        Files.delete(cache);
        Files.delete(conf);
    }

    private record Run(int exit, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exit + "\nstdout: " + stdout + "\nstderr: " + stderr + "\n";
        }
    }

    private static Run sh(String line, Map<String, String> environment) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of("/bin/sh", "-c", line)));
        builder.environment().putAll(environment);
        Process p = builder.start();
        p.getOutputStream().close();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        String out = read(p.getInputStream());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), line + " hangs");
        return new Run(p.exitValue(), out, err.join());
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
