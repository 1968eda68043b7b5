package org.openlsa.krb5.der;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.openlsa.krb5.ApReq;
import org.openlsa.krb5.AsRep;
import org.openlsa.krb5.AsReq;
import org.openlsa.krb5.ErrorCode;
import org.openlsa.krb5.EtypeInfo2Entry;
import org.openlsa.krb5.KdcOptions;
import org.openlsa.krb5.KdcReq;
import org.openlsa.krb5.KdcReqBody;
import org.openlsa.krb5.KrbError;
import org.openlsa.krb5.MessageType;
import org.openlsa.krb5.PaData;
import org.openlsa.krb5.PaEncTsEnc;
import org.openlsa.krb5.PaForUser;
import org.openlsa.krb5.PaS4uX509User;
import org.openlsa.krb5.PrincipalName;
import org.openlsa.krb5.S4uUserId;
import org.openlsa.krb5.TgsRep;
import org.openlsa.krb5.TgsReq;

/**
 * Messages produced by MIT krb5 1.20.1 (kinit, kvno, krb5kdc) on a loopback realm TEST.LOCAL, recorded by the relay
 * in src/test/resources/org/openlsa/krb5/der/mit (README.md there has the commands). Every one of them re-encodes
 * to the identical octets.
 */
class MitCapturesTest {

    /** MIT's default enctype order: aes256-sha1, aes128-sha1, aes256-sha2, aes128-sha2, des3, rc4, camellia. */
    private static final List<Integer> MIT_ETYPES = List.of(18, 17, 20, 19, 16, 23, 25, 26);
    private static final String REALM = "TEST.LOCAL";
    private static final PrincipalName KRBTGT = PrincipalName.krbtgt(REALM);
    private static final PrincipalName ALICE = PrincipalName.principal("alice");
    /** kvno sends the service name with type NT-PRINCIPAL, not NT-SRV-HST. */
    private static final PrincipalName SERVICE =
            new PrincipalName(PrincipalName.NT_PRINCIPAL, List.of("host", "svc.test.local"));

    static final List<String> CAPTURES = List.of(MitCaptures.ALL);

    @ParameterizedTest
    @FieldSource("CAPTURES")
    void reEncodesIdentically(String name) throws KrbDecodeException {
        byte[] der = MitCaptures.read(name);
        byte[] again = switch (KrbCodec.applicationTag(der)) {
            case MessageType.AS_REQ, MessageType.TGS_REQ -> KrbCodec.encode(KrbCodec.decodeKdcReq(der));
            case MessageType.AS_REP, MessageType.TGS_REP -> KrbCodec.encode(KrbCodec.decodeKdcRep(der));
            case MessageType.KRB_ERROR -> KrbCodec.encode(KrbCodec.decodeKrbError(der));
            default -> throw new AssertionError(name + ": unexpected tag " + KrbCodec.applicationTag(der));
        };
        assertArrayEquals(der, again, name);
    }

    @Test
    void asReqWithoutPreauth() throws KrbDecodeException {
        byte[] der = MitCaptures.read("as-req-no-preauth.der");
        assertEquals(MessageType.AS_REQ, KrbCodec.applicationTag(der));
        AsReq req = KrbCodec.decodeAsReq(der);
        KdcReqBody body = req.reqBody();
        assertEquals(MessageType.AS_REQ, req.msgType());
        assertEquals(Optional.of(ALICE), body.cname());
        assertEquals(REALM, body.realm());
        assertEquals(Optional.of(KRBTGT), body.sname());
        assertEquals(MIT_ETYPES, body.etype());
        // krb5.conf says forwardable = true, and kinit -r 1d asks for a renewable ticket.
        assertEquals(KdcOptions.of(KdcOptions.FORWARDABLE, KdcOptions.RENEWABLE), body.kdcOptions());
        assertTrue(body.rtime().isPresent());
        assertEquals(body.till(), body.rtime().get());
        assertTrue(body.nonce() > 0 && body.nonce() < 0x8000_0000L);
        // MIT 1.20 always offers PA-AS-FRESHNESS (150) and PA-REQ-ENC-PA-REP (149), both empty.
        assertEquals(List.of(PaData.PA_AS_FRESHNESS, PaData.PA_REQ_ENC_PA_REP),
                req.padata().stream().map(PaData::padataType).toList());
        assertTrue(req.findPadata(PaData.PA_REQ_ENC_PA_REP).orElseThrow().padataValue().isEmpty());
        // The received req-body: from the [4] header's end (offset 47) to the end of the message.
        assertArrayEquals(Arrays.copyOfRange(der, 47, der.length), req.encodedReqBody().toByteArray());
        assertEquals(body, KrbCodec.decodeKdcReqBody(req.encodedReqBody().toByteArray()));
    }

    @Test
    void preauthRequiredErrorCarriesEtypeInfo2() throws KrbDecodeException {
        KrbError error = KrbCodec.decodeKrbError(MitCaptures.read("krb-error-preauth-required.der"));
        assertEquals(ErrorCode.KDC_ERR_PREAUTH_REQUIRED, error.errorCode());
        assertEquals("KDC_ERR_PREAUTH_REQUIRED", error.errorCode().name());
        assertEquals(Optional.of("NEEDED_PREAUTH"), error.eText());
        assertEquals(Optional.of(REALM), error.crealm());
        assertEquals(Optional.of(ALICE), error.cname());
        assertEquals(REALM, error.realm());
        assertEquals(KRBTGT, error.sname());
        assertEquals(Optional.empty(), error.ctime());
        assertEquals(OptionalInt.empty(), error.cusec());

        List<PaData> methodData = KrbCodec.decodeMethodData(error.eData().orElseThrow().toByteArray());
        assertEquals(List.of(PaData.PA_FX_FAST, PaData.PA_ETYPE_INFO2, PaData.PA_ENC_TIMESTAMP, PaData.PA_FX_COOKIE),
                methodData.stream().map(PaData::padataType).toList());
        List<EtypeInfo2Entry> info = KrbCodec.decodeEtypeInfo2(
                PaData.find(methodData, PaData.PA_ETYPE_INFO2).orElseThrow().padataValue().toByteArray());
        assertEquals(List.of(EtypeInfo2Entry.of(18, "TEST.LOCALalice")), info);
        assertEquals("MIT", new String(PaData.find(methodData, PaData.PA_FX_COOKIE).orElseThrow().padataValue()
                .toByteArray(), StandardCharsets.US_ASCII));
    }

    @Test
    void asReqWithEncryptedTimestamp() throws KrbDecodeException {
        AsReq req = KrbCodec.decodeAsReq(MitCaptures.read("as-req-enc-timestamp.der"));
        assertEquals(List.of(PaData.PA_FX_COOKIE, PaData.PA_ENC_TIMESTAMP, PaData.PA_AS_FRESHNESS,
                PaData.PA_REQ_ENC_PA_REP), req.padata().stream().map(PaData::padataType).toList());
        var timestamp = KrbCodec.decodeEncryptedData(
                req.findPadata(PaData.PA_ENC_TIMESTAMP).orElseThrow().padataValue().toByteArray());
        assertEquals(18, timestamp.etype());
        assertEquals(OptionalInt.empty(), timestamp.kvno());
        // aes256-cts-hmac-sha1-96: 16-byte confounder + PA-ENC-TS-ENC + 12-byte HMAC
        assertTrue(timestamp.cipher().length() > 28);
        assertEquals(Optional.of(ALICE), req.reqBody().cname());
        assertEquals(MIT_ETYPES, req.reqBody().etype());
    }

    @Test
    void asRep() throws KrbDecodeException {
        AsRep rep = KrbCodec.decodeAsRep(MitCaptures.read("as-rep.der"));
        assertEquals(REALM, rep.crealm());
        assertEquals(ALICE, rep.cname());
        assertEquals(REALM, rep.ticket().realm());
        assertEquals(KRBTGT, rep.ticket().sname());
        assertEquals(18, rep.ticket().encPart().etype());
        assertEquals(OptionalInt.of(1), rep.ticket().encPart().kvno());
        assertEquals(18, rep.encPart().etype());
        // The AS-REP repeats the ETYPE-INFO2 the client's key was derived with.
        assertEquals(List.of(EtypeInfo2Entry.of(18, "TEST.LOCALalice")), KrbCodec.decodeEtypeInfo2(
                rep.findPadata(PaData.PA_ETYPE_INFO2).orElseThrow().padataValue().toByteArray()));
        assertInstanceOf(AsRep.class, KrbCodec.decodeKdcRep(MitCaptures.read("as-rep.der")));
    }

    @Test
    void tgsReqCarriesApReqAndReceivedBody() throws KrbDecodeException {
        byte[] der = MitCaptures.read("tgs-req.der");
        TgsReq req = KrbCodec.decodeTgsReq(der);
        KdcReqBody body = req.reqBody();
        assertEquals(Optional.empty(), body.cname());
        assertEquals(REALM, body.realm());
        assertEquals(Optional.of(SERVICE), body.sname());
        assertEquals(MIT_ETYPES, body.etype());
        assertTrue(body.kdcOptions().has(KdcOptions.FORWARDABLE));
        assertTrue(body.kdcOptions().has(KdcOptions.RENEWABLE));
        assertTrue(body.kdcOptions().has(KdcOptions.CANONICALIZE));

        ApReq apReq = KrbCodec.decodeApReq(req.findPadata(PaData.PA_TGS_REQ).orElseThrow().padataValue()
                .toByteArray());
        assertEquals(KRBTGT, apReq.ticket().sname());
        assertEquals(0, apReq.apOptions().bits());
        // The TGT in the AP-REQ is the one the AS-REP delivered, octet for octet.
        AsRep asRep = KrbCodec.decodeAsRep(MitCaptures.read("as-rep.der"));
        assertEquals(asRep.ticket(), apReq.ticket());
        // MIT armors with FAST using the TGT (RFC 6113), so the request also has PA-FX-FAST.
        assertTrue(req.findPadata(PaData.PA_FX_FAST).isPresent());
        // The req-body is the last field: its received octets are the tail of the message.
        byte[] received = req.encodedReqBody().toByteArray();
        assertArrayEquals(Arrays.copyOfRange(der, der.length - received.length, der.length), received);
        assertArrayEquals(KrbCodec.encode(body), received);
    }

    @Test
    void tgsRep() throws KrbDecodeException {
        TgsRep rep = KrbCodec.decodeTgsRep(MitCaptures.read("tgs-rep.der"));
        assertEquals(REALM, rep.crealm());
        assertEquals(ALICE, rep.cname());
        assertEquals(SERVICE, rep.ticket().sname());
        // capture.sh's ktadd gave the service a new random key, version 2.
        assertEquals(OptionalInt.of(2), rep.ticket().encPart().kvno());
        assertEquals(List.of(PaData.PA_FX_FAST), rep.padata().stream().map(PaData::padataType).toList());
    }

    @Test
    void unknownClientError() throws KrbDecodeException {
        KrbError error = KrbCodec.decodeKrbError(MitCaptures.read("krb-error-client-unknown.der"));
        assertEquals(ErrorCode.KDC_ERR_C_PRINCIPAL_UNKNOWN, error.errorCode());
        assertEquals(Optional.of(PrincipalName.principal("nobody")), error.cname());
        assertEquals(Optional.of("CLIENT_NOT_FOUND"), error.eText());
        assertFalse(error.eData().isPresent());
    }

    @Test
    void enterpriseNameAsReq() throws KrbDecodeException {
        AsReq req = KrbCodec.decodeAsReq(MitCaptures.read("as-req-enterprise.der"));
        PrincipalName cname = req.reqBody().cname().orElseThrow();
        assertEquals(PrincipalName.NT_ENTERPRISE, cname.nameType());
        assertEquals(List.of("alice"), cname.nameString());
        assertEquals(KdcOptions.of(KdcOptions.CANONICALIZE, KdcOptions.RENEWABLE_OK), req.reqBody().kdcOptions());
    }

    @Test
    void s4u2SelfPadata() throws KrbDecodeException {
        byte[] der = MitCaptures.read("tgs-req-s4u2self.der");
        TgsReq req = KrbCodec.decodeTgsReq(der);
        assertEquals(List.of(PaData.PA_TGS_REQ, PaData.PA_FX_FAST, PaData.PA_S4U_X509_USER, PaData.PA_FOR_USER),
                req.padata().stream().map(PaData::padataType).toList());
        assertEquals(Optional.of(SERVICE), req.reqBody().sname());

        PaForUser forUser = KrbCodec.decodePaForUser(req.findPadata(PaData.PA_FOR_USER).orElseThrow()
                .padataValue().toByteArray());
        assertEquals(new PrincipalName(PrincipalName.NT_ENTERPRISE, List.of("alice")), forUser.userName());
        assertEquals(REALM, forUser.userRealm());
        assertEquals(PaForUser.AUTH_PACKAGE_KERBEROS, forUser.authPackage());
        assertEquals(-138, forUser.cksum().cksumtype());
        assertEquals(16, forUser.cksum().checksum().length());
        // MS-SFU 2.2.1: name-type 10 little-endian, "alice", "TEST.LOCAL", "Kerberos".
        assertArrayEquals(concat(new byte[] {10, 0, 0, 0}, "aliceTEST.LOCALKerberos".getBytes()),
                forUser.checksumInput());

        byte[] s4uDer = req.findPadata(PaData.PA_S4U_X509_USER).orElseThrow().padataValue().toByteArray();
        PaS4uX509User s4u = KrbCodec.decodePaS4uX509User(s4uDer);
        S4uUserId userId = s4u.userId();
        // The S4UUserID nonce is the request's nonce (MS-SFU 2.2.2).
        assertEquals(req.reqBody().nonce(), userId.nonce());
        assertEquals(Optional.of(new PrincipalName(PrincipalName.NT_ENTERPRISE, List.of("alice"))), userId.cname());
        assertEquals(REALM, userId.crealm());
        assertTrue(userId.hasOption(S4uUserId.USE_REPLY_KEY_USAGE));
        assertFalse(userId.hasOption(S4uUserId.CHECK_LOGON_HOUR_RESTRICTIONS));
        assertEquals(16, s4u.checksum().cksumtype()); // hmac-sha1-96-aes256 under the TGT session key
        // user-id is the first field: its received octets start right after the SEQUENCE and [0] headers.
        byte[] received = s4u.encodedUserId().toByteArray();
        assertArrayEquals(Arrays.copyOfRange(s4uDer, 4, 4 + received.length), received);
        assertArrayEquals(s4uDer, KrbCodec.encode(s4u));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void kdcReqDispatch() throws KrbDecodeException {
        assertInstanceOf(AsReq.class, KrbCodec.decodeKdcReq(MitCaptures.read("as-req-keytab.der")));
        KdcReq tgs = KrbCodec.decodeKdcReq(MitCaptures.read("tgs-req.der"));
        assertInstanceOf(TgsReq.class, tgs);
        assertEquals(MessageType.TGS_REQ, tgs.msgType());
        assertEquals(MessageType.KRB_ERROR, KrbCodec.applicationTag(MitCaptures.read("krb-error-client-unknown.der")));
    }
}
