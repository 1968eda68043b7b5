package org.openlsa.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class AclTest {
    private static final Sid USER = Sid.parse("S-1-5-21-1-2-3-1000");

    private static int u16(byte[] b, int o) {
        return (b[o] & 0xFF) | (b[o + 1] & 0xFF) << 8;
    }

    private static int u32(byte[] b, int o) {
        return u16(b, o) | u16(b, o + 2) << 16;
    }

    @Test
    void twoAceAllowAclLayout() {
        Acl acl = Acl.of(Ace.allow(AccessMask.GENERIC_ALL, USER), Ace.allow(AccessMask.GENERIC_ALL, WellKnownSids.LOCAL_SYSTEM));
        byte[] b = acl.toBytes();
        int ace1 = 8 + 28;  // header + mask + S-1-5-21-1-2-3-1000 (5 sub-authorities)
        int ace2 = 8 + 12;  // header + mask + S-1-5-18
        assertEquals(8 + ace1 + ace2, b.length);
        assertEquals(b.length, acl.byteLength());
        // ACL header: AclRevision 2, Sbz1 0, AclSize, AceCount, Sbz2 0
        assertEquals(Acl.ACL_REVISION, b[0]);
        assertEquals(2, b[0]);
        assertEquals(0, b[1]);
        assertEquals(b.length, u16(b, 2));
        assertEquals(2, u16(b, 4));
        assertEquals(0, u16(b, 6));
        // first ACE: ACE_HEADER {AceType 0, AceFlags 0, AceSize}, Mask, SID
        assertEquals(0, b[8]);
        assertEquals(0, b[9]);
        assertEquals(ace1, u16(b, 10));
        assertEquals(AccessMask.GENERIC_ALL, u32(b, 12));
        assertArrayEquals(USER.toBytes(), Arrays.copyOfRange(b, 16, 8 + ace1));
        // second ACE
        int o = 8 + ace1;
        assertEquals(0, b[o]);
        assertEquals(ace2, u16(b, o + 2));
        assertEquals(AccessMask.GENERIC_ALL, u32(b, o + 4));
        assertArrayEquals(WellKnownSids.LOCAL_SYSTEM.toBytes(), Arrays.copyOfRange(b, o + 8, o + ace2));
        // the same, as one literal
        assertArrayEquals(HexFormat.of().parseHex("02004000" + "02000000"
                + "00002400" + "00000010" + "010500000000000515000000010000000200000003000000e8030000"
                + "00001400" + "00000010" + "010100000000000512000000"), b);
    }

    @Test
    void sddlText() {
        Acl acl = Acl.of(Ace.allow(AccessMask.GENERIC_ALL, USER), Ace.allow(AccessMask.GENERIC_ALL, WellKnownSids.LOCAL_SYSTEM));
        assertEquals("D:(A;;GA;;;S-1-5-21-1-2-3-1000)(A;;GA;;;S-1-5-18)", acl.toSddl());
        assertEquals("D:", Acl.of().toSddl());
        assertEquals("(D;0x3;GR;;;S-1-1-0)", new Ace(AceType.ACCESS_DENIED, 3, AccessMask.GENERIC_READ, WellKnownSids.WORLD).toSddl());
        assertEquals("(A;;GRGX;;;S-1-1-0)", Ace.allow(AccessMask.GENERIC_READ | AccessMask.GENERIC_EXECUTE, WellKnownSids.WORLD).toSddl());
        assertEquals("(A;;0x1f01ff;;;S-1-1-0)", Ace.allow(0x1F01FF, WellKnownSids.WORLD).toSddl());
    }

    @Test
    void deniedAceTypeAndFlagsAreEncoded() {
        byte[] b = Acl.of(new Ace(AceType.ACCESS_DENIED, 0x13, AccessMask.GENERIC_WRITE, WellKnownSids.WORLD)).toBytes();
        assertEquals(1, b[8]);
        assertEquals(0x13, b[9]);
        assertEquals(AccessMask.GENERIC_WRITE, u32(b, 12));
    }

    @Test
    void emptyAclIsJustTheHeader() {
        assertArrayEquals(HexFormat.of().parseHex("0200080000000000"), Acl.of().toBytes());
    }

    @Test
    void aceFlagsAreOneByte() {
        assertThrows(IllegalArgumentException.class, () -> new Ace(AceType.ACCESS_ALLOWED, 0x100, 0, WellKnownSids.WORLD));
        assertThrows(IllegalArgumentException.class, () -> new Ace(AceType.ACCESS_ALLOWED, -1, 0, WellKnownSids.WORLD));
        assertThrows(NullPointerException.class, () -> new Ace(null, 0, 0, WellKnownSids.WORLD));
        assertThrows(NullPointerException.class, () -> new Ace(AceType.ACCESS_ALLOWED, 0, 0, null));
    }

    @Test
    void aclLargerThanAclSizeIsRejected() {
        Ace big = Ace.allow(AccessMask.GENERIC_ALL, Sid.of(5, new int[15])); // 8 + 68 = 76 bytes
        List<Ace> aces = new ArrayList<>();
        while (8 + 76 * (aces.size() + 1) <= 0xFFFF) {
            aces.add(big);
        }
        assertEquals(0xFFFF - (0xFFFF - 8) % 76, new Acl(aces).byteLength()); // still fits
        aces.add(big);
        assertThrows(IllegalArgumentException.class, () -> new Acl(aces));
    }

    @Test
    void acesAreCopiedIn() {
        List<Ace> aces = new ArrayList<>(List.of(Ace.allow(1, WellKnownSids.WORLD)));
        Acl acl = new Acl(aces);
        aces.add(Ace.allow(2, WellKnownSids.WORLD));
        assertEquals(1, acl.aces().size());
        assertThrows(UnsupportedOperationException.class, () -> acl.aces().add(Ace.allow(3, WellKnownSids.WORLD)));
    }

    @Test
    void fromBytesInvertsToBytes() {
        Acl acl = new Acl(List.of(Ace.allow(AccessMask.GENERIC_ALL, USER),
                new Ace(AceType.ACCESS_DENIED, 0x13, 0x12345678, WellKnownSids.LOCAL_SYSTEM),
                Ace.allow(1, Sid.of(5))));
        assertEquals(acl, Acl.fromBytes(acl.toBytes()));
        assertEquals(Acl.of(), Acl.fromBytes(Acl.of().toBytes()));
    }

    @Test
    void fromBytesAcceptsRevision4AndPaddedAces() {
        byte[] b = Acl.of(Ace.allow(AccessMask.GENERIC_ALL, USER)).toBytes();
        byte[] padded = Arrays.copyOf(b, b.length + 4);
        padded[0] = 4;
        padded[2] = (byte) padded.length;
        padded[10] = (byte) (b.length - 8 + 4); // AceSize with 4 bytes of slack
        assertEquals(Acl.of(Ace.allow(AccessMask.GENERIC_ALL, USER)), Acl.fromBytes(padded));
    }

    @Test
    void fromBytesRejectsBrokenAcls() {
        byte[] good = Acl.of(Ace.allow(AccessMask.GENERIC_ALL, USER)).toBytes();
        assertThrows(IllegalArgumentException.class, () -> Acl.fromBytes(new byte[7]));
        byte[] rev = good.clone();
        rev[0] = 3;
        assertThrows(IllegalArgumentException.class, () -> Acl.fromBytes(rev));
        assertThrows(IllegalArgumentException.class, () -> Acl.fromBytes(Arrays.copyOf(good, good.length + 4)));
        byte[] count = good.clone();
        count[4] = 2;
        assertThrows(IllegalArgumentException.class, () -> Acl.fromBytes(count));
        byte[] type = good.clone();
        type[8] = 2;
        assertThrows(IllegalArgumentException.class, () -> Acl.fromBytes(type));
        byte[] small = good.clone();
        small[10] = (byte) (small[10] - 4);
        assertThrows(IllegalArgumentException.class, () -> Acl.fromBytes(small));
        byte[] big = good.clone();
        big[10] = (byte) (big[10] + 4);
        assertThrows(IllegalArgumentException.class, () -> Acl.fromBytes(big));
        byte[] subs = good.clone();
        subs[17] = 16;
        assertThrows(IllegalArgumentException.class, () -> Acl.fromBytes(subs));
        for (int n = 0; n < good.length; n++) {
            byte[] cut = Arrays.copyOf(good, n);
            if (n >= 4) {
                cut[2] = (byte) n;
            }
            assertThrows(IllegalArgumentException.class, () -> Acl.fromBytes(cut), "truncated to " + n);
        }
    }
}
