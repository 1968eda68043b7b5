package org.openlsa.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openlsa.client.LsaClient;
import org.openlsa.core.Luid;
import org.openlsa.engine.LsaConnection;
import org.openlsa.engine.LsaEngine;
import org.openlsa.msv1_0.Msv1_0Package;
import org.openlsa.store.sqlite.SqliteAccountStore;
import org.openlsa.testkit.TestRealm;

/** Thousands of clients at once: each is served (a virtual thread each), and all are released when they leave. */
class ManyClientsTest {
    private static final int CLIENTS = 2000;

    @TempDir
    Path dir;

    @Test
    void twoThousandSimultaneousClientsAreServedAndReleased() throws Exception {
        try (SqliteAccountStore store = SqliteAccountStore.open(dir.resolve("sam.db"))) {
            TestRealm.provision(store, TestRealm.START);
            try (LsaEngine engine = LsaEngine.builder(store).addPackage(new Msv1_0Package()).random(new Random(3)).build()) {
                LsaDaemon daemon = LsaDaemon.start(engine, LsaDaemon.Options.defaults(dir));
                try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                    CountDownLatch allConnected = new CountDownLatch(CLIENTS);
                    CountDownLatch release = new CountDownLatch(1);
                    List<Future<List<Luid>>> answers = new ArrayList<>();
                    for (int i = 0; i < CLIENTS; i++) {
                        answers.add(pool.submit(() -> {
                            try (LsaClient client = LsaClient.of(daemon.socketPath());
                                 LsaConnection c = client.connectUntrusted(null)) {
                                allConnected.countDown();
                                release.await(); // hold the connection open until every client has one
                                return c.enumerateLogonSessions();
                            }
                        }));
                    }
                    boolean connected = allConnected.await(60, TimeUnit.SECONDS);
                    int serving = daemon.clientCount();
                    release.countDown(); // before any assertion: a failure must not leave the clients waiting
                    assertTrue(connected, (CLIENTS - allConnected.getCount()) + " of " + CLIENTS + " clients connected");
                    assertEquals(CLIENTS, serving);
                    for (Future<List<Luid>> f : answers) {
                        assertTrue(f.get(120, TimeUnit.SECONDS).contains(Luid.SYSTEM));
                    }
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (daemon.clientCount() > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertEquals(0, daemon.clientCount(), "every connection was released");
                daemon.close();
                assertTrue(!Files.exists(dir.resolve("lsad.sock")));
            }
        }
    }
}
