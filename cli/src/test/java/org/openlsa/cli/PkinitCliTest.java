package org.openlsa.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openlsa.cli.InProcessCli.Run;
import org.openlsa.host.PkinitFiles;
import org.openlsa.host.StateLayout;

/**
 * {@code lsa pkinit}: init-ca, issue, kdc-cert, import-anchor and show on one realm (EC keys: RSA generation would
 * cost a second a key). The certificates are checked as the KDC and MIT see them: PKIX path to the anchors, EKUs,
 * the id-pkinit-san; key files 0600 and never on the output. MIT kinit with them: testing/interop
 * PkinitToolingInteropTest.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PkinitCliTest {
    private static final String REALM = "PKCLI";

    @TempDir
    static Path tmp;
    Path state;
    StateLayout layout;

    private Run lsa(String... args) {
        return InProcessCli.lsa(state, args);
    }

    private static Run ok(Run r) {
        assertEquals(0, r.exit(), r.out() + r.err());
        return r;
    }

    @BeforeAll
    void realmWithItsCa() throws Exception {
        state = tmp.resolve("state");
        layout = StateLayout.of(state);
        Path pw = tmp.resolve("pw");
        Files.writeString(pw, "Adm1n-Passw0rd!\n");
        ok(lsa("init", "--domain", REALM, "--machine", "H1", "--password-file", pw.toString()));
        Files.writeString(pw, "Al1ce-Passw0rd!\n");
        ok(lsa("user", "add", "alice", "--password-file", pw.toString()));

        Run none = lsa("pkinit", "issue", "alice", "--cert", tmp.resolve("x.pem").toString(), "--key",
                tmp.resolve("x-key.pem").toString(), "--key-type", "ec-p256");
        assertEquals(ExitCode.USAGE, none.exit());
        assertTrue(none.err().contains("run 'lsa pkinit init-ca' first"), none.err());
        assertTrue(ok(lsa("pkinit", "show")).out().contains("PKINIT is off"));

        Run init = ok(lsa("pkinit", "init-ca", "--key", "ec-p256", "--days", "30"));
        assertTrue(init.out().contains("krbtgt/" + REALM + "@" + REALM), init.out());
    }

    private X509Certificate ca() throws Exception {
        return PkinitFiles.certificates(layout.pkinitCaCertificate()).get(0);
    }

    private static void assertOwnerOnly(Path file) throws Exception {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), file.toString());
    }

    private static void assertChainsTo(X509Certificate cert, X509Certificate anchor) throws Exception {
        PKIXParameters p = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
        p.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(cert)), p);
    }

    @Test
    void initCaWritesTheCaTheAnchorAndAKdcCertificateTheDaemonLoads() throws Exception {
        X509Certificate ca = ca();
        assertTrue(ca.getBasicConstraints() >= 0, "a CA");
        assertTrue(ca.getKeyUsage()[5] && ca.getKeyUsage()[6], "keyCertSign and cRLSign");
        assertEquals("CN=" + REALM + " PKINIT CA,O=" + REALM, ca.getSubjectX500Principal().getName());
        assertOwnerOnly(layout.pkinitCaKey());
        assertOwnerOnly(layout.pkinitKdcKey());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(layout.pkinitDirectory())));
        assertEquals(ca, PkinitFiles.certificates(layout.pkinitAnchors()).get(0), "the CA is the first anchor");

        // What the daemon loads: the KDC's chain (its certificate, then the CA) and key, the anchors.
        PkinitFiles files = PkinitFiles.load(layout).orElseThrow();
        X509Certificate kdc = files.kdcChain().get(0);
        assertEquals(List.of(kdc, ca), files.kdcChain());
        assertChainsTo(kdc, ca);
        assertTrue(kdc.getExtendedKeyUsage().contains("1.3.6.1.5.2.3.5"), "id-pkinit-KPKdc");
        assertTrue(kdc.getKeyUsage()[0], "digitalSignature");
        assertEquals(List.of("krbtgt/" + REALM + "@" + REALM), PkinitAuthority.principalNames(kdc));
        assertEquals(kdc.getPublicKey().getAlgorithm(), files.kdcKey().getAlgorithm());

        Run again = lsa("pkinit", "init-ca");
        assertEquals(ExitCode.USAGE, again.exit());
        assertTrue(again.err().contains("already has a PKINIT setup"), again.err());
        assertEquals(ca, ca(), "the CA is unchanged");
    }

    @Test
    void issueWritesAClientCertificateForTheAccountAndAKeyOnlyItsOwnerReads() throws Exception {
        Path cert = tmp.resolve("alice.pem");
        Path key = tmp.resolve("alice-key.pem");
        Run r = ok(lsa("pkinit", "issue", "ALICE", "--cert", cert.toString(), "--key", key.toString(),
                "--key-type", "ec-p256", "--days", "7"));
        assertTrue(r.out().contains("alice@" + REALM), r.out());
        String keyText = Files.readString(key);
        assertTrue(keyText.startsWith("-----BEGIN PRIVATE KEY-----\n"), "PKCS#8 PEM");
        String base64 = keyText.lines().skip(1).findFirst().orElseThrow();
        assertFalse(r.out().contains(base64) || r.err().contains(base64), "the key is never printed");
        assertOwnerOnly(key);

        X509Certificate alice = PkinitFiles.certificates(cert).get(0);
        assertChainsTo(alice, ca());
        assertEquals(List.of("1.3.6.1.5.2.3.4"), alice.getExtendedKeyUsage());
        assertEquals(List.of("alice@" + REALM), PkinitAuthority.principalNames(alice), "the account's own name");
        assertTrue(alice.getBasicConstraints() < 0, "not a CA");
        long days = Duration.between(alice.getNotBefore().toInstant(), alice.getNotAfter().toInstant()).toDays();
        assertEquals(7, days);
        PrivateKey k = PkinitFiles.privateKey(key);
        assertEquals("EC", k.getAlgorithm());
        java.security.Signature s = java.security.Signature.getInstance("SHA256withECDSA");
        s.initSign(k);
        s.update(new byte[] {1});
        byte[] sig = s.sign();
        s.initVerify(alice.getPublicKey());
        s.update(new byte[] {1});
        assertTrue(s.verify(sig), "the key is the certificate's");

        Path upnCert = tmp.resolve("upn.pem");
        ok(lsa("pkinit", "issue", "alice", "--upn", "--cert", upnCert.toString(), "--key",
                tmp.resolve("upn-key.pem").toString(), "--key-type", "ec-p256"));
        assertEquals(List.of("upn:alice@" + REALM),
                PkinitAuthority.principalNames(PkinitFiles.certificates(upnCert).get(0)));
    }

    @Test
    void noCertificateOutlivesTheCa() throws Exception {
        Path cert = tmp.resolve("long.pem");
        ok(lsa("pkinit", "issue", "alice", "--cert", cert.toString(), "--key", tmp.resolve("long-key.pem").toString(),
                "--key-type", "ec-p256", "--days", "400"));
        assertEquals(ca().getNotAfter(), PkinitFiles.certificates(cert).get(0).getNotAfter(), "the CA has 30 days");
    }

    @Test
    void issueRefusesUnknownAccountsAndBadOptionsWithoutWritingAnything() throws Exception {
        Path cert = tmp.resolve("nobody.pem");
        Path key = tmp.resolve("nobody-key.pem");
        Run unknown = lsa("pkinit", "issue", "nobody", "--cert", cert.toString(), "--key", key.toString());
        assertEquals(ExitCode.LSA_STATUS, unknown.exit(), unknown.err());
        assertTrue(unknown.err().contains("no user named 'nobody'"), unknown.err());
        Run type = lsa("pkinit", "issue", "alice", "--cert", cert.toString(), "--key", key.toString(),
                "--key-type", "dsa");
        assertEquals(ExitCode.USAGE, type.exit());
        assertTrue(type.err().contains("use rsa2048 or ec-p256"), type.err());
        Run days = lsa("pkinit", "issue", "alice", "--cert", cert.toString(), "--key", key.toString(), "--days", "0");
        assertEquals(ExitCode.USAGE, days.exit());
        Run same = lsa("pkinit", "issue", "alice", "--cert", cert.toString(), "--key", cert.toString());
        assertEquals(ExitCode.USAGE, same.exit());
        Run noKey = lsa("pkinit", "issue", "alice", "--cert", cert.toString());
        assertEquals(ExitCode.USAGE, noKey.exit());
        assertFalse(Files.exists(cert) || Files.exists(key), "nothing written");
    }

    @Test
    void kdcCertReplacesTheKdcCertificateAndKeyFromTheSameCa() throws Exception {
        PkinitFiles before = PkinitFiles.load(layout).orElseThrow();
        Run r = ok(lsa("pkinit", "kdc-cert", "--days", "10"));
        assertTrue(r.out().contains("Restart the daemon"), r.out());
        PkinitFiles after = PkinitFiles.load(layout).orElseThrow();
        assertNotEquals(before.kdcChain().get(0), after.kdcChain().get(0));
        assertFalse(java.util.Arrays.equals(before.kdcKey().getEncoded(), after.kdcKey().getEncoded()), "a new key");
        assertEquals("EC", after.kdcKey().getAlgorithm(), "the CA's key type");
        assertChainsTo(after.kdcChain().get(0), ca());
        assertOwnerOnly(layout.pkinitKdcKey());
        assertEquals(List.of("krbtgt/" + REALM + "@" + REALM), PkinitAuthority.principalNames(after.kdcChain().get(0)));
    }

    @Test
    void importAnchorAddsExternalCasOnceAndRefusesEndEntityCertificates() throws Exception {
        PkinitAuthority external = PkinitAuthority.create(
                new org.bouncycastle.asn1.x500.X500Name("CN=External\u202eRoot"), Duration.ofDays(2),
                PkinitAuthority.KeyType.EC_P256);
        Path file = tmp.resolve("external.pem");
        PemFiles.writeCertificates(file, List.of(external.certificate()));
        ok(lsa("pkinit", "import-anchor", file.toString()));
        Run twice = ok(lsa("pkinit", "import-anchor", file.toString()));
        assertTrue(twice.out().contains("(1 already trusted)"), twice.out());
        List<X509Certificate> anchors = PkinitFiles.certificates(layout.pkinitAnchors());
        assertEquals(List.of(ca(), external.certificate()), anchors);

        Run show = ok(lsa("pkinit", "show"));
        assertTrue(show.out().contains("CN=External\\u202eRoot"), "escaped as human views are: " + show.out());
        assertFalse(show.out().contains("\u202e"), show.out());
        assertTrue(show.out().contains("principal    krbtgt/" + REALM + "@" + REALM), show.out());
        assertTrue(show.out().contains("id-pkinit-KPKdc"), show.out());

        Path leaf = tmp.resolve("leaf.pem");
        PemFiles.writeCertificates(leaf, List.of(external.issueClient("x", REALM, false, Duration.ofDays(1),
                PkinitAuthority.KeyType.EC_P256).certificate()));
        Run refused = lsa("pkinit", "import-anchor", leaf.toString());
        assertEquals(ExitCode.USAGE, refused.exit());
        assertTrue(refused.err().contains("not a CA certificate"), refused.err());
        Files.writeString(leaf, "junk\n");
        assertEquals(ExitCode.USAGE, lsa("pkinit", "import-anchor", leaf.toString()).exit());
        assertArrayEquals(anchors.toArray(), PkinitFiles.certificates(layout.pkinitAnchors()).toArray(), "unchanged");
    }

    @Test
    void revokeListsTheCertificateInANewCrlThatKeepsTheEarlierEntries() throws Exception {
        Path bobCert = tmp.resolve("rev-bob.pem");
        Path carolCert = tmp.resolve("rev-carol.pem");
        ok(lsa("pkinit", "issue", "alice", "--cert", bobCert.toString(), "--key", tmp.resolve("rev-bob-key.pem")
                .toString(), "--key-type", "ec-p256", "--days", "2"));
        ok(lsa("pkinit", "issue", "alice", "--cert", carolCert.toString(), "--key", tmp.resolve("rev-carol-key.pem")
                .toString(), "--key-type", "ec-p256", "--days", "2"));
        X509Certificate bob = PkinitFiles.certificates(bobCert).get(0);
        X509Certificate carol = PkinitFiles.certificates(carolCert).get(0);

        Run first = ok(lsa("pkinit", "revoke", "--cert", bobCert.toString(), "--reason", "key-compromise"));
        assertTrue(first.out().contains("Revoked serial " + bob.getSerialNumber().toString(16)), first.out());
        java.security.cert.X509CRL crl1 = PkinitFiles.load(layout).orElseThrow().crls().getFirst();
        crl1.verify(ca().getPublicKey());
        assertTrue(crl1.isRevoked(bob));
        assertFalse(crl1.isRevoked(carol));
        assertEquals(java.security.cert.CRLReason.KEY_COMPROMISE,
                crl1.getRevokedCertificate(bob).getRevocationReason());
        assertEquals(30, Duration.between(crl1.getThisUpdate().toInstant(), crl1.getNextUpdate().toInstant())
                .toDays());

        assertTrue(ok(lsa("pkinit", "revoke", "--cert", bobCert.toString())).out().contains("already revoked"));
        ok(lsa("pkinit", "revoke", carol.getSerialNumber().toString(16)));
        List<java.security.cert.X509CRL> crls = PkinitFiles.load(layout).orElseThrow().crls();
        assertEquals(1, crls.size(), "the CA's new CRL replaces its old one");
        assertTrue(crls.getFirst().isRevoked(bob) && crls.getFirst().isRevoked(carol), "earlier entries kept");
        assertEquals(PkinitAuthority.crlNumber(crl1).add(java.math.BigInteger.ONE),
                PkinitAuthority.crlNumber(crls.getFirst()));

        ok(lsa("pkinit", "crl", "--days", "3"));
        java.security.cert.X509CRL refreshed = PkinitFiles.load(layout).orElseThrow().crls().getFirst();
        assertTrue(refreshed.isRevoked(bob) && refreshed.isRevoked(carol));
        assertEquals(PkinitAuthority.crlNumber(crl1).add(java.math.BigInteger.TWO),
                PkinitAuthority.crlNumber(refreshed));

        Run show = ok(lsa("pkinit", "show"));
        assertTrue(show.out().contains("revoked      " + bob.getSerialNumber().toString(16)), show.out());
        assertTrue(show.out().contains("revoked      " + carol.getSerialNumber().toString(16)), show.out());

        // a certificate of another CA cannot be revoked by ours; bad input is a usage error
        PkinitAuthority other = PkinitAuthority.create(new org.bouncycastle.asn1.x500.X500Name("CN=Other CRL CA"),
                Duration.ofDays(2), PkinitAuthority.KeyType.EC_P256);
        Path foreign = tmp.resolve("rev-foreign.pem");
        PemFiles.writeCertificates(foreign, List.of(other.issueClient("x", REALM, false, Duration.ofDays(1),
                PkinitAuthority.KeyType.EC_P256).certificate()));
        Run refused = lsa("pkinit", "revoke", "--cert", foreign.toString());
        assertEquals(ExitCode.USAGE, refused.exit());
        assertTrue(refused.err().contains("not issued by the realm's CA"), refused.err());
        assertEquals(ExitCode.USAGE, lsa("pkinit", "revoke", "xyz").exit());
        assertEquals(ExitCode.USAGE, lsa("pkinit", "revoke").exit());
        assertEquals(ExitCode.USAGE, lsa("pkinit", "revoke", "1", "--reason", "whim").exit());

        // an external CA's CRL is added beside ours, and replaced by its next one
        Path otherCrl = tmp.resolve("other-crl.pem");
        PemFiles.writeCrls(otherCrl, List.of(other.nextCrl(null, java.math.BigInteger.TEN,
                PkinitAuthority.RevocationReason.SUPERSEDED, java.time.Instant.now(), Duration.ofDays(1))));
        ok(lsa("pkinit", "import-crl", otherCrl.toString()));
        PemFiles.writeCrls(otherCrl, List.of(other.nextCrl(PkinitFiles.crls(otherCrl).getFirst(), null,
                PkinitAuthority.RevocationReason.UNSPECIFIED, java.time.Instant.now().plusSeconds(2),
                Duration.ofDays(1))));
        ok(lsa("pkinit", "import-crl", otherCrl.toString()));
        crls = PkinitFiles.load(layout).orElseThrow().crls();
        assertEquals(2, crls.size(), crls.toString());
        assertEquals(java.math.BigInteger.TWO, PkinitAuthority.crlNumber(crls.get(1)));
        assertTrue(refreshed.equals(crls.get(0)), "ours untouched");
        Files.writeString(otherCrl, "junk\n");
        assertEquals(ExitCode.USAGE, lsa("pkinit", "import-crl", otherCrl.toString()).exit());
    }
}
