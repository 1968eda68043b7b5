package org.openlsa.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openlsa.store.sqlite.TestDomain.user;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;

/** The file: creation, pragmas, reopening, and refusing what this release cannot read. */
class SchemaTest {
    @TempDir
    Path dir;

    @Test
    void aFreshFileIsTheLatestVersionInWalModeAndOwnerOnly() throws Exception {
        Path file = dir.resolve("sam.db");
        try (SqliteAccountStore store = SqliteAccountStore.open(file)) {
            assertEquals("4", RawDatabase.query(file, "PRAGMA user_version"));
            assertEquals("wal", RawDatabase.query(file, "PRAGMA journal_mode"));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertEquals(1000, store.allocateRid());
        }
    }

    @Test
    void dataSurvivesReopenAndReopeningMigratesNothing() throws Exception {
        Path file = dir.resolve("sam.db");
        try (SqliteAccountStore store = TestDomain.openWithDomain(file)) {
            store.createUser(user(store.allocateRid(), "alice"), Optional.of(TestDomain.hash(3)));
        }
        for (int i = 0; i < 3; i++) {
            try (SqliteAccountStore store = SqliteAccountStore.open(file)) {
                assertEquals(TestDomain.DOMAIN, store.domain());
                assertEquals(1000, store.findUser("alice").orElseThrow().rid());
                assertTrue(store.ntHash(1000).isPresent());
                assertEquals(1001 + i, store.allocateRid());
            }
            assertEquals("4", RawDatabase.query(file, "PRAGMA user_version"));
        }
    }

    @Test
    void aNewerSchemaVersionIsRefusedNamingBothVersions() throws Exception {
        Path file = dir.resolve("sam.db");
        SqliteAccountStore.open(file).close();
        RawDatabase.execute(file, "PRAGMA user_version = 99");
        LsaException e = assertThrows(LsaException.class, () -> SqliteAccountStore.open(file));
        assertEquals(NtStatus.NOT_SUPPORTED, e.status());
        assertTrue(e.getMessage().contains("schema version 99"), e.getMessage());
        assertTrue(e.getMessage().contains("up to 4"), e.getMessage());
        assertEquals("99", RawDatabase.query(file, "PRAGMA user_version"), "the refused file is left alone");
    }

    @Test
    void aMissingDirectoryIsNotCreated() {
        Path file = dir.resolve("no/such/dir/sam.db");
        LsaException e = assertThrows(LsaException.class, () -> SqliteAccountStore.open(file));
        assertEquals(NtStatus.INVALID_PARAMETER, e.status());
        assertTrue(Files.notExists(dir.resolve("no")));
    }

    @Test
    void aFileThatIsNotADatabaseIsAStorageError() throws Exception {
        Path file = dir.resolve("garbage.db");
        Files.write(file, "this is not an SQLite database, just some text long enough to fill a header".repeat(20)
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        LsaException e = assertThrows(LsaException.class, () -> SqliteAccountStore.open(file));
        assertEquals(NtStatus.INTERNAL_ERROR, e.status());
    }

    @Test
    void replacedAndDeletedHashesDoNotLingerInTheFile() throws Exception {
        Path file = dir.resolve("sam.db");
        byte[] first = java.util.HexFormat.of().parseHex("8846f7eaee8fb117ad06bdd830b7586c");
        byte[] second = java.util.HexFormat.of().parseHex("0cb6948805f797bf2a82807973b89537");
        try (SqliteAccountStore store = TestDomain.openWithDomain(file)) {
            store.createUser(user(1000, "alice"), Optional.of(org.openlsa.crypto.SecretBytes.copyOf(first)));
            store.createUser(user(1001, "bob"), Optional.of(org.openlsa.crypto.SecretBytes.copyOf(second)));
            store.setNtHash(1000, Optional.empty());
            store.deleteUser(1001);
        }
        // closing the last connection checkpoints the WAL into the main file and removes it
        byte[] content = Files.readAllBytes(file);
        assertEquals(-1, indexOf(content, first), "the replaced hash is still in the file");
        assertEquals(-1, indexOf(content, second), "the deleted user's hash is still in the file");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
