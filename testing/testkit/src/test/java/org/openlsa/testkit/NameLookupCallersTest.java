package org.openlsa.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openlsa.core.AccessToken;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.core.WellKnownSids;
import org.openlsa.engine.LookupSidsResult;
import org.openlsa.engine.LsaConnection;
import org.openlsa.engine.LsaEngine;
import org.openlsa.msv1_0.Msv1_0Package;
import org.openlsa.store.sqlite.SqliteAccountStore;

/**
 * Who may use LsaLookupSids / LsaLookupNames (docs/lsa-behaviour.md): every caller the daemon serves, a Unix user
 * without an account included, but not ANONYMOUS LOGON. In-process only: no OS user can be anonymous to the daemon.
 */
class NameLookupCallersTest {
    @TempDir
    Path dir;

    @Test
    void aUnixUserWithoutAnAccountTranslatesAndAnAnonymousCallerMayNot() throws Exception {
        try (SqliteAccountStore store = SqliteAccountStore.open(dir.resolve("sam.db"))) {
            TestRealm.provision(store, TestRealm.START);
            try (LsaEngine lsa = LsaEngine.builder(store).addPackage(new Msv1_0Package()).random(new Random(3)).build()) {
                AccessToken unix = lsa.tokenForUnixCaller(1234, 4321);
                try (LsaConnection c = lsa.connectUntrusted(unix)) {
                    LookupSidsResult r = c.lookupSids(List.of(unix.user().sid(), unix.primaryGroup(),
                            WellKnownSids.BUILTIN_ADMINISTRATORS));
                    assertEquals(List.of("Unix User\\1234", "Unix Group\\4321", "BUILTIN\\Administrators"),
                            List.of(r.qualifiedName(0), r.qualifiedName(1), r.qualifiedName(2)));
                    assertEquals(NtStatus.SUCCESS, r.status());
                }
                AccessToken anonymous = lsa.systemToken().toBuilder().user(WellKnownSids.ANONYMOUS)
                        .primaryGroup(WellKnownSids.ANONYMOUS).build();
                try (LsaConnection c = lsa.connectUntrusted(anonymous)) {
                    LsaException e = assertThrows(LsaException.class, () -> c.lookupSids(List.of(WellKnownSids.WORLD)));
                    assertEquals(NtStatus.ACCESS_DENIED, e.status());
                    e = assertThrows(LsaException.class, () -> c.lookupNames(List.of("Everyone")));
                    assertEquals(NtStatus.ACCESS_DENIED, e.status());
                }
            }
        }
    }
}
