package org.openlsa.krb5.der;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.openlsa.core.der.DerWriter;
import org.openlsa.krb5.AsRep;
import org.openlsa.krb5.AsReq;
import org.openlsa.krb5.Bytes;
import org.openlsa.krb5.EncKdcRepPart;
import org.openlsa.krb5.EncryptedData;
import org.openlsa.krb5.KdcOptions;
import org.openlsa.krb5.KdcRep;
import org.openlsa.krb5.KdcReq;
import org.openlsa.krb5.KdcReqBody;
import org.openlsa.krb5.KerberosTime;
import org.openlsa.krb5.MessageType;
import org.openlsa.krb5.PaData;
import org.openlsa.krb5.PrincipalName;
import org.openlsa.krb5.TgsRep;
import org.openlsa.krb5.TgsReq;
import org.openlsa.krb5.Ticket;
import org.openlsa.krb5.TicketFlags;

/** KDC-REQ, KDC-REQ-BODY, KDC-REP and EncKDCRepPart (RFC 4120 5.4.1, 5.4.2); ASN.1 quoted on the records. */
final class KdcMessages {
    private KdcMessages() {}

    private static final int REQ_BODY_TAG = 4;

    // ---- KDC-REQ-BODY ----

    static KdcReqBody readReqBody(ASN1Primitive value, What what) throws KrbDecodeException {
        Fields f = Fields.of(value, what);
        KdcOptions options = new KdcOptions(Der.flags(f.required(0, "kdc-options"), what.then("kdc-options")));
        Optional<PrincipalName> cname = Common.optionalPrincipal(f.optional(1, "cname"), what.then("cname"));
        String realm = Der.string(f.required(2, "realm"), what.then("realm"));
        Optional<PrincipalName> sname = Common.optionalPrincipal(f.optional(3, "sname"), what.then("sname"));
        Optional<KerberosTime> from = Common.optionalTime(f.optional(4, "from"), what.then("from"));
        KerberosTime till = Der.time(f.required(5, "till"), what.then("till"));
        Optional<KerberosTime> rtime = Common.optionalTime(f.optional(6, "rtime"), what.then("rtime"));
        long nonce = Der.uint32(f.required(7, "nonce"), what.then("nonce"));
        List<Integer> etype = Common.readList(f.required(8, "etype"), what.then("etype"), Der::int32);
        var addresses = Common.readHostAddresses(f.optional(9, "addresses"), what.then("addresses"));
        ASN1Primitive ad = f.optional(10, "enc-authorization-data");
        Optional<EncryptedData> encAd = ad == null ? Optional.empty()
                : Optional.of(Common.readEncryptedData(ad, what.then("enc-authorization-data")));
        List<Ticket> tickets = Common.readOptionalList(f.optional(11, "additional-tickets"),
                what.then("additional-tickets"), Common::readTicket);
        f.end();
        return new KdcReqBody(options, cname, realm, sname, from, till, rtime, nonce, etype, addresses, encAd,
                tickets);
    }

    static ASN1Encodable writeReqBody(KdcReqBody b) {
        return new Der.Seq()
                .add(0, Der.flags(b.kdcOptions().bits()))
                .add(1, Common.principal(b.cname()))
                .add(2, Der.string(b.realm()))
                .add(3, Common.principal(b.sname()))
                .add(4, Common.time(b.from()))
                .add(5, Der.time(b.till()))
                .add(6, Common.time(b.rtime()))
                .add(7, Der.uint32(b.nonce()))
                .add(8, Common.writeList(b.etype(), Der::int32))
                .add(9, Common.writeHostAddresses(b.addresses()))
                .add(10, b.encAuthorizationData().map(Common::writeEncryptedData).orElse(null))
                .add(11, Common.writeOptionalList(b.additionalTickets(), Common::writeTicket))
                .toSequence();
    }

    // ---- KDC-REQ ----

    /** The parts of a decoded KDC-REQ, before choosing the record type. */
    private record Req(List<PaData> padata, KdcReqBody body, Bytes encodedBody) {}

    private static Req readReq(byte[] der, ASN1Primitive value, int msgType, What what)
            throws KrbDecodeException {
        Fields f = Fields.of(Der.application(value, msgType, what), what);
        Der.expectInteger(f.required(1, "pvno"), KdcReq.PVNO, what.then("pvno"));
        Der.expectInteger(f.required(2, "msg-type"), msgType, what.then("msg-type"));
        ASN1Primitive padata = f.optional(3, "padata");
        List<PaData> pa = padata == null ? List.of() : Common.readPaDataList(padata, what.then("padata"));
        KdcReqBody body = readReqBody(f.required(REQ_BODY_TAG, "req-body"), what.then("req-body"));
        f.end();
        byte[] received;
        try {
            received = ReceivedField.explicitField(der, msgType, REQ_BODY_TAG);
        } catch (IOException e) {
            throw new KrbDecodeException(what + ": cannot locate the received req-body: " + e.getMessage(), e);
        }
        return new Req(pa, body, Bytes.of(received));
    }

    static AsReq readAsReq(byte[] der, ASN1Primitive value) throws KrbDecodeException {
        Req r = readReq(der, value, MessageType.AS_REQ, What.of("AS-REQ"));
        return new AsReq(r.padata, r.body, r.encodedBody);
    }

    static TgsReq readTgsReq(byte[] der, ASN1Primitive value) throws KrbDecodeException {
        Req r = readReq(der, value, MessageType.TGS_REQ, What.of("TGS-REQ"));
        return new TgsReq(r.padata, r.body, r.encodedBody);
    }

    /**
     * The KDC-REQ with {@code encodedReqBody} written verbatim as the req-body value, after checking it is an
     * encoding of {@code reqBody} (so a record can never encode to something that decodes differently).
     */
    static byte[] writeReq(KdcReq req) {
        byte[] body = req.encodedReqBody().toByteArray();
        // Re-encoding is the cheap proof (a locally built request is exactly this); received octets that are not
        // our encoding, e.g. another implementation's, are decoded and compared instead.
        if (!Arrays.equals(Der.encode(writeReqBody(req.reqBody())), body)) {
            KdcReqBody check;
            try {
                check = KrbCodec.decodeKdcReqBody(body);
            } catch (KrbDecodeException e) {
                throw new IllegalArgumentException("encodedReqBody is not a KDC-REQ-BODY: " + e.getMessage(), e);
            }
            if (!check.equals(req.reqBody())) {
                throw new IllegalArgumentException("encodedReqBody does not encode reqBody");
            }
        }
        byte[] padata = req.padata().isEmpty() ? new byte[0] : Der.field(3, Common.writePaDataList(req.padata()));
        byte[] sequence = DerWriter.element(0x30, Der.field(1, Der.int32(KdcReq.PVNO)),
                Der.field(2, Der.int32(req.msgType())), padata, DerWriter.element(0xA0 | REQ_BODY_TAG, body));
        return DerWriter.element(0x60 | req.msgType(), sequence);
    }

    // ---- KDC-REP ----

    private record Rep(List<PaData> padata, String crealm, PrincipalName cname, Ticket ticket,
            EncryptedData encPart) {}

    private static Rep readRep(ASN1Primitive value, int msgType, What what) throws KrbDecodeException {
        Fields f = Fields.of(Der.application(value, msgType, what), what);
        Der.expectInteger(f.required(0, "pvno"), KdcRep.PVNO, what.then("pvno"));
        Der.expectInteger(f.required(1, "msg-type"), msgType, what.then("msg-type"));
        ASN1Primitive padata = f.optional(2, "padata");
        List<PaData> pa = padata == null ? List.of() : Common.readPaDataList(padata, what.then("padata"));
        String crealm = Der.string(f.required(3, "crealm"), what.then("crealm"));
        PrincipalName cname = Common.readPrincipalName(f.required(4, "cname"), what.then("cname"));
        Ticket ticket = Common.readTicket(f.required(5, "ticket"), what.then("ticket"));
        EncryptedData encPart = Common.readEncryptedData(f.required(6, "enc-part"), what.then("enc-part"));
        f.end();
        return new Rep(pa, crealm, cname, ticket, encPart);
    }

    static AsRep readAsRep(ASN1Primitive value) throws KrbDecodeException {
        Rep r = readRep(value, MessageType.AS_REP, What.of("AS-REP"));
        return new AsRep(r.padata, r.crealm, r.cname, r.ticket, r.encPart);
    }

    static TgsRep readTgsRep(ASN1Primitive value) throws KrbDecodeException {
        Rep r = readRep(value, MessageType.TGS_REP, What.of("TGS-REP"));
        return new TgsRep(r.padata, r.crealm, r.cname, r.ticket, r.encPart);
    }

    static ASN1Encodable writeRep(KdcRep rep) {
        return Der.application(rep.msgType(), new Der.Seq()
                .add(0, Der.int32(KdcRep.PVNO))
                .add(1, Der.int32(rep.msgType()))
                .add(2, rep.padata().isEmpty() ? null : Common.writePaDataList(rep.padata()))
                .add(3, Der.string(rep.crealm()))
                .add(4, Common.writePrincipalName(rep.cname()))
                .add(5, Common.writeTicket(rep.ticket()))
                .add(6, Common.writeEncryptedData(rep.encPart()))
                .toSequence());
    }

    // ---- EncKDCRepPart ----

    static EncKdcRepPart readEncKdcRepPart(ASN1Primitive value) throws KrbDecodeException {
        What what = What.of("EncKDCRepPart");
        if (!(value instanceof ASN1TaggedObject t)) {
            throw new KrbDecodeException(what + ": expected [APPLICATION 25] or [APPLICATION 26], got "
                    + Der.describe(value));
        }
        // EncASRepPart [25] and EncTGSRepPart [26] are accepted for either reply (see EncKdcRepPart).
        int tag = t.getTagNo() == EncKdcRepPart.ENC_TGS_REP_PART ? EncKdcRepPart.ENC_TGS_REP_PART
                : EncKdcRepPart.ENC_AS_REP_PART;
        Fields f = Fields.of(Der.application(value, tag, what), what);
        var key = Common.readEncryptionKey(f.required(0, "key"), what.then("key"));
        var lastReq = Common.readLastReq(f.required(1, "last-req"), what.then("last-req"));
        long nonce = Der.uint32(f.required(2, "nonce"), what.then("nonce"));
        var keyExpiration = Common.optionalTime(f.optional(3, "key-expiration"), what.then("key-expiration"));
        var flags = new TicketFlags(Der.flags(f.required(4, "flags"), what.then("flags")));
        var authtime = Der.time(f.required(5, "authtime"), what.then("authtime"));
        var starttime = Common.optionalTime(f.optional(6, "starttime"), what.then("starttime"));
        var endtime = Der.time(f.required(7, "endtime"), what.then("endtime"));
        var renewTill = Common.optionalTime(f.optional(8, "renew-till"), what.then("renew-till"));
        String srealm = Der.string(f.required(9, "srealm"), what.then("srealm"));
        var sname = Common.readPrincipalName(f.required(10, "sname"), what.then("sname"));
        var caddr = Common.readHostAddresses(f.optional(11, "caddr"), what.then("caddr"));
        ASN1Primitive encPa = f.optional(12, "encrypted-pa-data");
        List<PaData> encryptedPaData = encPa == null ? List.of()
                : Common.readPaDataList(encPa, what.then("encrypted-pa-data"));
        f.end();
        return new EncKdcRepPart(key, lastReq, nonce, keyExpiration, flags, authtime, starttime, endtime, renewTill,
                srealm, sname, caddr, encryptedPaData);
    }

    static ASN1Encodable writeEncKdcRepPart(EncKdcRepPart p, int applicationTag) {
        if (applicationTag != EncKdcRepPart.ENC_AS_REP_PART && applicationTag != EncKdcRepPart.ENC_TGS_REP_PART) {
            throw new IllegalArgumentException("EncKDCRepPart is [APPLICATION 25] or [APPLICATION 26], not "
                    + applicationTag);
        }
        return Der.application(applicationTag, new Der.Seq()
                .add(0, Common.writeEncryptionKey(p.key()))
                .add(1, Common.writeLastReq(p.lastReq()))
                .add(2, Der.uint32(p.nonce()))
                .add(3, Common.time(p.keyExpiration()))
                .add(4, Der.flags(p.flags().bits()))
                .add(5, Der.time(p.authtime()))
                .add(6, Common.time(p.starttime()))
                .add(7, Der.time(p.endtime()))
                .add(8, Common.time(p.renewTill()))
                .add(9, Der.string(p.srealm()))
                .add(10, Common.writePrincipalName(p.sname()))
                .add(11, Common.writeHostAddresses(p.caddr()))
                .add(12, p.encryptedPaData().isEmpty() ? null : Common.writePaDataList(p.encryptedPaData()))
                .toSequence());
    }
}
