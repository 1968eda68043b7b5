package org.openlsa.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * New objects' DACLs from their parents', by the inheritance rules Microsoft documents ("ACE inheritance rules",
 * MS-DTYP 2.5.3.4): what NTFS shows (icacls) for a file and a folder created under a folder with these ACEs.
 */
class PrivateObjectSecurityTest {
    private static final Sid ALICE = Sid.parse("S-1-5-21-1-2-3-1000");
    private static final Sid STAFF = Sid.parse("S-1-5-21-1-2-3-2000");
    private static final GenericMapping FILE = GenericMapping.FILE;

    private static AccessToken alice(Acl defaultDacl) {
        AccessToken.Builder b = AccessToken.builder().tokenId(new Luid(0x20001)).authenticationId(new Luid(0x10001))
                .type(TokenType.PRIMARY).user(ALICE).groups(List.of(new SidAndAttributes(STAFF,
                        GroupAttributes.DEFAULT))).owner(ALICE).primaryGroup(STAFF)
                .source(new TokenSource("Advapi", new Luid(0x30001)));
        if (defaultDacl != null) {
            b.defaultDacl(defaultDacl);
        }
        return b.build();
    }

    private static String child(String parentDacl, boolean container) {
        SecurityDescriptor parent = Sddl.parse("O:SYG:SY" + parentDacl);
        SecurityDescriptor sd = PrivateObjectSecurity.create(parent, null, container, false, alice(null), FILE);
        return Sddl.print(new SecurityDescriptor(sd.control() & ~SecurityDescriptor.SE_DACL_AUTO_INHERITED, null,
                null, sd.dacl()));
    }

    private static String dacl(String sddl) {
        return Sddl.print(Sddl.parse(sddl));
    }

    @Test
    void objectAndContainerInheritGoesToFilesAndFoldersAndOnFromFolders() {
        assertEquals(dacl("D:(A;ID;FA;;;SY)"), child("D:(A;OICI;FA;;;SY)", false));
        assertEquals(dacl("D:(A;OICIID;FA;;;SY)"), child("D:(A;OICI;FA;;;SY)", true));
    }

    @Test
    void objectInheritAloneIsInheritOnlyOnFolders() {
        assertEquals(dacl("D:(A;ID;FA;;;BU)"), child("D:(A;OI;FA;;;BU)", false));
        assertEquals(dacl("D:(A;OIIOID;FA;;;BU)"), child("D:(A;OI;FA;;;BU)", true));
    }

    @Test
    void containerInheritAloneSkipsFiles() {
        // Nothing to inherit: the token's default DACL, and without one (here) no DACL at all.
        assertEquals(dacl("D:NO_ACCESS_CONTROL"), child("D:(A;CI;FA;;;BU)", false));
        assertEquals(dacl("D:(A;CIID;FA;;;BU)"), child("D:(A;CI;FA;;;BU)", true));
    }

    @Test
    void noPropagateStopsAtTheFirstGeneration() {
        assertEquals(dacl("D:(A;ID;FA;;;BU)"), child("D:(A;OICINP;FA;;;BU)", false));
        assertEquals(dacl("D:(A;ID;FA;;;BU)"), child("D:(A;OICINP;FA;;;BU)", true));
        assertEquals(dacl("D:NO_ACCESS_CONTROL"), child("D:(A;OINP;FA;;;BU)", true), "OI+NP: nothing for a folder");
    }

    @Test
    void creatorOwnerBecomesTheOwnerWithGenericRightsMappedAndStaysInheritableOnFolders() {
        assertEquals(dacl("D:(A;ID;FA;;;" + ALICE + ")"), child("D:(A;OICIIO;GA;;;CO)", false));
        assertEquals(dacl("D:(A;ID;FA;;;" + ALICE + ")(A;OICIIOID;GA;;;CO)"), child("D:(A;OICIIO;GA;;;CO)", true));
        assertEquals(dacl("D:(A;ID;FR;;;" + STAFF + ")"), child("D:(A;OI;GR;;;CG)", false));
    }

    @Test
    void aGenericInheritableAceSplitsInTwoOnFolders() {
        assertEquals(dacl("D:(A;ID;FR;;;BU)(A;OICIIOID;GR;;;BU)"), child("D:(A;OICI;GR;;;BU)", true));
        assertEquals(dacl("D:(A;ID;FR;;;BU)"), child("D:(A;OICI;GR;;;BU)", false));
    }

    @Test
    void explicitAcesWithoutInheritanceFlagsAndDenyOrderStay() {
        assertEquals(dacl("D:(D;ID;FW;;;BG)(A;ID;FA;;;SY)"), child("D:(A;;FA;;;BA)(D;OICI;FW;;;BG)(A;OICI;FA;;;SY)",
                false), "an ACE without inheritance flags is not inherited; order is kept");
    }

    @Test
    void theCreatorsDaclWinsWithoutAutoInheritAndJoinsWithIt() {
        SecurityDescriptor parent = Sddl.parse("O:SYG:SYD:(A;OICI;FA;;;SY)");
        SecurityDescriptor creator = Sddl.parse("D:(A;;GR;;;WD)");
        SecurityDescriptor plain = PrivateObjectSecurity.create(parent, creator, false, false, alice(null), FILE);
        assertEquals(dacl("D:(A;;FR;;;WD)"), Sddl.print(new SecurityDescriptor(SecurityDescriptor.SE_DACL_PRESENT, null,
                null, plain.dacl())));
        assertEquals(ALICE, plain.owner(), "the token's owner when the creator names none");
        assertEquals(STAFF, plain.group());
        SecurityDescriptor auto = PrivateObjectSecurity.create(parent, creator, false, true, alice(null), FILE);
        assertEquals(List.of(new Ace(AceType.ACCESS_ALLOWED, 0, FILE.genericRead(), WellKnownSids.WORLD),
                new Ace(AceType.ACCESS_ALLOWED, Ace.INHERITED, FILE.genericAll(), WellKnownSids.LOCAL_SYSTEM)),
                auto.dacl().aces(), "explicit first, then inherited");
        assertTrue((auto.control() & SecurityDescriptor.SE_DACL_AUTO_INHERITED) != 0);
        SecurityDescriptor guarded = PrivateObjectSecurity.create(parent, Sddl.parse("D:P(A;;GR;;;WD)"), false, true,
                alice(null), FILE);
        assertEquals(1, guarded.dacl().aces().size(), "a protected DACL inherits nothing");
    }

    @Test
    void withNothingToInheritTheTokensDefaultDaclElseANullDacl() {
        Acl def = Acl.of(Ace.allow(AccessMask.GENERIC_ALL, ALICE));
        SecurityDescriptor sd = PrivateObjectSecurity.create(Sddl.parse("O:SYG:SYD:(A;;FA;;;SY)"), null, false, false,
                alice(def), FILE);
        assertEquals(def, sd.dacl());
        assertNull(PrivateObjectSecurity.create(null, null, true, false, alice(null), FILE).dacl());
    }

    @Test
    void whatAliceGetsOnHerNewFileFollowsAccessCheck() {
        SecurityDescriptor folder = Sddl.parse("O:SYG:SYD:(A;OICI;FA;;;SY)(A;OICIIO;GA;;;CO)(A;OICI;0x1200a9;;;BU)");
        SecurityDescriptor file = PrivateObjectSecurity.create(folder, null, false, false, alice(null), FILE);
        AccessToken token = alice(null);
        assertEquals(FILE.genericAll(), AccessCheck.check(file, token, AccessMask.MAXIMUM_ALLOWED, FILE)
                .grantedAccess(), "CREATOR OWNER made her the full owner of what she creates");
    }
}
