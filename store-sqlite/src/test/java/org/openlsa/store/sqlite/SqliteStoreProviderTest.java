package org.openlsa.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.sam.AccountStore;
import org.openlsa.sam.spi.AccountStoreProvider;

/** The SQLite store as the store SPI's provider of {@code file:} locations, found by ServiceLoader. */
class SqliteStoreProviderTest {
    @TempDir
    Path dir;

    private static AccountStoreProvider provider() {
        List<AccountStoreProvider> found = ServiceLoader.load(AccountStoreProvider.class).stream()
                .map(ServiceLoader.Provider::get).filter(p -> p.name().equals("sqlite")).toList();
        assertEquals(1, found.size(), "one sqlite provider registered");
        return found.getFirst();
    }

    @Test
    void handlesFileLocationsOnly() {
        AccountStoreProvider p = provider();
        assertTrue(p.handles(dir.resolve("sam.db").toUri()));
        assertFalse(p.handles(URI.create("postgresql://db.example.com/openlsa")));
    }

    @Test
    void createsOpensAndDeletes() throws Exception {
        AccountStoreProvider p = provider();
        URI location = dir.resolve("sam.db").toUri();
        LsaException missing = assertThrows(LsaException.class, () -> p.open(location));
        assertEquals(NtStatus.OBJECT_NAME_NOT_FOUND, missing.status(), "opening never creates");
        assertFalse(Files.exists(dir.resolve("sam.db")));

        try (AccountStore store = p.create(location)) {
            assertInstanceOf(SqliteAccountStore.class, store);
        }
        LsaException twice = assertThrows(LsaException.class, () -> p.create(location));
        assertEquals(NtStatus.OBJECT_NAME_COLLISION, twice.status());
        try (AccountStore store = p.open(location)) {
            assertInstanceOf(SqliteAccountStore.class, store);
        }

        Files.writeString(dir.resolve("sam.db-wal"), ""); // as a crashed process may leave them
        Files.writeString(dir.resolve("sam.db-shm"), "");
        Files.writeString(dir.resolve("other.db"), "");
        p.delete(location);
        try (var files = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("other.db")), files.toList(), "the database and its companions only");
        }
    }
}
