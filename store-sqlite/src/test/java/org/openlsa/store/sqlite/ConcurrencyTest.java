package org.openlsa.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openlsa.sam.LogonState;

/** Concurrent read-modify-write through one store and through two stores (two connections) on one file. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ConcurrencyTest {
    private static final int THREADS = 16;
    private static final int ROUNDS = 50;

    @TempDir
    Path dir;

    private static LogonState plusOne(LogonState s) {
        return new LogonState(s.badPasswordCount() + 1, s.badPasswordTime(), s.lockoutTime(), s.lastLogon(),
                s.logonCount());
    }

    private static <T> List<T> runAll(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> t : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return t.call();
                }));
            }
            start.countDown();
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get(100, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void logonCountersAreExactUnderContention() throws Exception {
        try (SqliteAccountStore store = TestDomain.openWithDomain(dir.resolve("sam.db"))) {
            store.createUser(TestDomain.user(1000, "alice"), Optional.empty());
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                tasks.add(() -> {
                    for (int i = 0; i < ROUNDS; i++) {
                        store.updateLogonState(1000, ConcurrencyTest::plusOne);
                    }
                    return null;
                });
            }
            runAll(tasks);
            assertEquals(THREADS * ROUNDS, store.findUser(1000).orElseThrow().logonState().badPasswordCount());
        }
    }

    @Test
    void twoStoresOnOneFileStayExactAndAllocateDistinctRids() throws Exception {
        Path file = dir.resolve("sam.db");
        try (SqliteAccountStore a = TestDomain.openWithDomain(file); SqliteAccountStore b = SqliteAccountStore.open(file)) {
            a.createUser(TestDomain.user(1000, "alice"), Optional.empty());
            List<Callable<List<Long>>> tasks = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                SqliteAccountStore s = t % 2 == 0 ? a : b;
                tasks.add(() -> {
                    List<Long> rids = new ArrayList<>();
                    for (int i = 0; i < 25; i++) {
                        s.updateLogonState(1000, ConcurrencyTest::plusOne);
                        rids.add(s.allocateRid());
                    }
                    return rids;
                });
            }
            Set<Long> all = new HashSet<>();
            int count = 0;
            for (List<Long> rids : runAll(tasks)) {
                all.addAll(rids);
                count += rids.size();
            }
            assertEquals(count, all.size(), "no RID handed out twice");
            assertTrue(all.stream().allMatch(r -> r > 1000));
            assertEquals(100, b.findUser(1000).orElseThrow().logonState().badPasswordCount());
        }
    }
}
