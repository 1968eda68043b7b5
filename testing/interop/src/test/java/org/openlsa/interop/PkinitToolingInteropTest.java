package org.openlsa.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openlsa.daemon.Lsad;
import org.openlsa.host.StateLayout;
import org.openlsa.peers.Klist;
import org.openlsa.peers.MitKrb5Client;
import org.openlsa.peers.ToolResult;

/**
 * The PKINIT setup an administrator makes with {@code lsa pkinit} alone (docs/kdc.md, "PKINIT"), with no certificate
 * from anywhere else: {@code lsa pkinit init-ca} (RSA, the default) and {@code lsa pkinit issue alice}, then MIT kinit
 * with alice's files and the realm CA as its anchor gets her a TGT from the daemon's KDC; bob's certificate (ECDSA)
 * does not get alice one. A second certificate of alice's, revoked with {@code lsa pkinit revoke --cert}, gets her
 * nothing (KDC_ERR_REVOKED_CERTIFICATE) while her first, not revoked, still works; a third, revoked while the daemon
 * runs, works until the daemon restarts and is refused after.
 */
class PkinitToolingInteropTest {
    private static final String REALM = "PKTOOL";
    private static CliStateDirectory dir;
    private static Path base;
    private static Path state;
    private static Lsad lsad;
    private static MitKrb5Client client;

    @BeforeAll
    static void serve() throws Exception {
        dir = CliStateDirectory.create("olsa-pktool-");
        base = dir.base;
        state = dir.state;
        lsa("Adm1n-Passw0rd!", "init", "--domain", REALM, "--machine", "PKHOST", "--password-file", "@pw");
        lsa("Wonder-L4nd-Pk1", "user", "add", "alice", "--password-file", "@pw");
        lsa("Build3r-Pk-Passw0rd", "user", "add", "bob", "--password-file", "@pw");
        lsa(null, "pkinit", "init-ca");
        lsa(null, "pkinit", "issue", "alice", "--cert", base.resolve("a.pem").toString(), "--key",
                base.resolve("a-key.pem").toString());
        // alice's second certificate, revoked before the daemon starts (it reads crls.pem at start)
        lsa(null, "pkinit", "issue", "alice", "--cert", base.resolve("a2.pem").toString(), "--key",
                base.resolve("a2-key.pem").toString());
        lsa(null, "pkinit", "revoke", "--cert", base.resolve("a2.pem").toString(), "--reason", "key-compromise");
        lsa(null, "pkinit", "issue", "bob", "--key-type", "ec-p256", "--cert", base.resolve("b.pem").toString(),
                "--key", base.resolve("b-key.pem").toString());
        lsa(null, "pkinit", "issue", "alice", "--cert", base.resolve("a3.pem").toString(), "--key",
                base.resolve("a3-key.pem").toString());
        start();
    }

    private static void start() throws Exception {
        lsad = dir.serveKdc();
        client = MitKrb5Client.builder(REALM, "127.0.0.1", lsad.kdc().orElseThrow().port()).create();
    }

    @AfterAll
    static void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (lsad != null) {
            lsad.close();
        }
        if (dir != null) {
            dir.close();
        }
    }

    /** {@code lsa --state STATE ARGS} in this JVM ({@link CliStateDirectory#lsa}). */
    private static void lsa(String input, String... args) throws Exception {
        dir.lsa(input, args);
    }

    private static ToolResult kinit(String principal, String files) throws Exception {
        return client.kinitWithCertificate(principal, base.resolve(files + ".pem"), base.resolve(files + "-key.pem"),
                StateLayout.of(state).pkinitCaCertificate());
    }

    @Test
    void mitKinitGetsATgtWithTheCertificateLsaPkinitIssued() throws Exception {
        ToolResult r = kinit("alice", "a");
        assertTrue(r.succeeded(), r.stderr() + "\n" + r.trace());
        Klist k = client.klist();
        assertEquals("alice@" + REALM, k.defaultPrincipal().orElseThrow(), k.result().stdout());
        assertTrue(k.tickets().stream().anyMatch(t -> t.server().equals("krbtgt/" + REALM + "@" + REALM)),
                k.result().stdout());
    }

    @Test
    void bobsEcCertificateGetsBobATgtButNotAlice() throws Exception {
        ToolResult bob = kinit("bob", "b");
        assertTrue(bob.succeeded(), bob.stderr() + "\n" + bob.trace());
        assertEquals("bob@" + REALM, client.klist().defaultPrincipal().orElseThrow());
        ToolResult alice = kinit("alice", "b");
        assertEquals(1, alice.exitCode(), alice.stderr());
        assertTrue(alice.stderr().contains("Client name mismatch"), alice.stderr());
    }

    @Test
    void aRevokedCertificateIsRefusedWithRevokedCertificate() throws Exception {
        ToolResult r = kinit("alice", "a2");
        assertEquals(1, r.exitCode(), r.stderr());
        // MIT 1.20: "kinit: Revoked certificate while getting initial credentials" (error 72's text)
        assertTrue(r.stderr().contains("Revoked certificate while getting initial credentials"), r.stderr()
                + "\n" + r.trace());
        assertTrue(kinit("alice", "a").succeeded(), "her other certificate is not revoked");
    }

    @Test
    void aCertificateRevokedWhileTheDaemonRunsIsRefusedOnceItRestarts() throws Exception {
        assertTrue(kinit("alice", "a3").succeeded(), "not revoked yet");
        lsa(null, "pkinit", "revoke", "--cert", base.resolve("a3.pem").toString());
        client.close();
        lsad.close();
        start(); // the KDC reads crls.pem when it starts
        ToolResult r = kinit("alice", "a3");
        assertEquals(1, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("Revoked certificate while getting initial credentials"), r.stderr());
        assertTrue(kinit("alice", "a").succeeded(), "her first certificate still works after the restart");
    }
}
