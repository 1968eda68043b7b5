package org.openlsa.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Issue 6's benchmark goal, measured as a ratio: the cost of a Kerberos interactive logon in-process against the
 * embedded KDC over the cost of the password's string-to-key alone, in the same JVM and the same minutes.
 *
 * <p>One thread alternates a batch of logons and a batch of string-to-keys ({@link KerberosBenchRealm}); each pair of
 * batches gives one ratio, by the thread's CPU time and by wall-clock time. Interleaving is the point: on a machine
 * shared with other jobs the load drifts by tens of percent within a minute, and two benchmarks run one after the
 * other (JMH's forks) carry that drift into their ratio; two batches a few milliseconds apart see the same load. The
 * thread's CPU time leaves out time spent descheduled, so it is the steadier figure; the wall-clock ratio also
 * counts GC pauses. Reported: medians and quartiles over the measured pairs, after a warm-up long enough for the
 * JIT to compile the logon's long path (JMH iterations of {@link KerberosLogonBenchmark} still rise after 10 s).
 *
 * <pre>
 *   KerberosLogonRatio [--storage tmpfs|disk] [--warmup SECONDS] [--seconds SECONDS] [--batch N]
 * </pre>
 */
public final class KerberosLogonRatio {
    private KerberosLogonRatio() {}

    /** Per-operation nanoseconds of one pair of batches. */
    private record Pair(double logonCpu, double logonWall, double s2kCpu, double s2kWall) {}

    public static void main(String[] args) throws Exception {
        String storage = "tmpfs";
        int warmup = 30;
        int seconds = 60;
        int batch = 25;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + args[i] + " needs a value");
            }
            switch (args[i]) {
                case "--storage" -> storage = args[i + 1];
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--batch" -> batch = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (use --storage, --warmup, --seconds, --batch)");
            }
        }
        if (warmup < 0 || seconds <= 0 || batch <= 0) {
            throw new IllegalArgumentException("--warmup >= 0, --seconds > 0 and --batch > 0");
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!threads.isCurrentThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM cannot measure a thread's CPU time");
        }
        threads.setThreadCpuTimeEnabled(true);
        System.out.printf(Locale.ROOT, "storage %s, batches of %d, %d s warm-up + %d s measured%n", storage, batch,
                warmup, seconds);
        try (KerberosBenchRealm realm = KerberosBenchRealm.open(storage)) {
            run(realm, threads, batch, warmup * 1_000_000_000L);
            List<Pair> pairs = run(realm, threads, batch, seconds * 1_000_000_000L);
            report(pairs, batch);
        }
    }

    private static List<Pair> run(KerberosBenchRealm realm, ThreadMXBean threads, int batch, long nanos)
            throws Exception {
        List<Pair> pairs = new ArrayList<>();
        long sink = 0;
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            long c0 = threads.getCurrentThreadCpuTime();
            long w0 = System.nanoTime();
            for (int i = 0; i < batch; i++) {
                sink += realm.logon();
            }
            long c1 = threads.getCurrentThreadCpuTime();
            long w1 = System.nanoTime();
            for (int i = 0; i < batch; i++) {
                sink += realm.stringToKey();
            }
            long c2 = threads.getCurrentThreadCpuTime();
            long w2 = System.nanoTime();
            pairs.add(new Pair((double) (c1 - c0) / batch, (double) (w1 - w0) / batch, (double) (c2 - c1) / batch,
                    (double) (w2 - w1) / batch));
        }
        if (sink == 42) {
            System.out.println(); // keeps the results observable, so the JIT cannot drop the work
        }
        return pairs;
    }

    private static void report(List<Pair> pairs, int batch) {
        double[] logonCpu = pairs.stream().mapToDouble(Pair::logonCpu).toArray();
        double[] logonWall = pairs.stream().mapToDouble(Pair::logonWall).toArray();
        double[] s2kCpu = pairs.stream().mapToDouble(Pair::s2kCpu).toArray();
        double[] s2kWall = pairs.stream().mapToDouble(Pair::s2kWall).toArray();
        double[] ratioCpu = pairs.stream().mapToDouble(p -> p.logonCpu() / p.s2kCpu()).toArray();
        double[] ratioWall = pairs.stream().mapToDouble(p -> p.logonWall() / p.s2kWall()).toArray();
        System.out.printf(Locale.ROOT, "%d pairs of batches (%d logons + %d string-to-keys each)%n", pairs.size(),
                batch, batch);
        System.out.println("|                         | median  | p25     | p75     |");
        System.out.println("|-------------------------|---------|---------|---------|");
        row("logon, CPU ms", logonCpu, 1e-6);
        row("string-to-key, CPU ms", s2kCpu, 1e-6);
        row("logon, wall ms", logonWall, 1e-6);
        row("string-to-key, wall ms", s2kWall, 1e-6);
        row("ratio by CPU time", ratioCpu, 1);
        row("ratio by wall time", ratioWall, 1);
        System.out.printf(Locale.ROOT, "RATIO cpu %.3f wall %.3f (goal <= 1.2)%n", quantile(ratioCpu, 0.5),
                quantile(ratioWall, 0.5));
    }

    private static void row(String name, double[] values, double scale) {
        System.out.printf(Locale.ROOT, "| %-23s | %7.3f | %7.3f | %7.3f |%n", name, quantile(values, 0.5) * scale,
                quantile(values, 0.25) * scale, quantile(values, 0.75) * scale);
    }

    /** The {@code q} quantile by the nearest rank (as {@link LoadLoop#percentile}). */
    static double quantile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[LoadLoop.nearestRank(sorted.length, q)];
    }
}
