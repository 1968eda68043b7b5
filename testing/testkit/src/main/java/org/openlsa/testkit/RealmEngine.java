package org.openlsa.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Random;
import org.openlsa.core.LsaException;
import org.openlsa.engine.LsaEngine;
import org.openlsa.host.LsaHost;
import org.openlsa.host.StateException;
import org.openlsa.host.StateLayout;
import org.openlsa.sam.AccountStore;

/**
 * The test realm of a state directory (provisioned on first open) with the state directory's LSA over it
 * ({@link LsaHost}), as every conformance fixture needs one: MSV1_0, the given clock and limits, a fixed random seed,
 * no audit log.
 */
public record RealmEngine(LsaHost host) implements AutoCloseable {

    public static RealmEngine open(Path stateDir, InstantSource clock, SuiteLimits limits) throws LsaException {
        StateLayout layout = StateLayout.of(stateDir);
        try {
            if (!layout.isInitialized()) {
                TestRealm.provision(layout, clock.instant());
            }
            return new RealmEngine(LsaHost.open(layout, LsaHost.Options.defaults().withClock(clock)
                    .withRandom(new Random(7)).withAudit(false).withPackages(LsaHost.PackageKind.MSV1_0)
                    .withLimits(limits.returnBufferQuotaBytes(), limits.maxReturnBuffers(), limits.maxHandles())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (StateException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    public AccountStore store() {
        return host.store();
    }

    public LsaEngine engine() {
        return host.engine();
    }

    /** Closes the engine (ending its sessions), then the store. */
    @Override
    public void close() {
        host.close();
    }
}
