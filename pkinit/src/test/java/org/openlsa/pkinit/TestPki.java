package org.openlsa.pkinit;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERGeneralString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.OtherName;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway PKI for the tests, made with Bouncy Castle: a CA, the KDC's certificate (id-pkinit-KPKdc, SAN
 * krbtgt/REALM), and client certificates with the names and key purposes each test needs. RSA 2048 keys are made
 * once and shared, since key generation dominates the run time.
 */
final class TestPki {
    static final String REALM = "PKINIT.TEST";
    static final KeyPurposeId KP_CLIENT_AUTH = KeyPurposeId.getInstance(new ASN1ObjectIdentifier("1.3.6.1.5.2.3.4"));
    static final KeyPurposeId KP_KDC = KeyPurposeId.getInstance(new ASN1ObjectIdentifier("1.3.6.1.5.2.3.5"));
    static final ASN1ObjectIdentifier PKINIT_SAN = new ASN1ObjectIdentifier("1.3.6.1.5.2.2");
    static final ASN1ObjectIdentifier UPN_SAN = new ASN1ObjectIdentifier("1.3.6.1.4.1.311.20.2.3");

    record Identity(X509Certificate certificate, PrivateKey key) {}

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Instant NOW = Instant.now();
    private static long serial = 1;

    final KeyPair caKeys = rsa();
    final X509Certificate ca;
    final KeyPair otherCaKeys = rsa();
    final X509Certificate otherCa;
    final KeyPair kdcKeys = rsa();
    final X509Certificate kdc;
    final KeyPair userKeys = rsa();

    TestPki() throws Exception {
        ca = caCertificate("CN=PKINIT Test CA", caKeys);
        otherCa = caCertificate("CN=Some Other CA", otherCaKeys);
        kdc = issue(caKeys, ca, "CN=kdc", kdcKeys.getPublic(), List.of(KP_KDC),
                sanPrincipal(REALM, "krbtgt", REALM), NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)));
    }

    PkinitKdcConfig config() {
        return new PkinitKdcConfig(List.of(kdc), kdcKeys.getPrivate(), List.of(ca));
    }

    /** A client certificate from the test CA naming user@REALM in id-pkinit-san, with the PKINIT client EKU. */
    Identity user(String... components) throws Exception {
        return new Identity(issue(caKeys, ca, "CN=" + components[0], userKeys.getPublic(), List.of(KP_CLIENT_AUTH),
                sanPrincipal(REALM, components), NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30))),
                userKeys.getPrivate());
    }

    /** A CRL of the test CA, current from {@code thisUpdate} to {@code nextUpdate}, listing {@code revoked}. */
    X509CRL crl(Instant thisUpdate, Instant nextUpdate, X509Certificate... revoked) throws Exception {
        return crl(ca, caKeys.getPrivate(), thisUpdate, nextUpdate, revoked);
    }

    /** A CRL naming {@code issuer}, signed by {@code signer} (the issuer's key, or not). */
    static X509CRL crl(X509Certificate issuer, PrivateKey signer, Instant thisUpdate, Instant nextUpdate,
            X509Certificate... revoked) throws Exception {
        var b = new X509v2CRLBuilder(new JcaX509CertificateHolder(issuer).getSubject(), Date.from(thisUpdate));
        b.setNextUpdate(Date.from(nextUpdate));
        for (X509Certificate r : revoked) {
            b.addCRLEntry(r.getSerialNumber(), Date.from(thisUpdate), CRLReason.keyCompromise);
        }
        return new JcaX509CRLConverter().getCRL(
                b.build(new JcaContentSignerBuilder("SHA256withRSA").build(signer)));
    }

    /** A user identity with a P-256 key (MIT 1.20 labels its ECDSA AuthPack signature sha256WithRSAEncryption). */
    Identity ecUser(String name) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256, RANDOM);
        KeyPair keys = g.generateKeyPair();
        return new Identity(issue(caKeys, ca, "CN=" + name, keys.getPublic(), List.of(KP_CLIENT_AUTH),
                sanPrincipal(REALM, name), NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30))),
                keys.getPrivate());
    }

    Identity userWith(KeyPair issuer, X509Certificate issuerCert, List<KeyPurposeId> ekus, GeneralName san,
            Instant notBefore, Instant notAfter) throws Exception {
        return new Identity(issue(issuer, issuerCert, "CN=user", userKeys.getPublic(), ekus, san, notBefore,
                notAfter), userKeys.getPrivate());
    }

    static GeneralName sanPrincipal(String realm, String... components) {
        List<ASN1Encodable> names = new ArrayList<>();
        for (String c : components) {
            names.add(new DERGeneralString(c));
        }
        DERSequence principalName = new DERSequence(new ASN1Encodable[] {
            new DERTaggedObject(true, 0, new ASN1Integer(1)),
            new DERTaggedObject(true, 1, new DERSequence(names.toArray(ASN1Encodable[]::new)))});
        DERSequence krb5PrincipalName = new DERSequence(new ASN1Encodable[] {
            new DERTaggedObject(true, 0, new DERGeneralString(realm)),
            new DERTaggedObject(true, 1, principalName)});
        return new GeneralName(GeneralName.otherName, new OtherName(PKINIT_SAN, krb5PrincipalName));
    }

    static GeneralName upn(String upn) {
        return new GeneralName(GeneralName.otherName, new OtherName(UPN_SAN, new DERUTF8String(upn)));
    }

    static Instant now() {
        return NOW;
    }

    /** A KDC identity with a P-256 key (certified by the test CA), for the ECDSA-signed reply. */
    Identity ecKdc() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256, RANDOM);
        KeyPair keys = g.generateKeyPair();
        return new Identity(issue(caKeys, ca, "CN=kdc-ec", keys.getPublic(), List.of(KP_KDC),
                sanPrincipal(REALM, "krbtgt", REALM), NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30))),
                keys.getPrivate());
    }

    /** An intermediate CA under the test CA (it reuses the CA's key pair: only the path matters here). */
    X509Certificate intermediate() throws Exception {
        var b = new JcaX509v3CertificateBuilder(ca, BigInteger.valueOf(serial++),
                Date.from(NOW.minus(Duration.ofDays(1))), Date.from(NOW.plus(Duration.ofDays(30))),
                new X500Name("CN=PKINIT Test Issuing CA"), otherCaKeys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        return sign(b, caKeys.getPrivate());
    }

    private X509Certificate caCertificate(String dn, KeyPair keys) throws Exception {
        var b = new JcaX509v3CertificateBuilder(new X500Name(dn), BigInteger.valueOf(serial++),
                Date.from(NOW.minus(Duration.ofDays(2))), Date.from(NOW.plus(Duration.ofDays(60))), new X500Name(dn),
                keys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        return sign(b, keys.getPrivate());
    }

    private static X509Certificate issue(KeyPair issuer, X509Certificate issuerCert, String dn, PublicKey subject,
            List<KeyPurposeId> ekus, GeneralName san, Instant notBefore, Instant notAfter) throws Exception {
        var b = new JcaX509v3CertificateBuilder(issuerCert, BigInteger.valueOf(serial++), Date.from(notBefore),
                Date.from(notAfter), new X500Name(dn), subject);
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        if (!ekus.isEmpty()) {
            b.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(ekus.toArray(KeyPurposeId[]::new)));
        }
        if (san != null) {
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(san));
        }
        return sign(b, issuer.getPrivate());
    }

    private static X509Certificate sign(JcaX509v3CertificateBuilder b, PrivateKey key) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withRSA").build(key)));
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048, RANDOM);
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
