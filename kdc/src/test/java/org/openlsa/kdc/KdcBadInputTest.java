package org.openlsa.kdc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openlsa.krb5.ErrorCode;
import org.openlsa.krb5.KdcOptions;
import org.openlsa.krb5.KdcReqBody;
import org.openlsa.krb5.KerberosTime;
import org.openlsa.krb5.KrbError;
import org.openlsa.krb5.MessageType;
import org.openlsa.krb5.PrincipalName;
import org.openlsa.krb5.der.KrbCodec;
import org.openlsa.kdc.protocol.KdcProtocol;

/**
 * What the KDC answers to input that is not a good request: never an exception, never a crash; garbage is dropped,
 * other message types get KRB_AP_ERR_MSG_TYPE, malformed requests KRB_ERR_GENERIC, unknown enctypes ETYPE_NOSUPP.
 */
class KdcBadInputTest {
    private static TestRealm realm;
    private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 1);

    @BeforeAll
    static void start() throws Exception {
        realm = TestRealm.start();
        realm.addUser("alice", "Wonderland-pw-1");
    }

    @AfterAll
    static void stop() throws Exception {
        realm.close();
    }

    private static byte[] asReq(List<Integer> etypes) {
        KdcReqBody body = new KdcReqBody(KdcOptions.of(), Optional.of(PrincipalName.principal("alice")),
                TestRealm.REALM, Optional.of(PrincipalName.krbtgt(TestRealm.REALM)), Optional.empty(),
                KerberosTime.ofEpochSecond(0), Optional.empty(), 1, etypes, List.of(), Optional.empty(), List.of());
        return KrbCodec.encode(KrbCodec.asReq(List.of(), body));
    }

    private static KrbError error(byte[] request) throws Exception {
        byte[] reply = realm.kdc.handle(request, KdcProtocol.Transport.UDP, CLIENT).orElseThrow();
        assertEquals(MessageType.KRB_ERROR, KrbCodec.applicationTag(reply));
        return KrbCodec.decodeKrbError(reply);
    }

    @Test
    void garbageIsDroppedAndOtherMessagesAreRefused() throws Exception {
        assertTrue(realm.kdc.handle(new byte[0], KdcProtocol.Transport.UDP, CLIENT).isEmpty());
        assertTrue(realm.kdc.handle("GET / HTTP/1.0\r\n".getBytes(), KdcProtocol.Transport.TCP, CLIENT).isEmpty());
        byte[] apRepLike = {0x6f, 0x03, 0x30, 0x01, 0x00};
        assertEquals(ErrorCode.KRB_AP_ERR_MSG_TYPE, error(apRepLike).errorCode());
    }

    @Test
    void everyTruncationOfAnAsReqGetsAnErrorOrNothing() throws Exception {
        byte[] good = asReq(List.of(18));
        assertEquals(ErrorCode.KDC_ERR_PREAUTH_REQUIRED, error(good).errorCode());
        for (int n = 0; n < good.length; n++) {
            Optional<byte[]> reply = realm.kdc.handle(Arrays.copyOf(good, n), KdcProtocol.Transport.UDP, CLIENT);
            if (reply.isPresent()) {
                assertEquals(ErrorCode.KRB_ERR_GENERIC, KrbCodec.decodeKrbError(reply.get()).errorCode(), "n=" + n);
            }
        }
    }

    @Test
    void unknownEnctypesAreEtypeNosupp() throws Exception {
        assertEquals(ErrorCode.KDC_ERR_ETYPE_NOSUPP, error(asReq(List.of(1, 3, 16, 25, 26))).errorCode());
        assertEquals(ErrorCode.KDC_ERR_ETYPE_NOSUPP, error(asReq(List.of())).errorCode());
    }

    @Test
    void tgsReqWithoutTicketOrWithGarbageTicket() throws Exception {
        KdcReqBody body = new KdcReqBody(KdcOptions.of(), Optional.empty(), TestRealm.REALM,
                Optional.of(PrincipalName.service("HTTP", "x")), Optional.empty(), KerberosTime.ofEpochSecond(0),
                Optional.empty(), 1, List.of(18), List.of(), Optional.empty(), List.of());
        assertEquals(ErrorCode.KDC_ERR_PADATA_TYPE_NOSUPP,
                error(KrbCodec.encode(KrbCodec.tgsReq(List.of(), body))).errorCode());
        var pa = new org.openlsa.krb5.PaData(org.openlsa.krb5.PaData.PA_TGS_REQ,
                org.openlsa.krb5.Bytes.of(new byte[] {1, 2, 3}));
        assertEquals(ErrorCode.KRB_AP_ERR_MSG_TYPE,
                error(KrbCodec.encode(KrbCodec.tgsReq(List.of(pa), body))).errorCode());
    }
}
