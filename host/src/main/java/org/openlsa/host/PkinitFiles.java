package org.openlsa.host;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CRLException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The KDC's PKINIT identity and trust anchors from the state directory's {@code pkinit/} (docs/kdc.md, "PKINIT"):
 * {@code kdc.pem} (the KDC's certificate first, then its chain), {@code kdc-key.pem} (its PKCS#8 private key, RSA or
 * EC), {@code anchors.pem} (the CAs client certificates chain to) and, optional, {@code crls.pem} (the revocation
 * lists client certificates are checked against). No {@code kdc.pem}: no PKINIT.
 *
 * @param kdcChain the KDC's certificate, then the rest of its chain
 * @param crls the CRLs of {@code crls.pem}; empty when there is no such file
 */
public record PkinitFiles(List<X509Certificate> kdcChain, PrivateKey kdcKey, List<X509Certificate> anchors,
        List<X509CRL> crls) {
    public PkinitFiles {
        kdcChain = List.copyOf(kdcChain);
        anchors = List.copyOf(anchors);
        crls = List.copyOf(crls);
        if (kdcChain.isEmpty() || anchors.isEmpty()) {
            throw new IllegalArgumentException("PKINIT needs the KDC's certificate and at least one anchor");
        }
    }

    /**
     * The files of {@code layout}, or empty when there is no {@code pkinit/kdc.pem}.
     *
     * @throws IOException a file that is there cannot be read or understood (the message names it)
     */
    public static Optional<PkinitFiles> load(StateLayout layout) throws IOException {
        List<X509Certificate> chain;
        try {
            chain = certificates(layout.pkinitKdcCertificate());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        List<X509CRL> crls;
        try {
            crls = crls(layout.pkinitCrls());
        } catch (NoSuchFileException e) {
            crls = List.of(); // no revocation lists: revocation is not checked
        }
        return Optional.of(new PkinitFiles(chain, privateKey(layout.pkinitKdcKey()),
                certificates(layout.pkinitAnchors()), crls));
    }

    /**
     * Every CRL of a PEM ("X509 CRL") file, in order. An empty file is no CRL (revocation not checked) rather than
     * an error, so that {@code lsa pkinit} may leave one behind.
     *
     * @throws NoSuchFileException there is no such file
     * @throws IOException the file cannot be read or a CRL in it does not parse (the message names it)
     */
    public static List<X509CRL> crls(Path pem) throws IOException {
        try (InputStream in = Files.newInputStream(pem)) {
            return CertificateFactory.getInstance("X.509").generateCRLs(in).stream().map(c -> (X509CRL) c).toList();
        } catch (CRLException | CertificateException e) {
            throw new IOException(pem + ": not PEM CRLs: " + e.getMessage(), e);
        }
    }

    /**
     * Every certificate of a PEM file, in order.
     *
     * @throws IOException the file cannot be read, holds no certificate or one that does not parse (message names it)
     */
    public static List<X509Certificate> certificates(Path pem) throws IOException {
        try (InputStream in = Files.newInputStream(pem)) {
            List<X509Certificate> out = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(c -> (X509Certificate) c).toList();
            if (out.isEmpty()) {
                throw new IOException(pem + " holds no certificate");
            }
            return out;
        } catch (CertificateException e) {
            throw new IOException(pem + ": not PEM certificates: " + e.getMessage(), e);
        }
    }

    /** A "-----BEGIN PRIVATE KEY-----" (PKCS#8) PEM, RSA or EC; the bytes read are zeroed. */
    public static PrivateKey privateKey(Path pem) throws IOException {
        byte[] file = Files.readAllBytes(pem);
        byte[] der = null;
        try {
            String text = new String(file, StandardCharsets.US_ASCII);
            int begin = text.indexOf("-----BEGIN PRIVATE KEY-----");
            int end = text.indexOf("-----END PRIVATE KEY-----");
            if (begin < 0 || end < begin) {
                throw new IOException(pem + ": not a PKCS#8 private key (BEGIN PRIVATE KEY)");
            }
            der = Base64.getMimeDecoder().decode(text.substring(begin + 27, end));
            for (String algorithm : List.of("RSA", "EC")) {
                try {
                    return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
                } catch (GeneralSecurityException e) {
                    // the next algorithm
                }
            }
            throw new IOException(pem + ": neither an RSA nor an EC private key");
        } catch (IllegalArgumentException e) {
            throw new IOException(pem + ": bad base64: " + e.getMessage(), e);
        } finally {
            Arrays.fill(file, (byte) 0);
            if (der != null) {
                Arrays.fill(der, (byte) 0);
            }
        }
    }
}
