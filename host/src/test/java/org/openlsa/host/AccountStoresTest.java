package org.openlsa.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.crypto.NtOwf;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.sam.AccountStore;
import org.openlsa.sam.DomainProvisioning;

/**
 * The host opens the account store through the store SPI: ServiceLoader finds the SQLite store, which no class of the
 * host names; without a provider the error names what is missing, as a state problem.
 */
class AccountStoresTest {
    @TempDir
    Path dir;

    @Test
    void serviceLoaderFindsTheSqliteStoreForAStateDirectory() throws Exception {
        StateLayout layout = StateLayout.of(dir);
        assertEquals("sqlite", AccountStores.installed().providerFor(layout.storeLocation()).name());
        assertEquals("org.openlsa.store.sqlite.internal.SqliteStoreProvider",
                AccountStores.installed().providerFor(layout.storeLocation()).getClass().getName());
    }

    @Test
    void withoutAProviderTheErrorNamesTheMissingStore() {
        StateLayout layout = StateLayout.of(dir);
        StateException e = assertThrows(StateException.class,
                () -> AccountStores.of(List.of()).providerFor(layout.storeLocation()));
        assertTrue(e.getMessage().contains(layout.storeLocation().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("installed: none"), e.getMessage());
        assertTrue(e.getMessage().contains("org.openlsa.store.sqlite"), e.getMessage());
    }

    @Test
    void createProvisionOpenAndDelete() throws Exception {
        StateLayout layout = StateLayout.of(dir);
        AccountStores stores = AccountStores.installed();
        try (AccountStore store = stores.create(layout)) {
            provision(store);
        }
        assertTrue(layout.isInitialized(), "the store is the layout's database file");
        try (AccountStore store = stores.open(layout)) {
            assertEquals("HOSTTEST", store.domain().name());
        }
        LsaException again = assertThrows(LsaException.class, () -> stores.create(layout));
        assertEquals(NtStatus.OBJECT_NAME_COLLISION, again.status(), "an existing store is never overwritten");

        stores.delete(layout);
        assertFalse(layout.isInitialized());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.toList(), "the database and its -wal/-shm are gone");
        }
    }

    @Test
    void openingAnUninitializedOrUnprovisionedDirectoryIsAStateProblem() throws Exception {
        StateLayout layout = StateLayout.of(dir);
        StateException none = assertThrows(StateException.class, () -> AccountStores.installed().open(layout));
        assertTrue(none.getMessage().contains("run 'lsa init"), none.getMessage());

        AccountStores.installed().create(layout).close(); // a store without a domain: an init that never finished
        StateException empty = assertThrows(StateException.class, () -> AccountStores.installed().open(layout));
        assertTrue(empty.getMessage().contains("holds no usable account domain"), empty.getMessage());
    }

    static void provision(AccountStore store) throws LsaException {
        try (SecretBytes hash = NtOwf.ntOwfV1("Adm1n-Passw0rd!".toCharArray())) {
            DomainProvisioning.provision(store, "HOSTTEST", "HOSTTEST", DomainProvisioning.randomDomainSid(
                    new Random(3)), hash, Instant.parse("2026-11-18T10:00:00Z"));
        }
    }
}
