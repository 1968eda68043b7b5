package org.openlsa.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openlsa.core.AccessToken;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.core.Privilege;
import org.openlsa.core.Sid;
import org.openlsa.core.SidAndAttributes;
import org.openlsa.core.TokenType;
import org.openlsa.core.WellKnownSids;
import org.openlsa.engine.LsaConnection;
import org.openlsa.engine.LsaEngine;
import org.openlsa.msv1_0.Msv1_0Package;
import org.openlsa.sam.AccountFlag;
import org.openlsa.sam.AccountRight;
import org.openlsa.sam.UserAccount;
import org.openlsa.store.sqlite.SqliteAccountStore;

/** The tokens the daemon will give its callers, from their kernel identity (uid, gid). */
class UnixCallerTokenTest {
    @TempDir
    Path dir;

    private static List<Sid> sids(AccessToken t) {
        return t.groups().stream().map(SidAndAttributes::sid).toList();
    }

    @Test
    void rootIsLocalSystemOthersAreUnixUsersOrTheirLinkedAccount() throws Exception {
        try (SqliteAccountStore store = SqliteAccountStore.open(dir.resolve("sam.db"))) {
            TestRealm.provision(store, TestRealm.START);
            try (LsaEngine lsa = LsaEngine.builder(store).addPackage(new Msv1_0Package()).random(new Random(9)).build()) {
                assertEquals(WellKnownSids.LOCAL_SYSTEM, lsa.tokenForUnixCaller(0, 0).user().sid());

                AccessToken plain = lsa.tokenForUnixCaller(1234, 4321);
                assertEquals(Sid.parse("S-1-22-1-1234"), plain.user().sid());
                assertEquals(Sid.parse("S-1-22-2-4321"), plain.primaryGroup());
                assertEquals(TokenType.PRIMARY, plain.type());
                assertTrue(sids(plain).containsAll(List.of(WellKnownSids.WORLD, WellKnownSids.INTERACTIVE,
                        WellKnownSids.LOCAL, WellKnownSids.AUTHENTICATED_USERS, WellKnownSids.BUILTIN_USERS,
                        Sid.parse("S-1-22-2-4321"))), sids(plain).toString());
                assertFalse(plain.holdsPrivilege(Privilege.SE_TCB));
                LsaException refused = assertThrows(LsaException.class, () -> lsa.registerLogonProcess(plain, "x"));
                assertEquals(NtStatus.PRIVILEGE_NOT_HELD, refused.status());

                store.grantRight(Sid.parse("S-1-22-1-1234"), AccountRight.of(Privilege.SE_TCB));
                AccessToken granted = lsa.tokenForUnixCaller(1234, 4321);
                assertTrue(granted.holdsPrivilege(Privilege.SE_TCB), "a right granted to the Unix user SID applies");
                try (LsaConnection c = lsa.registerLogonProcess(granted, "service")) {
                    assertTrue(c.isTrusted());
                }

                UserAccount alice = TestRealm.addUser(store, "alice", "Passw0rd!x", TestRealm.START,
                        b -> b.unixUid(OptionalLong.of(1001)));
                AccessToken linked = lsa.tokenForUnixCaller(1001, 1001);
                assertEquals(alice.sid(), linked.user().sid());
                assertEquals(store.domain().sid().append(UserAccount.RID_DOMAIN_USERS), linked.primaryGroup());
                assertFalse(sids(linked).contains(Sid.parse("S-1-22-2-1001")));

                store.updateUser(alice.rid(), u -> u.toBuilder().flag(AccountFlag.DISABLED, true).build());
                assertEquals(Sid.parse("S-1-22-1-1001"), lsa.tokenForUnixCaller(1001, 1001).user().sid(),
                        "a disabled account lends its uid nothing");
                assertEquals(NtStatus.INVALID_PARAMETER,
                        assertThrows(LsaException.class, () -> lsa.tokenForUnixCaller(-1, 0)).status());
            }
        }
    }
}
