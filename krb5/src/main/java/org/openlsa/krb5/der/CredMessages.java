package org.openlsa.krb5.der;

import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Primitive;
import org.openlsa.krb5.EncKrbCredPart;
import org.openlsa.krb5.KrbCred;
import org.openlsa.krb5.KrbCredInfo;
import org.openlsa.krb5.MessageType;
import org.openlsa.krb5.TicketFlags;

/** KRB-CRED, EncKrbCredPart and KrbCredInfo (RFC 4120 5.8.1); ASN.1 quoted on the records. */
final class CredMessages {
    private CredMessages() {}

    private static final int PVNO = 5;

    static KrbCred readKrbCred(ASN1Primitive value) throws KrbDecodeException {
        What what = What.of("KRB-CRED");
        Fields f = Fields.of(Der.application(value, MessageType.KRB_CRED, what), what);
        Der.expectInteger(f.required(0, "pvno"), PVNO, what.then("pvno"));
        Der.expectInteger(f.required(1, "msg-type"), MessageType.KRB_CRED, what.then("msg-type"));
        var tickets = Common.readList(f.required(2, "tickets"), what.then("tickets"), Common::readTicket);
        var encPart = Common.readEncryptedData(f.required(3, "enc-part"), what.then("enc-part"));
        f.end();
        return new KrbCred(tickets, encPart);
    }

    static ASN1Encodable writeKrbCred(KrbCred c) {
        return Der.application(MessageType.KRB_CRED, new Der.Seq()
                .add(0, Der.int32(PVNO))
                .add(1, Der.int32(MessageType.KRB_CRED))
                .add(2, Common.writeList(c.tickets(), Common::writeTicket))
                .add(3, Common.writeEncryptedData(c.encPart()))
                .toSequence());
    }

    static EncKrbCredPart readEncKrbCredPart(ASN1Primitive value) throws KrbDecodeException {
        What what = What.of("EncKrbCredPart");
        Fields f = Fields.of(Der.application(value, MessageType.ENC_KRB_CRED_PART, what), what);
        var info = Common.readList(f.required(0, "ticket-info"), what.then("ticket-info"), CredMessages::readInfo);
        var nonce = Common.optionalUint32(f.optional(1, "nonce"), what.then("nonce"));
        var timestamp = Common.optionalTime(f.optional(2, "timestamp"), what.then("timestamp"));
        var usec = Common.optionalInt32(f.optional(3, "usec"), what.then("usec"));
        var sAddress = Common.optionalHostAddress(f.optional(4, "s-address"), what.then("s-address"));
        var rAddress = Common.optionalHostAddress(f.optional(5, "r-address"), what.then("r-address"));
        f.end();
        return new EncKrbCredPart(info, nonce, timestamp, usec, sAddress, rAddress);
    }

    static ASN1Encodable writeEncKrbCredPart(EncKrbCredPart p) {
        return Der.application(MessageType.ENC_KRB_CRED_PART, new Der.Seq()
                .add(0, Common.writeList(p.ticketInfo(), CredMessages::writeInfo))
                .add(1, Common.uint32(p.nonce()))
                .add(2, Common.time(p.timestamp()))
                .add(3, Common.int32(p.usec()))
                .add(4, p.sAddress().map(Common::writeHostAddress).orElse(null))
                .add(5, p.rAddress().map(Common::writeHostAddress).orElse(null))
                .toSequence());
    }

    private static KrbCredInfo readInfo(ASN1Primitive value, What what) throws KrbDecodeException {
        Fields f = Fields.of(value, what);
        var key = Common.readEncryptionKey(f.required(0, "key"), what.then("key"));
        var prealm = Common.optionalString(f.optional(1, "prealm"), what.then("prealm"));
        var pname = Common.optionalPrincipal(f.optional(2, "pname"), what.then("pname"));
        ASN1Primitive flags = f.optional(3, "flags");
        Optional<TicketFlags> ticketFlags = flags == null ? Optional.empty()
                : Optional.of(new TicketFlags(Der.flags(flags, what.then("flags"))));
        var authtime = Common.optionalTime(f.optional(4, "authtime"), what.then("authtime"));
        var starttime = Common.optionalTime(f.optional(5, "starttime"), what.then("starttime"));
        var endtime = Common.optionalTime(f.optional(6, "endtime"), what.then("endtime"));
        var renewTill = Common.optionalTime(f.optional(7, "renew-till"), what.then("renew-till"));
        var srealm = Common.optionalString(f.optional(8, "srealm"), what.then("srealm"));
        var sname = Common.optionalPrincipal(f.optional(9, "sname"), what.then("sname"));
        var caddr = Common.readHostAddresses(f.optional(10, "caddr"), what.then("caddr"));
        f.end();
        return new KrbCredInfo(key, prealm, pname, ticketFlags, authtime, starttime, endtime, renewTill, srealm,
                sname, caddr);
    }

    private static ASN1Encodable writeInfo(KrbCredInfo i) {
        return new Der.Seq()
                .add(0, Common.writeEncryptionKey(i.key()))
                .add(1, Common.string(i.prealm()))
                .add(2, Common.principal(i.pname()))
                .add(3, i.flags().map(fl -> Der.flags(fl.bits())).orElse(null))
                .add(4, Common.time(i.authtime()))
                .add(5, Common.time(i.starttime()))
                .add(6, Common.time(i.endtime()))
                .add(7, Common.time(i.renewTill()))
                .add(8, Common.string(i.srealm()))
                .add(9, Common.principal(i.sname()))
                .add(10, Common.writeHostAddresses(i.caddr()))
                .toSequence();
    }
}
