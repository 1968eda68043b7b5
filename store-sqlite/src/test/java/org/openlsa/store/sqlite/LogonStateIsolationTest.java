package org.openlsa.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openlsa.core.Sid;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.sam.DomainProvisioning;
import org.openlsa.sam.LogonState;
import org.openlsa.sam.UserAccount;

/** Logon counters change only through updateLogonState: an administrative edit from a stale copy cannot reset them. */
class LogonStateIsolationTest {
    @TempDir
    Path dir;

    @Test
    void updateUserFromAStaleCopyKeepsTheBadPasswordCount() throws Exception {
        try (SqliteAccountStore store = SqliteAccountStore.open(dir.resolve("sam.db"));
             SecretBytes hash = SecretBytes.copyOf(new byte[16])) {
            Sid domain = Sid.parse("S-1-5-21-1-2-3");
            DomainProvisioning.provision(store, "DOM", "HOST", domain, hash, Instant.EPOCH);
            UserAccount stale = UserAccount.newAccount(domain, store.allocateRid(), "victim").build();
            store.createUser(stale, Optional.empty());
            store.updateLogonState(stale.rid(), s -> new LogonState(3, Optional.of(Instant.EPOCH), Optional.empty(),
                    Optional.empty(), 0));
            UserAccount after = store.updateUser(stale.rid(), x -> stale.toBuilder().fullName("Renamed").build());
            assertEquals("Renamed", after.fullName());
            assertEquals(3, after.logonState().badPasswordCount());
            assertEquals(3, store.findUser(stale.rid()).orElseThrow().logonState().badPasswordCount());
        }
    }
}
