package org.openlsa.krb5.der;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.openlsa.krb5.ApRep;
import org.openlsa.krb5.ApReq;
import org.openlsa.krb5.AsReq;
import org.openlsa.krb5.AuthorizationData;
import org.openlsa.krb5.Authenticator;
import org.openlsa.krb5.Checksum;
import org.openlsa.krb5.EncApRepPart;
import org.openlsa.krb5.EncKdcRepPart;
import org.openlsa.krb5.ChangePasswdData;
import org.openlsa.krb5.EncKrbCredPart;
import org.openlsa.krb5.EncKrbPrivPart;
import org.openlsa.krb5.KrbPriv;
import org.openlsa.krb5.EncTicketPart;
import org.openlsa.krb5.EncryptedData;
import org.openlsa.krb5.EtypeInfo2Entry;
import org.openlsa.krb5.KdcRep;
import org.openlsa.krb5.KdcReq;
import org.openlsa.krb5.KdcReqBody;
import org.openlsa.krb5.KerberosTime;
import org.openlsa.krb5.KrbCred;
import org.openlsa.krb5.KrbError;
import org.openlsa.krb5.PaData;
import org.openlsa.krb5.PaEncTsEnc;
import org.openlsa.krb5.PaForUser;
import org.openlsa.krb5.PaPacOptions;
import org.openlsa.krb5.PaPacRequest;
import org.openlsa.krb5.PaS4uX509User;
import org.openlsa.krb5.S4uUserId;
import org.openlsa.krb5.TgsReq;
import org.openlsa.krb5.Ticket;

/**
 * decode(encode(x)) == x for generated values of every structure, and encode(decode(encode(x))) == encode(x): the
 * encoding is deterministic and the decoder loses nothing the model holds.
 */
class KrbCodecRoundTripTest {

    @FunctionalInterface
    interface Decoder<T> {
        T decode(byte[] der) throws KrbDecodeException;
    }

    private static <T> void assertRoundTrip(T value, byte[] encoding, Decoder<T> decoder) throws KrbDecodeException {
        T decoded = decoder.decode(encoding);
        assertEquals(value, decoded);
        assertEquals(value.hashCode(), decoded.hashCode());
    }

    @Provide Arbitrary<KdcReqBody> reqBodies() { return KrbArbitraries.reqBodies(); }
    @Provide Arbitrary<List<PaData>> padataLists() { return KrbArbitraries.lists(KrbArbitraries.padata()); }
    @Provide Arbitrary<KdcRep> kdcReps() { return KrbArbitraries.kdcReps(); }
    @Provide Arbitrary<EncKdcRepPart> encKdcRepParts() { return KrbArbitraries.encKdcRepParts(); }
    @Provide Arbitrary<Ticket> tickets() { return KrbArbitraries.tickets(); }
    @Provide Arbitrary<EncTicketPart> encTicketParts() { return KrbArbitraries.encTicketParts(); }
    @Provide Arbitrary<ApReq> apReqs() { return KrbArbitraries.apReqs(); }
    @Provide Arbitrary<Authenticator> authenticators() { return KrbArbitraries.authenticators(); }
    @Provide Arbitrary<ApRep> apReps() { return KrbArbitraries.apReps(); }
    @Provide Arbitrary<EncApRepPart> encApRepParts() { return KrbArbitraries.encApRepParts(); }
    @Provide Arbitrary<KrbError> krbErrors() { return KrbArbitraries.krbErrors(); }
    @Provide Arbitrary<KrbCred> krbCreds() { return KrbArbitraries.krbCreds(); }
    @Provide Arbitrary<EncKrbCredPart> encKrbCredParts() { return KrbArbitraries.encKrbCredParts(); }
    @Provide Arbitrary<KrbPriv> krbPrivs() { return KrbArbitraries.krbPrivs(); }
    @Provide Arbitrary<EncKrbPrivPart> encKrbPrivParts() { return KrbArbitraries.encKrbPrivParts(); }
    @Provide Arbitrary<ChangePasswdData> changePasswdData() { return KrbArbitraries.changePasswdData(); }
    @Provide Arbitrary<PaEncTsEnc> paEncTsEncs() { return KrbArbitraries.paEncTsEncs(); }
    @Provide Arbitrary<List<EtypeInfo2Entry>> etypeInfo2() {
        return KrbArbitraries.lists(KrbArbitraries.etypeInfo2Entries());
    }
    @Provide Arbitrary<PaPacRequest> paPacRequests() { return KrbArbitraries.paPacRequests(); }
    @Provide Arbitrary<PaPacOptions> paPacOptions() { return KrbArbitraries.paPacOptions(); }
    @Provide Arbitrary<PaForUser> paForUsers() { return KrbArbitraries.paForUsers(); }
    @Provide Arbitrary<S4uUserId> s4uUserIds() { return KrbArbitraries.s4uUserIds(); }
    @Provide Arbitrary<Checksum> checksums() { return KrbArbitraries.checksums(); }
    @Provide Arbitrary<AuthorizationData> authorizationData() { return KrbArbitraries.authorizationData(); }
    @Provide Arbitrary<EncryptedData> encryptedData() { return KrbArbitraries.encryptedData(); }

    @Property
    void asReq(@ForAll("padataLists") List<PaData> padata, @ForAll("reqBodies") KdcReqBody body)
            throws KrbDecodeException {
        AsReq req = KrbCodec.asReq(padata, body);
        byte[] der = KrbCodec.encode(req);
        assertRoundTrip(req, der, KrbCodec::decodeAsReq);
        assertArrayEquals(der, KrbCodec.encode(KrbCodec.decodeAsReq(der)));
        assertEquals(req, KrbCodec.decodeKdcReq(der));
    }

    @Property
    void tgsReq(@ForAll("padataLists") List<PaData> padata, @ForAll("reqBodies") KdcReqBody body)
            throws KrbDecodeException {
        TgsReq req = KrbCodec.tgsReq(padata, body);
        byte[] der = KrbCodec.encode(req);
        assertRoundTrip(req, der, KrbCodec::decodeTgsReq);
        KdcReq decoded = KrbCodec.decodeKdcReq(der);
        assertEquals(req, decoded);
        // The received body is exactly the body encoding, so a client's checksum over encode(body) verifies.
        assertArrayEquals(KrbCodec.encode(body), decoded.encodedReqBody().toByteArray());
    }

    @Property
    void kdcReqBody(@ForAll("reqBodies") KdcReqBody body) throws KrbDecodeException {
        assertRoundTrip(body, KrbCodec.encode(body), KrbCodec::decodeKdcReqBody);
    }

    @Property
    void kdcRep(@ForAll("kdcReps") KdcRep rep) throws KrbDecodeException {
        byte[] der = KrbCodec.encode(rep);
        assertRoundTrip(rep, der, KrbCodec::decodeKdcRep);
        assertEquals(rep.msgType(), KrbCodec.applicationTag(der));
        assertArrayEquals(der, KrbCodec.encode(KrbCodec.decodeKdcRep(der)));
    }

    @Property
    void encKdcRepPart(@ForAll("encKdcRepParts") EncKdcRepPart part) throws KrbDecodeException {
        for (int tag : new int[] {EncKdcRepPart.ENC_AS_REP_PART, EncKdcRepPart.ENC_TGS_REP_PART}) {
            byte[] der = KrbCodec.encode(part, tag);
            assertEquals(tag, KrbCodec.applicationTag(der));
            assertRoundTrip(part, der, KrbCodec::decodeEncKdcRepPart);
        }
    }

    @Property
    void ticket(@ForAll("tickets") Ticket ticket) throws KrbDecodeException {
        assertRoundTrip(ticket, KrbCodec.encode(ticket), KrbCodec::decodeTicket);
    }

    @Property
    void encTicketPart(@ForAll("encTicketParts") EncTicketPart part) throws KrbDecodeException {
        assertRoundTrip(part, KrbCodec.encode(part), KrbCodec::decodeEncTicketPart);
    }

    @Property
    void apReq(@ForAll("apReqs") ApReq req) throws KrbDecodeException {
        assertRoundTrip(req, KrbCodec.encode(req), KrbCodec::decodeApReq);
    }

    @Property
    void authenticator(@ForAll("authenticators") Authenticator a) throws KrbDecodeException {
        assertRoundTrip(a, KrbCodec.encode(a), KrbCodec::decodeAuthenticator);
    }

    @Property
    void apRep(@ForAll("apReps") ApRep rep) throws KrbDecodeException {
        assertRoundTrip(rep, KrbCodec.encode(rep), KrbCodec::decodeApRep);
    }

    @Property
    void encApRepPart(@ForAll("encApRepParts") EncApRepPart part) throws KrbDecodeException {
        assertRoundTrip(part, KrbCodec.encode(part), KrbCodec::decodeEncApRepPart);
    }

    @Property
    void krbError(@ForAll("krbErrors") KrbError error) throws KrbDecodeException {
        assertRoundTrip(error, KrbCodec.encode(error), KrbCodec::decodeKrbError);
    }

    @Property
    void methodData(@ForAll("padataLists") List<PaData> padata) throws KrbDecodeException {
        assertRoundTrip(padata, KrbCodec.encodeMethodData(padata), KrbCodec::decodeMethodData);
    }

    @Property
    void krbCred(@ForAll("krbCreds") KrbCred cred) throws KrbDecodeException {
        assertRoundTrip(cred, KrbCodec.encode(cred), KrbCodec::decodeKrbCred);
    }

    @Property
    void encKrbCredPart(@ForAll("encKrbCredParts") EncKrbCredPart part) throws KrbDecodeException {
        assertRoundTrip(part, KrbCodec.encode(part), KrbCodec::decodeEncKrbCredPart);
    }

    @Property
    void krbPriv(@ForAll("krbPrivs") KrbPriv priv) throws KrbDecodeException {
        assertRoundTrip(priv, KrbCodec.encode(priv), KrbCodec::decodeKrbPriv);
    }

    @Property
    void encKrbPrivPart(@ForAll("encKrbPrivParts") EncKrbPrivPart part) throws KrbDecodeException {
        assertRoundTrip(part, KrbCodec.encode(part), KrbCodec::decodeEncKrbPrivPart);
    }

    @Property
    void changePasswdData(@ForAll("changePasswdData") ChangePasswdData data) throws KrbDecodeException {
        assertRoundTrip(data, KrbCodec.encode(data), KrbCodec::decodeChangePasswdData);
    }

    @Property
    void encryptedData(@ForAll("encryptedData") EncryptedData data) throws KrbDecodeException {
        assertRoundTrip(data, KrbCodec.encode(data), KrbCodec::decodeEncryptedData);
    }

    @Property
    void authorizationData(@ForAll("authorizationData") AuthorizationData data) throws KrbDecodeException {
        assertRoundTrip(data, KrbCodec.encode(data), KrbCodec::decodeAuthorizationData);
    }

    @Property
    void paEncTsEnc(@ForAll("paEncTsEncs") PaEncTsEnc ts) throws KrbDecodeException {
        assertRoundTrip(ts, KrbCodec.encode(ts), KrbCodec::decodePaEncTsEnc);
    }

    @Property
    void etypeInfo2(@ForAll("etypeInfo2") List<EtypeInfo2Entry> entries) throws KrbDecodeException {
        assertRoundTrip(entries, KrbCodec.encodeEtypeInfo2(entries), KrbCodec::decodeEtypeInfo2);
    }

    @Property
    void paPacRequest(@ForAll("paPacRequests") PaPacRequest request) throws KrbDecodeException {
        assertRoundTrip(request, KrbCodec.encode(request), KrbCodec::decodePaPacRequest);
    }

    @Property
    void paPacOptions(@ForAll("paPacOptions") PaPacOptions options) throws KrbDecodeException {
        assertRoundTrip(options, KrbCodec.encode(options), KrbCodec::decodePaPacOptions);
    }

    @Property
    void paForUser(@ForAll("paForUsers") PaForUser forUser) throws KrbDecodeException {
        assertRoundTrip(forUser, KrbCodec.encode(forUser), KrbCodec::decodePaForUser);
    }

    @Property
    void paS4uX509User(@ForAll("s4uUserIds") S4uUserId userId,
            @ForAll("checksums") Checksum checksum) throws KrbDecodeException {
        PaS4uX509User user = KrbCodec.paS4uX509User(userId, checksum);
        byte[] der = KrbCodec.encode(user);
        assertRoundTrip(user, der, KrbCodec::decodePaS4uX509User);
        assertArrayEquals(KrbCodec.encode(userId), KrbCodec.decodePaS4uX509User(der).encodedUserId().toByteArray());
        assertRoundTrip(userId, KrbCodec.encode(userId), KrbCodec::decodeS4uUserId);
    }

    @Provide Arbitrary<KerberosTime> times() { return KrbArbitraries.times(); }

    /** The digit-by-digit writer gives exactly the octets Bouncy Castle's validating String constructor gives. */
    @Property
    void timeEncodingMatchesBouncyCastle(@ForAll("times") KerberosTime time) {
        String text = java.time.format.DateTimeFormatter.ofPattern("uuuuMMddHHmmss'Z'")
                .withZone(java.time.ZoneOffset.UTC).format(time.instant());
        assertArrayEquals(Der.encode(new org.bouncycastle.asn1.DERGeneralizedTime(text)), Der.encode(Der.time(time)));
    }

    @org.junit.jupiter.api.Test
    void timeEncodingAtTheEndsOfTheRange() {
        assertArrayEquals("\u0018\u000f00010101000000Z".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                Der.encode(Der.time(KerberosTime.ofEpochSecond(-62135596800L))));
        assertArrayEquals("\u0018\u000f99991231235959Z".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                Der.encode(Der.time(KerberosTime.ofEpochSecond(253402300799L))));
    }
}
