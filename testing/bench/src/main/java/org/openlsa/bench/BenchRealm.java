package org.openlsa.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.openlsa.core.LsaException;
import org.openlsa.core.Luid;
import org.openlsa.core.SecurityLogonType;
import org.openlsa.core.TokenSource;
import org.openlsa.engine.LogonRequest;
import org.openlsa.engine.LsaEngine;
import org.openlsa.msv1_0.Msv1_0Package;
import org.openlsa.store.sqlite.SqliteAccountStore;
import org.openlsa.testkit.TestRealm;

/**
 * A provisioned SQLite realm with {@code userCount} users ({@code bench0}, {@code bench1}, ...) and an in-process
 * engine with MSV1_0 over it, in a fresh directory under {@code parent}. Closing it closes engine and store and
 * deletes the directory.
 */
final class BenchRealm implements AutoCloseable {
    static final String PASSWORD = "Corr3ct-Horse-Battery";
    private static final TokenSource SOURCE = new TokenSource("OpenLSA", new Luid(77));

    final Path directory;
    final SqliteAccountStore store;
    final LsaEngine engine;

    private BenchRealm(Path directory, SqliteAccountStore store, LsaEngine engine) {
        this.directory = directory;
        this.store = store;
        this.engine = engine;
    }

    /** Limits so high that a measurement holding many handles and buffers never meets QUOTA_EXCEEDED. */
    static BenchRealm open(Path parent, int userCount) throws LsaException, IOException {
        Path dir = Files.createTempDirectory(parent, "openlsa-bench-");
        SqliteAccountStore store = SqliteAccountStore.open(dir.resolve("accounts.db"));
        try {
            Instant now = Instant.now();
            TestRealm.provision(store, now);
            for (int i = 0; i < userCount; i++) {
                TestRealm.addUser(store, userName(i), PASSWORD, now);
            }
            LsaEngine engine = LsaEngine.builder(store).addPackage(new Msv1_0Package())
                    .limits(Long.MAX_VALUE / 2, Integer.MAX_VALUE, Integer.MAX_VALUE)
                    .build();
            return new BenchRealm(dir, store, engine);
        } catch (LsaException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    static String userName(int i) {
        return "bench" + i;
    }

    /** An interactive MSV1_0 logon request for user {@code i} with the right password. */
    static LogonRequest interactiveRequest(int msv, int i) {
        return new LogonRequest("bench", SecurityLogonType.INTERACTIVE, msv,
                TestRealm.interactiveLogon(TestRealm.DOMAIN, userName(i), PASSWORD), Optional.empty(), SOURCE);
    }

    /**
     * Where the database goes: {@code tmpfs} is /dev/shm (no real fsync), {@code disk} is java.io.tmpdir unless the
     * system property openlsa.bench.diskDir names another directory.
     */
    static Path parentFor(String storage) {
        return switch (storage) {
            case "tmpfs" -> {
                Path shm = Path.of("/dev/shm");
                if (!Files.isDirectory(shm) || !Files.isWritable(shm)) {
                    throw new IllegalStateException("storage=tmpfs needs a writable /dev/shm");
                }
                yield shm;
            }
            case "disk" -> Path.of(System.getProperty("openlsa.bench.diskDir", System.getProperty("java.io.tmpdir")));
            default -> throw new IllegalArgumentException("storage is disk or tmpfs, not " + storage);
        };
    }

    @Override
    public void close() {
        engine.close();
        store.close();
        deleteTree(directory);
    }

    /** Removes a benchmark's directory and everything in it. */
    static void deleteTree(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
