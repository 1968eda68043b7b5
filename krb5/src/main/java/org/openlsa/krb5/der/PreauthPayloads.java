package org.openlsa.krb5.der;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Primitive;
import org.openlsa.core.der.DerWriter;
import org.openlsa.krb5.Bytes;
import org.openlsa.krb5.EtypeInfo2Entry;
import org.openlsa.krb5.PaEncTsEnc;
import org.openlsa.krb5.PaForUser;
import org.openlsa.krb5.PaPacOptions;
import org.openlsa.krb5.PaPacRequest;
import org.openlsa.krb5.PaS4uX509User;
import org.openlsa.krb5.S4uUserId;

/**
 * The padata payloads: PA-ENC-TS-ENC, ETYPE-INFO2 (RFC 4120 5.2.7), KERB-PA-PAC-REQUEST, PA-PAC-OPTIONS (MS-KILE),
 * PA-FOR-USER and PA-S4U-X509-USER (MS-SFU); ASN.1 quoted on the records.
 */
final class PreauthPayloads {
    private PreauthPayloads() {}

    private static final int USER_ID_TAG = 0;

    static PaEncTsEnc readPaEncTsEnc(ASN1Primitive value) throws KrbDecodeException {
        What what = What.of("PA-ENC-TS-ENC");
        Fields f = Fields.of(value, what);
        var patimestamp = Der.time(f.required(0, "patimestamp"), what.then("patimestamp"));
        var pausec = Common.optionalInt32(f.optional(1, "pausec"), what.then("pausec"));
        f.end();
        return new PaEncTsEnc(patimestamp, pausec);
    }

    static ASN1Encodable writePaEncTsEnc(PaEncTsEnc p) {
        return new Der.Seq().add(0, Der.time(p.patimestamp())).add(1, Common.int32(p.pausec())).toSequence();
    }

    static List<EtypeInfo2Entry> readEtypeInfo2(ASN1Primitive value) throws KrbDecodeException {
        return Common.readList(value, What.of("ETYPE-INFO2"), (v, what) -> {
            Fields f = Fields.of(v, what);
            int etype = Der.int32(f.required(0, "etype"), what.then("etype"));
            var salt = Common.optionalString(f.optional(1, "salt"), what.then("salt"));
            ASN1Primitive params = f.optional(2, "s2kparams");
            Optional<Bytes> s2kparams = params == null ? Optional.empty()
                    : Optional.of(Der.octets(params, what.then("s2kparams")));
            f.end();
            return new EtypeInfo2Entry(etype, salt, s2kparams);
        });
    }

    static ASN1Encodable writeEtypeInfo2(List<EtypeInfo2Entry> entries) {
        return Common.writeList(entries, e -> new Der.Seq()
                .add(0, Der.int32(e.etype()))
                .add(1, Common.string(e.salt()))
                .add(2, e.s2kparams().map(Der::octets).orElse(null))
                .toSequence());
    }

    static PaPacRequest readPaPacRequest(ASN1Primitive value) throws KrbDecodeException {
        What what = What.of("KERB-PA-PAC-REQUEST");
        Fields f = Fields.of(value, what);
        boolean include = Der.bool(f.required(0, "include-pac"), what.then("include-pac"));
        f.end();
        return new PaPacRequest(include);
    }

    static ASN1Encodable writePaPacRequest(PaPacRequest p) {
        return new Der.Seq().add(0, Der.bool(p.includePac())).toSequence();
    }

    static PaPacOptions readPaPacOptions(ASN1Primitive value) throws KrbDecodeException {
        What what = What.of("PA-PAC-OPTIONS");
        Fields f = Fields.of(value, what);
        int flags = Der.flags(f.required(0, "flags"), what.then("flags"));
        f.end();
        return new PaPacOptions(flags);
    }

    static ASN1Encodable writePaPacOptions(PaPacOptions p) {
        return new Der.Seq().add(0, Der.flags(p.bits())).toSequence();
    }

    static PaForUser readPaForUser(ASN1Primitive value) throws KrbDecodeException {
        What what = What.of("PA-FOR-USER");
        Fields f = Fields.of(value, what);
        var userName = Common.readPrincipalName(f.required(0, "userName"), what.then("userName"));
        String userRealm = Der.string(f.required(1, "userRealm"), what.then("userRealm"));
        var cksum = Common.readChecksum(f.required(2, "cksum"), what.then("cksum"));
        String authPackage = Der.string(f.required(3, "auth-package"), what.then("auth-package"));
        f.end();
        return new PaForUser(userName, userRealm, cksum, authPackage);
    }

    static ASN1Encodable writePaForUser(PaForUser p) {
        return new Der.Seq()
                .add(0, Common.writePrincipalName(p.userName()))
                .add(1, Der.string(p.userRealm()))
                .add(2, Common.writeChecksum(p.cksum()))
                .add(3, Der.string(p.authPackage()))
                .toSequence();
    }

    static S4uUserId readS4uUserId(ASN1Primitive value, What what) throws KrbDecodeException {
        Fields f = Fields.of(value, what);
        long nonce = Der.uint32(f.required(0, "nonce"), what.then("nonce"));
        var cname = Common.optionalPrincipal(f.optional(1, "cname"), what.then("cname"));
        String crealm = Der.string(f.required(2, "crealm"), what.then("crealm"));
        ASN1Primitive cert = f.optional(3, "subject-certificate");
        Optional<Bytes> certificate = cert == null ? Optional.empty()
                : Optional.of(Der.octets(cert, what.then("subject-certificate")));
        ASN1Primitive opts = f.optional(4, "options");
        OptionalInt options = opts == null ? OptionalInt.empty()
                : OptionalInt.of(Der.flags(opts, what.then("options")));
        f.end();
        return new S4uUserId(nonce, cname, crealm, certificate, options);
    }

    static ASN1Encodable writeS4uUserId(S4uUserId u) {
        return new Der.Seq()
                .add(0, Der.uint32(u.nonce()))
                .add(1, Common.principal(u.cname()))
                .add(2, Der.string(u.crealm()))
                .add(3, u.subjectCertificate().map(Der::octets).orElse(null))
                .add(4, u.options().isPresent() ? Der.flags(u.options().getAsInt()) : null)
                .toSequence();
    }

    static PaS4uX509User readPaS4uX509User(byte[] der, ASN1Primitive value) throws KrbDecodeException {
        What what = What.of("PA-S4U-X509-USER");
        Fields f = Fields.of(value, what);
        var userId = readS4uUserId(f.required(USER_ID_TAG, "user-id"), what.then("user-id"));
        var checksum = Common.readChecksum(f.required(1, "checksum"), what.then("checksum"));
        f.end();
        byte[] received;
        try {
            received = ReceivedField.explicitField(der, -1, USER_ID_TAG);
        } catch (IOException e) {
            throw new KrbDecodeException(what + ": cannot locate the received user-id: " + e.getMessage(), e);
        }
        return new PaS4uX509User(userId, checksum, Bytes.of(received));
    }

    /** Writes {@code encodedUserId} verbatim as the user-id value, after checking it encodes {@code userId}. */
    static byte[] writePaS4uX509User(PaS4uX509User p) {
        byte[] userId = p.encodedUserId().toByteArray();
        S4uUserId check;
        try {
            check = KrbCodec.decodeS4uUserId(userId);
        } catch (KrbDecodeException e) {
            throw new IllegalArgumentException("encodedUserId is not an S4UUserID: " + e.getMessage(), e);
        }
        if (!check.equals(p.userId())) {
            throw new IllegalArgumentException("encodedUserId does not encode userId");
        }
        return DerWriter.element(0x30, DerWriter.element(0xA0 | USER_ID_TAG, userId),
                Der.field(1, Common.writeChecksum(p.checksum())));
    }
}
