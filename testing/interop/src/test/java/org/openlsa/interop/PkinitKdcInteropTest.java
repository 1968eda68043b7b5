package org.openlsa.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openlsa.daemon.Lsad;
import org.openlsa.host.StateLayout;
import org.openlsa.peers.Klist;
import org.openlsa.peers.MitKrb5Client;
import org.openlsa.peers.PkinitCertificates;
import org.openlsa.peers.ToolResult;

/**
 * MIT's kinit with a certificate ({@code -X X509_user_identity=FILE:...}, the krb5-pkinit plugin) against the
 * embedded KDC of {@code lsa serve} (docs/kdc.md, "PKINIT"): the KDC's identity and anchors in the state directory's
 * {@code pkinit/}, alice's certificate naming alice@REALM gets her a TGT; a certificate of another name, one without
 * the client EKU, and one from a CA the KDC does not trust are refused with MIT's messages for those KRB-ERRORs.
 */
class PkinitKdcInteropTest {
    private static final String REALM = "PKDOM";
    private static CliStateDirectory dir;
    private static Path base;
    private static Path state;
    private static PkinitCertificates certs;
    private static Lsad lsad;
    private static MitKrb5Client client;

    @BeforeAll
    static void serve() throws Exception {
        dir = CliStateDirectory.create("olsa-pkinit-");
        base = dir.base;
        state = dir.state;
        lsa("Adm1n-Passw0rd!", "init", "--domain", REALM, "--machine", "PKHOST", "--password-file", "@pw");
        lsa("Wonder-L4nd-Pk1", "user", "add", "alice", "--password-file", "@pw");
        lsa("Build3r-Pk-Passw0rd", "user", "add", "bob", "--password-file", "@pw");
        certs = PkinitCertificates.create(REALM);
        StateLayout layout = StateLayout.of(state);
        Files.createDirectories(layout.pkinitDirectory(), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        Files.copy(certs.kdc().certificatePem(), layout.pkinitKdcCertificate());
        Files.copy(certs.kdc().keyPem(), layout.pkinitKdcKey());
        Files.copy(certs.caPem(), layout.pkinitAnchors());
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
        if (certs != null) {
            certs.close();
        }
        if (dir != null) {
            dir.close();
        }
    }

    /** {@code lsa --state STATE ARGS} in this JVM ({@link CliStateDirectory#lsa}). */
    private static void lsa(String input, String... args) throws Exception {
        dir.lsa(input, args);
    }

    private static ToolResult kinit(String principal, PkinitCertificates.Issued cert, Path anchors) throws Exception {
        return client.kinitWithCertificate(principal, cert.certificatePem(), cert.keyPem(), anchors);
    }

    @Test
    void alicesCertificateGetsHerATgtFromTheEmbeddedKdc() throws Exception {
        ToolResult r = kinit("alice", certs.user("alice"), certs.caPem());
        assertTrue(r.succeeded(), r.stderr() + "\n" + r.trace());
        Klist k = client.klist();
        assertEquals("alice@" + REALM, k.defaultPrincipal().orElseThrow(), k.result().stdout());
        assertTrue(k.tickets().stream().anyMatch(t -> t.server().equals("krbtgt/" + REALM + "@" + REALM)),
                k.result().stdout());
    }

    @Test
    void aCertificateOfAnotherNameIsAClientNameMismatch() throws Exception {
        ToolResult r = kinit("alice", certs.user("bob"), certs.caPem());
        assertEquals(1, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("Client name mismatch"), r.stderr());
    }

    @Test
    void aCertificateWithoutTheClientEkuIsAnInconsistentKeyPurpose() throws Exception {
        ToolResult r = kinit("alice", certs.user("alice", REALM, PkinitCertificates.Options.defaults().withoutEku()),
                certs.caPem());
        assertEquals(1, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("Inconsistent key purpose"), r.stderr());
    }

    @Test
    void aCertificateFromACaTheKdcDoesNotTrustCannotBeVerified() throws Exception {
        ToolResult r = kinit("alice", certs.user("alice", REALM, PkinitCertificates.Options.defaults()
                .signedByUntrustedCa()), certs.bothCasPem());
        assertEquals(1, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("verify certificate"), r.stderr());
    }
}
