package org.openlsa.pkinit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.crypto.agreement.DHStandardGroups;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openlsa.crypto.kerberos.EncryptionType;
import org.openlsa.krb5.ErrorCode;
import org.openlsa.krb5.PrincipalName;
import org.openlsa.pkinit.TestPkinitClient.Request;

/**
 * The KDC half of PKINIT against an independent test client: a correct request yields a reply the client verifies
 * and the same reply key on both sides; each check of RFC 4556 3.2.2 refuses its violation with the RFC's error.
 */
class PkinitKdcTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration SKEW = Duration.ofMinutes(5);
    private static final byte[] REQ_BODY = "the KDC-REQ-BODY as sent".getBytes(StandardCharsets.US_ASCII);
    private static final long NONCE = 0x1234_5678L;
    private static final PrincipalName ALICE = PrincipalName.principal("alice");
    private static TestPki pki;
    private static TestPki.Identity alice;

    @BeforeAll
    static void pki() throws Exception {
        pki = new TestPki();
        alice = pki.user("alice");
    }

    private static PkinitKdc.Result respond(byte[] paPkAsReq, PrincipalName cname, EncryptionType etype)
            throws PkinitException {
        return PkinitKdc.respond(pki.config(), paPkAsReq, REQ_BODY, NONCE, cname, TestPki.REALM, TestPki.now(),
                SKEW, etype.id(), RANDOM);
    }

    private static ErrorCode refusal(Request request, TestPki.Identity signer) throws Exception {
        TestPkinitClient client = new TestPkinitClient(request.group(), RANDOM);
        byte[] req = client.paPkAsReq(request, signer, List.of());
        return assertThrows(PkinitException.class, () -> respond(req, ALICE, EncryptionType.AES256_CTS_HMAC_SHA1_96))
                .errorCode();
    }

    private static Request standard() {
        return Request.standard(TestPki.now(), NONCE, REQ_BODY);
    }

    @Test
    void dhExchangeGivesBothSidesTheSameReplyKey() throws Exception {
        for (EncryptionType etype : List.of(EncryptionType.AES256_CTS_HMAC_SHA1_96,
                EncryptionType.AES128_CTS_HMAC_SHA256_128, EncryptionType.AES256_CTS_HMAC_SHA384_192)) {
            TestPkinitClient client = new TestPkinitClient(DHStandardGroups.rfc3526_2048, RANDOM);
            PkinitKdc.Result result = respond(client.paPkAsReq(standard(), alice, List.of()), ALICE, etype);
            byte[] clientKey = client.replyKey(result.paPkAsRep(), pki.kdc, NONCE, etype.keyLength());
            assertEquals(etype, result.replyKey().type());
            assertArrayEquals(clientKey, result.replyKey().copyBytes(), etype.mitName());
            assertEquals(alice.certificate(), result.clientCertificate());
            assertFalse(result.toString().contains(Arrays.toString(clientKey)));
        }
    }

    @Test
    void aKdcWithAnEcKeySignsItsReplyWithEcdsa() throws Exception {
        TestPki.Identity ecKdc = pki.ecKdc();
        TestPkinitClient client = new TestPkinitClient(DHStandardGroups.rfc3526_2048, RANDOM);
        PkinitKdc.Result result = PkinitKdc.respond(
                new PkinitKdcConfig(List.of(ecKdc.certificate(), pki.ca), ecKdc.key(), List.of(pki.ca)),
                client.paPkAsReq(standard(), alice, List.of()), REQ_BODY, NONCE, ALICE, TestPki.REALM,
                TestPki.now(), SKEW, 18, RANDOM);
        assertArrayEquals(client.replyKey(result.paPkAsRep(), ecKdc.certificate(), NONCE, 32),
                result.replyKey().copyBytes());
    }

    @Test
    void aLargerModpGroupAndANegativeInt32NonceAsMitSendsWork() throws Exception {
        long mitNonce = -5L; // MIT encodes the AS-REQ nonce as a signed Int32
        TestPkinitClient client = new TestPkinitClient(DHStandardGroups.rfc3526_3072, RANDOM);
        Request r = new Request(TestPki.now(), mitNonce, TestPkinitClient.sha1(REQ_BODY),
                DHStandardGroups.rfc3526_3072, true);
        PkinitKdc.Result result = PkinitKdc.respond(pki.config(), client.paPkAsReq(r, alice, List.of()), REQ_BODY,
                0xFFFF_FFFBL, ALICE, TestPki.REALM, TestPki.now(), SKEW, 18, RANDOM);
        assertArrayEquals(client.replyKey(result.paPkAsRep(), pki.kdc, mitNonce, 32), result.replyKey().copyBytes());
    }

    @Test
    void ecdhOnEachNistCurveGivesBothSidesTheSameReplyKey() throws Exception {
        for (String curve : List.of("secp256r1", "secp384r1", "secp521r1")) {
            TestPkinitClient client = new TestPkinitClient(curve, RANDOM);
            PkinitKdc.Result result = respond(client.paPkAsReq(standard(), alice, List.of()), ALICE,
                    EncryptionType.AES256_CTS_HMAC_SHA1_96);
            assertArrayEquals(client.replyKey(result.paPkAsRep(), pki.kdc, NONCE, 32), result.replyKey().copyBytes(),
                    curve);
        }
    }

    @Test
    void aUpnSanInAnotherCaseOfTheRealmMapsAndTheSmartCardLogonEkuIsAccepted() throws Exception {
        var smartCard = org.bouncycastle.asn1.x509.KeyPurposeId.getInstance(
                new org.bouncycastle.asn1.ASN1ObjectIdentifier("1.3.6.1.4.1.311.20.2.2"));
        TestPki.Identity upnUser = pki.userWith(pki.caKeys, pki.ca, List.of(smartCard),
                TestPki.upn("alice@pkinit.test"), TestPki.now().minus(Duration.ofDays(1)),
                TestPki.now().plus(Duration.ofDays(1)));
        TestPkinitClient client = new TestPkinitClient(DHStandardGroups.rfc3526_2048, RANDOM);
        PkinitKdc.Result result = respond(client.paPkAsReq(standard(), upnUser, List.of()), ALICE,
                EncryptionType.AES128_CTS_HMAC_SHA1_96);
        assertArrayEquals(client.replyKey(result.paPkAsRep(), pki.kdc, NONCE, 16), result.replyKey().copyBytes());
    }

    @Test
    void aPathThroughAnIntermediateSentInTheSignedDataIsBuilt() throws Exception {
        X509Certificate issuing = pki.intermediate();
        TestPki.Identity leaf = pki.userWith(pki.otherCaKeys, issuing, List.of(TestPki.KP_CLIENT_AUTH),
                TestPki.sanPrincipal(TestPki.REALM, "alice"), TestPki.now().minus(Duration.ofDays(1)),
                TestPki.now().plus(Duration.ofDays(1)));
        TestPkinitClient client = new TestPkinitClient(DHStandardGroups.rfc3526_2048, RANDOM);
        PkinitKdc.Result result = respond(client.paPkAsReq(standard(), leaf, List.of(issuing)), ALICE,
                EncryptionType.AES256_CTS_HMAC_SHA1_96);
        assertEquals(leaf.certificate(), result.clientCertificate());
        // without the intermediate there is no path to the anchor
        byte[] alone = client.paPkAsReq(standard(), leaf, List.of());
        assertEquals(ErrorCode.KDC_ERR_CANT_VERIFY_CERTIFICATE, assertThrows(PkinitException.class,
                () -> respond(alone, ALICE, EncryptionType.AES256_CTS_HMAC_SHA1_96)).errorCode());
    }

    @Test
    void aCertificateFromAnUntrustedCaIsRefused() throws Exception {
        TestPki.Identity stranger = pki.userWith(pki.otherCaKeys, pki.otherCa, List.of(TestPki.KP_CLIENT_AUTH),
                TestPki.sanPrincipal(TestPki.REALM, "alice"), TestPki.now().minus(Duration.ofDays(1)),
                TestPki.now().plus(Duration.ofDays(1)));
        assertEquals(ErrorCode.KDC_ERR_CANT_VERIFY_CERTIFICATE, refusal(standard(), stranger));
    }

    @Test
    void anExpiredCertificateIsInvalid() throws Exception {
        TestPki.Identity expired = pki.userWith(pki.caKeys, pki.ca, List.of(TestPki.KP_CLIENT_AUTH),
                TestPki.sanPrincipal(TestPki.REALM, "alice"), TestPki.now().minus(Duration.ofDays(2)),
                TestPki.now().minus(Duration.ofDays(1)));
        assertEquals(ErrorCode.KDC_ERR_INVALID_CERTIFICATE, refusal(standard(), expired));
    }

    @Test
    void aCertificateNamingSomeoneElseIsAMismatch() throws Exception {
        assertEquals(ErrorCode.KDC_ERR_CLIENT_NAME_MISMATCH, refusal(standard(), pki.user("bob")));
        TestPki.Identity otherRealm = pki.userWith(pki.caKeys, pki.ca, List.of(TestPki.KP_CLIENT_AUTH),
                TestPki.sanPrincipal("OTHER.TEST", "alice"), TestPki.now().minus(Duration.ofDays(1)),
                TestPki.now().plus(Duration.ofDays(1)));
        assertEquals(ErrorCode.KDC_ERR_CLIENT_NAME_MISMATCH, refusal(standard(), otherRealm));
        TestPki.Identity noSan = pki.userWith(pki.caKeys, pki.ca, List.of(TestPki.KP_CLIENT_AUTH), null,
                TestPki.now().minus(Duration.ofDays(1)), TestPki.now().plus(Duration.ofDays(1)));
        assertEquals(ErrorCode.KDC_ERR_CLIENT_NAME_MISMATCH, refusal(standard(), noSan));
    }

    @Test
    void aCertificateWithoutTheClientKeyPurposeIsInconsistent() throws Exception {
        TestPki.Identity serverOnly = pki.userWith(pki.caKeys, pki.ca,
                List.of(org.bouncycastle.asn1.x509.KeyPurposeId.id_kp_serverAuth),
                TestPki.sanPrincipal(TestPki.REALM, "alice"), TestPki.now().minus(Duration.ofDays(1)),
                TestPki.now().plus(Duration.ofDays(1)));
        assertEquals(ErrorCode.KDC_ERR_INCONSISTENT_KEY_PURPOSE, refusal(standard(), serverOnly));
    }

    @Test
    void aSignatureByAnotherKeyIsInvalid() throws Exception {
        // alice's certificate, but the AuthPack signed with the KDC's key
        TestPki.Identity forged = new TestPki.Identity(alice.certificate(), pki.kdcKeys.getPrivate());
        assertEquals(ErrorCode.KDC_ERROR_INVALID_SIG, refusal(standard(), forged));
    }

    @Test
    void aChecksumOverAnotherReqBodyIsRefused() throws Exception {
        Request r = new Request(TestPki.now(), NONCE, TestPkinitClient.sha1(new byte[] {1, 2, 3}),
                DHStandardGroups.rfc3526_2048, true);
        assertEquals(ErrorCode.KRB_AP_ERR_MODIFIED, refusal(r, alice));
    }

    @Test
    void anAuthPackWithoutChecksumIsRefused() throws Exception {
        Request r = new Request(TestPki.now(), NONCE, null, DHStandardGroups.rfc3526_2048, true);
        assertEquals(ErrorCode.KDC_ERR_PA_CHECKSUM_MUST_BE_INCLUDED, refusal(r, alice));
    }

    @Test
    void aCtimeOutsideTheSkewIsRefused() throws Exception {
        Request r = new Request(TestPki.now().minus(Duration.ofMinutes(6)), NONCE, TestPkinitClient.sha1(REQ_BODY),
                DHStandardGroups.rfc3526_2048, true);
        assertEquals(ErrorCode.KRB_AP_ERR_SKEW, refusal(r, alice));
    }

    @Test
    void aNonceOtherThanTheAsReqsIsRefused() throws Exception {
        Request r = new Request(TestPki.now(), NONCE + 1, TestPkinitClient.sha1(REQ_BODY),
                DHStandardGroups.rfc3526_2048, true);
        assertEquals(ErrorCode.KDC_ERR_PREAUTH_FAILED, refusal(r, alice));
    }

    @Test
    void smallOrUnknownDhGroupsAreNotAccepted() throws Exception {
        Request small = new Request(TestPki.now(), NONCE, TestPkinitClient.sha1(REQ_BODY),
                DHStandardGroups.rfc2409_1024, true);
        assertEquals(ErrorCode.KDC_ERR_DH_KEY_PARAMETERS_NOT_ACCEPTED, refusal(small, alice));
        Request unknown = new Request(TestPki.now(), NONCE, TestPkinitClient.sha1(REQ_BODY),
                DHStandardGroups.rfc7919_ffdhe2048, true);
        assertEquals(ErrorCode.KDC_ERR_DH_KEY_PARAMETERS_NOT_ACCEPTED, refusal(unknown, alice));
    }

    @Test
    void theDhRefusalListsTheAcceptedGroupsInTdDhParameters() throws Exception {
        Request small = new Request(TestPki.now(), NONCE, TestPkinitClient.sha1(REQ_BODY),
                DHStandardGroups.rfc2409_1024, true);
        TestPkinitClient client = new TestPkinitClient(small.group(), RANDOM);
        byte[] req = client.paPkAsReq(small, alice, List.of());
        PkinitException e = assertThrows(PkinitException.class, () -> PkinitKdc.respond(
                new PkinitKdcConfig(List.of(pki.kdc), pki.kdcKeys.getPrivate(), List.of(pki.ca), 3072), req,
                REQ_BODY, NONCE, ALICE, TestPki.REALM, TestPki.now(), SKEW, 18, RANDOM));
        // TYPED-DATA { { [0] 109, [1] SEQUENCE OF AlgorithmIdentifier } }
        var typedData = org.bouncycastle.asn1.ASN1Sequence.getInstance(e.eData().orElseThrow());
        var element = org.bouncycastle.asn1.ASN1Sequence.getInstance(typedData.getObjectAt(0));
        assertEquals(109, org.bouncycastle.asn1.ASN1Integer.getInstance(
                ((org.bouncycastle.asn1.ASN1TaggedObject) element.getObjectAt(0)).getExplicitBaseObject())
                .intValueExact());
        var groups = org.bouncycastle.asn1.ASN1Sequence.getInstance(org.bouncycastle.asn1.ASN1OctetString.getInstance(
                ((org.bouncycastle.asn1.ASN1TaggedObject) element.getObjectAt(1)).getExplicitBaseObject()).getOctets());
        List<java.math.BigInteger> primes = new java.util.ArrayList<>();
        for (var g : groups) {
            var alg = org.bouncycastle.asn1.x509.AlgorithmIdentifier.getInstance(g);
            assertEquals("1.2.840.10046.2.1", alg.getAlgorithm().getId());
            primes.add(org.bouncycastle.asn1.x9.DomainParameters.getInstance(alg.getParameters()).getP());
        }
        // a 3072-bit minimum leaves groups 15 and 16, smallest first
        assertEquals(List.of(DHStandardGroups.rfc3526_3072.getP(), DHStandardGroups.rfc3526_4096.getP()), primes);
    }

    @Test
    void publicKeyEncryptionIsNotSupported() throws Exception {
        Request r = new Request(TestPki.now(), NONCE, TestPkinitClient.sha1(REQ_BODY),
                DHStandardGroups.rfc3526_2048, false);
        assertEquals(ErrorCode.KDC_ERR_PUBLIC_KEY_ENCRYPTION_NOT_SUPPORTED, refusal(r, alice));
    }

    @Test
    void garbageIsPreauthFailed() {
        for (byte[] bad : List.of(new byte[0], new byte[] {0x30, 0x00}, new byte[] {0x30, (byte) 0x84, 0x7f, 0, 0, 0},
                new byte[] {0x30, 0x03, (byte) 0x80, 0x01, 0x00}, new byte[70_000])) {
            PkinitException e = assertThrows(PkinitException.class,
                    () -> respond(bad, ALICE, EncryptionType.AES256_CTS_HMAC_SHA1_96));
            assertEquals(ErrorCode.KDC_ERR_PREAUTH_FAILED, e.errorCode());
        }
        byte[] deep = new byte[60_000];
        for (int i = 0; i < deep.length; i += 2) {
            deep[i] = 0x30;
            deep[i + 1] = (byte) 0x80; // indefinite-length SEQUENCEs nested 30 000 deep
        }
        assertEquals(ErrorCode.KDC_ERR_PREAUTH_FAILED, assertThrows(PkinitException.class,
                () -> respond(deep, ALICE, EncryptionType.AES256_CTS_HMAC_SHA1_96)).errorCode());
    }

    @Test
    void aRevokedCertificateIsRefusedAndAnotherOfTheSameCaAccepted() throws Exception {
        TestPki.Identity revoked = pki.user("alice");
        Instant now = TestPki.now();
        PkinitKdcConfig withCrl = new PkinitKdcConfig(List.of(pki.kdc), pki.kdcKeys.getPrivate(), List.of(pki.ca),
                PkinitKdcConfig.DEFAULT_MIN_DH_BITS,
                List.of(pki.crl(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)), revoked.certificate())));
        TestPkinitClient client = new TestPkinitClient(DHStandardGroups.rfc3526_2048, RANDOM);
        byte[] byRevoked = client.paPkAsReq(standard(), revoked, List.of());
        PkinitException e = assertThrows(PkinitException.class, () -> PkinitKdc.respond(withCrl, byRevoked, REQ_BODY,
                NONCE, ALICE, TestPki.REALM, now, SKEW, 18, RANDOM));
        assertEquals(ErrorCode.KDC_ERR_REVOKED_CERTIFICATE, e.errorCode());
        assertEquals(72, e.errorCode().code());
        // without the CRL the same request is accepted: the refusal is the CRL's doing
        PkinitKdc.respond(pki.config(), byRevoked, REQ_BODY, NONCE, ALICE, TestPki.REALM, now, SKEW, 18, RANDOM);
        // a certificate the CRL does not list passes the check
        PkinitKdc.Result ok = PkinitKdc.respond(withCrl, client.paPkAsReq(standard(), alice, List.of()), REQ_BODY,
                NONCE, ALICE, TestPki.REALM, now, SKEW, 18, RANDOM);
        assertEquals(alice.certificate(), ok.clientCertificate());
    }

    @Test
    void aLapsedCrlLeavesTheStatusUnknownAndACrlOfAnotherCaIsIgnored() throws Exception {
        Instant now = TestPki.now();
        X509CRL lapsed = pki.crl(now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(1)));
        PkinitKdcConfig withLapsed = new PkinitKdcConfig(List.of(pki.kdc), pki.kdcKeys.getPrivate(),
                List.of(pki.ca), PkinitKdcConfig.DEFAULT_MIN_DH_BITS, List.of(lapsed));
        TestPkinitClient client = new TestPkinitClient(DHStandardGroups.rfc3526_2048, RANDOM);
        byte[] req = client.paPkAsReq(standard(), alice, List.of());
        assertEquals(ErrorCode.KDC_ERR_REVOCATION_STATUS_UNKNOWN, assertThrows(PkinitException.class,
                () -> PkinitKdc.respond(withLapsed, req, REQ_BODY, NONCE, ALICE, TestPki.REALM, now, SKEW, 18,
                        RANDOM)).errorCode());
        // a newer current CRL supersedes the lapsed one
        X509CRL current = pki.crl(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)));
        PkinitKdc.respond(new PkinitKdcConfig(List.of(pki.kdc), pki.kdcKeys.getPrivate(), List.of(pki.ca),
                PkinitKdcConfig.DEFAULT_MIN_DH_BITS, List.of(lapsed, current)), req, REQ_BODY, NONCE, ALICE,
                TestPki.REALM, now, SKEW, 18, RANDOM);
    }

    @Test
    void anIntermediatesCrlIsCheckedWithTheIntermediatesKeyAndASameNamedForgeryIgnored() throws Exception {
        X509Certificate issuing = pki.intermediate();
        TestPki.Identity leaf = pki.userWith(pki.otherCaKeys, issuing, List.of(TestPki.KP_CLIENT_AUTH),
                TestPki.sanPrincipal(TestPki.REALM, "alice"), TestPki.now().minus(Duration.ofDays(1)),
                TestPki.now().plus(Duration.ofDays(1)));
        Instant now = TestPki.now();
        // the intermediate's CRL, signed by its key (otherCaKeys), lists the leaf
        X509CRL byIssuing = TestPki.crl(issuing, pki.otherCaKeys.getPrivate(), now.minus(Duration.ofHours(1)),
                now.plus(Duration.ofDays(1)), leaf.certificate());
        // the same issuer name and a later thisUpdate, but signed by the root's key: not the intermediate's list
        X509CRL forged = TestPki.crl(issuing, pki.caKeys.getPrivate(), now.minus(Duration.ofMinutes(1)),
                now.plus(Duration.ofDays(1)));
        TestPkinitClient client = new TestPkinitClient(DHStandardGroups.rfc3526_2048, RANDOM);
        byte[] req = client.paPkAsReq(standard(), leaf, List.of(issuing));
        PkinitKdcConfig config = new PkinitKdcConfig(List.of(pki.kdc), pki.kdcKeys.getPrivate(), List.of(pki.ca),
                PkinitKdcConfig.DEFAULT_MIN_DH_BITS, List.of(byIssuing, forged));
        assertEquals(ErrorCode.KDC_ERR_REVOKED_CERTIFICATE, assertThrows(PkinitException.class,
                () -> PkinitKdc.respond(config, req, REQ_BODY, NONCE, ALICE, TestPki.REALM, now, SKEW, 18, RANDOM))
                .errorCode());
        // the forgery alone is no CRL of the intermediate, and the root has none: nothing is checked
        PkinitKdc.respond(new PkinitKdcConfig(List.of(pki.kdc), pki.kdcKeys.getPrivate(), List.of(pki.ca),
                PkinitKdcConfig.DEFAULT_MIN_DH_BITS, List.of(forged)), req, REQ_BODY, NONCE, ALICE, TestPki.REALM,
                now, SKEW, 18, RANDOM);
    }

    @Test
    void theConfigRefusesWeakDhMinimum() {
        assertThrows(IllegalArgumentException.class,
                () -> new PkinitKdcConfig(List.of(pki.kdc), pki.kdcKeys.getPrivate(), List.of(pki.ca), 1024));
    }

}
