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

    /**
     * Two creators racing on one location (two {@code lsa init} at once): exactly one gets the store, the other is
     * refused as a collision, and the winner's database is still there and usable afterwards. A check-then-open create
     * let both through to the same file, and the loser's cleanup could delete the winner's database.
     */
    @Test
    void ofTwoRacingCreatorsExactlyOneWins() throws Exception {
        AccountStoreProvider p = provider();
        for (int round = 0; round < 25; round++) {
            URI location = dir.resolve("race-" + round + ".db").toUri();
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                List<java.util.concurrent.Future<AccountStore>> attempts = new java.util.ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    attempts.add(pool.submit(() -> {
                        start.await();
                        return p.create(location);
                    }));
                }
                int won = 0;
                for (var attempt : attempts) {
                    try {
                        attempt.get().close();
                        won++;
                    } catch (java.util.concurrent.ExecutionException e) {
                        LsaException refused = assertInstanceOf(LsaException.class, e.getCause());
                        assertEquals(NtStatus.OBJECT_NAME_COLLISION, refused.status());
                    }
                }
                assertEquals(1, won, "round " + round + ": creators that got a store");
                try (AccountStore store = p.open(location)) {
                    assertInstanceOf(SqliteAccountStore.class, store, "the winner's database is intact");
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void createNeverOpensWhatIsAlreadyThereEvenALink() throws Exception {
        AccountStoreProvider p = provider();
        Path existing = dir.resolve("existing.db");
        Files.writeString(existing, "not a database");
        LsaException e = assertThrows(LsaException.class, () -> p.create(existing.toUri()));
        assertEquals(NtStatus.OBJECT_NAME_COLLISION, e.status());
        assertEquals("not a database", Files.readString(existing), "left as it was");
        Path link = dir.resolve("link.db");
        Files.createSymbolicLink(link, dir.resolve("nowhere.db"));
        assertEquals(NtStatus.OBJECT_NAME_COLLISION, assertThrows(LsaException.class, () -> p.create(link.toUri()))
                .status(), "a dangling link is not followed to create its target");
        assertFalse(Files.exists(dir.resolve("nowhere.db")));
    }
}
