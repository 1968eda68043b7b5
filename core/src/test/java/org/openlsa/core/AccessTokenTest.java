package org.openlsa.core;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccessTokenTest {
    private static final Sid DOMAIN = Sid.parse("S-1-5-21-1-2-3");
    private static final Sid USER = DOMAIN.append(1000);
    private static final Sid DOMAIN_USERS = DOMAIN.append(513);
    private static final Luid SESSION = new Luid(0x10001);
    private static final Sid LOGON = WellKnownSids.logonSid(SESSION);

    private static AccessToken.Builder valid() {
        return AccessToken.builder()
                .tokenId(new Luid(0x20001))
                .authenticationId(SESSION)
                .type(TokenType.PRIMARY)
                .user(USER)
                .groups(List.of(
                        new SidAndAttributes(DOMAIN_USERS, GroupAttributes.DEFAULT),
                        new SidAndAttributes(WellKnownSids.WORLD, GroupAttributes.DEFAULT),
                        new SidAndAttributes(WellKnownSids.BUILTIN_ADMINISTRATORS, GroupAttributes.DEFAULT | GroupAttributes.OWNER),
                        new SidAndAttributes(WellKnownSids.BUILTIN_USERS, GroupAttributes.USE_FOR_DENY_ONLY | GroupAttributes.ENABLED),
                        new SidAndAttributes(WellKnownSids.INTERACTIVE, GroupAttributes.MANDATORY),
                        new SidAndAttributes(LOGON, GroupAttributes.LOGON_SID)))
                .privileges(List.of(
                        new PrivilegeAndAttributes(Privilege.SE_CHANGE_NOTIFY, PrivilegeAttributes.ENABLED | PrivilegeAttributes.ENABLED_BY_DEFAULT),
                        new PrivilegeAndAttributes(Privilege.SE_SHUTDOWN, 0),
                        new PrivilegeAndAttributes(Privilege.SE_DEBUG, PrivilegeAttributes.REMOVED)))
                .owner(USER)
                .primaryGroup(DOMAIN_USERS)
                .source(new TokenSource("Advapi", new Luid(0x30001)));
    }

    private static List<SidAndAttributes> withGroup(SidAndAttributes extra) {
        List<SidAndAttributes> g = new ArrayList<>(valid().build().groups());
        g.add(extra);
        return g;
    }

    @Test
    void validTokenBuilds() {
        AccessToken t = valid().build();
        assertEquals(USER, t.user().sid());
        assertEquals(6, t.groups().size());
        assertEquals(TokenType.PRIMARY, t.type());
        assertEquals(Optional.empty(), t.impersonationLevel());
        assertEquals(t.tokenId(), t.modifiedId());
        assertEquals(NtTime.NEVER, t.expirationTime());
        assertEquals(Optional.empty(), t.defaultDacl());
        assertThrows(UnsupportedOperationException.class, () -> t.groups().clear());
        assertThrows(UnsupportedOperationException.class, () -> t.privileges().clear());
    }

    @Test
    void duplicateGroupSidIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> valid().groups(withGroup(new SidAndAttributes(WellKnownSids.WORLD, 0))).build());
    }

    @Test
    void groupEqualToUserIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> valid().groups(withGroup(new SidAndAttributes(USER, GroupAttributes.DEFAULT))).build());
    }

    @Test
    void ownerMustBeUserOrOwnerGroup() {
        // BUILTIN\Administrators carries SE_GROUP_OWNER in valid(): allowed
        assertEquals(WellKnownSids.BUILTIN_ADMINISTRATORS,
                valid().owner(WellKnownSids.BUILTIN_ADMINISTRATORS).build().owner());
        // a group without SE_GROUP_OWNER
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> valid().owner(DOMAIN_USERS).build());
        assertTrue(e.getMessage().contains(DOMAIN_USERS.toString()));
        // a SID not in the token at all
        assertThrows(IllegalArgumentException.class, () -> valid().owner(DOMAIN.append(1001)).build());
    }

    @Test
    void primaryGroupMustBeInTheToken() {
        assertEquals(USER, valid().primaryGroup(USER).build().primaryGroup());
        assertEquals(WellKnownSids.WORLD, valid().primaryGroup(WellKnownSids.WORLD).build().primaryGroup());
        assertThrows(IllegalArgumentException.class, () -> valid().primaryGroup(DOMAIN.append(512)).build());
    }

    @Test
    void primaryTokenHasNoImpersonationLevel() {
        assertThrows(IllegalArgumentException.class,
                () -> valid().impersonationLevel(ImpersonationLevel.IMPERSONATION).build());
    }

    @Test
    void impersonationTokenNeedsALevel() {
        assertThrows(IllegalArgumentException.class, () -> valid().type(TokenType.IMPERSONATION).build());
        AccessToken t = valid().type(TokenType.IMPERSONATION).impersonationLevel(ImpersonationLevel.IDENTIFICATION).build();
        assertEquals(Optional.of(ImpersonationLevel.IDENTIFICATION), t.impersonationLevel());
    }

    @Test
    void duplicatePrivilegeIsRejected() {
        List<PrivilegeAndAttributes> p = new ArrayList<>(valid().build().privileges());
        p.add(new PrivilegeAndAttributes(Privilege.SE_SHUTDOWN, PrivilegeAttributes.ENABLED));
        assertThrows(IllegalArgumentException.class, () -> valid().privileges(p).build());
    }

    @Test
    void requiredPartsAreRequired() {
        assertThrows(NullPointerException.class, () -> valid().tokenId(null).build());
        assertThrows(NullPointerException.class, () -> valid().authenticationId(null).build());
        assertThrows(NullPointerException.class, () -> valid().type(null).build());
        assertThrows(NullPointerException.class, () -> valid().user((SidAndAttributes) null).build());
        assertThrows(NullPointerException.class, () -> valid().owner(null).build());
        assertThrows(NullPointerException.class, () -> valid().primaryGroup(null).build());
        assertThrows(NullPointerException.class, () -> valid().source(null).build());
    }

    @Test
    void logonSidIsTheLogonIdGroup() {
        assertEquals(Optional.of(new SidAndAttributes(LOGON, GroupAttributes.LOGON_SID)), valid().build().logonSid());
        List<SidAndAttributes> noLogon = valid().build().groups().stream().filter(g -> !g.sid().equals(LOGON)).toList();
        assertEquals(Optional.empty(), valid().groups(noLogon).build().logonSid());
        // only one of the two LOGON_ID bits is not a logon SID
        List<SidAndAttributes> half = new ArrayList<>(noLogon);
        half.add(new SidAndAttributes(LOGON, 0x40000000 | GroupAttributes.DEFAULT));
        assertEquals(Optional.empty(), valid().groups(half).build().logonSid());
    }

    @Test
    void holdsPrivilegeEnabledOrNotButNotRemoved() {
        AccessToken t = valid().build();
        assertTrue(t.holdsPrivilege(Privilege.SE_CHANGE_NOTIFY));
        assertTrue(t.holdsPrivilege(Privilege.SE_SHUTDOWN));   // held, disabled
        assertFalse(t.holdsPrivilege(Privilege.SE_DEBUG));     // removed
        assertFalse(t.holdsPrivilege(Privilege.SE_TCB));       // absent
    }

    @Test
    void hasEnabledSidIgnoresDenyOnlyAndDisabledGroups() {
        AccessToken t = valid().build();
        assertTrue(t.hasEnabledSid(USER));
        assertTrue(t.hasEnabledSid(DOMAIN_USERS));
        assertTrue(t.hasEnabledSid(LOGON));
        assertFalse(t.hasEnabledSid(WellKnownSids.BUILTIN_USERS), "deny-only group");
        assertFalse(t.hasEnabledSid(WellKnownSids.INTERACTIVE), "disabled group");
        assertFalse(t.hasEnabledSid(WellKnownSids.LOCAL_SYSTEM), "absent");
    }

    @Test
    void toBuilderReproducesTheToken() {
        AccessToken t = valid().defaultDacl(Acl.of(Ace.allow(AccessMask.GENERIC_ALL, USER))).build();
        AccessToken copy = t.toBuilder().build();
        assertEquals(t.groups(), copy.groups());
        assertEquals(t.privileges(), copy.privileges());
        assertEquals(t.defaultDacl(), copy.defaultDacl());
        assertEquals(t.owner(), copy.owner());
        assertDoesNotThrow(() -> t.toBuilder().type(TokenType.IMPERSONATION)
                .impersonationLevel(ImpersonationLevel.IMPERSONATION).build());
    }

    @Test
    void statisticsCountGroupsAndPrivileges() {
        TokenStatistics s = valid().build().statistics();
        assertEquals(6, s.groupCount());
        assertEquals(3, s.privilegeCount());
    }
}
