package org.openlsa.krb5.der;

import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Primitive;
import org.openlsa.krb5.ApOptions;
import org.openlsa.krb5.ApRep;
import org.openlsa.krb5.ApReq;
import org.openlsa.krb5.Authenticator;
import org.openlsa.krb5.EncApRepPart;
import org.openlsa.krb5.EncTicketPart;
import org.openlsa.krb5.MessageType;
import org.openlsa.krb5.TicketFlags;

/**
 * AP-REQ, Authenticator, AP-REP, EncAPRepPart (RFC 4120 5.5) and EncTicketPart (5.3); ASN.1 quoted on the
 * records.
 */
final class ApMessages {
    private ApMessages() {}

    private static final int PVNO = 5;

    static ApReq readApReq(ASN1Primitive value) throws KrbDecodeException {
        What what = What.of("AP-REQ");
        Fields f = Fields.of(Der.application(value, MessageType.AP_REQ, what), what);
        Der.expectInteger(f.required(0, "pvno"), PVNO, what.then("pvno"));
        Der.expectInteger(f.required(1, "msg-type"), MessageType.AP_REQ, what.then("msg-type"));
        var options = new ApOptions(Der.flags(f.required(2, "ap-options"), what.then("ap-options")));
        var ticket = Common.readTicket(f.required(3, "ticket"), what.then("ticket"));
        var authenticator = Common.readEncryptedData(f.required(4, "authenticator"), what.then("authenticator"));
        f.end();
        return new ApReq(options, ticket, authenticator);
    }

    static ASN1Encodable writeApReq(ApReq r) {
        return Der.application(MessageType.AP_REQ, new Der.Seq()
                .add(0, Der.int32(PVNO))
                .add(1, Der.int32(MessageType.AP_REQ))
                .add(2, Der.flags(r.apOptions().bits()))
                .add(3, Common.writeTicket(r.ticket()))
                .add(4, Common.writeEncryptedData(r.authenticator()))
                .toSequence());
    }

    static Authenticator readAuthenticator(ASN1Primitive value) throws KrbDecodeException {
        What what = What.of("Authenticator");
        Fields f = Fields.of(Der.application(value, MessageType.AUTHENTICATOR, what), what);
        Der.expectInteger(f.required(0, "authenticator-vno"), Authenticator.AUTHENTICATOR_VNO,
                what.then("authenticator-vno"));
        String crealm = Der.string(f.required(1, "crealm"), what.then("crealm"));
        var cname = Common.readPrincipalName(f.required(2, "cname"), what.then("cname"));
        ASN1Primitive cksum = f.optional(3, "cksum");
        int cusec = Der.int32(f.required(4, "cusec"), what.then("cusec"));
        var ctime = Der.time(f.required(5, "ctime"), what.then("ctime"));
        var subkey = Common.optionalEncryptionKey(f.optional(6, "subkey"), what.then("subkey"));
        var seqNumber = Common.optionalUint32(f.optional(7, "seq-number"), what.then("seq-number"));
        var ad = Common.optionalAuthorizationData(f.optional(8, "authorization-data"),
                what.then("authorization-data"));
        f.end();
        return new Authenticator(crealm, cname,
                cksum == null ? Optional.empty()
                        : Optional.of(Common.readChecksum(cksum, what.then("cksum"))),
                cusec, ctime, subkey, seqNumber, ad);
    }

    static ASN1Encodable writeAuthenticator(Authenticator a) {
        return Der.application(MessageType.AUTHENTICATOR, new Der.Seq()
                .add(0, Der.int32(Authenticator.AUTHENTICATOR_VNO))
                .add(1, Der.string(a.crealm()))
                .add(2, Common.writePrincipalName(a.cname()))
                .add(3, a.cksum().map(Common::writeChecksum).orElse(null))
                .add(4, Der.int32(a.cusec()))
                .add(5, Der.time(a.ctime()))
                .add(6, a.subkey().map(Common::writeEncryptionKey).orElse(null))
                .add(7, Common.uint32(a.seqNumber()))
                .add(8, Common.writeOptionalAuthorizationData(a.authorizationData()))
                .toSequence());
    }

    static ApRep readApRep(ASN1Primitive value) throws KrbDecodeException {
        What what = What.of("AP-REP");
        Fields f = Fields.of(Der.application(value, MessageType.AP_REP, what), what);
        Der.expectInteger(f.required(0, "pvno"), PVNO, what.then("pvno"));
        Der.expectInteger(f.required(1, "msg-type"), MessageType.AP_REP, what.then("msg-type"));
        var encPart = Common.readEncryptedData(f.required(2, "enc-part"), what.then("enc-part"));
        f.end();
        return new ApRep(encPart);
    }

    static ASN1Encodable writeApRep(ApRep r) {
        return Der.application(MessageType.AP_REP, new Der.Seq()
                .add(0, Der.int32(PVNO))
                .add(1, Der.int32(MessageType.AP_REP))
                .add(2, Common.writeEncryptedData(r.encPart()))
                .toSequence());
    }

    static EncApRepPart readEncApRepPart(ASN1Primitive value) throws KrbDecodeException {
        What what = What.of("EncAPRepPart");
        Fields f = Fields.of(Der.application(value, MessageType.ENC_AP_REP_PART, what), what);
        var ctime = Der.time(f.required(0, "ctime"), what.then("ctime"));
        int cusec = Der.int32(f.required(1, "cusec"), what.then("cusec"));
        var subkey = Common.optionalEncryptionKey(f.optional(2, "subkey"), what.then("subkey"));
        var seqNumber = Common.optionalUint32(f.optional(3, "seq-number"), what.then("seq-number"));
        f.end();
        return new EncApRepPart(ctime, cusec, subkey, seqNumber);
    }

    static ASN1Encodable writeEncApRepPart(EncApRepPart p) {
        return Der.application(MessageType.ENC_AP_REP_PART, new Der.Seq()
                .add(0, Der.time(p.ctime()))
                .add(1, Der.int32(p.cusec()))
                .add(2, p.subkey().map(Common::writeEncryptionKey).orElse(null))
                .add(3, Common.uint32(p.seqNumber()))
                .toSequence());
    }

    static EncTicketPart readEncTicketPart(ASN1Primitive value) throws KrbDecodeException {
        What what = What.of("EncTicketPart");
        Fields f = Fields.of(Der.application(value, MessageType.ENC_TICKET_PART, what), what);
        var flags = new TicketFlags(Der.flags(f.required(0, "flags"), what.then("flags")));
        var key = Common.readEncryptionKey(f.required(1, "key"), what.then("key"));
        String crealm = Der.string(f.required(2, "crealm"), what.then("crealm"));
        var cname = Common.readPrincipalName(f.required(3, "cname"), what.then("cname"));
        var transited = Common.readTransited(f.required(4, "transited"), what.then("transited"));
        var authtime = Der.time(f.required(5, "authtime"), what.then("authtime"));
        var starttime = Common.optionalTime(f.optional(6, "starttime"), what.then("starttime"));
        var endtime = Der.time(f.required(7, "endtime"), what.then("endtime"));
        var renewTill = Common.optionalTime(f.optional(8, "renew-till"), what.then("renew-till"));
        var caddr = Common.readHostAddresses(f.optional(9, "caddr"), what.then("caddr"));
        var ad = Common.optionalAuthorizationData(f.optional(10, "authorization-data"),
                what.then("authorization-data"));
        f.end();
        return new EncTicketPart(flags, key, crealm, cname, transited, authtime, starttime, endtime, renewTill,
                caddr, ad);
    }

    static ASN1Encodable writeEncTicketPart(EncTicketPart p) {
        return Der.application(MessageType.ENC_TICKET_PART, new Der.Seq()
                .add(0, Der.flags(p.flags().bits()))
                .add(1, Common.writeEncryptionKey(p.key()))
                .add(2, Der.string(p.crealm()))
                .add(3, Common.writePrincipalName(p.cname()))
                .add(4, Common.writeTransited(p.transited()))
                .add(5, Der.time(p.authtime()))
                .add(6, Common.time(p.starttime()))
                .add(7, Der.time(p.endtime()))
                .add(8, Common.time(p.renewTill()))
                .add(9, Common.writeHostAddresses(p.caddr()))
                .add(10, Common.writeOptionalAuthorizationData(p.authorizationData()))
                .toSequence());
    }
}
