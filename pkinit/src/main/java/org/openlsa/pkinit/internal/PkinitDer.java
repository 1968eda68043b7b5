package org.openlsa.pkinit.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.OtherName;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.openlsa.krb5.ErrorCode;
import org.openlsa.krb5.der.KrbCodec;
import org.openlsa.krb5.der.KrbDecodeException;
import org.openlsa.pkinit.PkinitException;

/**
 * The DER codecs of the PKINIT structures the KDC reads and writes (RFC 4556 section 3.2, whose ASN.1 module uses
 * EXPLICIT tags except where IMPLICIT is written). Every input is bounded in size and nesting before Bouncy Castle's
 * recursive parser sees it; a malformed structure is KDC_ERR_PREAUTH_FAILED.
 */
public final class PkinitDer {
    private PkinitDer() {}

    /** Far above a real request (MIT's kinit sends a few KiB with a three-certificate chain). */
    public static final int MAX_PA_PK_AS_REQ_BYTES = 64 * 1024;
    private static final int MAX_PRINCIPAL_COMPONENTS = 16;

    public static final ASN1ObjectIdentifier ID_PKINIT_AUTH_DATA = new ASN1ObjectIdentifier("1.3.6.1.5.2.3.1");
    public static final ASN1ObjectIdentifier ID_PKINIT_DH_KEY_DATA = new ASN1ObjectIdentifier("1.3.6.1.5.2.3.2");
    public static final String ID_PKINIT_KP_CLIENT_AUTH = "1.3.6.1.5.2.3.4";
    public static final String MS_SMART_CARD_LOGON = "1.3.6.1.4.1.311.20.2.2";
    static final ASN1ObjectIdentifier ID_PKINIT_SAN = new ASN1ObjectIdentifier("1.3.6.1.5.2.2");
    static final ASN1ObjectIdentifier MS_UPN_SAN = new ASN1ObjectIdentifier("1.3.6.1.4.1.311.20.2.3");

    /**
     * PKAuthenticator ::= SEQUENCE { cusec [0] INTEGER (0..999999), ctime [1] KerberosTime, nonce [2] INTEGER
     * (0..4294967295), paChecksum [3] OCTET STRING OPTIONAL, freshnessToken [4] OCTET STRING OPTIONAL, ... }.
     * The nonce keeps the sign the client encoded it with: MIT encodes it as a signed Int32, and the reply echoes it.
     */
    public record PkAuthenticator(int cusec, Instant ctime, BigInteger nonce, Optional<byte[]> paChecksum) {}

    /**
     * AuthPack ::= SEQUENCE { pkAuthenticator [0] PKAuthenticator, clientPublicValue [1] SubjectPublicKeyInfo
     * OPTIONAL, supportedCMSTypes [2] OPTIONAL, clientDHNonce [3] DHNonce OPTIONAL, supportedKDFs [4] OPTIONAL, ... }.
     */
    public record AuthPack(PkAuthenticator pkAuthenticator, Optional<SubjectPublicKeyInfo> clientPublicValue,
            Optional<byte[]> clientDhNonce) {}

    /** One BER element, size and nesting checked first; trailing octets refused. */
    static ASN1Primitive parse(byte[] ber, int maxBytes, String what) throws PkinitException {
        if (ber.length > maxBytes) {
            throw malformed(what + ": " + ber.length + " bytes, the limit is " + maxBytes);
        }
        try {
            KrbCodec.checkNesting(ber, what);
        } catch (KrbDecodeException e) {
            throw malformed(e.getMessage());
        }
        try (ASN1InputStream in = new ASN1InputStream(ber)) {
            ASN1Primitive p = in.readObject();
            if (p == null) {
                throw malformed(what + ": no element");
            }
            if (in.available() > 0) {
                throw malformed(what + ": " + in.available() + " octets after the element");
            }
            return p;
        } catch (IOException | RuntimeException e) {
            // IOException for bad encodings; Bouncy Castle's ASN1ParsingException and IllegalStateException
            throw malformed(what + ": " + e.getMessage());
        }
    }

    /** Size and nesting bounds for octets handed to Bouncy Castle's CMS parser. */
    public static void checkNesting(byte[] ber, String what) throws PkinitException {
        if (ber.length > MAX_PA_PK_AS_REQ_BYTES) {
            throw malformed(what + ": " + ber.length + " bytes, the limit is " + MAX_PA_PK_AS_REQ_BYTES);
        }
        try {
            KrbCodec.checkNesting(ber, what);
        } catch (KrbDecodeException e) {
            throw malformed(e.getMessage());
        }
    }

    /**
     * The signedAuthPack of PA-PK-AS-REQ ::= SEQUENCE { signedAuthPack [0] IMPLICIT OCTET STRING,
     * trustedCertifiers [1] OPTIONAL, kdcPkId [2] IMPLICIT OCTET STRING OPTIONAL, ... }: a CMS ContentInfo. The other
     * fields are hints for choosing the KDC's certificate; this KDC has one, so they are not read.
     */
    public static byte[] signedAuthPack(byte[] paPkAsReq) throws PkinitException {
        ASN1Primitive p = parse(paPkAsReq, MAX_PA_PK_AS_REQ_BYTES, "PA-PK-AS-REQ");
        try {
            ASN1Sequence seq = sequence(p, "PA-PK-AS-REQ");
            if (seq.size() == 0) {
                throw malformed("PA-PK-AS-REQ: empty");
            }
            ASN1TaggedObject first = contextTag(seq.getObjectAt(0), 0, "PA-PK-AS-REQ.signedAuthPack");
            return ASN1OctetString.getInstance(first, false).getOctets();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw malformed("PA-PK-AS-REQ.signedAuthPack: " + e.getMessage());
        }
    }

    /** The AuthPack (the signed content of the signedAuthPack). */
    public static AuthPack decodeAuthPack(byte[] der) throws PkinitException {
        ASN1Primitive p = parse(der, MAX_PA_PK_AS_REQ_BYTES, "AuthPack");
        try {
            ASN1Encodable[] fields = explicitFields(sequence(p, "AuthPack"), 5, "AuthPack");
            if (fields[0] == null) {
                throw malformed("AuthPack: pkAuthenticator missing");
            }
            PkAuthenticator auth = decodePkAuthenticator(fields[0]);
            Optional<SubjectPublicKeyInfo> spki = fields[1] == null
                    ? Optional.empty() : Optional.of(SubjectPublicKeyInfo.getInstance(fields[1]));
            Optional<byte[]> dhNonce = fields[3] == null
                    ? Optional.empty() : Optional.of(ASN1OctetString.getInstance(fields[3]).getOctets());
            return new AuthPack(auth, spki, dhNonce);
        } catch (IllegalArgumentException | IllegalStateException | ClassCastException e) {
            throw malformed("AuthPack: " + e.getMessage());
        }
    }

    private static PkAuthenticator decodePkAuthenticator(ASN1Encodable value) throws PkinitException {
        ASN1Encodable[] f = explicitFields(sequence(value.toASN1Primitive(), "PKAuthenticator"), 6,
                "PKAuthenticator");
        if (f[0] == null || f[1] == null || f[2] == null) {
            throw malformed("PKAuthenticator: cusec, ctime and nonce are required");
        }
        BigInteger cusec = ASN1Integer.getInstance(f[0]).getValue();
        if (cusec.signum() < 0 || cusec.compareTo(BigInteger.valueOf(999_999)) > 0) {
            throw malformed("PKAuthenticator.cusec " + cusec + " is outside 0..999999");
        }
        Instant ctime;
        try {
            ctime = ASN1GeneralizedTime.getInstance(f[1]).getDate().toInstant();
        } catch (ParseException e) {
            throw malformed("PKAuthenticator.ctime: " + e.getMessage());
        }
        BigInteger nonce = ASN1Integer.getInstance(f[2]).getValue();
        // UInt32 by the RFC, Int32 as MIT encodes it: accept both ranges
        if (nonce.bitLength() > 32 || nonce.compareTo(BigInteger.valueOf(Integer.MIN_VALUE)) < 0) {
            throw malformed("PKAuthenticator.nonce is outside 32 bits");
        }
        Optional<byte[]> checksum = f[3] == null
                ? Optional.empty() : Optional.of(ASN1OctetString.getInstance(f[3]).getOctets());
        return new PkAuthenticator(cusec.intValueExact(), ctime, nonce, checksum);
    }

    /**
     * The values of a SEQUENCE of EXPLICIT context tags [0]..[count-1], in increasing order, each at most once; later
     * tags (extensions the RFC's "..." allows, such as MIT's paChecksum2 [5]) are skipped.
     */
    private static ASN1Encodable[] explicitFields(ASN1Sequence seq, int count, String what) throws PkinitException {
        ASN1Encodable[] out = new ASN1Encodable[count];
        int last = -1;
        for (ASN1Encodable e : seq) {
            if (!(e instanceof ASN1TaggedObject t) || t.getTagClass() != BERTags.CONTEXT_SPECIFIC) {
                throw malformed(what + ": a field without a context tag");
            }
            int tag = t.getTagNo();
            if (tag <= last) {
                throw malformed(what + ": field [" + tag + "] out of order");
            }
            last = tag;
            if (tag < count) {
                if (!t.isExplicit()) {
                    throw malformed(what + ": field [" + tag + "] is not explicitly tagged");
                }
                out[tag] = t.getExplicitBaseObject();
            }
        }
        return out;
    }

    private static ASN1Sequence sequence(ASN1Primitive p, String what) throws PkinitException {
        if (!(p instanceof ASN1Sequence s)) {
            throw malformed(what + ": expected a SEQUENCE");
        }
        return s;
    }

    private static ASN1TaggedObject contextTag(ASN1Encodable e, int tag, String what) throws PkinitException {
        if (!(e instanceof ASN1TaggedObject t) || t.getTagClass() != BERTags.CONTEXT_SPECIFIC || t.getTagNo() != tag) {
            throw malformed(what + ": expected [" + tag + "]");
        }
        return t;
    }

    // ---- the client's certificate names ----

    /** A Kerberos principal a certificate names: its realm and name components (the name type is not compared). */
    public record CertificatePrincipal(String realm, List<String> components) {}

    /**
     * The principals {@code cert} names in its subjectAltName: id-pkinit-san otherNames (KRB5PrincipalName ::=
     * SEQUENCE { realm [0] Realm, principalName [1] PrincipalName }) and, separately, Microsoft UPN otherNames
     * (a UTF8String "user@realm"). A malformed extension is KDC_ERR_CLIENT_NAME_MISMATCH's cousin: the certificate
     * names nobody, so the caller refuses it.
     */
    public static List<CertificatePrincipal> pkinitSans(X509Certificate cert, List<String> upnsOut)
            throws PkinitException {
        List<CertificatePrincipal> out = new ArrayList<>();
        byte[] ext = cert.getExtensionValue("2.5.29.17");
        if (ext == null) {
            return out;
        }
        try {
            byte[] inner = ASN1OctetString.getInstance(parse(ext, MAX_PA_PK_AS_REQ_BYTES, "subjectAltName"))
                    .getOctets();
            GeneralNames names = GeneralNames.getInstance(parse(inner, MAX_PA_PK_AS_REQ_BYTES, "GeneralNames"));
            for (GeneralName n : names.getNames()) {
                if (n.getTagNo() != GeneralName.otherName) {
                    continue;
                }
                OtherName other = OtherName.getInstance(n.getName());
                if (other.getTypeID().equals(ID_PKINIT_SAN)) {
                    out.add(krb5PrincipalName(other.getValue().toASN1Primitive()));
                } else if (other.getTypeID().equals(MS_UPN_SAN) && other.getValue() instanceof ASN1String s) {
                    upnsOut.add(s.getString());
                }
            }
        } catch (IllegalArgumentException | IllegalStateException | ClassCastException e) {
            throw new PkinitException(ErrorCode.KDC_ERR_CLIENT_NAME_MISMATCH,
                    "the client certificate's subjectAltName is malformed: " + e.getMessage());
        }
        return out;
    }

    private static CertificatePrincipal krb5PrincipalName(ASN1Primitive p) throws PkinitException {
        ASN1Encodable[] f = explicitFields(sequence(p, "KRB5PrincipalName"), 2, "KRB5PrincipalName");
        if (f[0] == null || f[1] == null) {
            throw malformed("KRB5PrincipalName: realm and principalName are required");
        }
        String realm = ((ASN1String) f[0]).getString();
        ASN1Encodable[] name = explicitFields(sequence(f[1].toASN1Primitive(), "PrincipalName"), 2, "PrincipalName");
        if (name[1] == null) {
            throw malformed("PrincipalName: name-string missing");
        }
        ASN1Sequence strings = sequence(name[1].toASN1Primitive(), "PrincipalName.name-string");
        if (strings.size() == 0 || strings.size() > MAX_PRINCIPAL_COMPONENTS) {
            throw malformed("PrincipalName: " + strings.size() + " components, 1.." + MAX_PRINCIPAL_COMPONENTS
                    + " allowed");
        }
        List<String> components = new ArrayList<>();
        for (ASN1Encodable s : strings) {
            components.add(((ASN1String) s).getString());
        }
        return new CertificatePrincipal(realm, List.copyOf(components));
    }

    // ---- the reply ----

    /**
     * KDCDHKeyInfo ::= SEQUENCE { subjectPublicKey [0] BIT STRING, nonce [1] INTEGER (0..4294967295),
     * dhKeyExpiration [2] KerberosTime OPTIONAL, ... }; no expiration, the key is used once.
     */
    public static byte[] encodeKdcDhKeyInfo(byte[] subjectPublicKey, BigInteger nonce) {
        return der(new DERSequence(new ASN1Encodable[] {
            new DERTaggedObject(true, 0, new DERBitString(subjectPublicKey)),
            new DERTaggedObject(true, 1, new ASN1Integer(nonce))}));
    }

    /**
     * PA-PK-AS-REP ::= CHOICE { dhInfo [0] DHRepInfo, ... } with DHRepInfo ::= SEQUENCE { dhSignedData [0] IMPLICIT
     * OCTET STRING, serverDHNonce [1] OPTIONAL, kdf [2] OPTIONAL }: neither a server nonce (the KDC's DH key is never
     * reused) nor a KDF (the reply key is RFC 4556's octetstring2key, which MIT's client uses when kdf is absent).
     */
    public static byte[] encodePaPkAsRepDhInfo(byte[] dhSignedData) {
        DERSequence dhRepInfo = new DERSequence(new DERTaggedObject(false, 0, new DEROctetString(dhSignedData)));
        return der(new DERTaggedObject(true, 0, dhRepInfo));
    }

    /** DH public value y as the BIT STRING contents of KDCDHKeyInfo and SubjectPublicKeyInfo: a DER INTEGER. */
    public static byte[] encodeDhPublicValue(BigInteger y) {
        return der(new ASN1Integer(y));
    }

    /** The DER INTEGER y inside a dhpublicnumber SubjectPublicKeyInfo's BIT STRING. */
    public static BigInteger decodeDhPublicValue(byte[] bits) throws PkinitException {
        ASN1Primitive p = parse(bits, MAX_PA_PK_AS_REQ_BYTES, "DH public value");
        if (!(p instanceof ASN1Integer i)) {
            throw malformed("DH public value: expected an INTEGER");
        }
        return i.getValue();
    }

    private static byte[] der(ASN1Encodable e) {
        try {
            return e.toASN1Primitive().getEncoded(ASN1Encoding.DER);
        } catch (IOException x) {
            throw new IllegalStateException("DER encoding in memory failed", x);
        }
    }

    static PkinitException malformed(String message) {
        return new PkinitException(ErrorCode.KDC_ERR_PREAUTH_FAILED, message);
    }
}
