package org.openlsa.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openlsa.core.Sid;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.sam.DomainProvisioning;
import org.openlsa.sam.LogonState;
import org.openlsa.sam.UserAccount;

/**
 * rewriteLogonState, the stand-in write an unknown user's refusal spends (issue 17): it must commit something, as a
 * counted bad password does, and leave the state as it was. A second connection's PRAGMA data_version moves only
 * when another connection commits changed pages, so it tells a real commit from an UPDATE that changed no byte.
 */
class RewriteLogonStateTest {
    @TempDir
    Path dir;

    @Test
    void commitsARealChangeAndLeavesTheStateAsItWas() throws Exception {
        Path file = dir.resolve("sam.db");
        try (SqliteAccountStore store = SqliteAccountStore.open(file);
             SecretBytes hash = SecretBytes.copyOf(new byte[16])) {
            DomainProvisioning.provision(store, "DOM", "HOST", Sid.parse("S-1-5-21-1-2-3"), hash, Instant.EPOCH);
            LogonState before = store.updateLogonState(UserAccount.RID_GUEST, s -> new LogonState(2,
                    Optional.of(Instant.EPOCH), Optional.empty(), Optional.of(Instant.EPOCH), 7));
            try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file)) {
                long v0 = dataVersion(other);
                store.updateLogonState(UserAccount.RID_GUEST, UnaryOperator.identity());
                assertEquals(v0, dataVersion(other), "an unchanged write commits nothing: no stand-in for a count");
                store.rewriteLogonState(UserAccount.RID_GUEST);
                assertNotEquals(v0, dataVersion(other), "the rewrite commits changed pages, as a count does");
            }
            assertEquals(before, store.findUser(UserAccount.RID_GUEST).orElseThrow().logonState());
        }
    }

    private static long dataVersion(Connection c) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA data_version")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
