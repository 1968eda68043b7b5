package org.openlsa.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Random;
import org.openlsa.core.LsaException;
import org.openlsa.engine.LsaEngine;
import org.openlsa.msv1_0.Msv1_0Package;
import org.openlsa.msv1_0.SubAuthConfiguration;
import org.openlsa.store.sqlite.SqliteAccountStore;

/**
 * The test realm of a state directory (provisioned on first open) with an engine over it, as every conformance
 * fixture needs one: MSV1_0, the given clock and limits, a fixed random seed.
 */
public record RealmEngine(SqliteAccountStore store, LsaEngine engine) implements AutoCloseable {

    public static RealmEngine open(Path stateDir, InstantSource clock, SuiteLimits limits) throws LsaException {
        Path db = stateDir.resolve("sam.db");
        boolean fresh = !Files.exists(db);
        SqliteAccountStore store = SqliteAccountStore.open(db);
        try {
            if (fresh) {
                TestRealm.provision(store, clock.instant());
            }
            LsaEngine engine = LsaEngine.builder(store)
                    .addPackage(new Msv1_0Package(SubAuthConfiguration.load(stateDir))).clock(clock).random(new Random(7))
                    .limits(limits.returnBufferQuotaBytes(), limits.maxReturnBuffers(), limits.maxHandles()).build();
            return new RealmEngine(store, engine);
        } catch (java.io.IOException e) {
            store.close();
            throw new java.io.UncheckedIOException(e);
        } catch (LsaException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** Closes the engine (ending its sessions), then the store. */
    @Override
    public void close() {
        engine.close();
        store.close();
    }
}
