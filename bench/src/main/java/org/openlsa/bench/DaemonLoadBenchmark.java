package org.openlsa.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.openlsa.client.LsaClient;
import org.openlsa.core.LsaException;
import org.openlsa.daemon.LsaDaemon;
import org.openlsa.engine.LogonRequest;
import org.openlsa.engine.LogonResult;
import org.openlsa.engine.LsaConnection;
import org.openlsa.msv1_0.Msv1_0Package;

/**
 * MSV1_0 interactive logons per second and their latency (p50, p99, max) through the daemon, with 1, 16 and 256
 * concurrent clients, against the in-process engine (1 and 16 threads) in the same run, on the same database.
 *
 * <p>One JVM: a realm (database on /dev/shm when it is writable, else under java.io.tmpdir) and an engine over it;
 * {@link LsaDaemon} serves that engine on a Unix socket in the realm's directory. Each client is a platform thread
 * with its own {@link LsaClient} connection (LsaRegisterLogonProcess; the daemon runs as whoever runs this, which
 * must be root for SeTcbPrivilege). Each iteration is LsaLogonUser + CloseHandle(token) + LsaFreeReturnBuffer
 * (profile), as in {@link Msv1_0LogonBenchmark}; thread {@code i} logs on as user {@code i % users}. The in-process
 * side runs the same loop on {@code engine.registerLogonProcess(engine.systemToken(), ...)} connections.
 *
 * <p>Each phase runs {@code --warmup} seconds unrecorded, then {@code --seconds} seconds in which every iteration
 * that starts is timed (System.nanoTime) into a per-thread array; the arrays are merged and sorted at the end. The
 * loop is closed (a client sends its next logon when the previous one returns), so latencies under overload are
 * those of a client that waits, not of an open arrival rate (no coordinated-omission correction).
 *
 * <p>Usage: {@code DaemonLoadBenchmark [--seconds N] [--warmup N] [--users N]}
 */
public final class DaemonLoadBenchmark {
    private static final int[] DAEMON_CLIENTS = {1, 16, 256};
    private static final int[] IN_PROCESS_THREADS = {1, 16};

    private DaemonLoadBenchmark() {}

    /** One phase's merged figures. */
    record Result(String side, int clients, long ops, double seconds, long p50, long p99, long max) {
        double opsPerSecond() {
            return ops / seconds;
        }
    }

    /** One client: a connection of its own and a growable array of latencies in nanoseconds. */
    private static final class Client {
        final LsaConnection connection;
        final LogonRequest request;
        long[] latencies = new long[1 << 14];
        int count;

        Client(LsaConnection connection, LogonRequest request) {
            this.connection = connection;
            this.request = request;
        }

        void record(long nanos) {
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, latencies.length * 2);
            }
            latencies[count++] = nanos;
        }
    }

    /** Opens a connection for client {@code i}. */
    @FunctionalInterface
    private interface Connector {
        LsaConnection open(int i) throws LsaException;
    }

    public static void main(String[] args) throws Exception {
        int seconds = 10;
        int warmup = 3;
        int users = 16;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--users" -> users = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + " (usage: [--seconds N] [--warmup N] [--users N])");
            }
        }
        if (seconds < 1 || warmup < 0 || users < 1) {
            throw new IllegalArgumentException("--seconds >= 1, --warmup >= 0, --users >= 1");
        }
        Path shm = Path.of("/dev/shm");
        String storage = Files.isDirectory(shm) && Files.isWritable(shm) ? "tmpfs" : "disk";
        Path parent = BenchRealm.parentFor(storage);
        System.out.printf(Locale.ROOT, "database: %s (%s), %d users; %d s warm-up + %d s measured per phase;"
                        + " %d cores%n", parent, storage.equals("tmpfs") ? "tmpfs, /dev/shm" : "java.io.tmpdir",
                users, warmup, seconds, Runtime.getRuntime().availableProcessors());

        List<Result> results = new ArrayList<>();
        try (BenchRealm realm = BenchRealm.open(parent, users)) {
            final int userCount = users;
            LsaDaemon daemon = LsaDaemon.start(realm.engine, LsaDaemon.Options.defaults(realm.directory));
            try {
                System.out.println("daemon socket: " + daemon.socketPath());
                for (int n : DAEMON_CLIENTS) {
                    LsaClient client = LsaClient.of(daemon.socketPath());
                    try {
                        results.add(run("daemon", n, userCount, warmup, seconds,
                                i -> client.registerLogonProcess(null, "bench-daemon-" + i)));
                    } finally {
                        client.close();
                    }
                }
            } finally {
                daemon.close();
            }
            for (int n : IN_PROCESS_THREADS) {
                results.add(run("in-process", n, userCount, warmup, seconds,
                        i -> realm.engine.registerLogonProcess(realm.engine.systemToken(), "bench-inproc-" + i)));
            }
        }
        print(results);
    }

    private static Result run(String side, int n, int users, int warmup, int seconds, Connector connector)
            throws Exception {
        List<Client> clients = new ArrayList<>(n);
        try {
            for (int i = 0; i < n; i++) {
                LsaConnection c = connector.open(i);
                int msv;
                try {
                    msv = c.lookupAuthenticationPackage(Msv1_0Package.ALIAS);
                } catch (LsaException | RuntimeException e) {
                    c.close();
                    throw e;
                }
                clients.add(new Client(c, BenchRealm.interactiveRequest(msv, i % users)));
            }
            CountDownLatch ready = new CountDownLatch(n);
            CountDownLatch go = new CountDownLatch(1);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            long[] window = new long[2]; // measured from window[0] (inclusive) to window[1] (exclusive), nanoTime
            List<Thread> threads = new ArrayList<>(n);
            for (Client c : clients) {
                threads.add(Thread.ofPlatform().name(side + "-client").start(() -> {
                    ready.countDown();
                    try {
                        go.await();
                        long from = window[0];
                        long to = window[1];
                        while (failure.get() == null) {
                            long start = System.nanoTime();
                            if (start >= to) {
                                break;
                            }
                            LogonResult r = c.connection.logonUser(c.request);
                            c.connection.closeHandle(r.token());
                            c.connection.freeReturnBuffer(r.profileBuffer());
                            long end = System.nanoTime();
                            if (start >= from) {
                                c.record(end - start);
                            }
                        }
                    } catch (Throwable t) {
                        failure.compareAndSet(null, t);
                    }
                }));
            }
            ready.await();
            long now = System.nanoTime();
            window[0] = now + TimeUnit.SECONDS.toNanos(warmup);
            window[1] = window[0] + TimeUnit.SECONDS.toNanos(seconds);
            go.countDown(); // happens-before every thread's reads of window
            for (Thread t : threads) {
                t.join();
            }
            if (failure.get() != null) {
                throw new IllegalStateException(side + " with " + n + " clients failed", failure.get());
            }
            int total = 0;
            for (Client c : clients) {
                total += c.count;
            }
            long[] all = new long[total];
            int at = 0;
            for (Client c : clients) {
                System.arraycopy(c.latencies, 0, all, at, c.count);
                at += c.count;
                c.latencies = null;
            }
            Arrays.sort(all);
            Result r = new Result(side, n, total, seconds, percentile(all, 0.50), percentile(all, 0.99),
                    total == 0 ? 0 : all[total - 1]);
            System.out.printf(Locale.ROOT, "  done: %-10s %3d clients %,10.0f logons/s%n", side, n, r.opsPerSecond());
            return r;
        } finally {
            for (Client c : clients) {
                c.connection.close();
            }
        }
    }

    /** The nearest-rank percentile of sorted values. */
    private static long percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static void print(List<Result> results) {
        System.out.println();
        System.out.println("| side | clients | logons | logons/s | p50 µs | p99 µs | max µs |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "| %s | %d | %,d | %,.0f | %,.0f | %,.0f | %,.0f |%n", r.side(), r.clients(),
                    r.ops(), r.opsPerSecond(), r.p50() / 1e3, r.p99() / 1e3, r.max() / 1e3);
        }
        System.out.println();
        System.out.println("| daemon / in-process | logons/s | p50 | p99 |");
        System.out.println("|---|---:|---:|---:|");
        for (Result d : results) {
            if (!d.side().equals("daemon")) {
                continue;
            }
            for (Result p : results) {
                if (!p.side().equals("in-process")) {
                    continue;
                }
                // Same client count, and the largest daemon load against the busiest in-process run.
                boolean compare = p.clients() == d.clients()
                        || (d.clients() == DAEMON_CLIENTS[DAEMON_CLIENTS.length - 1]
                            && p.clients() == IN_PROCESS_THREADS[IN_PROCESS_THREADS.length - 1]);
                if (compare) {
                    System.out.printf(Locale.ROOT, "| daemon %d / in-process %d | %.2f | %.2f | %.2f |%n",
                            d.clients(), p.clients(), d.opsPerSecond() / p.opsPerSecond(),
                            (double) d.p50() / p.p50(), (double) d.p99() / p.p99());
                }
            }
        }
    }
}
