package org.openlsa.pkinit;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERGeneralizedTime;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.DomainParameters;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.crypto.agreement.DHStandardGroups;
import org.bouncycastle.crypto.params.DHParameters;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * The client half of PKINIT, for the tests only and written apart from the KDC's code (its own DER, its own
 * octetstring2key), so that a shared mistake cannot make both halves agree: builds and signs an AuthPack as MIT's
 * kinit does (DH on RFC 3526 group 14 with q, paChecksum over the req-body), and checks a PA-PK-AS-REP as a client
 * must (the KDC's signature and content type, the nonce) before deriving the reply key from its own DH half.
 */
final class TestPkinitClient {
    static final ASN1ObjectIdentifier AUTH_DATA = new ASN1ObjectIdentifier("1.3.6.1.5.2.3.1");
    static final ASN1ObjectIdentifier DH_KEY_DATA = new ASN1ObjectIdentifier("1.3.6.1.5.2.3.2");
    static final ASN1ObjectIdentifier DH_PUBLIC_NUMBER = new ASN1ObjectIdentifier("1.2.840.10046.2.1");

    /** What a test may vary in a request; {@link #standard} is a correct one. */
    record Request(Instant ctime, long nonce, byte[] paChecksum, DHParameters group, boolean includePublicValue) {
        static Request standard(Instant now, long nonce, byte[] reqBody) {
            return new Request(now, nonce, sha1(reqBody), DHStandardGroups.rfc3526_2048, true);
        }
    }

    private final BigInteger x;
    private final DHParameters group;
    private final java.security.KeyPair ecKeys;

    TestPkinitClient(DHParameters group, SecureRandom random) {
        this.group = group;
        this.x = new BigInteger(256, random).setBit(255);
        this.ecKeys = null;
    }

    /** An ECDH client (RFC 5349) on the named curve ("secp256r1", ...). */
    TestPkinitClient(String curve, SecureRandom random) throws Exception {
        java.security.KeyPairGenerator kpg = java.security.KeyPairGenerator.getInstance("EC");
        kpg.initialize(new java.security.spec.ECGenParameterSpec(curve), random);
        this.ecKeys = kpg.generateKeyPair();
        this.group = null;
        this.x = null;
    }

    /** PA-PK-AS-REQ { signedAuthPack [0] IMPLICIT ContentInfo(SignedData(AuthPack)) }. */
    byte[] paPkAsReq(Request r, TestPki.Identity signer, List<X509Certificate> extraCerts) throws Exception {
        List<ASN1Encodable> auth = new ArrayList<>();
        Instant ctime = r.ctime().truncatedTo(ChronoUnit.SECONDS);
        auth.add(new DERTaggedObject(true, 0, new ASN1Integer(r.ctime().getNano() / 1000 % 1_000_000)));
        auth.add(new DERTaggedObject(true, 1, new DERGeneralizedTime(Date.from(ctime))));
        auth.add(new DERTaggedObject(true, 2, new ASN1Integer(r.nonce())));
        if (r.paChecksum() != null) {
            auth.add(new DERTaggedObject(true, 3, new DEROctetString(r.paChecksum())));
        }
        List<ASN1Encodable> pack = new ArrayList<>();
        pack.add(new DERTaggedObject(true, 0, new DERSequence(auth.toArray(ASN1Encodable[]::new))));
        if (r.includePublicValue() && ecKeys != null) {
            pack.add(new DERTaggedObject(true, 1, SubjectPublicKeyInfo.getInstance(ecKeys.getPublic().getEncoded())));
        } else if (r.includePublicValue()) {
            BigInteger p = r.group().getP();
            BigInteger g = r.group().getG();
            BigInteger q = p.subtract(BigInteger.ONE).shiftRight(1);
            BigInteger y = g.modPow(x, p);
            var alg = new AlgorithmIdentifier(DH_PUBLIC_NUMBER, new DomainParameters(p, g, q, null, null));
            pack.add(new DERTaggedObject(true, 1, new SubjectPublicKeyInfo(alg, new ASN1Integer(y))));
        }
        byte[] authPack = new DERSequence(pack.toArray(ASN1Encodable[]::new)).getEncoded(ASN1Encoding.DER);

        CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
        gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(signer.key()), signer.certificate()));
        List<X509Certificate> certs = new ArrayList<>(List.of(signer.certificate()));
        certs.addAll(extraCerts);
        gen.addCertificates(new JcaCertStore(certs));
        byte[] contentInfo = gen.generate(new CMSProcessableByteArray(AUTH_DATA, authPack), true).getEncoded("DER");
        return new DERSequence(new DERTaggedObject(false, 0, new DEROctetString(contentInfo)))
                .getEncoded(ASN1Encoding.DER);
    }

    /** The reply key a client derives from PA-PK-AS-REP, after checking the KDC's signature and the nonce. */
    byte[] replyKey(byte[] paPkAsRep, X509Certificate kdcCert, long expectedNonce, int keyBytes) throws Exception {
        ASN1TaggedObject choice = (ASN1TaggedObject) ASN1Primitive.fromByteArray(paPkAsRep);
        if (choice.getTagNo() != 0 || !choice.isExplicit()) {
            throw new AssertionError("PA-PK-AS-REP is not dhInfo [0]");
        }
        ASN1Sequence dhRepInfo = ASN1Sequence.getInstance(choice.getExplicitBaseObject());
        if (dhRepInfo.size() != 1) {
            throw new AssertionError("DHRepInfo carries serverDHNonce or kdf: " + dhRepInfo);
        }
        ASN1TaggedObject signedTag = (ASN1TaggedObject) dhRepInfo.getObjectAt(0);
        CMSSignedData signed = new CMSSignedData(ASN1OctetString.getInstance(signedTag, false).getOctets());
        if (!signed.getSignedContentTypeOID().equals(DH_KEY_DATA.getId())) {
            throw new AssertionError("dhSignedData content type " + signed.getSignedContentTypeOID());
        }
        SignerInformation si = signed.getSignerInfos().getSigners().iterator().next();
        if (!si.verify(new JcaSimpleSignerInfoVerifierBuilder().build(kdcCert))) {
            throw new AssertionError("the KDC's signature does not verify");
        }
        if (signed.getCertificates().getMatches(si.getSID()).isEmpty()) {
            throw new AssertionError("the KDC's certificate is not in the reply");
        }
        ASN1Sequence keyInfo = ASN1Sequence.getInstance((byte[]) signed.getSignedContent().getContent());
        DERBitString bits = (DERBitString) ((ASN1TaggedObject) keyInfo.getObjectAt(0)).getExplicitBaseObject();
        BigInteger nonce = ASN1Integer.getInstance(((ASN1TaggedObject) keyInfo.getObjectAt(1))
                .getExplicitBaseObject()).getValue();
        if (nonce.intValue() != (int) expectedNonce) {
            throw new AssertionError("KDCDHKeyInfo.nonce " + nonce + " is not " + expectedNonce);
        }
        byte[] zz;
        if (ecKeys != null) {
            // the KDC's point under the client's own curve parameters
            var mine = SubjectPublicKeyInfo.getInstance(ecKeys.getPublic().getEncoded());
            var theirs = new SubjectPublicKeyInfo(mine.getAlgorithm(), bits.getOctets());
            var kdcKey = java.security.KeyFactory.getInstance("EC")
                    .generatePublic(new java.security.spec.X509EncodedKeySpec(theirs.getEncoded()));
            javax.crypto.KeyAgreement ka = javax.crypto.KeyAgreement.getInstance("ECDH");
            ka.init(ecKeys.getPrivate());
            ka.doPhase(kdcKey, true);
            zz = ka.generateSecret();
        } else {
            BigInteger kdcY = ASN1Integer.getInstance(bits.getOctets()).getValue();
            BigInteger p = group.getP();
            byte[] z = kdcY.modPow(x, p).toByteArray();
            int size = (p.bitLength() + 7) / 8;
            zz = new byte[size];
            int copy = Math.min(z.length, size);
            System.arraycopy(z, z.length - copy, zz, size - copy, copy);
        }
        // octetstring2key: SHA1(0x00 | zz) | SHA1(0x01 | zz) | ..., truncated
        byte[] out = new byte[keyBytes];
        for (int i = 0, filled = 0; filled < keyBytes; i++) {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update((byte) i);
            byte[] block = sha1.digest(zz);
            int n = Math.min(20, keyBytes - filled);
            System.arraycopy(block, 0, out, filled, n);
            filled += n;
        }
        return out;
    }

    static byte[] sha1(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(data);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
