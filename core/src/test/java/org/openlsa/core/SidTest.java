package org.openlsa.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SidTest {

    static Stream<WellKnownSid> wellKnown() {
        return WellKnownSids.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wellKnown")
    void everyWellKnownSidRoundTrips(WellKnownSid w) {
        Sid sid = w.sid();
        String text = sid.toString();
        assertEquals(sid, Sid.parse(text));
        byte[] bin = sid.toBytes();
        assertEquals(sid.byteLength(), bin.length);
        assertEquals(8 + 4 * sid.subAuthorityCount(), bin.length);
        assertEquals(1, bin[0]);
        assertEquals(sid.subAuthorityCount(), bin[1]);
        assertEquals(sid, Sid.fromBytes(bin));
        assertEquals(text, Sid.fromBytes(bin).toString());
        assertEquals(w, WellKnownSids.lookup(sid).orElseThrow());
    }

    @Test
    void signedOrEmptyAuthoritiesAreRejected() {
        for (String bad : new String[] {"S-1-+5-18", "S-1-0x+5", "S-1--5", "S-1-0x", "S-1-0xZZ-1"}) {
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Sid.parse(bad), bad);
        }
        org.junit.jupiter.api.Assertions.assertEquals(Sid.parse("S-1-5-18"), Sid.parse("S-1-0x5-18"));
    }

    @Test
    void wellKnownSidsAreDistinct() {
        assertEquals(WellKnownSids.all().size(), WellKnownSids.all().stream().map(WellKnownSid::sid).distinct().count());
    }

    @ParameterizedTest
    @ValueSource(strings = {"S-1-5-21-1004336348-1177238915-682003330-512", "S-1-5-21-0-0-0-500",
        "S-1-5-21-4294967295-4294967295-4294967295-4294967295", "S-1-5-21-2147483648-1-2-1000", "S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464",
        "S-1-5-5-0-12345", "S-1-22-1-1000", "S-1-0", "S-1-5-1-2-3-4-5-6-7-8-9-10-11-12-13-14-15", "S-1-0xFFFFFFFFFFFF-1"})
    void domainSidsRoundTrip(String text) {
        Sid sid = Sid.parse(text);
        assertEquals(text, sid.toString());
        assertEquals(sid, Sid.fromBytes(sid.toBytes()));
        assertEquals(sid, Sid.parse(sid.toString()));
    }

    @Test
    void decimalTextIsCanonical() {
        assertEquals("S-1-5-21-4294967295-1-2-1000", Sid.parse("S-1-5-21-4294967295-1-2-1000").toString());
        assertEquals("S-1-5-18", Sid.parse("s-1-5-18").toString());
        assertEquals(4294967295L, Sid.parse("S-1-5-21-4294967295").subAuthority(1));
    }

    @Test
    void builtinAdministratorsKnownBinaryForm() {
        byte[] expected = HexFormat.of().parseHex("0102000000000005" + "20000000" + "20020000");
        Sid admins = Sid.parse("S-1-5-32-544");
        assertArrayEquals(expected, admins.toBytes());
        assertEquals(admins, Sid.fromBytes(expected));
        assertEquals(WellKnownSids.BUILTIN_ADMINISTRATORS, admins);
        assertEquals(16, admins.byteLength());
    }

    @Test
    void authorityIsBigEndianAndSubAuthoritiesLittleEndian() {
        Sid sid = Sid.of(0x010203040506L, 0x0A0B0C0D);
        assertArrayEquals(HexFormat.of().parseHex("0101010203040506" + "0D0C0B0A"), sid.toBytes());
    }

    @Test
    void largeAuthorityIsPrintedAsHex() {
        Sid sid = Sid.of(1L << 32, 7);
        assertEquals("S-1-0x000100000000-7", sid.toString());
        assertEquals(sid, Sid.parse("S-1-0x000100000000-7"));
        assertEquals(sid, Sid.parse("S-1-4294967296-7"));
        assertEquals("S-1-0xFFFFFFFFFFFF", Sid.of(0xFFFFFFFFFFFFL).toString());
        assertEquals("S-1-4294967295", Sid.of(0xFFFFFFFFL).toString());
        assertEquals(Sid.of(0xFFFFFFFFFFFFL), Sid.parse("S-1-0xffffffffffff"));
    }

    static List<String> badText() {
        List<String> out = new ArrayList<>(List.of("", "S", "S-1", "S-1-", "S-2-5-32", "S-0-5", "X-1-5-32", "garbage",
                "S-1-5-", "S-1-5--32", "S-1-5-32-", "S-1--5", "S-1-5-4294967296", "S-1-5-99999999999",
                "S-1-5-32-abc", "S-1-5-+32", "S-1-5--1", "S-1-5- 32", "S-1-5-0x20", "S-1-x-5",
                "S-1-0x1000000000000", "S-1-281474976710656", "S-1--1", "S-1-5-32-544 junk"));
        out.add("S-1-5" + "-1".repeat(16)); // 16 sub-authorities
        return out;
    }

    @ParameterizedTest
    @MethodSource("badText")
    void invalidTextIsRejected(String text) {
        assertThrows(IllegalArgumentException.class, () -> Sid.parse(text));
        assertFalse(Sid.isValid(text));
    }

    @Test
    void fifteenSubAuthoritiesIsTheMaximum() {
        assertTrue(Sid.isValid("S-1-5" + "-1".repeat(15)));
        assertThrows(IllegalArgumentException.class, () -> Sid.of(5, new int[16]));
        assertThrows(IllegalArgumentException.class, () -> Sid.of(5, new int[15]).append(1));
        assertThrows(IllegalArgumentException.class, () -> Sid.of(-1));
        assertThrows(IllegalArgumentException.class, () -> Sid.of(1L << 48));
    }

    static Stream<byte[]> badBinary() {
        HexFormat h = HexFormat.of();
        return Stream.of(
                new byte[0],
                h.parseHex("01"),
                h.parseHex("01020000000000052000"),              // short
                h.parseHex("01010000000000052000000020020000"),  // count 1, 16 bytes
                h.parseHex("010300000000000520000000"),          // count 3, 12 bytes
                h.parseHex("0102000000000005200000002002000000"), // one trailing byte
                h.parseHex("0202000000000005" + "20000000" + "20020000"), // revision 2
                h.parseHex("0002000000000005" + "20000000" + "20020000"), // revision 0
                h.parseHex("0110000000000005" + "00000000".repeat(16)),   // 16 sub-authorities, consistent length
                h.parseHex("01FF000000000005"));
    }

    @ParameterizedTest
    @MethodSource("badBinary")
    void invalidBinaryIsRejected(byte[] bytes) {
        assertThrows(IllegalArgumentException.class, () -> Sid.fromBytes(bytes));
    }

    @Test
    void binaryWithNoSubAuthorities() {
        assertEquals(Sid.of(5), Sid.fromBytes(HexFormat.of().parseHex("0100000000000005")));
    }

    @Test
    void ordering() {
        List<Sid> sorted = Stream.of("S-1-5-32-544", "S-1-5-18", "S-1-1-0", "S-1-5-32", "S-1-5-21-2147483648-1",
                        "S-1-5-21-1-1", "S-1-0x000100000000", "S-1-5-21-1", "S-1-5-32-545", "S-1-0-0")
                .map(Sid::parse).sorted().toList();
        assertEquals(List.of("S-1-0-0", "S-1-1-0", "S-1-5-18", "S-1-5-21-1", "S-1-5-21-1-1", "S-1-5-21-2147483648-1",
                "S-1-5-32", "S-1-5-32-544", "S-1-5-32-545", "S-1-0x000100000000"),
                sorted.stream().map(Sid::toString).toList());
        // sub-authorities compare as unsigned 32-bit numbers
        assertTrue(Sid.parse("S-1-5-4294967295").compareTo(Sid.parse("S-1-5-1")) > 0);
    }

    @Test
    void domainHelpers() {
        Sid domain = Sid.parse("S-1-5-21-1-2-3");
        Sid user = domain.append(1000);
        assertEquals("S-1-5-21-1-2-3-1000", user.toString());
        assertEquals(1000, user.rid());
        assertEquals(domain, user.parent());
        assertTrue(domain.isDomainOf(user));
        assertFalse(user.isDomainOf(domain));
        assertFalse(domain.isDomainOf(user.append(1)));
        assertFalse(Sid.parse("S-1-5-21-1-2-4").isDomainOf(user));
        assertEquals(4294967295L, domain.append(4294967295L).rid());
        assertThrows(IllegalArgumentException.class, () -> domain.append(-1));
        assertThrows(IllegalArgumentException.class, () -> domain.append(1L << 32));
        assertThrows(IllegalStateException.class, () -> Sid.of(5).rid());
        assertThrows(IllegalStateException.class, () -> Sid.of(5).parent());
    }

    @Test
    void ofCopiesItsArgument() {
        int[] subs = {32, 544};
        Sid sid = Sid.of(5, subs);
        subs[1] = 545;
        assertEquals(WellKnownSids.BUILTIN_ADMINISTRATORS, sid);
        byte[] bin = sid.toBytes();
        bin[8] = 0;
        assertEquals(WellKnownSids.BUILTIN_ADMINISTRATORS.toBytes()[8], sid.toBytes()[8]);
    }

    @Test
    void logonAndUnixSids() {
        Sid logon = WellKnownSids.logonSid(Luid.of(0, 0x12345));
        assertEquals("S-1-5-5-0-74565", logon.toString());
        assertTrue(WellKnownSids.isLogonSid(logon));
        assertEquals("NT AUTHORITY\\LogonSessionId_0_74565", WellKnownSids.lookup(logon).orElseThrow().qualifiedName());
        assertEquals("S-1-22-1-1000", WellKnownSids.unixUser(1000).toString());
        assertEquals("Unix Group\\50", WellKnownSids.lookup(WellKnownSids.unixGroup(50)).orElseThrow().qualifiedName());
        assertTrue(WellKnownSids.lookup(Sid.parse("S-1-5-21-1-2-3-1000")).isEmpty());
    }

    // --- properties -------------------------------------------------------------------------------------------

    @Provide
    Arbitrary<Sid> sids() {
        Arbitrary<Long> authority = Arbitraries.oneOf(Arbitraries.longs().between(0, 5),
                Arbitraries.longs().between(0, (1L << 48) - 1));
        Arbitrary<int[]> subs = Arbitraries.oneOf(Arbitraries.integers().between(0, 3), Arbitraries.integers())
                .array(int[].class).ofMaxSize(15);
        return Combinators.combine(authority, subs).as(Sid::of);
    }

    @Property(tries = 500)
    void randomSidsRoundTripTextAndBinary(@ForAll("sids") Sid sid) {
        assertEquals(sid, Sid.parse(sid.toString()));
        assertEquals(sid.toString(), Sid.parse(sid.toString()).toString());
        assertEquals(sid, Sid.fromBytes(sid.toBytes()));
        assertEquals(sid.hashCode(), Sid.fromBytes(sid.toBytes()).hashCode());
        assertEquals(0, sid.compareTo(Sid.fromBytes(sid.toBytes())));
    }

    @Property(tries = 1000)
    void compareToIsConsistentWithEquals(@ForAll("sids") Sid a, @ForAll("sids") Sid b) {
        assertEquals(a.equals(b), a.compareTo(b) == 0);
        assertEquals(Integer.signum(a.compareTo(b)), -Integer.signum(b.compareTo(a)));
        if (a.equals(b)) {
            assertEquals(a.hashCode(), b.hashCode());
        } else {
            assertNotEquals(a.toString(), b.toString());
        }
    }
}
