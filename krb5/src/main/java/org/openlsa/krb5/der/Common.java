package org.openlsa.krb5.der;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Primitive;
import org.openlsa.krb5.AuthorizationData;
import org.openlsa.krb5.AuthorizationDataEntry;
import org.openlsa.krb5.Checksum;
import org.openlsa.krb5.EncryptedData;
import org.openlsa.krb5.EncryptionKey;
import org.openlsa.krb5.HostAddress;
import org.openlsa.krb5.KerberosTime;
import org.openlsa.krb5.LastReq;
import org.openlsa.krb5.LastReqEntry;
import org.openlsa.krb5.PaData;
import org.openlsa.krb5.PrincipalName;
import org.openlsa.krb5.Ticket;
import org.openlsa.krb5.TransitedEncoding;

/**
 * The structures of RFC 4120 5.2 and 5.3 that messages share: PrincipalName, HostAddress(es), EncryptionKey,
 * EncryptedData, Checksum, PA-DATA, AuthorizationData, TransitedEncoding, LastReq and Ticket. Each has a reader
 * from a parsed value and a writer to a Bouncy Castle value; the ASN.1 is quoted on the records.
 */
final class Common {
    private Common() {}

    @FunctionalInterface
    interface ElementReader<T> {
        T read(ASN1Primitive value, What what) throws KrbDecodeException;
    }

    @FunctionalInterface
    interface ElementWriter<T> {
        ASN1Encodable write(T value);
    }

    static <T> List<T> readList(ASN1Primitive value, What what, ElementReader<T> element)
            throws KrbDecodeException {
        List<ASN1Primitive> elements = Der.sequenceOf(value, what);
        List<T> out = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            out.add(element.read(elements.get(i), what.at(i)));
        }
        return out;
    }

    /** An OPTIONAL SEQUENCE OF: absent reads as the empty list. */
    static <T> List<T> readOptionalList(ASN1Primitive valueOrNull, What what, ElementReader<T> element)
            throws KrbDecodeException {
        return valueOrNull == null ? List.of() : readList(valueOrNull, what, element);
    }

    static <T> ASN1Encodable writeList(List<T> values, ElementWriter<T> element) {
        List<ASN1Encodable> out = new ArrayList<>(values.size());
        for (T v : values) {
            out.add(element.write(v));
        }
        return Der.sequenceOf(out);
    }

    /** An OPTIONAL SEQUENCE OF: the empty list is written as an absent field (null). */
    static <T> ASN1Encodable writeOptionalList(List<T> values, ElementWriter<T> element) {
        return values.isEmpty() ? null : writeList(values, element);
    }

    // ---- optional scalars: null in, null out ----

    static Optional<KerberosTime> optionalTime(ASN1Primitive v, What what) throws KrbDecodeException {
        return v == null ? Optional.empty() : Optional.of(Der.time(v, what));
    }

    static Optional<String> optionalString(ASN1Primitive v, What what) throws KrbDecodeException {
        return v == null ? Optional.empty() : Optional.of(Der.string(v, what));
    }

    static Optional<PrincipalName> optionalPrincipal(ASN1Primitive v, What what) throws KrbDecodeException {
        return v == null ? Optional.empty() : Optional.of(readPrincipalName(v, what));
    }

    static OptionalInt optionalInt32(ASN1Primitive v, What what) throws KrbDecodeException {
        return v == null ? OptionalInt.empty() : OptionalInt.of(Der.int32(v, what));
    }

    static OptionalLong optionalUint32(ASN1Primitive v, What what) throws KrbDecodeException {
        return v == null ? OptionalLong.empty() : OptionalLong.of(Der.uint32(v, what));
    }

    static ASN1Encodable time(Optional<KerberosTime> t) {
        return t.map(Der::time).orElse(null);
    }

    static ASN1Encodable string(Optional<String> s) {
        return s.map(Der::string).orElse(null);
    }

    static ASN1Encodable principal(Optional<PrincipalName> p) {
        return p.map(Common::writePrincipalName).orElse(null);
    }

    static ASN1Encodable int32(OptionalInt i) {
        return i.isPresent() ? Der.int32(i.getAsInt()) : null;
    }

    static ASN1Encodable uint32(OptionalLong l) {
        return l.isPresent() ? Der.uint32(l.getAsLong()) : null;
    }

    // ---- PrincipalName ----

    static PrincipalName readPrincipalName(ASN1Primitive value, What what) throws KrbDecodeException {
        Fields f = Fields.of(value, what);
        int nameType = Der.int32(f.required(0, "name-type"), what.then("name-type"));
        List<String> names = readList(f.required(1, "name-string"), what.then("name-string"), Der::string);
        f.end();
        return new PrincipalName(nameType, names);
    }

    static ASN1Encodable writePrincipalName(PrincipalName p) {
        return new Der.Seq()
                .add(0, Der.int32(p.nameType()))
                .add(1, writeList(p.nameString(), Der::string))
                .toSequence();
    }

    // ---- HostAddress ----

    static HostAddress readHostAddress(ASN1Primitive value, What what) throws KrbDecodeException {
        Fields f = Fields.of(value, what);
        int type = Der.int32(f.required(0, "addr-type"), what.then("addr-type"));
        var address = Der.octets(f.required(1, "address"), what.then("address"));
        f.end();
        return new HostAddress(type, address);
    }

    static ASN1Encodable writeHostAddress(HostAddress a) {
        return new Der.Seq().add(0, Der.int32(a.addrType())).add(1, Der.octets(a.address())).toSequence();
    }

    static Optional<HostAddress> optionalHostAddress(ASN1Primitive v, What what) throws KrbDecodeException {
        return v == null ? Optional.empty() : Optional.of(readHostAddress(v, what));
    }

    static List<HostAddress> readHostAddresses(ASN1Primitive valueOrNull, What what) throws KrbDecodeException {
        return readOptionalList(valueOrNull, what, Common::readHostAddress);
    }

    static ASN1Encodable writeHostAddresses(List<HostAddress> addresses) {
        return writeOptionalList(addresses, Common::writeHostAddress);
    }

    // ---- EncryptionKey, EncryptedData, Checksum ----

    static EncryptionKey readEncryptionKey(ASN1Primitive value, What what) throws KrbDecodeException {
        Fields f = Fields.of(value, what);
        int keytype = Der.int32(f.required(0, "keytype"), what.then("keytype"));
        var keyvalue = Der.octets(f.required(1, "keyvalue"), what.then("keyvalue"));
        f.end();
        return new EncryptionKey(keytype, keyvalue);
    }

    static ASN1Encodable writeEncryptionKey(EncryptionKey k) {
        return new Der.Seq().add(0, Der.int32(k.keytype())).add(1, Der.octets(k.keyvalue())).toSequence();
    }

    static Optional<EncryptionKey> optionalEncryptionKey(ASN1Primitive v, What what) throws KrbDecodeException {
        return v == null ? Optional.empty() : Optional.of(readEncryptionKey(v, what));
    }

    static EncryptedData readEncryptedData(ASN1Primitive value, What what) throws KrbDecodeException {
        Fields f = Fields.of(value, what);
        int etype = Der.int32(f.required(0, "etype"), what.then("etype"));
        ASN1Primitive kvno = f.optional(1, "kvno");
        var cipher = Der.octets(f.required(2, "cipher"), what.then("cipher"));
        f.end();
        return new EncryptedData(etype,
                kvno == null ? OptionalInt.empty() : OptionalInt.of((int) Der.uint32(kvno, what.then("kvno"))), cipher);
    }

    static ASN1Encodable writeEncryptedData(EncryptedData d) {
        return new Der.Seq()
                .add(0, Der.int32(d.etype()))
                .add(1, d.kvno().isPresent() ? Der.uint32(Integer.toUnsignedLong(d.kvno().getAsInt())) : null)
                .add(2, Der.octets(d.cipher()))
                .toSequence();
    }

    static Checksum readChecksum(ASN1Primitive value, What what) throws KrbDecodeException {
        Fields f = Fields.of(value, what);
        int type = Der.int32(f.required(0, "cksumtype"), what.then("cksumtype"));
        var checksum = Der.octets(f.required(1, "checksum"), what.then("checksum"));
        f.end();
        return new Checksum(type, checksum);
    }

    static ASN1Encodable writeChecksum(Checksum c) {
        return new Der.Seq().add(0, Der.int32(c.cksumtype())).add(1, Der.octets(c.checksum())).toSequence();
    }

    // ---- PA-DATA ----

    static PaData readPaData(ASN1Primitive value, What what) throws KrbDecodeException {
        Fields f = Fields.of(value, what);
        int type = Der.int32(f.required(1, "padata-type"), what.then("padata-type"));
        var v = Der.octets(f.required(2, "padata-value"), what.then("padata-value"));
        f.end();
        return new PaData(type, v);
    }

    static ASN1Encodable writePaData(PaData p) {
        return new Der.Seq().add(1, Der.int32(p.padataType())).add(2, Der.octets(p.padataValue())).toSequence();
    }

    static List<PaData> readPaDataList(ASN1Primitive value, What what) throws KrbDecodeException {
        return readList(value, what, Common::readPaData);
    }

    static ASN1Encodable writePaDataList(List<PaData> padata) {
        return writeList(padata, Common::writePaData);
    }

    // ---- AuthorizationData ----

    static AuthorizationData readAuthorizationData(ASN1Primitive value, What what) throws KrbDecodeException {
        return new AuthorizationData(readList(value, what, (v, w) -> {
            Fields f = Fields.of(v, w);
            int type = Der.int32(f.required(0, "ad-type"), w.then("ad-type"));
            var data = Der.octets(f.required(1, "ad-data"), w.then("ad-data"));
            f.end();
            return new AuthorizationDataEntry(type, data);
        }));
    }

    static AuthorizationData optionalAuthorizationData(ASN1Primitive v, What what) throws KrbDecodeException {
        return v == null ? AuthorizationData.EMPTY : readAuthorizationData(v, what);
    }

    static ASN1Encodable writeAuthorizationData(AuthorizationData ad) {
        return writeList(ad.entries(), e -> new Der.Seq()
                .add(0, Der.int32(e.adType()))
                .add(1, Der.octets(e.adData()))
                .toSequence());
    }

    /** An OPTIONAL AuthorizationData: empty is written as absent (null). */
    static ASN1Encodable writeOptionalAuthorizationData(AuthorizationData ad) {
        return ad.isEmpty() ? null : writeAuthorizationData(ad);
    }

    // ---- TransitedEncoding, LastReq ----

    static TransitedEncoding readTransited(ASN1Primitive value, What what) throws KrbDecodeException {
        Fields f = Fields.of(value, what);
        int type = Der.int32(f.required(0, "tr-type"), what.then("tr-type"));
        var contents = Der.octets(f.required(1, "contents"), what.then("contents"));
        f.end();
        return new TransitedEncoding(type, contents);
    }

    static ASN1Encodable writeTransited(TransitedEncoding t) {
        return new Der.Seq().add(0, Der.int32(t.trType())).add(1, Der.octets(t.contents())).toSequence();
    }

    static LastReq readLastReq(ASN1Primitive value, What what) throws KrbDecodeException {
        return new LastReq(readList(value, what, (v, w) -> {
            Fields f = Fields.of(v, w);
            int type = Der.int32(f.required(0, "lr-type"), w.then("lr-type"));
            KerberosTime time = Der.time(f.required(1, "lr-value"), w.then("lr-value"));
            f.end();
            return new LastReqEntry(type, time);
        }));
    }

    static ASN1Encodable writeLastReq(LastReq lastReq) {
        return writeList(lastReq.entries(), e -> new Der.Seq()
                .add(0, Der.int32(e.lrType()))
                .add(1, Der.time(e.lrValue()))
                .toSequence());
    }

    // ---- Ticket ----

    static Ticket readTicket(ASN1Primitive value, What what) throws KrbDecodeException {
        Fields f = Fields.of(Der.application(value, 1, what), what);
        Der.expectInteger(f.required(0, "tkt-vno"), Ticket.TKT_VNO, what.then("tkt-vno"));
        String realm = Der.string(f.required(1, "realm"), what.then("realm"));
        PrincipalName sname = readPrincipalName(f.required(2, "sname"), what.then("sname"));
        EncryptedData encPart = readEncryptedData(f.required(3, "enc-part"), what.then("enc-part"));
        f.end();
        return new Ticket(realm, sname, encPart);
    }

    static ASN1Encodable writeTicket(Ticket t) {
        return Der.application(1, new Der.Seq()
                .add(0, Der.int32(Ticket.TKT_VNO))
                .add(1, Der.string(t.realm()))
                .add(2, writePrincipalName(t.sname()))
                .add(3, writeEncryptedData(t.encPart()))
                .toSequence());
    }
}
