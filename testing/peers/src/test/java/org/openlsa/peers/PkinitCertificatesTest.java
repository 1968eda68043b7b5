package org.openlsa.peers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openlsa.peers.PkinitCertificates.Issued;
import org.openlsa.peers.PkinitCertificates.KeyAlgorithm;
import org.openlsa.peers.PkinitCertificates.Options;
import org.openlsa.peers.PkinitCertificates.SanKind;

/**
 * The certificates' contents read back with the JDK's X.509 parser (not Bouncy Castle), the SAN values compared with
 * DER written out by hand from RFC 4556 3.2.2. PkinitPeerTest (testing/interop) proves them against MIT.
 */
class PkinitCertificatesTest {
    private static final HexFormat HEX = HexFormat.of();
    /** OBJECT IDENTIFIER 1.3.6.1.5.2.2 (id-pkinit-san). */
    private static final String PKINIT_SAN_OID = "06062b0601050202";

    private static PkinitCertificates certs;

    @BeforeAll
    static void create() throws Exception {
        certs = PkinitCertificates.create("TEST.LOCAL");
    }

    @AfterAll
    static void close() {
        certs.close();
    }

    @Test
    void caIsASelfSignedCa() throws Exception {
        X509Certificate ca = certs.caCertificate();
        ca.verify(ca.getPublicKey());
        assertTrue(ca.getBasicConstraints() >= 0, "basicConstraints cA");
        assertTrue(ca.getCriticalExtensionOIDs().contains("2.5.29.19"));
        assertTrue(ca.getKeyUsage()[5], "keyCertSign");
    }

    @Test
    void kdcCertificateNamesTheKrbtgtWithTheKdcEku() throws Exception {
        X509Certificate kdc = certs.kdc().certificate();
        kdc.verify(certs.caCertificate().getPublicKey());
        assertEquals(List.of(PkinitCertificates.KP_KDC), kdc.getExtendedKeyUsage());
        assertEquals(-1, kdc.getBasicConstraints());
        // [0] { SEQUENCE { realm [0] GeneralString "TEST.LOCAL", principalName [1] SEQUENCE { name-type [0] 2,
        // name-string [1] SEQUENCE { "krbtgt", "TEST.LOCAL" } } } }
        String realm = "a00c1b0a544553542e4c4f43414c";
        String value = "a031" + "302f" + realm + "a11f" + "301d" + "a003020102" + "a116" + "3014" + "1b066b72627467"
                + "74" + "1b0a544553542e4c4f43414c";
        assertOtherName(kdc, PKINIT_SAN_OID + value);
    }

    @Test
    void userCertificateNamesTheUserWithTheClientEku() throws Exception {
        Issued alice = certs.user("alice");
        X509Certificate cert = alice.certificate();
        cert.verify(certs.caCertificate().getPublicKey());
        cert.checkValidity();
        assertEquals(List.of(PkinitCertificates.KP_CLIENT_AUTH), cert.getExtendedKeyUsage());
        assertTrue(cert.getKeyUsage()[0], "digitalSignature");
        String value = "a024" + "3022" + "a00c1b0a544553542e4c4f43414c" + "a112" + "3010" + "a003020101" + "a109"
                + "3007" + "1b05616c696365";
        assertOtherName(cert, PKINIT_SAN_OID + value);
        assertEquals("RSA", alice.privateKey().getAlgorithm());
        assertTrue(Files.readString(alice.keyPem()).startsWith("-----BEGIN PRIVATE KEY-----"));
        assertTrue(Files.readString(alice.certificatePem()).startsWith("-----BEGIN CERTIFICATE-----"));
        assertFalse(alice.toString().contains("PRIVATE"), alice.toString());
        assertEquals("FILE:" + alice.certificatePem() + "," + alice.keyPem(), alice.mitFileIdentity());
    }

    @Test
    void upnSanCarriesNameAtRealmAsUtf8() throws Exception {
        X509Certificate cert = certs.user("alice", "TEST.LOCAL", Options.defaults().upnSan()).certificate();
        // OID 1.3.6.1.4.1.311.20.2.3, [0] { UTF8String "alice@TEST.LOCAL" }
        assertOtherName(cert, "060a2b060104018237140203"
                + "a0120c10616c69636540544553542e4c4f43414c");
    }

    @Test
    void variantsBreakWhatTheySay() throws Exception {
        assertThrows(CertificateExpiredException.class,
                () -> certs.user("a", "TEST.LOCAL", Options.defaults().expired()).certificate().checkValidity());
        assertThrows(CertificateNotYetValidException.class,
                () -> certs.user("a", "TEST.LOCAL", Options.defaults().notYetValid()).certificate().checkValidity());
        assertNull(certs.user("a", "TEST.LOCAL", Options.defaults().withoutEku()).certificate().getExtendedKeyUsage());
        assertEquals(List.of(PkinitCertificates.EMAIL_PROTECTION),
                certs.user("a", "TEST.LOCAL", Options.defaults().wrongEku()).certificate().getExtendedKeyUsage());
        assertNull(certs.user("a", "TEST.LOCAL", Options.defaults().withSan(SanKind.NONE)).certificate()
                .getSubjectAlternativeNames());
        X509Certificate untrusted = certs.user("a", "TEST.LOCAL", Options.defaults().signedByUntrustedCa())
                .certificate();
        untrusted.verify(certs.untrustedCaCertificate().getPublicKey());
        assertThrows(java.security.SignatureException.class,
                () -> untrusted.verify(certs.caCertificate().getPublicKey()));
        Issued ec = certs.user("a", "TEST.LOCAL", Options.defaults().withKeyAlgorithm(KeyAlgorithm.EC_P256));
        assertEquals("EC", ec.certificate().getPublicKey().getAlgorithm());
        ec.certificate().verify(certs.caCertificate().getPublicKey());
    }

    @Test
    void closeDeletesEveryKey() throws Exception {
        Path directory;
        try (PkinitCertificates own = PkinitCertificates.create("OTHER.TEST", KeyAlgorithm.EC_P256)) {
            directory = own.directory();
            assertTrue(Files.exists(own.kdc().keyPem()));
            assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(directory)));
        }
        assertFalse(Files.exists(directory));
    }

    /** The certificate's only SAN is an otherName whose DER (OID and [0] value) is {@code hex}. */
    private static void assertOtherName(X509Certificate cert, String hex) throws Exception {
        Collection<List<?>> sans = cert.getSubjectAlternativeNames();
        assertEquals(1, sans.size(), sans::toString);
        List<?> san = sans.iterator().next();
        assertEquals(0, san.get(0), "otherName");
        byte[] der = (byte[]) san.get(1);
        // The JDK hands out the whole OtherName SEQUENCE: strip its tag and length (short form here).
        String body = HEX.formatHex(der).substring(4);
        assertEquals(hex, body);
        assertArrayEquals(HEX.parseHex(hex), HEX.parseHex(body));
    }
}
