package org.openlsa.pkinit;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.CMSTypedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.CMSSignatureAlgorithmNameGenerator;
import org.bouncycastle.cms.DefaultCMSSignatureAlgorithmNameGenerator;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.openlsa.crypto.kerberos.EncryptionType;
import org.openlsa.crypto.kerberos.KerberosKey;
import org.openlsa.krb5.ErrorCode;
import org.openlsa.krb5.PrincipalName;
import org.openlsa.pkinit.internal.DhKeyAgreement;
import org.openlsa.pkinit.internal.EcdhKeyAgreement;
import org.openlsa.pkinit.internal.OctetString2Key;
import org.openlsa.pkinit.internal.PkinitDer;
import org.openlsa.pkinit.internal.PkinitDer.AuthPack;
import org.openlsa.pkinit.internal.PkinitDer.CertificatePrincipal;

/**
 * The KDC's processing of PA-PK-AS-REQ (RFC 4556 section 3.2.2) and its Diffie-Hellman reply (3.2.3.1).
 *
 * <p>Security guarantees of a {@link Result}: the AuthPack was signed by the private key of a certificate that chains
 * (PKIX, at {@code now}) to one of the configured trust anchors, which carries the PKINIT client or Microsoft
 * smart-card logon key purpose (when it restricts key purposes at all) and names exactly {@code cname@realm}; the
 * AuthPack is bound to this AS-REQ (its nonce, and the required SHA-1 paChecksum of the req-body) and fresh within
 * {@code maxSkew}; the reply key comes from an ephemeral DH exchange on an RFC 3526 group or ECDH on P-256/384/521;
 * no certificate of the path is listed in its issuer's newest configured CRL, which is current at {@code now} (an
 * issuer without a configured CRL is not checked). Not checked: OCSP or CRLs that are not configured, replay of the same AuthPack within the skew window (the KDC's replay
 * cache, if any, covers it), freshness tokens (RFC 8070).
 */
public final class PkinitKdc {
    private PkinitKdc() {}

    /**
     * What the KDC needs from a successful PKINIT exchange.
     *
     * @param replyKey the AS reply key of {@code replyEtype}; the caller encrypts EncASRepPart with it and closes it
     * @param paPkAsRep the padata-value for PA-PK-AS-REP (padata type 17)
     * @param clientCertificate the verified client certificate (for the PAC's or the log's use)
     */
    public record Result(KerberosKey replyKey, byte[] paPkAsRep, X509Certificate clientCertificate) {
        public Result {
            Objects.requireNonNull(replyKey, "replyKey");
            paPkAsRep = paPkAsRep.clone();
            Objects.requireNonNull(clientCertificate, "clientCertificate");
        }

        @Override
        public byte[] paPkAsRep() {
            return paPkAsRep.clone();
        }

        @Override
        public String toString() {
            return "PkinitKdc.Result[" + replyKey.type() + ", client=" + clientCertificate.getSubjectX500Principal()
                    + "]";
        }
    }

    /** The padata type of PA-PK-AS-REQ (RFC 4556). */
    public static final int PA_PK_AS_REQ = 16;
    /** The padata type of PA-PK-AS-REP (RFC 4556). */
    public static final int PA_PK_AS_REP = 17;

    /**
     * Answers a PA-PK-AS-REQ (padata type 16) of an AS-REQ.
     *
     * @param paPkAsReq the padata-value
     * @param encodedReqBody the AS-REQ's KDC-REQ-BODY exactly as received (paChecksum is its SHA-1)
     * @param asReqNonce the AS-REQ's nonce; the AuthPack's must equal it (compared as 32 bits: MIT signs an Int32)
     * @param cname the AS-REQ's client name, which the certificate must name
     * @param realm the AS-REQ's realm
     * @param now the KDC's clock, for the skew check and certificate validity
     * @param replyEtype the enctype the KDC chose for the reply key
     * @throws PkinitException with the RFC 4556 error for the KRB-ERROR
     */
    public static Result respond(PkinitKdcConfig config, byte[] paPkAsReq, byte[] encodedReqBody, long asReqNonce,
            PrincipalName cname, String realm, Instant now, Duration maxSkew, int replyEtype, SecureRandom random)
            throws PkinitException {
        EncryptionType etype = EncryptionType.of(replyEtype).orElseThrow(() -> new PkinitException(
                ErrorCode.KDC_ERR_ETYPE_NOSUPP, "reply enctype " + replyEtype + " is not supported"));

        // 1. The SignedData and its signer.
        byte[] contentInfo = PkinitDer.signedAuthPack(paPkAsReq);
        SignedAuthPack signed = open(contentInfo);
        byte[] authPackDer = signed.authPack();
        SignerInformation signer = signed.signer();
        List<X509Certificate> certificates = certificates(signed.data());
        X509Certificate clientCert = certificates.stream()
                .filter(c -> signer.getSID().match(holder(c)))
                .findFirst()
                .orElseThrow(() -> new PkinitException(ErrorCode.KDC_ERR_CANT_VERIFY_CERTIFICATE,
                        "the signer's certificate is not in the signedAuthPack"));

        // 2. The certificate: a path to a trust anchor, its key purpose, its name.
        verifyPath(config, clientCert, certificates, now);
        checkKeyPurpose(clientCert);
        checkName(clientCert, cname, realm);

        // 3. The signature, by that certificate's key.
        try {
            if (!signer.verify(verifier(clientCert))) {
                throw new PkinitException(ErrorCode.KDC_ERROR_INVALID_SIG, "the AuthPack's signature is invalid");
            }
        } catch (CMSException | OperatorCreationException | RuntimeException e) {
            throw new PkinitException(ErrorCode.KDC_ERROR_INVALID_SIG,
                    "the AuthPack's signature does not verify: " + e.getMessage(), e);
        }

        // 4. The AuthPack: fresh, bound to this request.
        AuthPack authPack = PkinitDer.decodeAuthPack(authPackDer);
        var auth = authPack.pkAuthenticator();
        Instant ctime = auth.ctime().plusNanos(auth.cusec() * 1000L);
        if (Duration.between(ctime, now).abs().compareTo(maxSkew) > 0) {
            throw new PkinitException(ErrorCode.KRB_AP_ERR_SKEW,
                    "the AuthPack's ctime is " + Duration.between(ctime, now).abs().toSeconds()
                            + " s from the KDC's clock, the limit is " + maxSkew.toSeconds() + " s");
        }
        if (auth.nonce().intValue() != (int) asReqNonce) {
            throw preauthFailed("the AuthPack's nonce is not the AS-REQ's");
        }
        // RFC 4556 3.2.1 declares paChecksum OPTIONAL but "MUST be present": it is what binds the signed AuthPack to
        // this req-body, so without it a captured AuthPack could carry another request's options within the skew.
        if (auth.paChecksum().isEmpty()) {
            throw new PkinitException(ErrorCode.KDC_ERR_PA_CHECKSUM_MUST_BE_INCLUDED,
                    "the AuthPack has no paChecksum");
        }
        if (!MessageDigest.isEqual(sha1(encodedReqBody), auth.paChecksum().get())) {
            // RFC 4556 3.2.2: a paChecksum that does not match is a modified request
            throw new PkinitException(ErrorCode.KRB_AP_ERR_MODIFIED, "paChecksum does not match the AS-REQ's req-body");
        }

        // 5. Key delivery: ephemeral-ephemeral Diffie-Hellman, finite-field (RFC 4556) or elliptic-curve (RFC 5349);
        // public-key encryption is refused with RFC 4556's own error code.
        if (authPack.clientPublicValue().isEmpty()) {
            throw new PkinitException(ErrorCode.KDC_ERR_PUBLIC_KEY_ENCRYPTION_NOT_SUPPORTED,
                    "the AuthPack has no clientPublicValue; RSA key transport is not supported");
        }
        var clientKey = authPack.clientPublicValue().get();
        DhKeyAgreement.Agreement agreement;
        if (DhKeyAgreement.isDh(clientKey)) {
            agreement = DhKeyAgreement.agree(clientKey, config.minDhBits(), random);
        } else if (EcdhKeyAgreement.isEc(clientKey)) {
            agreement = EcdhKeyAgreement.agree(clientKey, config.minDhBits(), random);
        } else {
            throw DhKeyAgreement.notAccepted("clientPublicValue algorithm " + clientKey.getAlgorithm().getAlgorithm()
                    + " is neither dhpublicnumber nor id-ecPublicKey", config.minDhBits());
        }
        byte[] keyInfo = PkinitDer.encodeKdcDhKeyInfo(agreement.kdcPublicValue(), auth.nonce());
        byte[] paPkAsRep = PkinitDer.encodePaPkAsRepDhInfo(sign(config, keyInfo));
        // x = ZZ: the nonces join it only when the KDC sends serverDHNonce, which it never does (no DH key reuse).
        byte[] zz = agreement.sharedSecret();
        KerberosKey replyKey = OctetString2Key.derive(etype, zz);
        Arrays.fill(zz, (byte) 0);
        return new Result(replyKey, paPkAsRep, clientCert);
    }

    /**
     * The verifier of the client's SignerInfo. MIT krb5 1.20's client signs with an EC key but labels the
     * signatureAlgorithm sha256WithRSAEncryption (OpenSSL's verifier forgives it, taking the algorithm from the key);
     * so for an EC certificate an RSA label is read as ECDSA with the labelled digest. Nothing is weakened: the
     * signature must still verify under the certificate's key, and an EC key can only make ECDSA signatures.
     */
    private static SignerInformationVerifier verifier(X509Certificate certificate) throws OperatorCreationException {
        DefaultCMSSignatureAlgorithmNameGenerator names = new DefaultCMSSignatureAlgorithmNameGenerator();
        boolean ec = certificate.getPublicKey().getAlgorithm().equals("EC");
        CMSSignatureAlgorithmNameGenerator generator = (digest, signature) -> {
            String name = names.getSignatureName(digest, signature);
            String upper = name.toUpperCase(Locale.ROOT);
            return ec && upper.endsWith("WITHRSA") ? upper.substring(0, upper.length() - 7) + "WITHECDSA" : name;
        };
        return new SignerInformationVerifier(generator, new DefaultSignatureAlgorithmIdentifierFinder(),
                new JcaContentVerifierProviderBuilder().build(certificate),
                new JcaDigestCalculatorProviderBuilder().build());
    }

    private record SignedAuthPack(CMSSignedData data, byte[] authPack, SignerInformation signer) {}

    /** The SignedData of id-pkinit-authData with its one signer. */
    private static SignedAuthPack open(byte[] contentInfo) throws PkinitException {
        PkinitDer.checkNesting(contentInfo, "signedAuthPack");
        try {
            // Bouncy Castle parses parts of the SignedData lazily, so every accessor may meet the malformation.
            CMSSignedData signed = new CMSSignedData(contentInfo);
            if (!PkinitDer.ID_PKINIT_AUTH_DATA.getId().equals(signed.getSignedContentTypeOID())) {
                throw preauthFailed("signedAuthPack's content type is " + signed.getSignedContentTypeOID()
                        + ", not id-pkinit-authData");
            }
            if (signed.getSignedContent() == null || !(signed.getSignedContent().getContent() instanceof byte[] a)) {
                throw preauthFailed("signedAuthPack has no AuthPack inside");
            }
            List<SignerInformation> signers = List.copyOf(signed.getSignerInfos().getSigners());
            if (signers.size() != 1) {
                throw preauthFailed("signedAuthPack has " + signers.size() + " signers, one is required");
            }
            return new SignedAuthPack(signed, a, signers.getFirst());
        } catch (CMSException | RuntimeException e) {
            throw preauthFailed("signedAuthPack is not a well-formed CMS SignedData: " + e.getMessage());
        }
    }

    private static void verifyPath(PkinitKdcConfig config, X509Certificate clientCert,
            List<X509Certificate> certificates, Instant now) throws PkinitException {
        try {
            Set<TrustAnchor> anchors = new HashSet<>();
            for (X509Certificate ca : config.trustAnchors()) {
                anchors.add(new TrustAnchor(ca, null));
            }
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(clientCert);
            PKIXBuilderParameters params = new PKIXBuilderParameters(anchors, target);
            // The JDK's revocation checker stays off: it would fetch CRLs and OCSP from the network and folds its
            // verdicts into one builder exception; the configured CRLs are checked below on the path it built.
            params.setRevocationEnabled(false);
            params.setDate(Date.from(now));
            params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(certificates)));
            PKIXCertPathBuilderResult built = (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX")
                    .build(params);
            if (!config.crls().isEmpty()) {
                List<X509Certificate> path = new ArrayList<>();
                for (var c : built.getCertPath().getCertificates()) {
                    path.add((X509Certificate) c);
                }
                X509Certificate anchor = built.getTrustAnchor().getTrustedCert();
                for (int i = 0; i < path.size(); i++) {
                    X509Certificate issuer = i + 1 < path.size() ? path.get(i + 1) : anchor;
                    checkRevocation(config.crls(), path.get(i), issuer, now);
                }
            }
        } catch (CertPathBuilderException e) {
            // As MIT maps OpenSSL's verdicts: no path to an anchor is CANT_VERIFY, any other fault INVALID.
            try {
                clientCert.checkValidity(Date.from(now));
            } catch (CertificateException expired) {
                throw new PkinitException(ErrorCode.KDC_ERR_INVALID_CERTIFICATE,
                        "the client certificate is not valid at " + now, expired);
            }
            throw new PkinitException(ErrorCode.KDC_ERR_CANT_VERIFY_CERTIFICATE,
                    "no certification path from the client certificate to a trust anchor: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new PkinitException(ErrorCode.KDC_ERR_INVALID_CERTIFICATE,
                    "the client certificate path cannot be checked: " + e.getMessage(), e);
        }
    }

    /**
     * Checks {@code cert} against the newest of the configured CRLs that its issuer signed. No such CRL: not checked
     * (only issuers with a configured CRL are). A CRL not current at {@code now} (thisUpdate in the future or
     * nextUpdate past) or with a critical extension we do not understand (a delta or partitioned CRL) says nothing
     * reliable: REVOCATION_STATUS_UNKNOWN rather than a silent pass, since an attacker could otherwise keep a revoked
     * certificate usable by waiting for the list to lapse.
     */
    private static void checkRevocation(List<X509CRL> crls, X509Certificate cert, X509Certificate issuer,
            Instant now) throws PkinitException {
        X509CRL newest = null;
        for (X509CRL crl : crls) {
            if (!crl.getIssuerX500Principal().equals(cert.getIssuerX500Principal())) {
                continue;
            }
            try {
                crl.verify(issuer.getPublicKey());
            } catch (GeneralSecurityException | RuntimeException e) {
                continue; // another CA of the same name, or a forgery: not this issuer's list
            }
            if (newest == null || crl.getThisUpdate().after(newest.getThisUpdate())) {
                newest = crl;
            }
        }
        if (newest == null) {
            return;
        }
        Date at = Date.from(now);
        if (newest.getThisUpdate().after(at) || (newest.getNextUpdate() != null && newest.getNextUpdate().before(at))) {
            throw new PkinitException(ErrorCode.KDC_ERR_REVOCATION_STATUS_UNKNOWN, "the CRL of "
                    + cert.getIssuerX500Principal() + " is not current at " + now + " (thisUpdate "
                    + newest.getThisUpdate().toInstant() + ", nextUpdate "
                    + (newest.getNextUpdate() == null ? "none" : newest.getNextUpdate().toInstant()) + ")");
        }
        if (newest.hasUnsupportedCriticalExtension()) {
            throw new PkinitException(ErrorCode.KDC_ERR_REVOCATION_STATUS_UNKNOWN, "the CRL of "
                    + cert.getIssuerX500Principal() + " has critical extensions that are not supported: "
                    + newest.getCriticalExtensionOIDs());
        }
        X509CRLEntry entry = newest.getRevokedCertificate(cert);
        if (entry != null && !entry.getRevocationDate().after(at)) {
            throw new PkinitException(ErrorCode.KDC_ERR_REVOKED_CERTIFICATE, "the certificate "
                    + cert.getSubjectX500Principal() + " (serial " + cert.getSerialNumber().toString(16)
                    + ") was revoked on " + entry.getRevocationDate().toInstant()
                    + (entry.getRevocationReason() == null ? "" : " (" + entry.getRevocationReason() + ")"));
        }
    }

    private static void checkKeyPurpose(X509Certificate cert) throws PkinitException {
        List<String> ekus;
        try {
            ekus = cert.getExtendedKeyUsage();
        } catch (CertificateException e) {
            throw new PkinitException(ErrorCode.KDC_ERR_INCONSISTENT_KEY_PURPOSE,
                    "the client certificate's extendedKeyUsage is malformed", e);
        }
        // As MIT's KDC by default (pkinit_eku_checking = kpClientAuth) and Windows' strong checks: the certificate
        // must say it is for client authentication; one without extendedKeyUsage does not.
        if (ekus == null || !ekus.contains(PkinitDer.ID_PKINIT_KP_CLIENT_AUTH)
                && !ekus.contains(PkinitDer.MS_SMART_CARD_LOGON)) {
            throw new PkinitException(ErrorCode.KDC_ERR_INCONSISTENT_KEY_PURPOSE,
                    "the client certificate has neither id-pkinit-KPClientAuth nor smart-card logon key purpose");
        }
        boolean[] keyUsage = cert.getKeyUsage();
        if (keyUsage != null && (keyUsage.length == 0 || !keyUsage[0])) {
            throw new PkinitException(ErrorCode.KDC_ERR_INCONSISTENT_KEY_PURPOSE,
                    "the client certificate's keyUsage lacks digitalSignature");
        }
    }

    private static void checkName(X509Certificate cert, PrincipalName cname, String realm) throws PkinitException {
        List<String> upns = new ArrayList<>();
        List<CertificatePrincipal> sans = PkinitDer.pkinitSans(cert, upns);
        for (CertificatePrincipal p : sans) {
            if (p.realm().equals(realm) && p.components().equals(cname.nameString())) {
                return;
            }
        }
        // A UPN is user@dns-domain; Windows compares the domain case-insensitively, so the realm is compared so.
        String user = String.join("/", cname.nameString());
        for (String upn : upns) {
            int at = upn.lastIndexOf('@');
            if (at > 0 && upn.substring(0, at).equals(user)
                    && upn.substring(at + 1).toUpperCase(Locale.ROOT).equals(realm.toUpperCase(Locale.ROOT))) {
                return;
            }
        }
        throw new PkinitException(ErrorCode.KDC_ERR_CLIENT_NAME_MISMATCH,
                "the client certificate does not name " + cname.format(realm));
    }

    private static byte[] sign(PkinitKdcConfig config, byte[] keyInfo) throws PkinitException {
        try {
            String algorithm = config.kdcKey().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
            CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
            gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder()
                    .build()).build(new JcaContentSignerBuilder(algorithm).build(config.kdcKey()),
                    config.kdcChain().getFirst()));
            gen.addCertificates(new JcaCertStore(config.kdcChain()));
            CMSTypedData content = new CMSProcessableByteArray(PkinitDer.ID_PKINIT_DH_KEY_DATA, keyInfo);
            return gen.generate(content, true).getEncoded("DER");
        } catch (OperatorCreationException | CMSException | GeneralSecurityException | java.io.IOException e) {
            throw new PkinitException(ErrorCode.KRB_ERR_GENERIC, "signing the DH reply failed: " + e.getMessage(), e);
        }
    }

    private static List<X509Certificate> certificates(CMSSignedData signed) throws PkinitException {
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            List<X509Certificate> out = new ArrayList<>();
            for (X509CertificateHolder h : signed.getCertificates().getMatches(null)) {
                out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(h.getEncoded())));
            }
            return out;
        } catch (CertificateException | java.io.IOException | RuntimeException e) {
            throw new PkinitException(ErrorCode.KDC_ERR_INVALID_CERTIFICATE,
                    "a certificate in the signedAuthPack is malformed: " + e.getMessage(), e);
        }
    }

    private static X509CertificateHolder holder(X509Certificate c) {
        try {
            return new X509CertificateHolder(c.getEncoded());
        } catch (CertificateException | java.io.IOException e) {
            throw new IllegalStateException("re-encoding a parsed certificate failed", e);
        }
    }

    private static byte[] sha1(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-1 is a required JCA algorithm", e);
        }
    }

    private static PkinitException preauthFailed(String message) {
        return new PkinitException(ErrorCode.KDC_ERR_PREAUTH_FAILED, message);
    }
}
