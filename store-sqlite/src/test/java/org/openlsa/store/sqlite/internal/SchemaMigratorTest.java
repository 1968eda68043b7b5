package org.openlsa.store.sqlite.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.store.sqlite.RawDatabase;
import org.openlsa.store.sqlite.SqliteAccountStore;
import org.openlsa.sam.UserAccount;
import org.openlsa.core.Sid;
import org.openlsa.sam.DomainInfo;
import org.openlsa.sam.DomainPolicy;

/** Migration of an older file by a newer step list: applied once, in order, atomically per step. */
class SchemaMigratorTest {
    @TempDir
    Path dir;

    private static final Migration V2 = new Migration(2, "add a nickname", List.of(
            "ALTER TABLE users ADD COLUMN nickname TEXT", "UPDATE users SET nickname = 'nick'"));

    private Path version1FileWithAUser() throws LsaException {
        Path file = dir.resolve("sam.db");
        try (SqliteAccountStore store = SqliteAccountStore.open(file)) {
            Sid domain = Sid.of(5, 21, 1, 2, 3);
            store.createDomain(new DomainInfo("D", domain, "H", DomainPolicy.DEFAULT));
            store.createUser(UserAccount.newAccount(domain, 1000, "alice").build(), Optional.empty());
        }
        return file;
    }

    @Test
    void anOlderFileIsMigratedOnceAndKeepsItsData() throws Exception {
        Path file = version1FileWithAUser();
        SchemaMigrator newer = new SchemaMigrator(List.of(Schema.STEPS.getFirst(), V2));
        try (Database db = Database.open(file)) {
            newer.migrate(db);
            newer.migrate(db); // a current file: no-op, in particular no "duplicate column" failure
        }
        assertEquals("2", RawDatabase.query(file, "PRAGMA user_version"));
        assertEquals("nick", RawDatabase.query(file, "SELECT nickname FROM users WHERE name = 'alice'"));
        // and the released code, which knows only version 1, now refuses the file
        LsaException e = assertThrows(LsaException.class, () -> SqliteAccountStore.open(file));
        assertEquals(NtStatus.NOT_SUPPORTED, e.status());
        assertTrue(e.getMessage().contains("version 2") && e.getMessage().contains("up to 1"), e.getMessage());
    }

    @Test
    void aFailingStepLeavesTheFileAtTheOlderVersion() throws Exception {
        Path file = version1FileWithAUser();
        Migration broken = new Migration(2, "broken", List.of("CREATE TABLE half_done (x INTEGER)", "NOT SQL AT ALL"));
        try (Database db = Database.open(file)) {
            LsaException e = assertThrows(LsaException.class, () -> new SchemaMigrator(
                    List.of(Schema.STEPS.getFirst(), broken)).migrate(db));
            assertEquals(NtStatus.INTERNAL_ERROR, e.status());
        }
        assertEquals("1", RawDatabase.query(file, "PRAGMA user_version"));
        assertEquals("0", RawDatabase.query(file, "SELECT count(*) FROM sqlite_master WHERE name = 'half_done'"));
        try (SqliteAccountStore store = SqliteAccountStore.open(file)) {
            assertTrue(store.findUser("alice").isPresent());
        }
    }

    @Test
    void stepsMustBeNumberedWithoutGaps() {
        assertThrows(IllegalArgumentException.class, () -> new SchemaMigrator(List.of(V2)));
    }
}
