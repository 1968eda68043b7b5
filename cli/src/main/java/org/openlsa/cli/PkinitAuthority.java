package org.openlsa.cli;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERGeneralString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The realm's own PKINIT certification authority (RFC 4556 3.2.2, RFC 5280): its self-signed certificate and key, and
 * the KDC and client certificates it issues with what MIT's pkinit plugin and our KDC check: subject and authority
 * key identifiers, a critical key usage with digitalSignature, a critical basicConstraints, the PKINIT extended key
 * usage of the role (id-pkinit-KPKdc 1.3.6.1.5.2.3.5 on the KDC, id-pkinit-KPClientAuth 1.3.6.1.5.2.3.4 on
 * clients) and the principal in an id-pkinit-san otherName (or Microsoft's UPN otherName for a client).
 *
 * <p>Security: the private keys live only in the {@link Issued} values handed back; toString never shows one.
 * Certificates are signed with the JDK's providers (no Bouncy Castle provider is registered globally).
 *
 * @param certificate the CA's certificate
 * @param key         its private key
 */
record PkinitAuthority(X509Certificate certificate, PrivateKey key) {
    /** id-pkinit-san (RFC 4556 3.2.2): an otherName holding a KRB5PrincipalName. */
    static final ASN1ObjectIdentifier ID_PKINIT_SAN = new ASN1ObjectIdentifier("1.3.6.1.5.2.2");
    /** Microsoft's UPN otherName: a UTF8String "user@realm". */
    static final ASN1ObjectIdentifier UPN_SAN = new ASN1ObjectIdentifier("1.3.6.1.4.1.311.20.2.3");
    /** id-pkinit-KPClientAuth (RFC 4556 3.2.2). */
    static final ASN1ObjectIdentifier KP_CLIENT_AUTH = new ASN1ObjectIdentifier("1.3.6.1.5.2.3.4");
    /** id-pkinit-KPKdc (RFC 4556 3.2.4). */
    static final ASN1ObjectIdentifier KP_KDC = new ASN1ObjectIdentifier("1.3.6.1.5.2.3.5");
    /** NT-PRINCIPAL and NT-SRV-INST (RFC 4120 6.2). */
    private static final int NT_PRINCIPAL = 1;
    private static final int NT_SRV_INST = 2;
    /** Validity starts this long before now, so a client whose clock is a little behind accepts a new certificate. */
    private static final Duration BACKDATE = Duration.ofMinutes(10);
    /** RFC 5280 4.1.2.2: a serial is positive and at most 20 octets; 127 random bits are unique without a counter. */
    private static final int SERIAL_BITS = 127;
    private static final SecureRandom RANDOM = new SecureRandom();

    PkinitAuthority {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(key, "key");
        if (certificate.getBasicConstraints() < 0) {
            throw new IllegalArgumentException("not a CA certificate: " + certificate.getSubjectX500Principal());
        }
    }

    /** The key of a new certificate, as {@code --key rsa2048|ec-p256} names it. */
    enum KeyType {
        /** RSA 2048, SHA256withRSA: what every PKINIT client (Windows, MIT, Heimdal) takes. */
        RSA2048("rsa2048"),
        /** ECDSA on P-256, SHA256withECDSA: smaller and faster; MIT 1.20 and later with OpenSSL 3. */
        EC_P256("ec-p256");

        final String option;

        KeyType(String option) {
            this.option = option;
        }

        static KeyType parse(String text) {
            for (KeyType t : values()) {
                if (t.option.equals(text.toLowerCase(Locale.ROOT))) {
                    return t;
                }
            }
            throw new IllegalArgumentException("unknown key type '" + text + "': use rsa2048 or ec-p256");
        }

        KeyPair generate() throws GeneralSecurityException {
            KeyPairGenerator generator;
            if (this == EC_P256) {
                generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            } else {
                generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
            }
            return generator.generateKeyPair();
        }
    }

    /**
     * A certificate and its private key.
     *
     * @param certificate the certificate
     * @param key         its private key (never printed)
     */
    record Issued(X509Certificate certificate, PrivateKey key) {
        Issued {
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(key, "key");
        }

        @Override
        public String toString() {
            return "Issued[" + certificate.getSubjectX500Principal() + ", serial " + certificate.getSerialNumber() + "]";
        }
    }

    /** The default CA subject: {@code O=REALM, CN=REALM PKINIT CA}. */
    static X500Name defaultCaSubject(String realm) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, realm)
                .addRDN(BCStyle.CN, realm + " PKINIT CA").build();
    }

    /**
     * A new self-signed CA: basicConstraints CA (critical, no path length limit: an intermediate may follow),
     * keyCertSign and cRLSign, a subject key identifier.
     */
    static PkinitAuthority create(X500Name subject, Duration lifetime, KeyType keyType)
            throws GeneralSecurityException {
        KeyPair keys = keyType.generate();
        Instant now = Instant.now();
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(lifetime)), subject, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            utils.createSubjectKeyIdentifier(keys.getPublic()));
            return new PkinitAuthority(sign(builder, keys.getPrivate()), keys.getPrivate());
        } catch (CertIOException e) {
            throw new GeneralSecurityException("cannot encode the CA's extensions: " + e.getMessage(), e);
        }
    }

    /** The KDC's certificate: {@code O=REALM, CN=KDC}, id-pkinit-san krbtgt/REALM@REALM (NT-SRV-INST), id-pkinit-KPKdc. */
    Issued issueKdc(String realm, Duration lifetime, KeyType keyType) throws GeneralSecurityException {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, realm).addRDN(BCStyle.CN, "KDC")
                .build();
        return issue(subject, pkinitSan(realm, NT_SRV_INST, List.of("krbtgt", realm)), KP_KDC, lifetime, keyType);
    }

    /**
     * A client's certificate: {@code O=REALM, CN=name}, id-pkinit-KPClientAuth, and the principal name@REALM as an
     * id-pkinit-san (NT-PRINCIPAL) or, with {@code upn}, as Microsoft's UPN otherName.
     */
    Issued issueClient(String name, String realm, boolean upn, Duration lifetime, KeyType keyType)
            throws GeneralSecurityException {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, realm).addRDN(BCStyle.CN, name)
                .build();
        GeneralName san = upn ? otherName(UPN_SAN, new DERUTF8String(name + "@" + realm))
                : pkinitSan(realm, NT_PRINCIPAL, List.of(name));
        return issue(subject, san, KP_CLIENT_AUTH, lifetime, keyType);
    }

    private Issued issue(X500Name subject, GeneralName san, ASN1ObjectIdentifier eku, Duration lifetime,
            KeyType keyType) throws GeneralSecurityException {
        KeyPair keys = keyType.generate();
        Instant now = Instant.now();
        // An EC key cannot encipher: it takes part in (EC)DH as keyAgreement instead (RFC 5480 3).
        // Not beyond the CA: a path through an expired CA fails anyway, and the date shown should be the real one.
        Date notAfter = Date.from(now.plus(lifetime));
        if (notAfter.after(certificate.getNotAfter())) {
            notAfter = certificate.getNotAfter();
        }
        int usage = KeyUsage.digitalSignature
                | (keys.getPublic() instanceof ECPublicKey ? KeyUsage.keyAgreement : KeyUsage.keyEncipherment);
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()), serial(),
                    Date.from(now.minus(BACKDATE)), notAfter, subject, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(usage))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            utils.createSubjectKeyIdentifier(keys.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            utils.createAuthorityKeyIdentifier(certificate))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(san))
                    .addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(KeyPurposeId.getInstance(eku)));
            return new Issued(sign(builder, key), keys.getPrivate());
        } catch (CertIOException e) {
            throw new GeneralSecurityException("cannot encode the extensions of " + subject + ": " + e.getMessage(), e);
        }
    }

    /** A CRL reason code (RFC 5280 5.3.1), as {@code --reason} names it. */
    enum RevocationReason {
        UNSPECIFIED("unspecified", CRLReason.unspecified),
        KEY_COMPROMISE("key-compromise", CRLReason.keyCompromise),
        AFFILIATION_CHANGED("affiliation-changed", CRLReason.affiliationChanged),
        SUPERSEDED("superseded", CRLReason.superseded),
        CESSATION_OF_OPERATION("cessation-of-operation", CRLReason.cessationOfOperation);

        final String option;
        final int code;

        RevocationReason(String option, int code) {
            this.option = option;
            this.code = code;
        }

        static RevocationReason parse(String text) {
            for (RevocationReason r : values()) {
                if (r.option.equals(text)) {
                    return r;
                }
            }
            List<String> names = new ArrayList<>();
            for (RevocationReason r : values()) {
                names.add(r.option);
            }
            throw new IllegalArgumentException("--reason must be one of " + String.join(", ", names) + ": " + text);
        }
    }

    /** Whether {@code crl} is this CA's: its issuer name, and its signature verifies with the CA's key. */
    boolean issued(X509CRL crl) {
        if (!crl.getIssuerX500Principal().equals(certificate.getSubjectX500Principal())) {
            return false;
        }
        try {
            crl.verify(certificate.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The CA's next CRL: every entry of {@code previous} (this CA's current CRL, or null for the first) plus
     * {@code serial} if given and not already listed; CRL number one more than the previous one's, so that a reader
     * can tell the newer of two; current from {@code now} for {@code lifetime}. The KDC refuses this CA's
     * certificates once the CRL lapses (REVOCATION_STATUS_UNKNOWN), so it must be re-issued before then.
     */
    X509CRL nextCrl(X509CRL previous, BigInteger serial, RevocationReason reason, Instant now, Duration lifetime)
            throws GeneralSecurityException {
        // The issuer as the CA's encoded subject: a round trip through the RFC 2253 string would reverse the RDNs
        // (and could change string types), and the KDC matches CRLs to certificates by the issuer name.
        var builder = new X509v2CRLBuilder(X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()),
                Date.from(now));
        builder.setNextUpdate(Date.from(now.plus(lifetime)));
        BigInteger number = BigInteger.ONE;
        if (previous != null) {
            for (X509CRLEntry e : previous.getRevokedCertificates() == null ? java.util.Set.<X509CRLEntry>of()
                    : previous.getRevokedCertificates()) {
                // java.security.cert.CRLReason's ordinals are RFC 5280's reason codes (7 is its UNUSED)
                int code = e.getRevocationReason() == null ? CRLReason.unspecified
                        : e.getRevocationReason().ordinal();
                builder.addCRLEntry(e.getSerialNumber(), e.getRevocationDate(), code);
            }
            number = crlNumber(previous).add(BigInteger.ONE);
        }
        if (serial != null && (previous == null || previous.getRevokedCertificate(serial) == null)) {
            builder.addCRLEntry(serial, Date.from(now), reason.code);
        }
        try {
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(number));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(certificate));
            String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
            return new JcaX509CRLConverter().getCRL(
                    builder.build(new JcaContentSignerBuilder(algorithm).build(key)));
        } catch (CertIOException | OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign the CRL: " + e.getMessage(), e);
        }
    }

    /** The CRL number extension of {@code crl}, 0 when it has none. */
    static BigInteger crlNumber(X509CRL crl) {
        byte[] ext = crl.getExtensionValue(Extension.cRLNumber.getId());
        if (ext == null) {
            return BigInteger.ZERO;
        }
        return CRLNumber.getInstance(org.bouncycastle.asn1.ASN1OctetString.getInstance(ext).getOctets())
                .getCRLNumber();
    }

    private static BigInteger serial() {
        return new BigInteger(SERIAL_BITS, RANDOM).add(BigInteger.ONE);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey)
            throws GeneralSecurityException {
        String algorithm = issuerKey.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        try {
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(issuerKey)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("no " + algorithm + " signer: " + e.getMessage(), e);
        }
    }

    /*
     * KRB5PrincipalName ::= SEQUENCE { realm [0] Realm, principalName [1] PrincipalName }        (RFC 4556 3.2.2)
     * PrincipalName ::= SEQUENCE { name-type [0] Int32, name-string [1] SEQUENCE OF KerberosString } (RFC 4120)
     * Realm and KerberosString are GeneralStrings; the tags are explicit (the Kerberos module's default).
     */
    private static GeneralName pkinitSan(String realm, int nameType, List<String> components) {
        ASN1EncodableVector strings = new ASN1EncodableVector();
        components.forEach(c -> strings.add(new DERGeneralString(c)));
        DERSequence principalName = new DERSequence(new ASN1Encodable[] {
                new DERTaggedObject(true, 0, new ASN1Integer(nameType)),
                new DERTaggedObject(true, 1, new DERSequence(strings))});
        DERSequence krb5PrincipalName = new DERSequence(new ASN1Encodable[] {
                new DERTaggedObject(true, 0, new DERGeneralString(realm)),
                new DERTaggedObject(true, 1, principalName)});
        return otherName(ID_PKINIT_SAN, krb5PrincipalName);
    }

    /** OtherName ::= SEQUENCE { type-id OBJECT IDENTIFIER, value [0] EXPLICIT ANY } (RFC 5280 4.2.1.6). */
    private static GeneralName otherName(ASN1ObjectIdentifier oid, ASN1Encodable value) {
        return new GeneralName(GeneralName.otherName, new DERSequence(new ASN1Encodable[] {
                oid, new DERTaggedObject(true, 0, value)}));
    }

    /**
     * The Kerberos principals a certificate names, for display: each id-pkinit-san as {@code a/b@REALM} and each UPN
     * SAN as {@code upn:user@realm}. A SAN that does not decode shows as {@code (undecodable ...)}: this is a view,
     * not a check (the KDC's own decoder decides).
     */
    static List<String> principalNames(X509Certificate certificate) {
        List<String> out = new ArrayList<>();
        byte[] extension = certificate.getExtensionValue(Extension.subjectAlternativeName.getId());
        if (extension == null) {
            return out;
        }
        try {
            GeneralNames names = GeneralNames.getInstance(
                    ASN1Primitive.fromByteArray(org.bouncycastle.asn1.ASN1OctetString.getInstance(extension)
                            .getOctets()));
            for (GeneralName name : names.getNames()) {
                if (name.getTagNo() != GeneralName.otherName) {
                    continue;
                }
                ASN1Sequence other = ASN1Sequence.getInstance(name.getName());
                ASN1ObjectIdentifier type = ASN1ObjectIdentifier.getInstance(other.getObjectAt(0));
                ASN1Encodable value = ASN1TaggedObject.getInstance(other.getObjectAt(1)).getExplicitBaseObject();
                if (type.equals(ID_PKINIT_SAN)) {
                    out.add(krb5PrincipalName(ASN1Sequence.getInstance(value)));
                } else if (type.equals(UPN_SAN)) {
                    out.add("upn:" + ((ASN1String) value).getString());
                }
            }
        } catch (RuntimeException | java.io.IOException e) {
            out.add("(undecodable subject alternative name)");
        }
        return out;
    }

    private static String krb5PrincipalName(ASN1Sequence sequence) {
        String realm = ((ASN1String) ASN1TaggedObject.getInstance(sequence.getObjectAt(0)).getExplicitBaseObject())
                .getString();
        ASN1Sequence principal = ASN1Sequence.getInstance(
                ASN1TaggedObject.getInstance(sequence.getObjectAt(1)).getExplicitBaseObject());
        ASN1Sequence strings = ASN1Sequence.getInstance(
                ASN1TaggedObject.getInstance(principal.getObjectAt(1)).getExplicitBaseObject());
        StringBuilder b = new StringBuilder();
        for (ASN1Encodable s : strings) {
            b.append(b.isEmpty() ? "" : "/").append(((ASN1String) s).getString());
        }
        return b.append('@').append(realm).toString();
    }

    @Override
    public String toString() {
        return "PkinitAuthority[" + certificate.getSubjectX500Principal() + "]";
    }
}
