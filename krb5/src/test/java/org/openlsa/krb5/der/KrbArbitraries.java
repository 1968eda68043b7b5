package org.openlsa.krb5.der;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import org.openlsa.krb5.ApOptions;
import org.openlsa.krb5.ApRep;
import org.openlsa.krb5.ApReq;
import org.openlsa.krb5.AsRep;
import org.openlsa.krb5.AuthorizationData;
import org.openlsa.krb5.AuthorizationDataEntry;
import org.openlsa.krb5.Authenticator;
import org.openlsa.krb5.Bytes;
import org.openlsa.krb5.Checksum;
import org.openlsa.krb5.EncApRepPart;
import org.openlsa.krb5.EncKdcRepPart;
import org.openlsa.krb5.ChangePasswdData;
import org.openlsa.krb5.EncKrbCredPart;
import org.openlsa.krb5.EncKrbPrivPart;
import org.openlsa.krb5.KrbPriv;
import org.openlsa.krb5.EncTicketPart;
import org.openlsa.krb5.EncryptedData;
import org.openlsa.krb5.EncryptionKey;
import org.openlsa.krb5.ErrorCode;
import org.openlsa.krb5.EtypeInfo2Entry;
import org.openlsa.krb5.HostAddress;
import org.openlsa.krb5.KdcOptions;
import org.openlsa.krb5.KdcRep;
import org.openlsa.krb5.KdcReqBody;
import org.openlsa.krb5.KerberosTime;
import org.openlsa.krb5.KrbCred;
import org.openlsa.krb5.KrbCredInfo;
import org.openlsa.krb5.KrbError;
import org.openlsa.krb5.LastReq;
import org.openlsa.krb5.LastReqEntry;
import org.openlsa.krb5.PaData;
import org.openlsa.krb5.PaEncTsEnc;
import org.openlsa.krb5.PaForUser;
import org.openlsa.krb5.PaPacOptions;
import org.openlsa.krb5.PaPacRequest;
import org.openlsa.krb5.PrincipalName;
import org.openlsa.krb5.S4uUserId;
import org.openlsa.krb5.TgsRep;
import org.openlsa.krb5.Ticket;
import org.openlsa.krb5.TicketFlags;
import org.openlsa.krb5.TransitedEncoding;

/** jqwik generators for every record of org.openlsa.krb5, covering absent and present optional fields. */
final class KrbArbitraries {
    private KrbArbitraries() {}

    static Arbitrary<Bytes> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(48).map(Bytes::of);
    }

    /** KerberosStrings, including non-ASCII (2-, 3- and 4-byte UTF-8) and the characters names escape. */
    static Arbitrary<String> strings() {
        return Arbitraries.oneOf(
                Arbitraries.of("TEST.LOCAL", "krbtgt", "alice", "host", "svc.test.local", "Kerberos", ""),
                Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').withChars("./@\\$-é日")
                        .ofMaxLength(16),
                Arbitraries.of("\uD834\uDD1E", "Ünïcödé", "пользователь"));
    }

    static Arbitrary<Integer> int32() {
        return Arbitraries.oneOf(Arbitraries.integers(), Arbitraries.of(0, 1, -1, 18, 23, -128, Integer.MIN_VALUE,
                Integer.MAX_VALUE));
    }

    static Arbitrary<Long> uint32() {
        return Arbitraries.oneOf(Arbitraries.longs().between(0, 0xFFFF_FFFFL), Arbitraries.of(0L, 0x7FFF_FFFFL,
                0x8000_0000L, 0xFFFF_FFFFL));
    }

    static Arbitrary<Integer> microseconds() {
        return Arbitraries.integers().between(0, 999_999);
    }

    static Arbitrary<KerberosTime> times() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(-62135596800L, 253402300799L),
                Arbitraries.longs().between(0, 4_000_000_000L),
                Arbitraries.of(0L, 2147483647L, 2136422885L))
                .map(KerberosTime::ofEpochSecond);
    }

    static <T> Arbitrary<Optional<T>> optional(Arbitrary<T> a) {
        return a.optional(0.5);
    }

    static Arbitrary<OptionalInt> optionalInt(Arbitrary<Integer> a) {
        return a.injectNull(0.5).map(i -> i == null ? OptionalInt.empty() : OptionalInt.of(i));
    }

    static Arbitrary<OptionalLong> optionalLong(Arbitrary<Long> a) {
        return a.injectNull(0.5).map(i -> i == null ? OptionalLong.empty() : OptionalLong.of(i));
    }

    static <T> Arbitrary<List<T>> lists(Arbitrary<T> a) {
        return a.list().ofMaxSize(3);
    }

    static Arbitrary<PrincipalName> principals() {
        return Combinators.combine(Arbitraries.of(0, 1, 2, 3, 10, -128), strings().list().ofMaxSize(3))
                .as(PrincipalName::new);
    }

    static Arbitrary<HostAddress> addresses() {
        return Combinators.combine(Arbitraries.of(2, 20, 24, 3), bytes()).as(HostAddress::new);
    }

    static Arbitrary<EncryptionKey> keys() {
        return Combinators.combine(int32(), bytes()).as(EncryptionKey::new);
    }

    static Arbitrary<EncryptedData> encryptedData() {
        return Combinators.combine(int32(), optionalInt(int32()), bytes()).as(EncryptedData::new);
    }

    static Arbitrary<Checksum> checksums() {
        return Combinators.combine(int32(), bytes()).as(Checksum::new);
    }

    static Arbitrary<PaData> padata() {
        return Combinators.combine(int32(), bytes()).as(PaData::new);
    }

    static Arbitrary<AuthorizationData> authorizationData() {
        return lists(Combinators.combine(int32(), bytes()).as(AuthorizationDataEntry::new))
                .map(AuthorizationData::new);
    }

    static Arbitrary<Ticket> tickets() {
        return Combinators.combine(strings(), principals(), encryptedData()).as(Ticket::new);
    }

    static Arbitrary<LastReq> lastReqs() {
        return lists(Combinators.combine(int32(), times()).as(LastReqEntry::new)).map(LastReq::new);
    }

    static Arbitrary<KdcReqBody> reqBodies() {
        return Builders.withBuilder(() -> new Object[12])
                .use(Arbitraries.integers().map(KdcOptions::new)).in((o, v) -> set(o, 0, v))
                .use(optional(principals())).in((o, v) -> set(o, 1, v))
                .use(strings()).in((o, v) -> set(o, 2, v))
                .use(optional(principals())).in((o, v) -> set(o, 3, v))
                .use(optional(times())).in((o, v) -> set(o, 4, v))
                .use(times()).in((o, v) -> set(o, 5, v))
                .use(optional(times())).in((o, v) -> set(o, 6, v))
                .use(uint32()).in((o, v) -> set(o, 7, v))
                .use(lists(int32())).in((o, v) -> set(o, 8, v))
                .use(lists(addresses())).in((o, v) -> set(o, 9, v))
                .use(optional(encryptedData())).in((o, v) -> set(o, 10, v))
                .use(lists(tickets())).in((o, v) -> set(o, 11, v))
                .build(o -> new KdcReqBody((KdcOptions) o[0], cast(o[1]), (String) o[2], cast(o[3]), cast(o[4]),
                        (KerberosTime) o[5], cast(o[6]), (Long) o[7], cast(o[8]), cast(o[9]), cast(o[10]),
                        cast(o[11])));
    }

    static Arbitrary<KdcRep> kdcReps() {
        return Combinators.combine(Arbitraries.of(true, false), lists(padata()), strings(), principals(), tickets(),
                encryptedData()).as((as, pa, realm, cname, ticket, enc) -> as
                        ? new AsRep(pa, realm, cname, ticket, enc)
                        : new TgsRep(pa, realm, cname, ticket, enc));
    }

    static Arbitrary<EncKdcRepPart> encKdcRepParts() {
        return Builders.withBuilder(() -> new Object[13])
                .use(keys()).in((o, v) -> set(o, 0, v))
                .use(lastReqs()).in((o, v) -> set(o, 1, v))
                .use(uint32()).in((o, v) -> set(o, 2, v))
                .use(optional(times())).in((o, v) -> set(o, 3, v))
                .use(Arbitraries.integers().map(TicketFlags::new)).in((o, v) -> set(o, 4, v))
                .use(times()).in((o, v) -> set(o, 5, v))
                .use(optional(times())).in((o, v) -> set(o, 6, v))
                .use(times()).in((o, v) -> set(o, 7, v))
                .use(optional(times())).in((o, v) -> set(o, 8, v))
                .use(strings()).in((o, v) -> set(o, 9, v))
                .use(principals()).in((o, v) -> set(o, 10, v))
                .use(lists(addresses())).in((o, v) -> set(o, 11, v))
                .use(lists(padata())).in((o, v) -> set(o, 12, v))
                .build(o -> new EncKdcRepPart((EncryptionKey) o[0], (LastReq) o[1], (Long) o[2], cast(o[3]),
                        (TicketFlags) o[4], (KerberosTime) o[5], cast(o[6]), (KerberosTime) o[7], cast(o[8]),
                        (String) o[9], (PrincipalName) o[10], cast(o[11]), cast(o[12])));
    }

    static Arbitrary<EncTicketPart> encTicketParts() {
        return Builders.withBuilder(() -> new Object[11])
                .use(Arbitraries.integers().map(TicketFlags::new)).in((o, v) -> set(o, 0, v))
                .use(keys()).in((o, v) -> set(o, 1, v))
                .use(strings()).in((o, v) -> set(o, 2, v))
                .use(principals()).in((o, v) -> set(o, 3, v))
                .use(Combinators.combine(int32(), bytes()).as(TransitedEncoding::new)).in((o, v) -> set(o, 4, v))
                .use(times()).in((o, v) -> set(o, 5, v))
                .use(optional(times())).in((o, v) -> set(o, 6, v))
                .use(times()).in((o, v) -> set(o, 7, v))
                .use(optional(times())).in((o, v) -> set(o, 8, v))
                .use(lists(addresses())).in((o, v) -> set(o, 9, v))
                .use(authorizationData()).in((o, v) -> set(o, 10, v))
                .build(o -> new EncTicketPart((TicketFlags) o[0], (EncryptionKey) o[1], (String) o[2],
                        (PrincipalName) o[3], (TransitedEncoding) o[4], (KerberosTime) o[5], cast(o[6]),
                        (KerberosTime) o[7], cast(o[8]), cast(o[9]), (AuthorizationData) o[10]));
    }

    static Arbitrary<ApReq> apReqs() {
        return Combinators.combine(Arbitraries.integers().map(ApOptions::new), tickets(), encryptedData())
                .as(ApReq::new);
    }

    static Arbitrary<Authenticator> authenticators() {
        return Combinators.combine(strings(), principals(), optional(checksums()), microseconds(), times(),
                optional(keys()), optionalLong(uint32()), authorizationData()).as(Authenticator::new);
    }

    static Arbitrary<ApRep> apReps() {
        return encryptedData().map(ApRep::new);
    }

    static Arbitrary<EncApRepPart> encApRepParts() {
        return Combinators.combine(times(), microseconds(), optional(keys()), optionalLong(uint32()))
                .as(EncApRepPart::new);
    }

    static Arbitrary<KrbError> krbErrors() {
        return Builders.withBuilder(() -> new Object[11])
                .use(optional(times())).in((o, v) -> set(o, 0, v))
                .use(optionalInt(microseconds())).in((o, v) -> set(o, 1, v))
                .use(times()).in((o, v) -> set(o, 2, v))
                .use(microseconds()).in((o, v) -> set(o, 3, v))
                .use(int32().map(ErrorCode::new)).in((o, v) -> set(o, 4, v))
                .use(optional(strings())).in((o, v) -> set(o, 5, v))
                .use(optional(principals())).in((o, v) -> set(o, 6, v))
                .use(strings()).in((o, v) -> set(o, 7, v))
                .use(principals()).in((o, v) -> set(o, 8, v))
                .use(optional(strings())).in((o, v) -> set(o, 9, v))
                .use(optional(bytes())).in((o, v) -> set(o, 10, v))
                .build(o -> new KrbError(cast(o[0]), (OptionalInt) o[1], (KerberosTime) o[2], (Integer) o[3],
                        (ErrorCode) o[4], cast(o[5]), cast(o[6]), (String) o[7], (PrincipalName) o[8], cast(o[9]),
                        cast(o[10])));
    }

    static Arbitrary<KrbCred> krbCreds() {
        return Combinators.combine(lists(tickets()), encryptedData()).as(KrbCred::new);
    }

    static Arbitrary<KrbCredInfo> krbCredInfos() {
        return Builders.withBuilder(() -> new Object[11])
                .use(keys()).in((o, v) -> set(o, 0, v))
                .use(optional(strings())).in((o, v) -> set(o, 1, v))
                .use(optional(principals())).in((o, v) -> set(o, 2, v))
                .use(optional(Arbitraries.integers().map(TicketFlags::new))).in((o, v) -> set(o, 3, v))
                .use(optional(times())).in((o, v) -> set(o, 4, v))
                .use(optional(times())).in((o, v) -> set(o, 5, v))
                .use(optional(times())).in((o, v) -> set(o, 6, v))
                .use(optional(times())).in((o, v) -> set(o, 7, v))
                .use(optional(strings())).in((o, v) -> set(o, 8, v))
                .use(optional(principals())).in((o, v) -> set(o, 9, v))
                .use(lists(addresses())).in((o, v) -> set(o, 10, v))
                .build(o -> new KrbCredInfo((EncryptionKey) o[0], cast(o[1]), cast(o[2]), cast(o[3]), cast(o[4]),
                        cast(o[5]), cast(o[6]), cast(o[7]), cast(o[8]), cast(o[9]), cast(o[10])));
    }

    static Arbitrary<EncKrbCredPart> encKrbCredParts() {
        return Combinators.combine(lists(krbCredInfos()), optionalLong(uint32()), optional(times()),
                optionalInt(microseconds()), optional(addresses()), optional(addresses()))
                .as(EncKrbCredPart::new);
    }

    static Arbitrary<KrbPriv> krbPrivs() {
        return encryptedData().map(KrbPriv::new);
    }

    static Arbitrary<EncKrbPrivPart> encKrbPrivParts() {
        return Combinators.combine(bytes(), optional(times()), optionalInt(microseconds()), optionalLong(uint32()),
                optional(addresses()), optional(addresses())).as(EncKrbPrivPart::new);
    }

    static Arbitrary<ChangePasswdData> changePasswdData() {
        return Combinators.combine(bytes(), optional(principals()), optional(strings())).as(ChangePasswdData::new);
    }

    static Arbitrary<PaEncTsEnc> paEncTsEncs() {
        return Combinators.combine(times(), optionalInt(microseconds())).as(PaEncTsEnc::new);
    }

    static Arbitrary<EtypeInfo2Entry> etypeInfo2Entries() {
        return Combinators.combine(int32(), optional(strings()), optional(bytes())).as(EtypeInfo2Entry::new);
    }

    static Arbitrary<PaPacRequest> paPacRequests() {
        return Arbitraries.of(true, false).map(PaPacRequest::new);
    }

    static Arbitrary<PaPacOptions> paPacOptions() {
        return Arbitraries.integers().map(PaPacOptions::new);
    }

    static Arbitrary<PaForUser> paForUsers() {
        return Combinators.combine(principals(), strings(), checksums(), strings()).as(PaForUser::new);
    }

    static Arbitrary<S4uUserId> s4uUserIds() {
        return Combinators.combine(uint32(), optional(principals()), strings(), optional(bytes()),
                optionalInt(Arbitraries.integers())).as(S4uUserId::new);
    }

    private static Object[] set(Object[] o, int i, Object v) {
        o[i] = v;
        return o;
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object o) {
        return (T) o;
    }
}
