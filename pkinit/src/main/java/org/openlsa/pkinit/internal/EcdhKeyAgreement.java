package org.openlsa.pkinit.internal;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Map;
import javax.crypto.KeyAgreement;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.openlsa.krb5.ErrorCode;
import org.openlsa.pkinit.PkinitException;

/**
 * The KDC's side of elliptic-curve Diffie-Hellman key delivery (RFC 5349): the client's id-ecPublicKey must name one
 * of the NIST curves P-256, P-384, P-521 (named-curve parameters only, as MIT sends them); the KDC answers with an
 * ephemeral key on the same curve, its uncompressed point going into KDCDHKeyInfo.subjectPublicKey, and ZZ is the
 * x-coordinate of the shared point (the field size in octets). The JDK's ECDH refuses a point not on the curve.
 */
public final class EcdhKeyAgreement {
    private EcdhKeyAgreement() {}

    static final ASN1ObjectIdentifier ID_EC_PUBLIC_KEY = new ASN1ObjectIdentifier("1.2.840.10045.2.1");
    /** The curves and the finite-field DH modulus size each is taken to match (MIT's equivalences, NIST SP 800-57). */
    private static final Map<ASN1ObjectIdentifier, Integer> CURVE_DH_BITS = Map.of(
            new ASN1ObjectIdentifier("1.2.840.10045.3.1.7"), 3072,
            new ASN1ObjectIdentifier("1.3.132.0.34"), 7680,
            new ASN1ObjectIdentifier("1.3.132.0.35"), 15360);

    public static boolean isEc(SubjectPublicKeyInfo spki) {
        return spki.getAlgorithm().getAlgorithm().equals(ID_EC_PUBLIC_KEY);
    }

    public static DhKeyAgreement.Agreement agree(SubjectPublicKeyInfo clientKey, int minDhBits, SecureRandom random)
            throws PkinitException {
        Integer equivalentBits = null;
        if (clientKey.getAlgorithm().getParameters() instanceof ASN1ObjectIdentifier curve) {
            equivalentBits = CURVE_DH_BITS.get(curve);
        }
        if (equivalentBits == null) {
            throw DhKeyAgreement.notAccepted("the client's EC key is not on P-256, P-384 or P-521 (named curve)",
                    minDhBits);
        }
        if (equivalentBits < minDhBits) {
            throw DhKeyAgreement.notAccepted("the client's curve is weaker than " + minDhBits + "-bit DH",
                    minDhBits);
        }
        ECPublicKey client;
        try {
            client = (ECPublicKey) KeyFactory.getInstance("EC")
                    .generatePublic(new X509EncodedKeySpec(clientKey.getEncoded(ASN1Encoding.DER)));
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw PkinitDer.malformed("clientPublicValue: not an EC public key: " + e.getMessage());
        }
        byte[] zz;
        KeyPair kdc;
        try {
            KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
            kpg.initialize(client.getParams(), random);
            kdc = kpg.generateKeyPair();
            KeyAgreement ka = KeyAgreement.getInstance("ECDH");
            ka.init(kdc.getPrivate(), random);
            ka.doPhase(client, true);
            zz = ka.generateSecret();
        } catch (java.security.InvalidKeyException e) {
            // the JDK's validation of the peer's point (on the curve, not the identity)
            throw PkinitDer.malformed("clientPublicValue: the EC point is not valid: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new PkinitException(ErrorCode.KRB_ERR_GENERIC, "ECDH key agreement failed: " + e.getMessage(), e);
        }
        int fieldBytes = (client.getParams().getCurve().getField().getFieldSize() + 7) / 8;
        byte[] point = SubjectPublicKeyInfo.getInstance(kdc.getPublic().getEncoded()).getPublicKeyData().getBytes();
        return new DhKeyAgreement.Agreement(point, DhKeyAgreement.leftPad(zz, fieldBytes));
    }
}
