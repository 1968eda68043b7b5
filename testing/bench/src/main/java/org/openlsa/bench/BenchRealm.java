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
import org.openlsa.host.LsaHost;
import org.openlsa.host.StateException;
import org.openlsa.host.StateLayout;
import org.openlsa.sam.AccountStore;
import org.openlsa.testkit.TestRealm;

/**
 * A provisioned realm with {@code userCount} users ({@code bench0}, {@code bench1}, ...) in a fresh state directory
 * under {@code parent}, and its LSA ({@link LsaHost}) with MSV1_0 alone and no audit log. Closing it closes the host
 * and deletes the directory.
 */
final class BenchRealm implements AutoCloseable {
    static final String PASSWORD = "Corr3ct-Horse-Battery";
    private static final TokenSource SOURCE = new TokenSource("OpenLSA", new Luid(77));

    final Path directory;
    final AccountStore store;
    final LsaEngine engine;
    private final LsaHost host;

    private BenchRealm(Path directory, LsaHost host) {
        this.directory = directory;
        this.host = host;
        this.store = host.store();
        this.engine = host.engine();
    }

    /** The realm with its users, and its LSA with {@link #options()}. */
    static BenchRealm open(Path parent, int userCount) throws LsaException, IOException, StateException {
        Path dir = Files.createTempDirectory(parent, "openlsa-bench-");
        Instant now = Instant.now();
        LsaHost host = LsaHost.open(TestRealm.provision(StateLayout.of(dir), now), options()
                .withPackages(LsaHost.PackageKind.MSV1_0));
        try {
            for (int i = 0; i < userCount; i++) {
                TestRealm.addUser(host.store(), userName(i), PASSWORD, now);
            }
            return new BenchRealm(dir, host);
        } catch (LsaException | RuntimeException e) {
            host.close();
            throw e;
        }
    }

    /**
     * How every in-process benchmark opens its LSA: no audit log, and limits so high that a measurement holding many
     * handles and buffers never meets QUOTA_EXCEEDED.
     */
    static LsaHost.Options options() {
        return LsaHost.Options.defaults().withAudit(false)
                .withLimits(Long.MAX_VALUE / 2, Integer.MAX_VALUE, Integer.MAX_VALUE);
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
        host.close();
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
