package org.openlsa.krb5.der;

import java.util.Optional;
import java.util.OptionalInt;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Primitive;
import org.openlsa.krb5.Bytes;
import org.openlsa.krb5.ErrorCode;
import org.openlsa.krb5.KrbError;
import org.openlsa.krb5.MessageType;

/** KRB-ERROR (RFC 4120 5.9.1); ASN.1 quoted on the record. */
final class ErrorMessages {
    private ErrorMessages() {}

    static KrbError readKrbError(ASN1Primitive value) throws KrbDecodeException {
        What what = What.of("KRB-ERROR");
        Fields f = Fields.of(Der.application(value, MessageType.KRB_ERROR, what), what);
        Der.expectInteger(f.required(0, "pvno"), KrbError.PVNO, what.then("pvno"));
        Der.expectInteger(f.required(1, "msg-type"), MessageType.KRB_ERROR, what.then("msg-type"));
        var ctime = Common.optionalTime(f.optional(2, "ctime"), what.then("ctime"));
        OptionalInt cusec = Common.optionalInt32(f.optional(3, "cusec"), what.then("cusec"));
        var stime = Der.time(f.required(4, "stime"), what.then("stime"));
        int susec = Der.int32(f.required(5, "susec"), what.then("susec"));
        var errorCode = new ErrorCode(Der.int32(f.required(6, "error-code"), what.then("error-code")));
        var crealm = Common.optionalString(f.optional(7, "crealm"), what.then("crealm"));
        var cname = Common.optionalPrincipal(f.optional(8, "cname"), what.then("cname"));
        String realm = Der.string(f.required(9, "realm"), what.then("realm"));
        var sname = Common.readPrincipalName(f.required(10, "sname"), what.then("sname"));
        var eText = Common.optionalString(f.optional(11, "e-text"), what.then("e-text"));
        ASN1Primitive eData = f.optional(12, "e-data");
        Optional<Bytes> data = eData == null ? Optional.empty() : Optional.of(Der.octets(eData, what.then("e-data")));
        f.end();
        return new KrbError(ctime, cusec, stime, susec, errorCode, crealm, cname, realm, sname, eText, data);
    }

    static ASN1Encodable writeKrbError(KrbError e) {
        return Der.application(MessageType.KRB_ERROR, new Der.Seq()
                .add(0, Der.int32(KrbError.PVNO))
                .add(1, Der.int32(MessageType.KRB_ERROR))
                .add(2, Common.time(e.ctime()))
                .add(3, Common.int32(e.cusec()))
                .add(4, Der.time(e.stime()))
                .add(5, Der.int32(e.susec()))
                .add(6, Der.int32(e.errorCode().code()))
                .add(7, Common.string(e.crealm()))
                .add(8, Common.principal(e.cname()))
                .add(9, Der.string(e.realm()))
                .add(10, Common.writePrincipalName(e.sname()))
                .add(11, Common.string(e.eText()))
                .add(12, e.eData().map(Der::octets).orElse(null))
                .toSequence());
    }
}
