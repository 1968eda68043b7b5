package org.openlsa.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.openlsa.engine.LogonRequest;
import org.openlsa.engine.LogonResult;
import org.openlsa.engine.LsaConnection;

/**
 * The closed-loop load driver the load benchmarks share ({@link DaemonLoadBenchmark},
 * {@link NtlmNetworkLoadBenchmark}): {@code n} platform threads, each with an {@link Operation} of its own, run
 * {@code warmup} seconds unrecorded, then {@code seconds} seconds in which every iteration that starts is timed
 * (System.nanoTime) into a per-thread array; the arrays are merged and sorted at the end. A thread starts its next
 * iteration when the previous one returns, so latencies under overload are those of a client that waits, not of an
 * open arrival rate (no coordinated-omission correction).
 */
final class LoadLoop {
    private LoadLoop() {}

    /**
     * One phase's merged figures; latencies in nanoseconds, {@code max} negative when not measured;
     * {@code serverCpuNanos} the CPU time the server used inside the measured window, negative when not measured.
     */
    record Result(String side, int clients, long ops, double seconds, long p50, long p99, long max,
                  long serverCpuNanos) {
        Result(String side, int clients, long ops, double seconds, long p50, long p99, long max) {
            this(side, clients, ops, seconds, p50, p99, max, -1);
        }

        double opsPerSecond() {
            return ops / seconds;
        }

        /** Server CPU microseconds per operation, or NaN when not measured. */
        double serverCpuMicrosPerOp() {
            return serverCpuNanos < 0 || ops == 0 ? Double.NaN : serverCpuNanos / 1e3 / ops;
        }
    }

    /** What one thread repeats; closed when the phase ends. */
    interface Operation extends AutoCloseable {
        void once() throws Exception;

        @Override
        default void close() throws Exception {}
    }

    /** Opens the operation of thread {@code i} (a connection of its own, say). */
    @FunctionalInterface
    interface OperationFactory {
        Operation open(int i) throws Exception;
    }

    /**
     * LsaLogonUser + CloseHandle(token) + LsaFreeReturnBuffer(profile) on {@code connection}, cycling through
     * {@code requests} from index {@code first}; closing it closes the connection.
     */
    static Operation logons(LsaConnection connection, List<LogonRequest> requests, int first) {
        LogonRequest[] stream = requests.toArray(LogonRequest[]::new);
        return new Operation() {
            private int next = Math.floorMod(first, stream.length);

            @Override
            public void once() throws Exception {
                LogonResult r = connection.logonUser(stream[next]);
                next = next + 1 == stream.length ? 0 : next + 1;
                connection.closeHandle(r.token());
                connection.freeReturnBuffer(r.profileBuffer());
            }

            @Override
            public void close() {
                connection.close();
            }
        };
    }

    private static final class Worker {
        final Operation operation;
        long[] latencies = new long[1 << 14];
        int count;

        Worker(Operation operation) {
            this.operation = operation;
        }

        void record(long nanos) {
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, latencies.length * 2);
            }
            latencies[count++] = nanos;
        }
    }

    static Result run(String side, int n, int warmup, int seconds, OperationFactory factory) throws Exception {
        return run(side, n, warmup, seconds, factory, null);
    }

    /**
     * As above; {@code serverCpu} (total CPU nanoseconds of the server's processes, see {@link ProcessCpu}) is
     * sampled when the measured window opens and closes, so the result also says what each operation cost the
     * server, whatever share of the machine the load generator took.
     */
    static Result run(String side, int n, int warmup, int seconds, OperationFactory factory,
                      java.util.function.LongSupplier serverCpu) throws Exception {
        List<Worker> workers = new ArrayList<>(n);
        try {
            for (int i = 0; i < n; i++) {
                workers.add(new Worker(factory.open(i)));
            }
            CountDownLatch ready = new CountDownLatch(n);
            CountDownLatch go = new CountDownLatch(1);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            long[] window = new long[2]; // measured from window[0] (inclusive) to window[1] (exclusive), nanoTime
            List<Thread> threads = new ArrayList<>(n);
            for (Worker w : workers) {
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
                            w.operation.once();
                            long end = System.nanoTime();
                            if (start >= from) {
                                w.record(end - start);
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
            long cpu = -1;
            if (serverCpu != null) {
                sleepUntil(window[0]);
                long before = serverCpu.getAsLong();
                sleepUntil(window[1]);
                cpu = serverCpu.getAsLong() - before;
            }
            for (Thread t : threads) {
                t.join();
            }
            if (failure.get() != null) {
                throw new IllegalStateException(side + " with " + n + " clients failed", failure.get());
            }
            int total = 0;
            for (Worker w : workers) {
                total += w.count;
            }
            long[] all = new long[total];
            int at = 0;
            for (Worker w : workers) {
                System.arraycopy(w.latencies, 0, all, at, w.count);
                at += w.count;
                w.latencies = null;
            }
            Arrays.sort(all);
            Result r = new Result(side, n, total, seconds, percentile(all, 0.50), percentile(all, 0.99),
                    total == 0 ? 0 : all[total - 1], cpu);
            System.out.printf(Locale.ROOT, "  done: %-10s %3d clients %,10.0f ops/s%n", side, n, r.opsPerSecond());
            return r;
        } finally {
            for (Worker w : workers) {
                w.operation.close();
            }
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        for (long left = nanoTime - System.nanoTime(); left > 0; left = nanoTime - System.nanoTime()) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    /** The nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[nearestRank(sorted.length, q)];
    }

    /** The index of the nearest-rank {@code q} quantile in {@code n > 0} sorted values. */
    static int nearestRank(int n, double q) {
        int rank = (int) Math.ceil(q * n);
        return Math.max(0, Math.min(n - 1, rank - 1));
    }

    /** The results as a Markdown table; {@code unit} names what an operation is ("logons"). */
    static void printTable(List<Result> results, String unit) {
        boolean cpu = results.stream().anyMatch(r -> r.serverCpuNanos() >= 0);
        System.out.println();
        System.out.printf("| side | clients | %s | %s/s | p50 µs | p99 µs | max µs |%s%n", unit, unit,
                cpu ? " server CPU µs/op |" : "");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|" + (cpu ? "---:|" : ""));
        for (Result r : results) {
            String max = r.max() < 0 ? "n/a" : String.format(Locale.ROOT, "%,.0f", r.max() / 1e3);
            String cpuCell = !cpu ? "" : r.serverCpuNanos() < 0 ? " n/a |"
                    : String.format(Locale.ROOT, " %,.1f |", r.serverCpuMicrosPerOp());
            System.out.printf(Locale.ROOT, "| %s | %d | %,d | %,.0f | %,.0f | %,.0f | %s |%s%n", r.side(), r.clients(),
                    r.ops(), r.opsPerSecond(), r.p50() / 1e3, r.p99() / 1e3, max, cpuCell);
        }
    }
}
