package org.openlsa.krb5.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.openlsa.crypto.SecretBytes;

/** Generated keytabs and ccaches round-trip byte for byte; arbitrary bytes only ever fail as format errors. */
class Krb5FilesPropertiesTest {

    @Provide
    Arbitrary<Principal> principals() {
        Arbitrary<String> s = Arbitraries.strings().ofMaxLength(20);
        return Combinators.combine(Arbitraries.integers(), s.list().ofMaxSize(4), s).as(Principal::new);
    }

    Arbitrary<KeyBlock> keys() {
        return Combinators.combine(Arbitraries.integers().between(0, 0xFFFF), Arbitraries.bytes().array(byte[].class)
                .ofMaxSize(64)).as((e, k) -> new KeyBlock(e, SecretBytes.copyOf(k)));
    }

    Arbitrary<Instant> times() {
        return Arbitraries.longs().between(0, 0xFFFFFFFFL).map(Instant::ofEpochSecond);
    }

    @Provide
    Arbitrary<Keytab> keytabs() {
        return Combinators.combine(principals(), times(), Arbitraries.integers(), keys()).as(KeytabEntry::new)
                .list().ofMaxSize(6).map(Keytab::new);
    }

    @Provide
    Arbitrary<CredentialCache> caches() {
        Arbitrary<byte[]> blobs = Arbitraries.bytes().array(byte[].class).ofMaxSize(40);
        Arbitrary<List<HostAddress>> addresses = Combinators.combine(Arbitraries.integers().between(0, 0xFFFF), blobs)
                .as(HostAddress::new).list().ofMaxSize(3);
        Arbitrary<List<AuthData>> authData = Combinators.combine(Arbitraries.integers().between(0, 0xFFFF), blobs)
                .as(AuthData::new).list().ofMaxSize(3);
        Arbitrary<Credential> credential = Combinators.combine(principals(), principals(), keys(), times(),
                Arbitraries.integers(), addresses, authData, blobs)
                .as((c, s, k, t, flags, a, ad, ticket) -> new Credential(c, s, k, t, t, t, Instant.EPOCH,
                        (flags & 1) == 1, flags, a, ad, ticket, ticket));
        Arbitrary<Optional<KdcTimeOffset>> offsets = Combinators.combine(Arbitraries.integers(), Arbitraries.integers())
                .as(KdcTimeOffset::new).optional();
        return Combinators.combine(offsets, principals(), credential.list().ofMaxSize(4)).as(CredentialCache::new);
    }

    @Property(tries = 300)
    void keytabsRoundTrip(@ForAll("keytabs") Keytab kt) throws Exception {
        byte[] encoded = kt.encode();
        assertArrayEquals(encoded, Keytab.decode(encoded).encode());
    }

    @Property(tries = 300)
    void ccachesRoundTrip(@ForAll("caches") CredentialCache cc) throws Exception {
        byte[] encoded = cc.encode();
        assertArrayEquals(encoded, CredentialCache.decode(encoded).encode());
    }

    /** Only the format error escapes a decoder, and whatever decodes re-encodes to bytes that round-trip. */
    @Property(tries = 2000)
    void garbageOnlyFailsAsFormatError(@ForAll byte[] data) throws Exception {
        byte[][] inputs = {data, prefixed(0x0502, data), prefixed(0x0504, data)};
        for (byte[] b : inputs) {
            try {
                byte[] encoded = Keytab.decode(b).encode();
                assertArrayEquals(encoded, Keytab.decode(encoded).encode());
            } catch (Krb5FileFormatException expected) {
                // the one allowed failure
            }
            try {
                byte[] encoded = CredentialCache.decode(b).encode();
                assertArrayEquals(encoded, CredentialCache.decode(encoded).encode());
            } catch (Krb5FileFormatException expected) {
                // likewise
            }
        }
    }

    private static byte[] prefixed(int version, byte[] data) {
        byte[] b = new byte[data.length + 2];
        b[0] = (byte) (version >>> 8);
        b[1] = (byte) version;
        System.arraycopy(data, 0, b, 2, data.length);
        return b;
    }
}
