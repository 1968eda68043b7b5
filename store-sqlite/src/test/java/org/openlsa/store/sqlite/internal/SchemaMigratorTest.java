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

    private static final Migration NEXT = new Migration(Schema.STEPS.size() + 1, "add a nickname", List.of(
            "ALTER TABLE users ADD COLUMN nickname TEXT", "UPDATE users SET nickname = 'nick'"));

    private static List<Migration> withNext(Migration next) {
        List<Migration> steps = new java.util.ArrayList<>(Schema.STEPS);
        steps.add(next);
        return steps;
    }

    private Path currentFileWithAUser() throws LsaException {
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
        Path file = currentFileWithAUser();
        SchemaMigrator newer = new SchemaMigrator(withNext(NEXT));
        try (Database db = Database.open(file)) {
            newer.migrate(db);
            newer.migrate(db); // a current file: no-op, in particular no "duplicate column" failure
        }
        String next = String.valueOf(NEXT.version());
        assertEquals(next, RawDatabase.query(file, "PRAGMA user_version"));
        assertEquals("nick", RawDatabase.query(file, "SELECT nickname FROM users WHERE name = 'alice'"));
        // and the released code, which knows one version less, now refuses the file
        LsaException e = assertThrows(LsaException.class, () -> SqliteAccountStore.open(file));
        assertEquals(NtStatus.NOT_SUPPORTED, e.status());
        assertTrue(e.getMessage().contains("version " + next) && e.getMessage().contains("up to " + Schema.STEPS.size()),
                e.getMessage());
    }

    /** A database written before NTLM network logons gets the NTLM defaults and no LM hashes (step 2). */
    @Test
    void aVersion1FileGetsTheNtlmDefaults() throws Exception {
        Path file = currentFileWithAUser();
        // Take the file back to version 1: the columns step 2 added are dropped.
        RawDatabase.execute(file, "ALTER TABLE users DROP COLUMN lm_hash");
        for (String c : List.of("ntlm_level", "lanman_auth", "anonymous_logon")) {
            RawDatabase.execute(file, "ALTER TABLE domain DROP COLUMN " + c);
        }
        RawDatabase.execute(file, "PRAGMA user_version = 1");
        try (SqliteAccountStore store = SqliteAccountStore.open(file)) {
            assertEquals(org.openlsa.sam.NtlmPolicy.DEFAULT, store.domain().policy().ntlm());
            assertTrue(store.lmHash(1000).isEmpty());
            assertTrue(store.findUser("alice").isPresent());
        }
        assertEquals("2", RawDatabase.query(file, "PRAGMA user_version"));
    }

    @Test
    void aFailingStepLeavesTheFileAtTheOlderVersion() throws Exception {
        Path file = currentFileWithAUser();
        Migration broken = new Migration(NEXT.version(), "broken", List.of("CREATE TABLE half_done (x INTEGER)",
                "NOT SQL AT ALL"));
        try (Database db = Database.open(file)) {
            LsaException e = assertThrows(LsaException.class, () -> new SchemaMigrator(withNext(broken)).migrate(db));
            assertEquals(NtStatus.INTERNAL_ERROR, e.status());
        }
        assertEquals(String.valueOf(Schema.STEPS.size()), RawDatabase.query(file, "PRAGMA user_version"));
        assertEquals("0", RawDatabase.query(file, "SELECT count(*) FROM sqlite_master WHERE name = 'half_done'"));
        try (SqliteAccountStore store = SqliteAccountStore.open(file)) {
            assertTrue(store.findUser("alice").isPresent());
        }
    }

    @Test
    void stepsMustBeNumberedWithoutGaps() {
        assertThrows(IllegalArgumentException.class, () -> new SchemaMigrator(List.of(NEXT)));
    }
}
