package org.openlsa.pkinit;

import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * The KDC's PKINIT identity and policy.
 *
 * @param kdcChain the KDC's certificate first, then any intermediates, sent in every reply's SignedData (a client
 *        such as MIT's kinit checks it for the id-pkinit-KPKdc key purpose and the krbtgt/REALM name)
 * @param kdcKey the private key of {@code kdcChain.get(0)}: RSA or EC (the reply is signed with SHA-256)
 * @param trustAnchors the CAs whose client certificates are accepted (PKIX)
 * @param minDhBits the smallest Diffie-Hellman modulus accepted; 2048 as MIT's default, never below 2048
 * @param crls certificate revocation lists: a certificate of the client's path whose issuer has a CRL here (one
 *        that verifies with the issuer's key) is refused if that CRL lists it, or if the issuer's newest CRL is not
 *        current; an issuer with no CRL here is not checked (there is no CRL fetching and no OCSP)
 */
public record PkinitKdcConfig(List<X509Certificate> kdcChain, PrivateKey kdcKey, List<X509Certificate> trustAnchors,
        int minDhBits, List<X509CRL> crls) {
    /** MIT's default pkinit_dh_min_bits. */
    public static final int DEFAULT_MIN_DH_BITS = 2048;

    public PkinitKdcConfig {
        kdcChain = List.copyOf(kdcChain);
        trustAnchors = List.copyOf(trustAnchors);
        crls = List.copyOf(crls);
        Objects.requireNonNull(kdcKey, "kdcKey");
        if (kdcChain.isEmpty()) {
            throw new IllegalArgumentException("kdcChain: the KDC's certificate is required");
        }
        if (trustAnchors.isEmpty()) {
            throw new IllegalArgumentException("trustAnchors: at least one CA is required");
        }
        if (minDhBits < 2048) {
            throw new IllegalArgumentException("minDhBits " + minDhBits + " is below 2048");
        }
        if (!kdcKey.getAlgorithm().equals("RSA") && !kdcKey.getAlgorithm().equals("EC")) {
            throw new IllegalArgumentException("kdcKey: RSA or EC, not " + kdcKey.getAlgorithm());
        }
    }

    /** Without CRLs: no certificate's revocation is checked. */
    public PkinitKdcConfig(List<X509Certificate> kdcChain, PrivateKey kdcKey, List<X509Certificate> trustAnchors,
            int minDhBits) {
        this(kdcChain, kdcKey, trustAnchors, minDhBits, List.of());
    }

    /** With the default {@link #DEFAULT_MIN_DH_BITS} and no CRLs. */
    public PkinitKdcConfig(List<X509Certificate> kdcChain, PrivateKey kdcKey, List<X509Certificate> trustAnchors) {
        this(kdcChain, kdcKey, trustAnchors, DEFAULT_MIN_DH_BITS);
    }

    @Override
    public String toString() {
        return "PkinitKdcConfig[kdc=" + kdcChain.getFirst().getSubjectX500Principal() + ", anchors="
                + trustAnchors.size() + ", crls=" + crls.size() + ", minDhBits=" + minDhBits + "]";
    }
}
