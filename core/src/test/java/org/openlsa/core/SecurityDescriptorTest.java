package org.openlsa.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SecurityDescriptorTest {
    /**
     * O:BAG:SYD:(A;;FA;;;WD) laid out by hand per MS-DTYP 2.4.6: header {01 00 0480 (DACL_PRESENT|SELF_RELATIVE)
     * OffsetOwner 0x30, OffsetGroup 0x40, OffsetSacl 0, OffsetDacl 0x14}, the 28-byte ACL, BA (16 bytes), SY (12).
     */
    private static final String KNOWN = "010004803000000040000000000000001400000002001c000100000000001400ff011f00"
            + "0101000000000001000000000102000000000005200000002002000001010000000000051200000000";

    @Test
    void knownLayout() {
        SecurityDescriptor sd = Sddl.parse("O:BAG:SYD:(A;;FA;;;WD)");
        byte[] expected = HexFormat.of().parseHex(KNOWN.substring(0, KNOWN.length() - 2));
        assertArrayEquals(expected, sd.toBytes());
        assertEquals(expected.length, sd.byteLength());
        assertEquals(sd, SecurityDescriptor.fromBytes(expected));
    }

    @Test
    void decodesPartsInAnyOrderWithSlack() {
        // Group first, owner next, DACL last, 4 spare bytes at the end, Sbz1 set: all allowed.
        SecurityDescriptor sd = Sddl.parse("O:BAG:SYD:(A;;FA;;;WD)");
        byte[] own = WellKnownSids.BUILTIN_ADMINISTRATORS.toBytes();
        byte[] grp = WellKnownSids.LOCAL_SYSTEM.toBytes();
        byte[] acl = sd.dacl().toBytes();
        byte[] b = new byte[20 + grp.length + own.length + acl.length + 4];
        b[0] = 1;
        b[1] = 9;
        b[2] = 0x04;
        b[3] = (byte) 0x80;
        int g = 20;
        int o = g + grp.length;
        int d = o + own.length;
        b[4] = (byte) o;
        b[8] = (byte) g;
        b[16] = (byte) d;
        System.arraycopy(grp, 0, b, g, grp.length);
        System.arraycopy(own, 0, b, o, own.length);
        System.arraycopy(acl, 0, b, d, acl.length);
        assertEquals(sd, SecurityDescriptor.fromBytes(b));
    }

    @Test
    void daclPresentWithZeroOffsetIsANullDacl() {
        SecurityDescriptor sd = SecurityDescriptor.of(WellKnownSids.WORLD, WellKnownSids.WORLD, null);
        SecurityDescriptor back = SecurityDescriptor.fromBytes(sd.toBytes());
        assertTrue(back.daclPresent());
        assertNull(back.dacl());
        assertEquals(sd, back);
        assertEquals("O:WDG:WDD:NO_ACCESS_CONTROL", back.toSddl());
    }

    @Test
    void everyBoundIsNamed() {
        byte[] good = Sddl.parse("O:BAG:SYD:(A;;FA;;;WD)").toBytes();
        assertBad(Arrays.copyOf(good, 19), "at least 20 bytes");
        assertBad(with(good, 0, 2), "revision 2");
        assertBad(with(good, 3, 0), "SE_SELF_RELATIVE");
        assertBad(with(with(good, 2, 0x14), 12, 20), "SACL");
        assertBad(with(good, 4, 0x10), "OffsetOwner 16");
        assertBad(with(good, 8, 0x70), "OffsetGroup 112");
        assertBad(with(good, 19, 0x80), "OffsetDacl");
        assertBad(with(good, 0x30 + 1, 9), "OffsetOwner 48: the 44-byte SID overruns");
        assertBad(with(good, 0x30 + 1, 16), "sub-authorities (max 15)");
        assertBad(with(good, 0x14 + 2, 0xF0), "AclSize 240 overruns");
        assertBad(with(good, 0x14 + 8, 5), "unsupported AceType 5");
        // Without SE_DACL_PRESENT a bad OffsetDacl is never read.
        assertNull(SecurityDescriptor.fromBytes(with(with(good, 2, 0), 16, 0x7F)).dacl());
    }

    private static byte[] with(byte[] b, int index, int value) {
        byte[] c = b.clone();
        c[index] = (byte) value;
        return c;
    }

    private static void assertBad(byte[] b, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SecurityDescriptor.fromBytes(b));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void randomBytesRaiseOnlyIllegalArgument() {
        Random r = new Random(206);
        byte[] good = Sddl.parse("O:BAG:SYD:(A;;FA;;;WD)(D;OI;0x20;;;S-1-5-21-1-2-3-4)").toBytes();
        for (int i = 0; i < 20000; i++) {
            byte[] b = good.clone();
            for (int k = 1 + r.nextInt(4); k > 0; k--) {
                b[r.nextInt(b.length)] = (byte) r.nextInt(256);
            }
            if (r.nextInt(8) == 0) {
                b = Arrays.copyOf(b, r.nextInt(b.length + 8));
            }
            try {
                SecurityDescriptor sd = SecurityDescriptor.fromBytes(b);
                assertEquals(sd, SecurityDescriptor.fromBytes(sd.toBytes()));
            } catch (IllegalArgumentException expected) {
                // the format's only exception
            }
        }
    }

    @Test
    void constructorRules() {
        assertThrows(IllegalArgumentException.class, () -> new SecurityDescriptor(0, null, null, Acl.of()));
        assertThrows(IllegalArgumentException.class, () -> new SecurityDescriptor(0x10000, null, null, null));
        assertEquals(SecurityDescriptor.SE_SELF_RELATIVE, new SecurityDescriptor(0, null, null, null).control());
    }
}
