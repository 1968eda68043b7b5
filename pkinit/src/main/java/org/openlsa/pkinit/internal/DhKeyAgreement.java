package org.openlsa.pkinit.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import javax.crypto.KeyAgreement;
import javax.crypto.interfaces.DHPublicKey;
import javax.crypto.spec.DHParameterSpec;
import javax.crypto.spec.DHPublicKeySpec;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.DomainParameters;
import org.bouncycastle.crypto.agreement.DHStandardGroups;
import org.bouncycastle.crypto.params.DHParameters;
import org.openlsa.krb5.ErrorCode;
import org.openlsa.pkinit.PkinitException;

/**
 * The KDC's side of PKINIT's Diffie-Hellman key delivery (RFC 4556 3.2.3.1): the client's dhpublicnumber key (X9.42
 * DomainParameters ::= SEQUENCE { p, g, q, j OPTIONAL, validationParams OPTIONAL }) is accepted only on one of the
 * RFC 3526 MODP groups (2048, 3072, 4096 bits; the ones MIT's kinit offers), because an arbitrary modulus from the
 * wire could be composite or have small subgroups; its public value must lie in the prime-order subgroup.
 */
public final class DhKeyAgreement {
    private DhKeyAgreement() {}

    /** The TYPED-DATA type of TD-DH-PARAMETERS (RFC 4556 3.2.2). */
    static final int TD_DH_PARAMETERS = 109;
    static final ASN1ObjectIdentifier DH_PUBLIC_NUMBER = new ASN1ObjectIdentifier("1.2.840.10046.2.1");
    /** RFC 3526 groups 14, 15 and 16 (safe primes, generator 2). */
    private static final List<DHParameters> GROUPS = List.of(
            DHStandardGroups.rfc3526_2048, DHStandardGroups.rfc3526_3072, DHStandardGroups.rfc3526_4096);
    /** Private exponent size: twice the 200-bit strength RFC 3526 gives its largest group here. */
    private static final int PRIVATE_EXPONENT_BITS = 512;

    /** The KDC's public value (DER INTEGER y, for KDCDHKeyInfo) and ZZ left-padded to the size of p. */
    public record Agreement(byte[] kdcPublicValue, byte[] sharedSecret) {}

    /** Whether {@code spki} is a Diffie-Hellman key (as opposed to ECDH, not handled yet). */
    public static boolean isDh(SubjectPublicKeyInfo spki) {
        return spki.getAlgorithm().getAlgorithm().equals(DH_PUBLIC_NUMBER);
    }

    public static Agreement agree(SubjectPublicKeyInfo clientKey, int minDhBits, SecureRandom random)
            throws PkinitException {
        DomainParameters params;
        try {
            params = DomainParameters.getInstance(clientKey.getAlgorithm().getParameters());
        } catch (IllegalArgumentException | IllegalStateException | NullPointerException e) {
            throw PkinitDer.malformed("clientPublicValue: bad DomainParameters: " + e.getMessage());
        }
        if (params == null) {
            throw PkinitDer.malformed("clientPublicValue: DomainParameters missing");
        }
        BigInteger p = params.getP();
        BigInteger g = params.getG();
        if (p.bitLength() < minDhBits) {
            throw notAccepted("a " + p.bitLength() + "-bit DH modulus, the minimum is " + minDhBits, minDhBits);
        }
        DHParameters group = GROUPS.stream().filter(d -> d.getP().equals(p) && d.getG().equals(g)).findFirst()
                .orElseThrow(() -> notAccepted("the client's " + p.bitLength()
                        + "-bit DH group is not an RFC 3526 MODP group", minDhBits));
        BigInteger q = p.subtract(BigInteger.ONE).shiftRight(1);
        if (params.getQ() != null && !params.getQ().equals(q)) {
            throw notAccepted("DH q is not (p-1)/2", minDhBits);
        }
        BigInteger y = PkinitDer.decodeDhPublicValue(clientKey.getPublicKeyData().getOctets());
        // 1 < y < p-1 and y^q = 1: in the subgroup of prime order q, so ZZ cannot be forced into a small set
        if (y.compareTo(BigInteger.ONE) <= 0 || y.compareTo(p.subtract(BigInteger.ONE)) >= 0
                || !y.modPow(q, p).equals(BigInteger.ONE)) {
            throw PkinitDer.malformed("clientPublicValue: the DH public value is not in the group");
        }
        try {
            DHParameterSpec spec = new DHParameterSpec(group.getP(), group.getG(), PRIVATE_EXPONENT_BITS);
            KeyPairGenerator kpg = KeyPairGenerator.getInstance("DH");
            kpg.initialize(spec, random);
            KeyPair kdc = kpg.generateKeyPair();
            KeyAgreement ka = KeyAgreement.getInstance("DH");
            ka.init(kdc.getPrivate(), random);
            ka.doPhase(KeyFactory.getInstance("DH").generatePublic(new DHPublicKeySpec(y, p, g)), true);
            byte[] zz = leftPad(ka.generateSecret(), (p.bitLength() + 7) / 8);
            BigInteger kdcY = ((DHPublicKey) kdc.getPublic()).getY();
            return new Agreement(PkinitDer.encodeDhPublicValue(kdcY), zz);
        } catch (GeneralSecurityException e) {
            throw new PkinitException(ErrorCode.KRB_ERR_GENERIC, "DH key agreement failed: " + e.getMessage(), e);
        }
    }

    /**
     * KDC_ERR_DH_KEY_PARAMETERS_NOT_ACCEPTED with the e-data RFC 4556 3.2.2 asks for: TYPED-DATA ::= SEQUENCE OF
     * SEQUENCE { data-type [0] Int32, data-value [1] OCTET STRING } with one TD-DH-PARAMETERS (109) element, whose
     * value is SEQUENCE OF AlgorithmIdentifier: the groups this KDC accepts, smallest first (MIT takes the first one
     * at least as large as its own choice).
     */
    public static PkinitException notAccepted(String message, int minDhBits) {
        ASN1EncodableVector groups = new ASN1EncodableVector();
        for (DHParameters d : GROUPS) {
            if (d.getP().bitLength() >= minDhBits) {
                BigInteger q = d.getP().subtract(BigInteger.ONE).shiftRight(1);
                groups.add(new AlgorithmIdentifier(DH_PUBLIC_NUMBER,
                        new DomainParameters(d.getP(), d.getG(), q, null, null)));
            }
        }
        try {
            byte[] tdDhParameters = new DERSequence(groups).getEncoded(ASN1Encoding.DER);
            byte[] typedData = new DERSequence(new DERSequence(new ASN1Encodable[] {
                new DERTaggedObject(true, 0, new ASN1Integer(TD_DH_PARAMETERS)),
                new DERTaggedObject(true, 1, new DEROctetString(tdDhParameters))})).getEncoded(ASN1Encoding.DER);
            return new PkinitException(ErrorCode.KDC_ERR_DH_KEY_PARAMETERS_NOT_ACCEPTED, message, typedData);
        } catch (IOException e) {
            throw new IllegalStateException("DER encoding in memory failed", e);
        }
    }

    /** ZZ as RFC 4556 wants it: the shared value left-padded with zeros to the size of p. */
    static byte[] leftPad(byte[] value, int size) {
        if (value.length == size) {
            return value;
        }
        int start = 0;
        while (value.length - start > size && value[start] == 0) {
            start++;
        }
        if (value.length - start > size) {
            throw new IllegalStateException("DH shared value longer than p");
        }
        byte[] out = new byte[size];
        System.arraycopy(value, start, out, size - (value.length - start), value.length - start);
        Arrays.fill(value, (byte) 0);
        return out;
    }
}
