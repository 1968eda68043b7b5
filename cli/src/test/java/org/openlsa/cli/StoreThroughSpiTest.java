package org.openlsa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.openlsa.host.AccountStores;
import org.openlsa.host.StateLayout;

/**
 * The CLI opens its store through the store SPI: its module does not require the SQLite store, which is still
 * installed beside it (runtime scope) and found by ServiceLoader.
 */
class StoreThroughSpiTest {
    @Test
    void theCliModuleDoesNotRequireTheSqliteStore() {
        ModuleDescriptor cli = ModuleFinder.of(Path.of("target/classes")).find("org.openlsa.cli").orElseThrow()
                .descriptor();
        assertFalse(cli.requires().stream().anyMatch(r -> r.name().equals("org.openlsa.store.sqlite")),
                cli.requires().toString());
    }

    @Test
    void theSqliteStoreIsFoundAtRunTime() throws Exception {
        StateLayout layout = StateLayout.of(Path.of("target/state-not-created"));
        assertEquals("sqlite", AccountStores.installed().providerFor(layout.storeLocation()).name());
    }
}
