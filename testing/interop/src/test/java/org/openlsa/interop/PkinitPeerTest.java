package org.openlsa.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openlsa.peers.KdcTransport;
import org.openlsa.peers.Klist;
import org.openlsa.peers.MitKdc;
import org.openlsa.peers.MitKrb5Client;
import org.openlsa.peers.PkinitCertificates;
import org.openlsa.peers.PkinitCertificates.Issued;
import org.openlsa.peers.PkinitCertificates.KeyAlgorithm;
import org.openlsa.peers.PkinitCertificates.Options;
import org.openlsa.peers.PkinitCertificates.SanKind;
import org.openlsa.peers.SoftHsmToken;
import org.openlsa.peers.ToolResult;

/**
 * The PKINIT test certificates proved against MIT itself: MIT's kinit with its pkinit plugin (krb5-pkinit 1.20)
 * against a private MIT krb5kdc serving PKINIT. A good certificate gets a TGT; each broken one is refused with MIT's
 * own message, either by the client before it sends anything (it verifies its own certificate against its anchors)
 * or by the KDC (then krb5kdc logs PREAUTH_FAILED with the reason). This is the reference the embedded KDC's PKINIT
 * is held to with the same certificates.
 */
class PkinitPeerTest {
    /** Test token PINs (SoftHSM2 wants 4 to 255 characters). */
    private static final String SO_PIN = "so-87654321";
    private static final String USER_PIN = "4711";
    private static final String WHILE = " while getting initial credentials";

    private static PkinitCertificates certs;
    private static MitKdc mit;
    private MitKrb5Client client;
    private long logMark;

    @BeforeAll
    static void start() throws Exception {
        certs = PkinitCertificates.create(MitKdc.DEFAULT_REALM);
        mit = MitKdc.builder().pkinit(certs).start();
        // A random key the user never learns: the certificate is the only way in. +requires_preauth makes the
        // KDC ask for pre-authentication at all (MIT issues a ticket without it otherwise).
        for (String user : List.of("alice", "bob")) {
            mit.addPrincipal(user, null, "-randkey", "+requires_preauth");
        }
    }

    @AfterAll
    static void stop() {
        if (mit != null) {
            mit.close();
        }
        if (certs != null) {
            certs.close();
        }
    }

    @AfterEach
    void closeClient() {
        if (client != null) {
            client.close();
        }
    }

    private ToolResult kinit(String principal, Issued certificate, Path anchors) throws Exception {
        return kinit(mit, principal, certificate, anchors);
    }

    private ToolResult kinit(MitKdc kdc, String principal, Issued certificate, Path anchors) throws Exception {
        client = kdc.newClient(KdcTransport.TCP);
        logMark = Files.size(kdc.kdcLog());
        return client.kinitWithCertificate(principal, certificate.certificatePem(), certificate.keyPem(), anchors);
    }

    /** What krb5kdc logged since the last kinit started. */
    private String kdcLogSinceKinit(MitKdc kdc) throws Exception {
        byte[] log = Files.readAllBytes(kdc.kdcLog());
        return new String(log, (int) logMark, log.length - (int) logMark, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void goodCertificateGetsATgt() throws Exception {
        ToolResult kinit = kinit("alice", certs.user("alice"), certs.caPem());
        assertTrue(kinit.succeeded(), kinit::describe);
        // The reply came through PKINIT (MIT traces "PKINIT client ..." steps), not a password.
        assertTrue(kinit.trace().contains("PKINIT client"), kinit.trace());
        Klist klist = client.klist();
        assertEquals("alice@" + mit.realm(), klist.defaultPrincipal().orElseThrow(), klist.toString());
        assertTrue(klist.tgt().isPresent(), klist.toString());
        assertTrue(kdcLogSinceKinit(mit).contains("ISSUE: "), kdcLogSinceKinit(mit));
    }

    @Test
    void ecCertificateGetsATgt() throws Exception {
        ToolResult kinit = kinit("bob", certs.user("bob", mit.realm(),
                Options.defaults().withKeyAlgorithm(KeyAlgorithm.EC_P256)), certs.caPem());
        assertTrue(kinit.succeeded(), kinit::describe);
    }

    @Test
    void clientTrustingBothCasStillGetsATgtWithAGoodCertificate() throws Exception {
        ToolResult kinit = kinit("alice", certs.user("alice"), certs.bothCasPem());
        assertTrue(kinit.succeeded(), kinit::describe);
    }

    // A real PKCS#11 token: SoftHSM2 loaded with OpenSC's pkcs11-tool; the AuthPack is signed inside the token.

    @Test
    void tokenIdentityWithTheRightPinGetsATgt() throws Exception {
        try (SoftHsmToken token = SoftHsmToken.create("alice-card", SO_PIN, USER_PIN)) {
            token.importIdentity(certs.user("alice"), "01", "alice", USER_PIN);
            assertTrue(token.listObjects(USER_PIN).contains("Private Key Object"));
            client = mit.newClient(KdcTransport.TCP);
            ToolResult kinit = client.kinitWithToken("alice", token, "01", USER_PIN, certs.caPem());
            assertTrue(kinit.succeeded(), () -> kinit.describe() + "\n" + kinit.trace());
            // kinit prompted for the token's PIN, naming the token (its label padded to 32 characters).
            assertTrue(kinit.stdout().startsWith("alice-card") && kinit.stdout().contains("PIN: "),
                    kinit::describe);
            assertTrue(kinit.trace().contains("PKINIT client"), kinit.trace());
            assertEquals("alice@" + mit.realm(), client.klist().defaultPrincipal().orElseThrow());
        }
    }

    @Test
    void tokenIdentityWithAWrongPinIsRefused() throws Exception {
        try (SoftHsmToken token = SoftHsmToken.create("alice-card", SO_PIN, USER_PIN)) {
            token.importIdentity(certs.user("alice"), "01", "alice", USER_PIN);
            client = mit.newClient(KdcTransport.TCP);
            ToolResult kinit = client.kinitWithToken("alice", token, "01", "9999", certs.caPem());
            assertEquals(1, kinit.exitCode(), kinit::describe);
            // The token refused the login (CKR_PIN_INCORRECT); kinit fell back to a password prompt, read EOF.
            assertTrue(kinit.trace().contains("PKINIT PKCS11 C_Login failed: pin incorrect"), kinit.trace());
            assertEquals("kinit: Pre-authentication failed: Preauthentication failed" + WHILE, kinit.stderr().strip(),
                    kinit::describe);
            assertTrue(client.klist().tgt().isEmpty());
        }
    }

    // MIT's client checks its own certificate against its anchors first: an expired, not yet valid or untrusted
    // certificate never reaches the KDC; the client then falls back to the password prompt (read EOF here).

    @Test
    void expiredCertificateIsRefusedByTheClientItself() throws Exception {
        ToolResult kinit = kinit("alice", certs.user("alice", mit.realm(), Options.defaults().expired()),
                certs.caPem());
        assertClientRefused(kinit, "kinit: Pre-authentication failed: Failed to verify own certificate (depth 0): "
                + "certificate has expired" + WHILE);
    }

    @Test
    void notYetValidCertificateIsRefusedByTheClientItself() throws Exception {
        ToolResult kinit = kinit("alice", certs.user("alice", mit.realm(), Options.defaults().notYetValid()),
                certs.caPem());
        assertClientRefused(kinit, "kinit: Pre-authentication failed: Failed to verify own certificate (depth 0): "
                + "certificate is not yet valid" + WHILE);
    }

    @Test
    void untrustedCaIsRefusedByTheClientItself() throws Exception {
        ToolResult kinit = kinit("alice", certs.user("alice", mit.realm(), Options.defaults().signedByUntrustedCa()),
                certs.caPem());
        assertClientRefused(kinit, "kinit: Pre-authentication failed: Failed to verify own certificate (depth 0): "
                + "unable to get local issuer certificate" + WHILE);
    }

    // Refusals by the KDC: KRB-ERRORs the embedded KDC must give for the same certificates.

    @Test
    void untrustedCaIsRefusedByTheKdc() throws Exception {
        // The client trusts both CAs, so it sends the certificate; the KDC's anchors name only the good CA.
        ToolResult kinit = kinit("alice", certs.user("alice", mit.realm(), Options.defaults().signedByUntrustedCa()),
                certs.bothCasPem());
        assertKdcRefused(mit, kinit, "kinit: Can't verify certificate" + WHILE, // KDC_ERR_CANT_VERIFY_CERTIFICATE
                "Failed to verify received certificate (depth 0): unable to get local issuer certificate");
    }

    @Test
    void certificateWithoutEkuIsRefusedByTheKdc() throws Exception {
        ToolResult kinit = kinit("alice", certs.user("alice", mit.realm(), Options.defaults().withoutEku()),
                certs.caPem());
        // KDC_ERR_INCONSISTENT_KEY_PURPOSE
        assertKdcRefused(mit, kinit, "kinit: Inconsistent key purpose" + WHILE, "Inconsistent key purpose");
    }

    @Test
    void certificateWithAnotherEkuIsRefusedByTheKdc() throws Exception {
        ToolResult kinit = kinit("alice", certs.user("alice", mit.realm(), Options.defaults().wrongEku()),
                certs.caPem());
        assertKdcRefused(mit, kinit, "kinit: Inconsistent key purpose" + WHILE, "Inconsistent key purpose");
    }

    @Test
    void smartCardLogonEkuAloneIsRefusedByMitByDefault() throws Exception {
        // pkinit_eku_checking defaults to kpClientAuth: Microsoft's id-ms-kp-sc-logon alone does not do.
        ToolResult kinit = kinit("alice", certs.user("alice", mit.realm(),
                Options.defaults().withEkus(List.of("1.3.6.1.4.1.311.20.2.2"))), certs.caPem());
        assertKdcRefused(mit, kinit, "kinit: Inconsistent key purpose" + WHILE, "Inconsistent key purpose");
    }

    @Test
    void certificateNamingAnotherPrincipalIsRefusedByTheKdc() throws Exception {
        ToolResult kinit = kinit("alice", certs.user("alice", mit.realm(), Options.defaults().withSanPrincipal("bob")),
                certs.caPem());
        // KDC_ERR_CLIENT_NAME_MISMATCH
        assertKdcRefused(mit, kinit, "kinit: Client name mismatch" + WHILE, "Client name mismatch");
    }

    @Test
    void certificateWithoutSanIsRefusedByTheKdc() throws Exception {
        ToolResult kinit = kinit("alice", certs.user("alice", mit.realm(), Options.defaults().withSan(SanKind.NONE)),
                certs.caPem());
        assertKdcRefused(mit, kinit, "kinit: Client name mismatch" + WHILE, "Client name mismatch");
    }

    @Test
    void upnSanIsRefusedUnlessTheRealmAllowsUpn() throws Exception {
        Issued upn = certs.user("alice", mit.realm(), Options.defaults().upnSan());
        ToolResult refused = kinit("alice", upn, certs.caPem());
        assertKdcRefused(mit, refused, "kinit: Client name mismatch" + WHILE, "Client name mismatch");
        client.close();
        try (MitKdc allowing = MitKdc.builder().pkinit(certs).realmSetting("pkinit_allow_upn", "true").start()) {
            allowing.addPrincipal("alice", null, "-randkey", "+requires_preauth");
            ToolResult kinit = kinit(allowing, "alice", upn, certs.caPem());
            assertTrue(kinit.succeeded(), kinit::describe);
        }
    }

    // The KDC's certificate as MIT's client judges it.

    @Test
    void kdcCertificateWithoutKdcEkuIsAcceptedWhenItsSanNamesTheKrbtgt() throws Exception {
        // MIT's client skips the KDC EKU check once id-pkinit-san matches krbtgt/REALM@REALM (pkinit_clnt.c,
        // verify_kdc_san sets need_eku_checking = 0); only a certificate matched by host name needs the EKU.
        ToolResult kinit = kinitAgainstKdcWith(certs.kdc(Options.defaults().withoutEku()));
        assertTrue(kinit.succeeded(), kinit::describe);
    }

    @Test
    void kdcCertificateFromAnUntrustedCaIsRefusedByTheClient() throws Exception {
        ToolResult kinit = kinitAgainstKdcWith(certs.kdc(Options.defaults().signedByUntrustedCa()));
        // -1765328314 = KRB5KDC_ERR_CANT_VERIFY_CERTIFICATE (70)
        assertKdcCertificateRefused(kinit, "Preauth module pkinit (17) (real) returned: -1765328314/Failed to verify"
                + " received certificate (depth 0): unable to get local issuer certificate");
    }

    @Test
    void kdcCertificateWithoutSanIsRefusedByTheClient() throws Exception {
        ToolResult kinit = kinitAgainstKdcWith(certs.kdc(Options.defaults().withSan(SanKind.NONE)));
        // -1765328308 = KRB5KDC_ERR_KDC_NAME_MISMATCH (76)
        assertKdcCertificateRefused(kinit, "Preauth module pkinit (17) (real) returned: -1765328308/KDC name mismatch");
    }

    @Test
    void kdcCertificateForAnotherRealmsKrbtgtIsRefusedByTheClient() throws Exception {
        ToolResult kinit = kinitAgainstKdcWith(certs.kdc(Options.defaults().withSanPrincipal("OTHER.REALM")));
        assertTrue(kinit.trace().contains("PKINIT client found id-pkinit-san in KDC cert: krbtgt/OTHER.REALM@"
                + MitKdc.DEFAULT_REALM), kinit.trace());
        assertKdcCertificateRefused(kinit, "Preauth module pkinit (17) (real) returned: -1765328308/KDC name mismatch");
    }

    /**
     * A good user certificate against a second MIT KDC that presents {@code kdcCertificate}. That KDC trusts both
     * CAs: krb5kdc verifies its own certificate against its anchors too, and with only the good CA it would refuse
     * an untrusted certificate itself (KDC_RETURN_PADATA "Failed to verify own certificate (depth 0): unable to get
     * local issuer certificate", the client then sees "Preauthentication failed").
     */
    private ToolResult kinitAgainstKdcWith(Issued kdcCertificate) throws Exception {
        try (MitKdc kdc = MitKdc.builder().pkinit(kdcCertificate.certificatePem(), kdcCertificate.keyPem(),
                certs.bothCasPem()).start()) {
            kdc.addPrincipal("alice", null, "-randkey", "+requires_preauth");
            ToolResult kinit = kinit(kdc, "alice", certs.user("alice"), certs.caPem());
            return kinit;
        }
    }

    /**
     * The client refused the KDC's reply: its reason is only in the trace, since kinit then falls back to the
     * password prompt (which reads end of file here).
     */
    private void assertKdcCertificateRefused(ToolResult kinit, String traceLine) throws Exception {
        assertEquals(1, kinit.exitCode(), kinit::describe);
        assertEquals("kinit: Cannot read password" + WHILE, kinit.stderr().strip(), kinit::describe);
        assertTrue(kinit.trace().contains(traceLine), kinit.trace());
        assertTrue(client.klist().tgt().isEmpty());
    }

    private void assertClientRefused(ToolResult kinit, String message) throws Exception {
        assertEquals(1, kinit.exitCode(), kinit::describe);
        assertEquals(message, kinit.stderr().strip(), kinit::describe);
        assertTrue(client.klist().tgt().isEmpty());
        String log = kdcLogSinceKinit(mit);
        assertTrue(!log.contains("(pkinit)") && !log.contains("ISSUE: "), log);
    }

    private void assertKdcRefused(MitKdc kdc, ToolResult kinit, String message, String kdcReason) throws Exception {
        assertEquals(1, kinit.exitCode(), kinit::describe);
        assertEquals(message, kinit.stderr().strip(), kinit::describe);
        assertTrue(client.klist().tgt().isEmpty());
        String log = kdcLogSinceKinit(kdc);
        assertTrue(log.contains("PREAUTH_FAILED: alice@" + kdc.realm() + " for krbtgt/" + kdc.realm() + "@"
                + kdc.realm() + ", " + kdcReason), log);
    }
}
