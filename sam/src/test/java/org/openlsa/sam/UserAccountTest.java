package org.openlsa.sam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openlsa.core.Sid;

class UserAccountTest {

    @Test
    void sidWithoutSubAuthoritiesIsAnArgumentError() {
        assertThrows(IllegalArgumentException.class, () -> new UserAccount(0, Sid.parse("S-1-5"), "x", "", "", Set.of(),
                Optional.empty(), Optional.empty(), LogonHours.ALWAYS, List.of(), "", "", "", "", 513, OptionalLong.empty(),
                LogonState.NEW));
    }
    private static final Sid DOMAIN = Sid.parse("S-1-5-21-100-200-300");

    private static UserAccount raw(long rid, Sid sid) {
        return new UserAccount(rid, sid, "alice", "", "", Set.of(), Optional.empty(), Optional.empty(),
                LogonHours.ALWAYS, List.of(), "", "", "", "", UserAccount.RID_DOMAIN_USERS, OptionalLong.empty(),
                LogonState.NEW);
    }

    @Test
    void newAccountDefaults() {
        UserAccount u = UserAccount.newAccount(DOMAIN, 1000, "alice").build();
        assertEquals(DOMAIN.append(1000), u.sid());
        assertEquals(1000, u.rid());
        assertEquals(Set.of(), u.flags());
        assertEquals(LogonHours.ALWAYS, u.logonHours());
        assertEquals(List.of(), u.workstations());
        assertEquals(UserAccount.RID_DOMAIN_USERS, u.primaryGroupRid());
        assertEquals(LogonState.NEW, u.logonState());
        assertEquals(Optional.empty(), u.passwordLastSet());
        assertFalse(u.isBuiltinAdministrator());
        assertTrue(UserAccount.newAccount(DOMAIN, 500, "Administrator").build().isBuiltinAdministrator());
    }

    @Test
    void sidMustEndWithTheRid() {
        assertEquals(1000, raw(1000, DOMAIN.append(1000)).rid());
        assertEquals(1000, raw(1000, Sid.parse("S-1-5-32").append(1000)).rid());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> raw(1001, DOMAIN.append(1000)));
        assertTrue(e.getMessage().contains("1001"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> raw(-1, DOMAIN.append(1000)));
        assertThrows(IllegalArgumentException.class, () -> raw(1L << 32, DOMAIN.append(0)));
        assertEquals(4294967295L, raw(4294967295L, DOMAIN.append(4294967295L)).rid());
    }

    @Test
    void nameIsValidated() {
        assertThrows(IllegalArgumentException.class, () -> UserAccount.newAccount(DOMAIN, 1000, "a/b").build());
        assertThrows(IllegalArgumentException.class, () -> UserAccount.newAccount(DOMAIN, 1000, "x".repeat(21)).build());
        assertThrows(IllegalArgumentException.class, () -> UserAccount.newAccount(DOMAIN, 1000, "").build());
    }

    @ParameterizedTest
    @ValueSource(strings = {"H:", "z:", ""})
    void goodHomeDrives(String drive) {
        assertEquals(drive, UserAccount.newAccount(DOMAIN, 1000, "alice").homeDirectoryDrive(drive).build().homeDirectoryDrive());
    }

    @ParameterizedTest
    @ValueSource(strings = {"H", "HH:", "1:", "H:\\", ":", " H:", "\u00c4:"})
    void badHomeDrives(String drive) {
        assertThrows(IllegalArgumentException.class,
                () -> UserAccount.newAccount(DOMAIN, 1000, "alice").homeDirectoryDrive(drive).build());
    }

    @Test
    void badWorkstationsAreRejected() {
        for (String w : List.of("", "a,b", " WS1", "WS1 ", "x".repeat(256))) {
            assertThrows(IllegalArgumentException.class,
                    () -> UserAccount.newAccount(DOMAIN, 1000, "alice").workstations(List.of("OK", w)).build(), w);
        }
        assertEquals(List.of("x".repeat(255)),
                UserAccount.newAccount(DOMAIN, 1000, "alice").workstations(List.of("x".repeat(255))).build().workstations());
    }

    @Test
    void unixUidRange() {
        assertEquals(OptionalLong.of(0), UserAccount.newAccount(DOMAIN, 1000, "alice").unixUid(OptionalLong.of(0)).build().unixUid());
        assertEquals(OptionalLong.of(4294967295L),
                UserAccount.newAccount(DOMAIN, 1000, "alice").unixUid(OptionalLong.of(4294967295L)).build().unixUid());
        assertThrows(IllegalArgumentException.class,
                () -> UserAccount.newAccount(DOMAIN, 1000, "alice").unixUid(OptionalLong.of(-1)).build());
        assertThrows(IllegalArgumentException.class,
                () -> UserAccount.newAccount(DOMAIN, 1000, "alice").unixUid(OptionalLong.of(1L << 32)).build());
    }

    @Test
    void stringsAreBounded() {
        assertThrows(IllegalArgumentException.class,
                () -> UserAccount.newAccount(DOMAIN, 1000, "alice").fullName("x".repeat(32768)).build());
        assertThrows(NullPointerException.class,
                () -> UserAccount.newAccount(DOMAIN, 1000, "alice").homeDirectory(null).build());
        assertEquals(32767, UserAccount.newAccount(DOMAIN, 1000, "alice").profilePath("x".repeat(32767)).build()
                .profilePath().length());
    }

    @Test
    void collectionsAreCopiedAndImmutable() {
        List<String> ws = new ArrayList<>(List.of("WS1"));
        EnumSet<AccountFlag> flags = EnumSet.of(AccountFlag.DISABLED);
        UserAccount u = new UserAccount(1000, DOMAIN.append(1000), "alice", "", "", flags, Optional.empty(),
                Optional.empty(), LogonHours.ALWAYS, ws, "", "", "", "", 513, OptionalLong.empty(), LogonState.NEW);
        ws.add("WS2");
        flags.add(AccountFlag.PASSWORD_NEVER_EXPIRES);
        assertEquals(List.of("WS1"), u.workstations());
        assertEquals(Set.of(AccountFlag.DISABLED), u.flags());
        assertThrows(UnsupportedOperationException.class, () -> u.workstations().add("X"));
        assertThrows(UnsupportedOperationException.class, () -> u.flags().add(AccountFlag.DISABLED));
    }

    @Test
    void toBuilderRoundTrips() {
        UserAccount u = UserAccount.newAccount(DOMAIN, 1000, "alice").fullName("Alice").flag(AccountFlag.DISABLED, true)
                .workstations(List.of("WS1")).homeDirectoryDrive("H:").unixUid(OptionalLong.of(1000)).build();
        assertEquals(u, u.toBuilder().build());
        assertFalse(u.toBuilder().flag(AccountFlag.DISABLED, false).build().has(AccountFlag.DISABLED));
        assertTrue(u.has(AccountFlag.DISABLED));
    }

    @Test
    void workstationMatching() {
        UserAccount u = UserAccount.newAccount(DOMAIN, 1000, "alice").workstations(List.of("WS1", "Laptop")).build();
        assertTrue(u.allowsWorkstation("ws1"));
        assertTrue(u.allowsWorkstation("LAPTOP"));
        assertFalse(u.allowsWorkstation("WS10"));
        assertTrue(UserAccount.newAccount(DOMAIN, 1000, "alice").build().allowsWorkstation("anything"));
    }

    @Test
    void accountFlagBits() {
        assertEquals(0x2 | 0x10000, AccountFlag.toBits(EnumSet.of(AccountFlag.DISABLED, AccountFlag.PASSWORD_NEVER_EXPIRES)));
        assertEquals(EnumSet.of(AccountFlag.MUST_CHANGE_PASSWORD), AccountFlag.fromBits(0x00800000 | 0x1 | 0x200));
        for (AccountFlag f : AccountFlag.values()) {
            assertEquals(Set.of(f), AccountFlag.fromBits(AccountFlag.toBits(Set.of(f))));
        }
    }

    /** The Kerberos UF_ bits, as MS-ADTS 2.2.16 and ADS_USER_FLAG_ENUM number them. */
    @Test
    void kerberosFlagBits() {
        assertEquals(0x00080000, AccountFlag.TRUSTED_FOR_DELEGATION.bit());
        assertEquals(0x00100000, AccountFlag.NOT_DELEGATED.bit());
        assertEquals(0x00200000, AccountFlag.USE_DES_KEY_ONLY.bit());
        assertEquals(0x00400000, AccountFlag.DONT_REQUIRE_PREAUTH.bit());
        assertEquals(0x01000000, AccountFlag.TRUSTED_TO_AUTH_FOR_DELEGATION.bit());
        assertEquals(EnumSet.of(AccountFlag.DISABLED, AccountFlag.DONT_REQUIRE_PREAUTH),
                AccountFlag.fromBits(0x2 | 0x200 | 0x400000 | 0x02000000));
    }
}
