package org.openlsa.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.openlsa.bench.LoadLoop.Result;
import org.openlsa.client.LsaClient;
import org.openlsa.core.LsaException;
import org.openlsa.daemon.LsaDaemon;
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
 * <p>Each phase runs {@code --warmup} seconds unrecorded, then {@code --seconds} seconds measured, in
 * {@link LoadLoop}'s closed loop.
 *
 * <p>Usage: {@code DaemonLoadBenchmark [--seconds N] [--warmup N] [--users N]}
 */
public final class DaemonLoadBenchmark {
    private static final int[] DAEMON_CLIENTS = {1, 16, 256};
    private static final int[] IN_PROCESS_THREADS = {1, 16};

    private DaemonLoadBenchmark() {}

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
        return LoadLoop.run(side, n, warmup, seconds, i -> {
            LsaConnection c = connector.open(i);
            try {
                int msv = c.lookupAuthenticationPackage(Msv1_0Package.ALIAS);
                return LoadLoop.logons(c, List.of(BenchRealm.interactiveRequest(msv, i % users)), 0);
            } catch (LsaException | RuntimeException e) {
                c.close();
                throw e;
            }
        });
    }

    private static void print(List<Result> results) {
        LoadLoop.printTable(results, "logons");
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
