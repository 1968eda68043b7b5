package org.openlsa.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AccessCheck: one case per rule, each of which would fail without it. */
class AccessCheckTest {
    private static final Sid ALICE = Sid.parse("S-1-5-21-1-2-3-1000");
    private static final Sid BOB = Sid.parse("S-1-5-21-1-2-3-1001");
    private static final Sid STAFF = Sid.parse("S-1-5-21-1-2-3-2000");
    private static final Sid DENYONLY = Sid.parse("S-1-5-21-1-2-3-2001");
    private static final Sid DISABLED = Sid.parse("S-1-5-21-1-2-3-2002");
    private static final GenericMapping FILE = GenericMapping.FILE;
    private static final int READ = FILE.genericRead();
    private static final int WRITE = FILE.genericWrite();
    private static final int ALL = FILE.genericAll();

    private static AccessToken.Builder alice() {
        return AccessToken.builder()
                .tokenId(new Luid(0x20001))
                .authenticationId(new Luid(0x10001))
                .type(TokenType.PRIMARY)
                .user(ALICE)
                .groups(List.of(
                        new SidAndAttributes(STAFF, GroupAttributes.DEFAULT),
                        new SidAndAttributes(WellKnownSids.WORLD, GroupAttributes.DEFAULT),
                        new SidAndAttributes(DENYONLY, GroupAttributes.USE_FOR_DENY_ONLY),
                        new SidAndAttributes(DISABLED, GroupAttributes.MANDATORY)))
                .owner(ALICE)
                .primaryGroup(STAFF)
                .source(new TokenSource("Advapi", new Luid(0x30001)));
    }

    private static AccessToken withPrivilege(Privilege p, int attributes) {
        return alice().privileges(List.of(new PrivilegeAndAttributes(p, attributes))).build();
    }

    private static SecurityDescriptor sd(String sddl) {
        return Sddl.parse(sddl).withGenericRightsMapped(FILE);
    }

    private static AccessCheck.Result check(String sddl, AccessToken token, int desired) {
        return AccessCheck.check(sd(sddl), token, desired, FILE);
    }

    private static void granted(int expected, AccessCheck.Result r) {
        assertEquals(NtStatus.SUCCESS, r.status(), () -> "status " + r.status());
        assertEquals(expected, r.grantedAccess(), () -> Integer.toHexString(r.grantedAccess()));
    }

    private static void denied(NtStatus status, AccessCheck.Result r) {
        assertEquals(status, r.status());
        assertEquals(0, r.grantedAccess());
        assertFalse(r.granted());
    }

    @Test
    void allowAceGrantsWhatItNames() {
        granted(READ, check("O:BAG:BAD:(A;;FR;;;" + ALICE + ")", alice().build(), READ));
        denied(NtStatus.ACCESS_DENIED, check("O:BAG:BAD:(A;;FR;;;" + ALICE + ")", alice().build(), WRITE));
    }

    @Test
    void genericDesiredAccessIsMappedFirst() {
        // GENERIC_READ desired becomes FILE_GENERIC_READ, which the FR ACE grants: the result is the mapped mask.
        granted(READ, check("O:BAG:BAD:(A;;FR;;;WD)", alice().build(), AccessMask.GENERIC_READ));
        denied(NtStatus.ACCESS_DENIED, check("O:BAG:BAD:(A;;FR;;;WD)", alice().build(), AccessMask.GENERIC_WRITE));
    }

    @Test
    void aceGenericRightsCountOnlyOnceMapped() {
        // As in Windows: an unmapped GA ACE grants no specific right; SecurityDescriptor maps it when asked to.
        SecurityDescriptor raw = Sddl.parse("O:BAG:BAD:(A;;GA;;;WD)");
        denied(NtStatus.ACCESS_DENIED, AccessCheck.check(raw, alice().build(), READ, FILE));
        granted(READ, AccessCheck.check(raw.withGenericRightsMapped(FILE), alice().build(), READ, FILE));
    }

    @Test
    void maximumAllowedReturnsEverythingGranted() {
        granted(READ | AccessMask.DELETE,
                check("O:BAG:BAD:(A;;FR;;;WD)(A;;SD;;;" + STAFF + ")", alice().build(), AccessMask.MAXIMUM_ALLOWED));
        // Other bits asked for with it must still all be granted.
        denied(NtStatus.ACCESS_DENIED,
                check("O:BAG:BAD:(A;;FR;;;WD)", alice().build(), AccessMask.MAXIMUM_ALLOWED | AccessMask.DELETE));
        denied(NtStatus.ACCESS_DENIED, check("O:BAG:BAD:", alice().build(), AccessMask.MAXIMUM_ALLOWED));
    }

    @Test
    void nullDaclGrantsEverything() {
        granted(WRITE | READ, check("O:BAG:BAD:NO_ACCESS_CONTROL", alice().build(), WRITE | READ));
        granted(ALL, check("O:BAG:BAD:NO_ACCESS_CONTROL", alice().build(), AccessMask.MAXIMUM_ALLOWED));
        // No DACL at all is the same.
        granted(ALL, check("O:BAG:BA", alice().build(), AccessMask.GENERIC_ALL));
    }

    @Test
    void emptyDaclGrantsNothing() {
        denied(NtStatus.ACCESS_DENIED, check("O:BAG:BAD:", alice().build(), AccessMask.SYNCHRONIZE));
    }

    @Test
    void acesAreReadInOrderAndDenyOnlyDeniesBitsNotYetGranted() {
        String deny = "(D;;FW;;;" + ALICE + ")";
        String allow = "(A;;FA;;;" + ALICE + ")";
        denied(NtStatus.ACCESS_DENIED, check("O:BAG:BAD:" + deny + allow, alice().build(), WRITE));
        granted(WRITE, check("O:BAG:BAD:" + allow + deny, alice().build(), WRITE));
        // The deny removes its bits from MAXIMUM_ALLOWED, the rest of the later allow stays.
        granted(ALL & ~WRITE,
                check("O:BAG:BAD:" + deny + allow, alice().build(), AccessMask.MAXIMUM_ALLOWED));
    }

    @Test
    void onlyEnabledGroupsCountForAllow() {
        denied(NtStatus.ACCESS_DENIED, check("O:BAG:BAD:(A;;FR;;;" + DENYONLY + ")", alice().build(), READ));
        denied(NtStatus.ACCESS_DENIED, check("O:BAG:BAD:(A;;FR;;;" + DISABLED + ")", alice().build(), READ));
        granted(READ, check("O:BAG:BAD:(A;;FR;;;" + STAFF + ")", alice().build(), READ));
    }

    @Test
    void denyOnlyGroupsCountForDenyButDisabledOnesDoNot() {
        String allow = "(A;;FA;;;WD)";
        denied(NtStatus.ACCESS_DENIED, check("O:BAG:BAD:(D;;SD;;;" + DENYONLY + ")" + allow, alice().build(),
                AccessMask.DELETE));
        granted(AccessMask.DELETE, check("O:BAG:BAD:(D;;SD;;;" + DISABLED + ")" + allow, alice().build(),
                AccessMask.DELETE));
    }

    @Test
    void aDenyOnlyUserGetsNothingFromAllowAces() {
        AccessToken t = alice().user(new SidAndAttributes(ALICE, GroupAttributes.USE_FOR_DENY_ONLY)).owner(ALICE).build();
        denied(NtStatus.ACCESS_DENIED, check("O:BAG:BAD:(A;;FR;;;" + ALICE + ")", t, READ));
    }

    @Test
    void inheritOnlyAcesAreSkipped() {
        denied(NtStatus.ACCESS_DENIED, check("O:BAG:BAD:(A;OICIIO;FR;;;WD)", alice().build(), READ));
        granted(READ, check("O:BAG:BAD:(D;OICIIO;FR;;;WD)(A;;FR;;;WD)", alice().build(), READ));
        // Inheritable but not inherit-only: it applies here too.
        granted(READ, check("O:BAG:BAD:(A;OICI;FR;;;WD)", alice().build(), READ));
    }

    @Test
    void theOwnerMayAlwaysReadAndChangeTheDacl() {
        String owned = "O:" + ALICE + "G:BAD:";
        granted(AccessMask.READ_CONTROL | AccessMask.WRITE_DAC,
                check(owned, alice().build(), AccessMask.READ_CONTROL | AccessMask.WRITE_DAC));
        denied(NtStatus.ACCESS_DENIED, check(owned, alice().build(), AccessMask.DELETE));
        granted(AccessMask.READ_CONTROL | AccessMask.WRITE_DAC, check(owned, alice().build(), AccessMask.MAXIMUM_ALLOWED));
        // Not the owner: nothing.
        denied(NtStatus.ACCESS_DENIED, check("O:" + BOB + "G:BAD:", alice().build(), AccessMask.READ_CONTROL));
        // Owned through an enabled group.
        granted(AccessMask.WRITE_DAC, check("O:" + STAFF + "G:BAD:", alice().build(), AccessMask.WRITE_DAC));
        // A deny ACE cannot take the implicit rights away: they are granted before the DACL is read.
        granted(AccessMask.WRITE_DAC, check(owned + "(D;;WD;;;" + ALICE + ")", alice().build(), AccessMask.WRITE_DAC));
    }

    @Test
    void anOwnerRightsAceReplacesTheImplicitOwnerRights() {
        String owned = "O:" + ALICE + "G:BAD:";
        denied(NtStatus.ACCESS_DENIED, check(owned + "(A;;RC;;;OW)", alice().build(), AccessMask.WRITE_DAC));
        granted(AccessMask.READ_CONTROL, check(owned + "(A;;RC;;;OW)", alice().build(), AccessMask.READ_CONTROL));
        // The OWNER RIGHTS ACE applies to the owner only.
        denied(NtStatus.ACCESS_DENIED, check("O:" + BOB + "G:BAD:(A;;RC;;;OW)", alice().build(), AccessMask.READ_CONTROL));
        // An inherit-only OWNER RIGHTS ACE does not count: the implicit rights stay.
        granted(AccessMask.WRITE_DAC, check(owned + "(A;IO;RC;;;OW)", alice().build(), AccessMask.WRITE_DAC));
    }

    @Test
    void takeOwnershipPrivilegeGrantsWriteOwner() {
        String sd = "O:" + BOB + "G:BAD:";
        denied(NtStatus.ACCESS_DENIED, check(sd, alice().build(), AccessMask.WRITE_OWNER));
        granted(AccessMask.WRITE_OWNER, check(sd, withPrivilege(Privilege.SE_TAKE_OWNERSHIP, PrivilegeAttributes.ENABLED),
                AccessMask.WRITE_OWNER));
        // Held but not enabled: nothing.
        denied(NtStatus.ACCESS_DENIED, check(sd, withPrivilege(Privilege.SE_TAKE_OWNERSHIP, 0), AccessMask.WRITE_OWNER));
        // Only when asked for by name: MAXIMUM_ALLOWED alone does not bring it in.
        granted(READ, check("O:" + BOB + "G:BAD:(A;;FR;;;WD)",
                withPrivilege(Privilege.SE_TAKE_OWNERSHIP, PrivilegeAttributes.ENABLED), AccessMask.MAXIMUM_ALLOWED));
    }

    @Test
    void accessSystemSecurityNeedsSecurityPrivilege() {
        String sd = "O:BAG:BAD:(A;;0x1000000;;;WD)";
        denied(NtStatus.PRIVILEGE_NOT_HELD, check(sd, alice().build(), AccessMask.ACCESS_SYSTEM_SECURITY));
        denied(NtStatus.PRIVILEGE_NOT_HELD, check("O:BAG:BAD:NO_ACCESS_CONTROL", alice().build(),
                AccessMask.ACCESS_SYSTEM_SECURITY));
        granted(AccessMask.ACCESS_SYSTEM_SECURITY, check("O:BAG:BAD:", withPrivilege(Privilege.SE_SECURITY,
                PrivilegeAttributes.ENABLED), AccessMask.ACCESS_SYSTEM_SECURITY));
        // MAXIMUM_ALLOWED does not include it.
        granted(READ, check("O:BAG:BAD:(A;;FR;;;WD)", withPrivilege(Privilege.SE_SECURITY, PrivilegeAttributes.ENABLED),
                AccessMask.MAXIMUM_ALLOWED));
    }

    @Test
    void backupAndRestoreGrantOnlyWithBackupIntent() {
        SecurityDescriptor sd = sd("O:BAG:BAD:");
        AccessToken backup = withPrivilege(Privilege.SE_BACKUP, PrivilegeAttributes.ENABLED);
        AccessToken restore = withPrivilege(Privilege.SE_RESTORE, PrivilegeAttributes.ENABLED);
        denied(NtStatus.ACCESS_DENIED, AccessCheck.check(sd, backup, READ, FILE));
        granted(READ, AccessCheck.check(sd, backup, READ, FILE, true));
        denied(NtStatus.ACCESS_DENIED, AccessCheck.check(sd, backup, WRITE, FILE, true));
        denied(NtStatus.ACCESS_DENIED, AccessCheck.check(sd, restore, WRITE, FILE));
        granted(WRITE | AccessMask.DELETE | AccessMask.WRITE_OWNER,
                AccessCheck.check(sd, restore, WRITE | AccessMask.DELETE | AccessMask.WRITE_OWNER, FILE, true));
        denied(NtStatus.ACCESS_DENIED, AccessCheck.check(sd, restore, READ, FILE, true));
        denied(NtStatus.ACCESS_DENIED,
                AccessCheck.check(sd, withPrivilege(Privilege.SE_BACKUP, 0), READ, FILE, true));
        // MAXIMUM_ALLOWED with backup intent takes all the read rights, without ACCESS_SYSTEM_SECURITY.
        granted(READ, AccessCheck.check(sd, backup, AccessMask.MAXIMUM_ALLOWED, FILE, true));
        granted(READ | AccessMask.ACCESS_SYSTEM_SECURITY,
                AccessCheck.check(sd, backup, READ | AccessMask.ACCESS_SYSTEM_SECURITY, FILE, true));
    }

    @Test
    void anAnonymousTokenCannotBeCheckedButAnIdentificationTokenCan() {
        for (ImpersonationLevel level : ImpersonationLevel.values()) {
            AccessToken t = alice().type(TokenType.IMPERSONATION).impersonationLevel(level).build();
            AccessCheck.Result r = check("O:BAG:BAD:(A;;FR;;;WD)", t, READ);
            if (level == ImpersonationLevel.ANONYMOUS) {
                denied(NtStatus.BAD_IMPERSONATION_LEVEL, r);
            } else {
                granted(READ, r);
            }
        }
    }

    @Test
    void aDescriptorWithoutOwnerOrGroupIsInvalid() {
        denied(NtStatus.INVALID_SECURITY_DESCR, check("G:BAD:(A;;FR;;;WD)", alice().build(), READ));
        denied(NtStatus.INVALID_SECURITY_DESCR, check("O:BAD:(A;;FR;;;WD)", alice().build(), READ));
    }

    @Test
    void nothingDesiredIsDenied() {
        denied(NtStatus.ACCESS_DENIED, check("O:BAG:BAD:(A;;FA;;;WD)", alice().build(), 0));
    }

    @Test
    void aWindowsFileDaclAnswersAsWindowsDoes() {
        // A typical inherited NTFS DACL (icacls / Get-Acl form) for a user's profile folder.
        String sddl = "O:" + ALICE + "G:" + STAFF + "D:PAI(A;OICIID;FA;;;SY)(A;OICIID;FA;;;BA)(A;OICIID;FA;;;"
                + ALICE + ")";
        granted(ALL, check(sddl, alice().build(), AccessMask.MAXIMUM_ALLOWED));
        AccessToken bob = alice().user(BOB).owner(BOB).build();
        // Bob is not in the DACL but owns nothing either: only the groups count, and none is listed.
        denied(NtStatus.ACCESS_DENIED, check(sddl, bob, AccessMask.GENERIC_READ));
        List<SidAndAttributes> admin = new ArrayList<>(bob.groups());
        admin.add(new SidAndAttributes(WellKnownSids.BUILTIN_ADMINISTRATORS, GroupAttributes.DEFAULT));
        granted(ALL, check(sddl, bob.toBuilder().groups(admin).build(), AccessMask.GENERIC_ALL));
        // A UAC-filtered admin carries Administrators deny-only: no access.
        admin.set(admin.size() - 1, new SidAndAttributes(WellKnownSids.BUILTIN_ADMINISTRATORS,
                GroupAttributes.USE_FOR_DENY_ONLY));
        denied(NtStatus.ACCESS_DENIED, check(sddl, bob.toBuilder().groups(admin).build(), AccessMask.GENERIC_READ));
        assertTrue(check(sddl, alice().build(), READ).granted());
    }
}
