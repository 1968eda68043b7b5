package org.openlsa.peers;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
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
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway PKINIT public-key infrastructure (RFC 4556) in a private temporary directory: a trusted CA, a second
 * CA nobody trusts, a KDC certificate for a realm, and user certificates on demand, each written as PEM
 * ({@code CERTIFICATE} and unencrypted PKCS#8 {@code PRIVATE KEY}, which MIT's pkinit plugin reads through OpenSSL)
 * and also handed out as Java objects for a KDC configured in code.
 *
 * <p>The extensions follow what MIT's pkinit plugin checks (the profile of krb5's own test certificates): subject
 * and authority key identifiers, key usage with digitalSignature, {@code basicConstraints} critical (CA only on the
 * CA), the principal in an id-pkinit-san otherName (1.3.6.1.5.2.2) holding a KRB5PrincipalName, and the PKINIT
 * extended key usages (id-pkinit-KPKdc 1.3.6.1.5.2.3.5 on the KDC, id-pkinit-KPClientAuth 1.3.6.1.5.2.3.4 on
 * clients). {@link Options} makes the deliberately broken variants tests need.
 *
 * <p>Security: test material only. Keys are unencrypted files in a directory only the owner can enter, deleted by
 * {@link #close()}; {@code toString()} never shows a key.
 */
public final class PkinitCertificates implements AutoCloseable {
    /** id-pkinit-san (RFC 4556 3.2.2): otherName holding a KRB5PrincipalName. */
    public static final String ID_PKINIT_SAN = "1.3.6.1.5.2.2";
    /** Microsoft's UPN otherName (a UTF8String "user@realm"). */
    public static final String UPN_SAN = "1.3.6.1.4.1.311.20.2.3";
    /** id-pkinit-KPClientAuth: the client EKU. */
    public static final String KP_CLIENT_AUTH = "1.3.6.1.5.2.3.4";
    /** id-pkinit-KPKdc: the KDC EKU. */
    public static final String KP_KDC = "1.3.6.1.5.2.3.5";
    /** id-kp-emailProtection: an EKU that is neither PKINIT's nor Microsoft's smart-card logon (the "wrong" one). */
    public static final String EMAIL_PROTECTION = "1.3.6.1.5.5.7.3.4";

    /** NT-PRINCIPAL and NT-SRV-INST (RFC 4120 6.2). */
    private static final int NT_PRINCIPAL = 1;
    private static final int NT_SRV_INST = 2;
    private static final Pattern REALM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,62}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._$-]{0,63}");
    private static final Duration DEFAULT_LIFETIME = Duration.ofDays(30);

    private final Path directory;
    private final String realm;
    private final KeyAlgorithm defaultAlgorithm;
    private final AtomicLong serial = new AtomicLong(1);
    private final AtomicLong files = new AtomicLong();
    private final Authority ca;
    private final Authority untrustedCa;
    private final Issued kdc;
    private final Path bothCas;
    private volatile boolean closed;

    /** The key algorithm of a generated certificate. */
    public enum KeyAlgorithm {
        /** RSA 2048 signed with SHA256withRSA (what MIT's test certificates use). */
        RSA_2048,
        /** ECDSA on P-256 (secp256r1) signed with SHA256withECDSA. */
        EC_P256
    }

    /** Which subject alternative name carries the principal. */
    public enum SanKind {
        /** id-pkinit-san with a KRB5PrincipalName. */
        PKINIT,
        /** Microsoft's UPN otherName "name@realm". */
        UPN,
        /** No subject alternative name at all. */
        NONE
    }

    /**
     * How one certificate deviates from the good default. Immutable; each method returns a changed copy.
     *
     * @param notBefore      start of validity
     * @param notAfter       end of validity
     * @param ekus           extended key usage OIDs; {@code null} means the role's PKINIT EKU, empty means no
     *                       extended key usage extension
     * @param san            which SAN carries the principal
     * @param sanPrincipal   the principal name in the SAN when it should differ from the certificate's (e.g.
     *                       "bob" in alice's certificate); null for the certificate's own
     * @param untrustedIssuer whether the CA that nobody trusts signs it
     * @param keyAlgorithm   null for the set's default
     */
    public record Options(Instant notBefore, Instant notAfter, List<String> ekus, SanKind san, String sanPrincipal,
            boolean untrustedIssuer, KeyAlgorithm keyAlgorithm) {
        public Options {
            Objects.requireNonNull(notBefore, "notBefore");
            Objects.requireNonNull(notAfter, "notAfter");
            Objects.requireNonNull(san, "san");
            if (!notAfter.isAfter(notBefore)) {
                throw new IllegalArgumentException("notAfter must follow notBefore: " + notBefore + " .. " + notAfter);
            }
            if (ekus != null) {
                ekus = List.copyOf(ekus);
                ekus.forEach(ASN1ObjectIdentifier::new);
            }
            if (sanPrincipal != null && !NAME.matcher(sanPrincipal).matches()) {
                throw new IllegalArgumentException("sanPrincipal must match " + NAME.pattern() + ": " + sanPrincipal);
            }
        }

        /** Valid from an hour ago for 30 days, the role's PKINIT EKU, id-pkinit-san, the trusted CA. */
        public static Options defaults() {
            Instant now = Instant.now();
            return new Options(now.minus(Duration.ofHours(1)), now.plus(DEFAULT_LIFETIME), null, SanKind.PKINIT,
                    null, false, null);
        }

        /** Valid two days ago until yesterday. */
        public Options expired() {
            Instant now = Instant.now();
            return validity(now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(1)));
        }

        /** Valid from tomorrow on. */
        public Options notYetValid() {
            Instant now = Instant.now();
            return validity(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(2)));
        }

        public Options validity(Instant from, Instant until) {
            return new Options(from, until, ekus, san, sanPrincipal, untrustedIssuer, keyAlgorithm);
        }

        /** No extended key usage extension at all. */
        public Options withoutEku() {
            return withEkus(List.of());
        }

        /** Only id-kp-emailProtection: an EKU extension without the PKINIT one. */
        public Options wrongEku() {
            return withEkus(List.of(EMAIL_PROTECTION));
        }

        /** Exactly these EKU OIDs (dotted), e.g. Microsoft's smart-card logon 1.3.6.1.4.1.311.20.2.2. */
        public Options withEkus(List<String> oids) {
            return new Options(notBefore, notAfter, oids, san, sanPrincipal, untrustedIssuer, keyAlgorithm);
        }

        /** The principal as a Microsoft UPN SAN instead of id-pkinit-san. */
        public Options upnSan() {
            return withSan(SanKind.UPN);
        }

        public Options withSan(SanKind kind) {
            return new Options(notBefore, notAfter, ekus, kind, sanPrincipal, untrustedIssuer, keyAlgorithm);
        }

        /** The SAN names {@code name} (same realm) although the subject and files are the certificate's own. */
        public Options withSanPrincipal(String name) {
            return new Options(notBefore, notAfter, ekus, san, name, untrustedIssuer, keyAlgorithm);
        }

        /** Signed by the second CA, which no anchor names. */
        public Options signedByUntrustedCa() {
            return new Options(notBefore, notAfter, ekus, san, sanPrincipal, true, keyAlgorithm);
        }

        public Options withKeyAlgorithm(KeyAlgorithm algorithm) {
            return new Options(notBefore, notAfter, ekus, san, sanPrincipal, untrustedIssuer,
                    Objects.requireNonNull(algorithm, "algorithm"));
        }
    }

    /**
     * One issued certificate with its key, in memory and as PEM files.
     *
     * @param certificate    the certificate
     * @param privateKey     its private key (never printed by toString)
     * @param certificatePem the PEM certificate file
     * @param keyPem         the PEM PKCS#8 key file (unencrypted)
     */
    public record Issued(X509Certificate certificate, PrivateKey privateKey, Path certificatePem, Path keyPem) {
        public Issued {
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(privateKey, "privateKey");
            Objects.requireNonNull(certificatePem, "certificatePem");
            Objects.requireNonNull(keyPem, "keyPem");
        }

        /** MIT's FILE identity: {@code FILE:cert.pem,key.pem}. */
        public String mitFileIdentity() {
            return "FILE:" + certificatePem + "," + keyPem;
        }

        @Override
        public String toString() {
            return "Issued[" + certificate.getSubjectX500Principal().getName() + ", serial "
                    + certificate.getSerialNumber() + ", " + certificatePem + "]";
        }
    }

    private record Authority(X500Name name, KeyPair keys, X509Certificate certificate, Path pem, Path keyPem) {
    }

    private PkinitCertificates(Path directory, String realm, KeyAlgorithm algorithm) throws PeerException {
        this.directory = directory;
        this.realm = realm;
        this.defaultAlgorithm = algorithm;
        this.ca = authority("ca", "OpenLSA test PKINIT CA");
        this.untrustedCa = authority("untrusted-ca", "OpenLSA untrusted PKINIT CA");
        this.kdc = kdc(Options.defaults(), "kdc");
        this.bothCas = directory.resolve("both-cas.pem");
        TempDirectory.write(bothCas, pem(ca.certificate()) + pem(untrustedCa.certificate()));
    }

    /** A CA, an untrusted CA and a KDC certificate for {@code realm}, RSA 2048. */
    public static PkinitCertificates create(String realm) throws PeerException {
        return create(realm, KeyAlgorithm.RSA_2048);
    }

    /** As {@link #create(String)} with {@code algorithm} for every key unless an Options says otherwise. */
    public static PkinitCertificates create(String realm, KeyAlgorithm algorithm) throws PeerException {
        if (realm == null || !REALM.matcher(realm).matches()) {
            throw new IllegalArgumentException("realm must match " + REALM.pattern() + ": " + realm);
        }
        Path directory = TempDirectory.create("openlsa-pkinit-");
        try {
            return new PkinitCertificates(directory, realm, Objects.requireNonNull(algorithm, "algorithm"));
        } catch (PeerException | RuntimeException e) {
            TempDirectory.deleteTree(directory);
            throw e;
        }
    }

    /** The realm of the KDC certificate. */
    public String realm() {
        return realm;
    }

    public Path directory() {
        return directory;
    }

    /** The trusted CA's certificate: what {@code pkinit_anchors = FILE:...} names on both sides. */
    public X509Certificate caCertificate() {
        return ca.certificate();
    }

    public Path caPem() {
        return ca.pem();
    }

    /** The trusted CA's key, for a test that issues further certificates itself. */
    public PrivateKey caKey() {
        return ca.keys().getPrivate();
    }

    public Path caKeyPem() {
        return ca.keyPem();
    }

    /** The CA no anchor names: certificates it signs must be refused. */
    public X509Certificate untrustedCaCertificate() {
        return untrustedCa.certificate();
    }

    public Path untrustedCaPem() {
        return untrustedCa.pem();
    }

    /**
     * A file with both CA certificates. MIT's kinit verifies its own certificate against its anchors before
     * sending it, so a client given only {@link #caPem()} never lets a KDC see an untrusted certificate; with
     * these anchors it does, and the refusal is the KDC's.
     */
    public Path bothCasPem() {
        return bothCas;
    }

    /** The good KDC certificate: id-pkinit-san krbtgt/REALM@REALM (NT-SRV-INST), id-pkinit-KPKdc, trusted CA. */
    public Issued kdc() {
        return kdc;
    }

    /**
     * A further KDC certificate for this realm, e.g. {@code Options.defaults().withoutEku()}, signed by the untrusted
     * CA, without SAN ({@code withSan(SanKind.NONE)}), or for another realm's krbtgt ({@code withSanPrincipal("X")}
     * names krbtgt/X@REALM).
     */
    public Issued kdc(Options options) throws PeerException {
        return kdc(options, "kdc-" + files.incrementAndGet());
    }

    /** A user certificate for {@code name@realm} (name-type NT-PRINCIPAL) as {@code options} say. */
    public Issued user(String name, String userRealm, Options options) throws PeerException {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name must match " + NAME.pattern() + ": " + name);
        }
        if (userRealm == null || !REALM.matcher(userRealm).matches()) {
            throw new IllegalArgumentException("realm must match " + REALM.pattern() + ": " + userRealm);
        }
        String sanName = options.sanPrincipal() == null ? name : options.sanPrincipal();
        GeneralName san = switch (options.san()) {
            case PKINIT -> pkinitSan(userRealm, NT_PRINCIPAL, List.of(sanName));
            case UPN -> otherName(UPN_SAN, new DERUTF8String(sanName + "@" + userRealm));
            case NONE -> null;
        };
        return issue(new X500Name("O=" + userRealm + ",CN=" + name), san, options, KP_CLIENT_AUTH,
                "user-" + name + "-" + files.incrementAndGet());
    }

    /** A user certificate for {@code name@}{@link #realm()} with the defaults. */
    public Issued user(String name) throws PeerException {
        return user(name, realm, Options.defaults());
    }

    private Issued kdc(Options options, String file) throws PeerException {
        GeneralName san = switch (options.san()) {
            case PKINIT -> pkinitSan(realm, NT_SRV_INST,
                    List.of("krbtgt", options.sanPrincipal() == null ? realm : options.sanPrincipal()));
            case NONE -> null;
            case UPN -> throw new IllegalArgumentException("a KDC certificate has no UPN");
        };
        return issue(new X500Name("O=" + realm + ",CN=KDC"), san, options, KP_KDC, file);
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
    private static GeneralName otherName(String oid, ASN1Encodable value) {
        return new GeneralName(GeneralName.otherName, new DERSequence(new ASN1Encodable[] {
                new ASN1ObjectIdentifier(oid), new DERTaggedObject(true, 0, value)}));
    }

    private Authority authority(String file, String commonName) throws PeerException {
        KeyPair keys = generate(defaultAlgorithm);
        X500Name name = new X500Name("O=OpenLSA tests,CN=" + commonName);
        Instant now = Instant.now();
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, nextSerial(),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3650))), name,
                    keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            utils.createSubjectKeyIdentifier(keys.getPublic()));
            X509Certificate certificate = sign(builder, keys.getPrivate());
            Path pem = directory.resolve(file + ".pem");
            Path keyPem = directory.resolve(file + "-key.pem");
            writePem(pem, certificate);
            writeKey(keyPem, keys.getPrivate());
            return new Authority(name, keys, certificate, pem, keyPem);
        } catch (GeneralSecurityException | CertIOException e) {
            throw new PeerException("cannot make the test CA " + commonName + ": " + e.getMessage(), e);
        }
    }

    private Issued issue(X500Name subject, GeneralName san, Options options, String roleEku, String file)
            throws PeerException {
        if (closed) {
            throw new IllegalStateException("PKINIT certificates closed");
        }
        Authority issuer = options.untrustedIssuer() ? untrustedCa : ca;
        KeyPair keys = generate(options.keyAlgorithm() == null ? defaultAlgorithm : options.keyAlgorithm());
        List<String> ekus = options.ekus() == null ? List.of(roleEku) : options.ekus();
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer.name(), nextSerial(),
                    Date.from(options.notBefore()), Date.from(options.notAfter()), subject, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature
                            | KeyUsage.nonRepudiation | KeyUsage.keyEncipherment | KeyUsage.keyAgreement))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            utils.createSubjectKeyIdentifier(keys.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            utils.createAuthorityKeyIdentifier(issuer.certificate()));
            if (san != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(san));
            }
            if (!ekus.isEmpty()) {
                List<KeyPurposeId> purposes = new ArrayList<>();
                ekus.forEach(oid -> purposes.add(KeyPurposeId.getInstance(new ASN1ObjectIdentifier(oid))));
                builder.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(purposes.toArray(KeyPurposeId[]::new)));
            }
            X509Certificate certificate = sign(builder, issuer.keys().getPrivate());
            Path pem = directory.resolve(file + ".pem");
            Path keyPem = directory.resolve(file + "-key.pem");
            writePem(pem, certificate);
            writeKey(keyPem, keys.getPrivate());
            return new Issued(certificate, keys.getPrivate(), pem, keyPem);
        } catch (GeneralSecurityException | CertIOException e) {
            throw new PeerException("cannot issue " + subject + ": " + e.getMessage(), e);
        }
    }

    private BigInteger nextSerial() {
        return BigInteger.valueOf(serial.getAndIncrement());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey)
            throws GeneralSecurityException {
        String algorithm = issuerKey.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        try {
            // The JDK's own providers sign and parse: no Bouncy Castle provider is registered globally.
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(issuerKey)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("no " + algorithm + " signer: " + e.getMessage(), e);
        }
    }

    private static KeyPair generate(KeyAlgorithm algorithm) throws PeerException {
        try {
            KeyPairGenerator generator;
            if (algorithm == KeyAlgorithm.EC_P256) {
                generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            } else {
                generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new PeerException("cannot generate a " + algorithm + " key: " + e.getMessage(), e);
        }
    }

    private static void writePem(Path file, X509Certificate certificate) throws PeerException {
        TempDirectory.write(file, pem(certificate));
    }

    private static void writeKey(Path file, PrivateKey key) throws PeerException {
        try {
            TempDirectory.write(file, pem(new JcaPKCS8Generator(key, null)));
        } catch (org.bouncycastle.util.io.pem.PemGenerationException e) {
            throw new PeerException("cannot encode a key as PKCS#8: " + e.getMessage(), e);
        }
    }

    private static String pem(Object object) throws PeerException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new PeerException("cannot write PEM: " + e.getMessage(), e);
        }
        return text.toString();
    }

    /** Deletes the directory with every certificate and key. */
    @Override
    public void close() {
        closed = true;
        TempDirectory.deleteTree(directory);
    }

    @Override
    public String toString() {
        return "PkinitCertificates[" + realm + ", " + directory + "]";
    }
}
