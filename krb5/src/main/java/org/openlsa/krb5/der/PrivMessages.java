package org.openlsa.krb5.der;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Primitive;
import org.openlsa.krb5.ChangePasswdData;
import org.openlsa.krb5.EncKrbPrivPart;
import org.openlsa.krb5.KrbPriv;
import org.openlsa.krb5.MessageType;

/** KRB-PRIV and EncKrbPrivPart (RFC 4120 5.7.1), ChangePasswdData (RFC 3244); ASN.1 quoted on the records. */
final class PrivMessages {
    private PrivMessages() {}

    private static final int PVNO = 5;

    static KrbPriv readKrbPriv(ASN1Primitive value) throws KrbDecodeException {
        What what = What.of("KRB-PRIV");
        Fields f = Fields.of(Der.application(value, MessageType.KRB_PRIV, what), what);
        Der.expectInteger(f.required(0, "pvno"), PVNO, what.then("pvno"));
        Der.expectInteger(f.required(1, "msg-type"), MessageType.KRB_PRIV, what.then("msg-type"));
        var encPart = Common.readEncryptedData(f.required(3, "enc-part"), what.then("enc-part"));
        f.end();
        return new KrbPriv(encPart);
    }

    static ASN1Encodable writeKrbPriv(KrbPriv p) {
        return Der.application(MessageType.KRB_PRIV, new Der.Seq()
                .add(0, Der.int32(PVNO))
                .add(1, Der.int32(MessageType.KRB_PRIV))
                .add(3, Common.writeEncryptedData(p.encPart()))
                .toSequence());
    }

    static EncKrbPrivPart readEncKrbPrivPart(ASN1Primitive value) throws KrbDecodeException {
        What what = What.of("EncKrbPrivPart");
        Fields f = Fields.of(Der.application(value, MessageType.ENC_KRB_PRIV_PART, what), what);
        var userData = Der.octets(f.required(0, "user-data"), what.then("user-data"));
        var timestamp = Common.optionalTime(f.optional(1, "timestamp"), what.then("timestamp"));
        var usec = Common.optionalInt32(f.optional(2, "usec"), what.then("usec"));
        var seqNumber = Common.optionalUint32(f.optional(3, "seq-number"), what.then("seq-number"));
        var sAddress = Common.optionalHostAddress(f.optional(4, "s-address"), what.then("s-address"));
        var rAddress = Common.optionalHostAddress(f.optional(5, "r-address"), what.then("r-address"));
        f.end();
        return new EncKrbPrivPart(userData, timestamp, usec, seqNumber, sAddress, rAddress);
    }

    static ASN1Encodable writeEncKrbPrivPart(EncKrbPrivPart p) {
        return Der.application(MessageType.ENC_KRB_PRIV_PART, new Der.Seq()
                .add(0, Der.octets(p.userData()))
                .add(1, Common.time(p.timestamp()))
                .add(2, Common.int32(p.usec()))
                .add(3, Common.uint32(p.seqNumber()))
                .add(4, p.sAddress().map(Common::writeHostAddress).orElse(null))
                .add(5, p.rAddress().map(Common::writeHostAddress).orElse(null))
                .toSequence());
    }

    static ChangePasswdData readChangePasswdData(ASN1Primitive value) throws KrbDecodeException {
        What what = What.of("ChangePasswdData");
        Fields f = Fields.of(value, what);
        var newPasswd = Der.octets(f.required(0, "newpasswd"), what.then("newpasswd"));
        var targName = Common.optionalPrincipal(f.optional(1, "targname"), what.then("targname"));
        var targRealm = Common.optionalString(f.optional(2, "targrealm"), what.then("targrealm"));
        f.end();
        return new ChangePasswdData(newPasswd, targName, targRealm);
    }

    static ASN1Encodable writeChangePasswdData(ChangePasswdData d) {
        return new Der.Seq()
                .add(0, Der.octets(d.newPasswd()))
                .add(1, Common.principal(d.targName()))
                .add(2, Common.string(d.targRealm()))
                .toSequence();
    }
}
