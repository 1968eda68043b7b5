package org.openlsa.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SddlTest {
    private static final Sid ALICE = Sid.parse("S-1-5-21-1-2-3-1000");

    /** SDDL strings as Windows writes them (ConvertSecurityDescriptorToStringSecurityDescriptor, icacls, sc sdshow). */
    private static final List<String> WINDOWS = List.of(
            // sc sdshow of a default service
            "D:(A;;CCLCSWRPWPDTLOCRRC;;;SY)(A;;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;BA)(A;;CCLCSWLOCRRC;;;IU)"
                    + "(A;;CCLCSWLOCRRC;;;SU)",
            // C:\Windows\System32 style and a profile folder
            "O:SYG:SYD:PAI(A;OICIIO;GA;;;CO)(A;OICIIO;GA;;;SY)(A;;0x1301bf;;;SY)(A;OICIIO;GA;;;BA)"
                    + "(A;;0x1301bf;;;BA)(A;OICIIO;GXGR;;;BU)(A;;0x1200a9;;;BU)",
            "O:BAG:S-1-5-21-1-2-3-513D:PAI(A;OICIID;FA;;;SY)(A;OICIID;FA;;;BA)(A;OICIID;FA;;;S-1-5-21-1-2-3-1000)",
            // a registry key
            "O:BAG:SYD:PAI(A;CIIO;KA;;;CO)(A;CI;KA;;;SY)(A;CI;KA;;;BA)(A;CI;KR;;;BU)",
            // the MS-DTYP 2.5.1.4 example without its SACL
            "O:BAG:BAD:P(A;OICI;GXGR;;;BU)(A;OICI;GA;;;BA)(A;OICI;GA;;;SY)(A;OICI;GA;;;CO)",
            "O:LSG:NSD:NO_ACCESS_CONTROL",
            "O:OWG:CGD:(D;;SDWDWO;;;AN)(A;;RPWPCR;;;AU)(A;;CCDC;;;WD)(A;FA;GW;;;NU)");

    @Test
    void windowsStringsPrintBackUnchanged() {
        for (String s : WINDOWS) {
            SecurityDescriptor sd = Sddl.parse(s);
            assertEquals(s, Sddl.print(sd), s);
            assertEquals(sd, SecurityDescriptor.fromBytes(sd.toBytes()), s);
        }
    }

    @Test
    void parsesTheMsDtypExampleToTheExpectedModel() {
        SecurityDescriptor sd = Sddl.parse("O:BAG:BAD:P(A;CIOI;GRGX;;;BU)(A;CIOI;GA;;;BA)");
        assertEquals(WellKnownSids.BUILTIN_ADMINISTRATORS, sd.owner());
        assertEquals(WellKnownSids.BUILTIN_ADMINISTRATORS, sd.group());
        assertEquals(SecurityDescriptor.SE_SELF_RELATIVE | SecurityDescriptor.SE_DACL_PRESENT
                | SecurityDescriptor.SE_DACL_PROTECTED, sd.control());
        assertEquals(Acl.of(
                new Ace(AceType.ACCESS_ALLOWED, Ace.OBJECT_INHERIT | Ace.CONTAINER_INHERIT,
                        AccessMask.GENERIC_READ | AccessMask.GENERIC_EXECUTE, WellKnownSids.BUILTIN_USERS),
                new Ace(AceType.ACCESS_ALLOWED, 3, AccessMask.GENERIC_ALL, WellKnownSids.BUILTIN_ADMINISTRATORS)),
                sd.dacl());
    }

    @Test
    void daclCases() {
        assertNull(Sddl.parse("O:BA").dacl());
        assertTrue(!Sddl.parse("O:BA").daclPresent());
        SecurityDescriptor nullDacl = Sddl.parse("D:NO_ACCESS_CONTROL");
        assertTrue(nullDacl.daclPresent());
        assertNull(nullDacl.dacl());
        assertEquals(Acl.of(), Sddl.parse("D:").dacl());
        assertEquals(SecurityDescriptor.SE_DACL_AUTO_INHERIT_REQ | SecurityDescriptor.SE_DACL_AUTO_INHERITED
                | SecurityDescriptor.SE_DACL_PROTECTED | SecurityDescriptor.SE_DACL_PRESENT
                | SecurityDescriptor.SE_SELF_RELATIVE, Sddl.parse("D:PARAI").control());
    }

    @Test
    void sidsRightsAndFlagsInEveryForm() {
        SecurityDescriptor sd = Sddl.parse("O:S-1-5-21-1-2-3-1000G:S-1-0x123456789ABC-7D:(A;0x13;0x1F01FF;;;"
                + "S-1-5-21-1-2-3-1000)(a;oi;fa;;;wd)(D;;268435456;;;SY)");
        assertEquals(ALICE, sd.owner());
        assertEquals(Sid.of(0x123456789ABCL, 7), sd.group());
        assertEquals(new Ace(AceType.ACCESS_ALLOWED, 0x13, 0x1F01FF, ALICE), sd.dacl().aces().get(0));
        assertEquals(new Ace(AceType.ACCESS_ALLOWED, 1, 0x1F01FF, WellKnownSids.WORLD), sd.dacl().aces().get(1));
        assertEquals(new Ace(AceType.ACCESS_DENIED, 0, AccessMask.GENERIC_ALL, WellKnownSids.LOCAL_SYSTEM),
                sd.dacl().aces().get(2));
        assertEquals("O:S-1-5-21-1-2-3-1000G:S-1-0x123456789ABC-7D:(A;OICIID;FA;;;S-1-5-21-1-2-3-1000)"
                + "(A;OI;FA;;;WD)(D;;GA;;;SY)", Sddl.print(sd));
        // The existing Ace.toSddl form (hex flags) is accepted too.
        Ace ace = new Ace(AceType.ACCESS_DENIED, 0x23, AccessMask.GENERIC_READ, WellKnownSids.WORLD);
        assertEquals(Acl.of(ace), Sddl.parse("D:" + ace.toSddl()).dacl());
        assertEquals("(D;0x23;GR;;;WD)", Sddl.printAce(ace));
        assertEquals(Acl.of(ace), Sddl.parse("D:" + Sddl.printAce(ace)).dacl());
    }

    @Test
    void rightsPrintAsWindowsDoes() {
        assertEquals("FA", Sddl.printRights(0x1F01FF));
        assertEquals("FR", Sddl.printRights(0x120089));
        assertEquals("KA", Sddl.printRights(0xF003F));
        assertEquals("KR", Sddl.printRights(0x20019));
        assertEquals("GXGR", Sddl.printRights(AccessMask.GENERIC_READ | AccessMask.GENERIC_EXECUTE));
        assertEquals("CCDCLCSWRPWPDTLOCRSDRCWDWO", Sddl.printRights(0xF01FF));
        assertEquals("0x1200a9", Sddl.printRights(0x1200A9));
        assertEquals("0x0", Sddl.printRights(0));
    }

    @Test
    void errorsNameThePosition() {
        assertError("O:XX", 2, "unknown SID alias");
        assertError("O:BAG:BAD:(A;;FA;;;BA", 21, "expected ')'");
        assertError("D:(Z;;FA;;;BA)", 3, "unsupported ACE type");
        assertError("D:(A;QQ;FA;;;BA)", 5, "unknown ACE flag");
        assertError("D:(A;;FAZZ;;;BA)", 8, "unknown right");
        assertError("D:(A;;0x100000000;;;BA)", 6, "bad hex");
        assertError("D:(A;;FA;abc;;BA)", 12, "object GUIDs");
        assertError("D:(A;;FA;;;S-1-5-x)", 17, "in SID");
        assertError("S:(AU;FA;GA;;;WD)", 0, "SACL");
        assertError("O:BAO:SY", 4, "O: given twice");
        assertError("Q:BA", 0, "expected O:");
        assertError("D:(A;;FA;;;BA;x)", 13, "resource attributes");
        assertError("O:S-1-5-21-", 2, "SID");
    }

    private static void assertError(String sddl, int position, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sddl.parse(sddl), sddl);
        assertTrue(e.getMessage().startsWith("SDDL position " + position + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void randomDescriptorsRoundTripThroughSddlAndBinary() {
        Random r = new Random(20);
        Sid[] sids = {ALICE, WellKnownSids.WORLD, WellKnownSids.LOCAL_SYSTEM, WellKnownSids.OWNER_RIGHTS,
            Sid.of(0x123456789ABCL), Sid.of(5, 21, -1, 7), WellKnownSids.BUILTIN_ADMINISTRATORS};
        int[] controls = {SecurityDescriptor.SE_DACL_PROTECTED, SecurityDescriptor.SE_DACL_AUTO_INHERITED,
            SecurityDescriptor.SE_DACL_AUTO_INHERIT_REQ};
        for (int i = 0; i < 2000; i++) {
            Sid owner = r.nextInt(4) == 0 ? null : sids[r.nextInt(sids.length)];
            Sid group = r.nextInt(4) == 0 ? null : sids[r.nextInt(sids.length)];
            int control = 0;
            Acl dacl = null;
            if (r.nextInt(5) != 0) {
                control |= SecurityDescriptor.SE_DACL_PRESENT;
                for (int c : controls) {
                    control |= r.nextBoolean() ? c : 0;
                }
                if (r.nextInt(6) != 0) {
                    Ace[] aces = new Ace[r.nextInt(5)];
                    for (int k = 0; k < aces.length; k++) {
                        int mask = switch (r.nextInt(3)) {
                            case 0 -> r.nextInt();
                            case 1 -> 0x1F01FF;
                            default -> 1 << r.nextInt(32);
                        };
                        aces[k] = new Ace(r.nextBoolean() ? AceType.ACCESS_ALLOWED : AceType.ACCESS_DENIED,
                                r.nextInt(256), mask, sids[r.nextInt(sids.length)]);
                    }
                    dacl = Acl.of(aces);
                }
            }
            SecurityDescriptor sd = new SecurityDescriptor(control, owner, group, dacl);
            String text = Sddl.print(sd);
            assertEquals(sd, Sddl.parse(text), text);
            assertEquals(sd, SecurityDescriptor.fromBytes(sd.toBytes()), text);
        }
    }
}
