package org.openlsa.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;
import org.openlsa.engine.LogonRequest;
import org.openlsa.engine.LogonResult;
import org.openlsa.engine.LsaConnection;
import org.openlsa.engine.TokenHandle;
import org.openlsa.msv1_0.Msv1_0Package;

/**
 * Retained heap of open logon sessions: opens {@code count} (default 100,000) MSV1_0 interactive logons on one trusted
 * connection, keeps each token handle open, frees each profile buffer, and reports (used heap after - before) / count,
 * each side the minimum over several full GCs. Also prints the class histogram difference (after - before) per
 * session, so the classes that make up a session are visible, and the SQL statements one logon runs.
 *
 * <p>The database goes to disk unless 1,000 logons show that {@code count} of them would take more than 5 minutes:
 * then it goes to /dev/shm, which changes the time but not the heap a session retains. {@code --storage disk|tmpfs}
 * forces a choice.
 *
 * <p>Usage: {@code SessionHeapMeasurement [--sessions N] [--storage disk|tmpfs]}
 */
public final class SessionHeapMeasurement {
    private static final int PROBE_LOGONS = 1_000;
    private static final long BUDGET_NANOS = 5L * 60 * 1_000_000_000;
    private static final int HISTOGRAM_ROWS = 20;

    private SessionHeapMeasurement() {}

    public static void main(String[] args) throws Exception {
        int count = 100_000;
        String storage = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--sessions" -> count = Integer.parseInt(args[++i]);
                case "--storage" -> storage = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + " (usage: [--sessions N] [--storage disk|tmpfs])");
            }
        }

        // Probe on disk: the time of 1,000 logons decides where the big run's database goes; also count SQL.
        double probeMillisPerLogon;
        try (BenchRealm realm = BenchRealm.open(BenchRealm.parentFor("disk"), 1);
             LsaConnection c = realm.engine.registerLogonProcess(realm.engine.systemToken(), "bench")) {
            LogonRequest request = BenchRealm.interactiveRequest(c.lookupAuthenticationPackage(Msv1_0Package.ALIAS), 0);
            logOnAndEnd(c, request, 200); // class loading, first JIT
            long t0 = System.nanoTime();
            logOnAndEnd(c, request, PROBE_LOGONS);
            long elapsed = System.nanoTime() - t0;
            probeMillisPerLogon = elapsed / 1e6 / PROBE_LOGONS;
            System.out.printf("probe: %d logons (open+close, database on disk) in %.1f ms = %.3f ms/logon;"
                    + " %,d would take about %.0f s%n", PROBE_LOGONS, elapsed / 1e6, probeMillisPerLogon, count,
                    probeMillisPerLogon * count / 1000);
            printSqlPerLogon(c, request);
        }
        if (storage == null) {
            storage = probeMillisPerLogon * 1e6 * count > BUDGET_NANOS ? "tmpfs" : "disk";
            System.out.println("storage for the session run: " + storage
                    + (storage.equals("tmpfs") ? " (disk would exceed 5 minutes; retained heap does not depend on it)" : ""));
        }

        try (BenchRealm realm = BenchRealm.open(BenchRealm.parentFor(storage), 1);
             LsaConnection c = realm.engine.registerLogonProcess(realm.engine.systemToken(), "bench")) {
            LogonRequest request = BenchRealm.interactiveRequest(c.lookupAuthenticationPackage(Msv1_0Package.ALIAS), 0);
            logOnAndEnd(c, request, 2_000); // warm every path the measured logons take
            // The caller's array of handles is allocated before the baseline: it is the caller's, not the LSA's.
            TokenHandle[] handles = new TokenHandle[count];
            int sessionsBefore = realm.engine.sessionCount();

            long before = usedHeapAfterGc();
            Map<String, long[]> histogramBefore = classHistogram();
            long t0 = System.nanoTime();
            for (int i = 0; i < count; i++) {
                LogonResult r = c.logonUser(request);
                c.freeReturnBuffer(r.profileBuffer());
                handles[i] = r.token();
            }
            long elapsed = System.nanoTime() - t0;
            long after = usedHeapAfterGc();
            Map<String, long[]> histogramAfter = classHistogram();
            int opened = realm.engine.sessionCount() - sessionsBefore;

            System.out.printf("opened %,d sessions (engine counts %,d more) in %.1f s, database on %s%n", count, opened,
                    elapsed / 1e9, storage);
            System.out.printf("used heap after GC: before %,d B, after %,d B%n", before, after);
            System.out.printf("retained heap per open session with one token: %.0f bytes (goal <= 1024)%n",
                    (after - before) / (double) count);
            printHistogramDifference(histogramBefore, histogramAfter, count);
            // Keep every handle reachable until after the measurement, then end the sessions.
            for (TokenHandle h : handles) {
                c.closeHandle(h);
            }
        }
    }

    private static void logOnAndEnd(LsaConnection c, LogonRequest request, int n) throws Exception {
        for (int i = 0; i < n; i++) {
            LogonResult r = c.logonUser(request);
            c.closeHandle(r.token());
            c.freeReturnBuffer(r.profileBuffer());
        }
    }

    /** The minimum used heap over several full collections (one GC may leave floating garbage). */
    private static long usedHeapAfterGc() throws InterruptedException {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
            min = Math.min(min, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return min;
    }

    /**
     * sqlite-jdbc traces every statement it prepares or executes to java.util.logging at FINEST (when SLF4J is
     * absent, as here): count them over a few logons.
     */
    private static void printSqlPerLogon(LsaConnection c, LogonRequest request) throws Exception {
        Logger trace = Logger.getLogger("org.sqlite.core.NativeDB");
        Map<String, Integer> statements = new TreeMap<>();
        Pattern sqlPart = Pattern.compile("\\[SQLite EXEC] (.*)", Pattern.DOTALL);
        Handler counter = new Handler() {
            @Override
            public void publish(LogRecord record) {
                Matcher m = sqlPart.matcher(record.getMessage());
                String sql = m.find() ? m.group(1) : record.getMessage();
                statements.merge(sql.replaceAll("\\s+", " ").trim(), 1, Integer::sum);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        java.util.logging.Level old = trace.getLevel();
        trace.setLevel(java.util.logging.Level.ALL);
        trace.addHandler(counter);
        int logons = 10;
        try {
            logOnAndEnd(c, request, logons);
        } finally {
            trace.removeHandler(counter);
            trace.setLevel(old);
        }
        int total = statements.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf("SQL statements per logon (sqlite-jdbc trace over %d logons): %.1f%n", logons,
                total / (double) logons);
        statements.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> System.out.printf("  %5.1f  %s%n", e.getValue() / (double) logons,
                        e.getKey().length() > 110 ? e.getKey().substring(0, 110) + "..." : e.getKey()));
    }

    /** Class name -> {instances, bytes}, from the GC.class_histogram diagnostic command (which runs a full GC). */
    private static Map<String, long[]> classHistogram() throws Exception {
        String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        Pattern row = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");
        Map<String, long[]> byClass = new HashMap<>();
        for (String line : text.split("\n")) {
            Matcher m = row.matcher(line);
            if (m.find()) {
                byClass.put(m.group(3), new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))});
            }
        }
        return byClass;
    }

    private static void printHistogramDifference(Map<String, long[]> before, Map<String, long[]> after, int sessions) {
        record Row(String name, long instances, long bytes) {}
        List<Row> rows = new ArrayList<>();
        long totalBytes = 0;
        for (Map.Entry<String, long[]> e : after.entrySet()) {
            long[] b = before.getOrDefault(e.getKey(), new long[2]);
            Row r = new Row(e.getKey(), e.getValue()[0] - b[0], e.getValue()[1] - b[1]);
            totalBytes += r.bytes();
            rows.add(r);
        }
        rows.sort((x, y) -> Long.compare(y.bytes(), x.bytes()));
        System.out.printf("class histogram, after - before, per session (total %.0f bytes/session):%n",
                totalBytes / (double) sessions);
        System.out.printf("  %10s %10s  %s%n", "instances", "bytes", "class");
        for (Row r : rows.subList(0, Math.min(HISTOGRAM_ROWS, rows.size()))) {
            System.out.printf("  %10.2f %10.1f  %s%n", r.instances() / (double) sessions, r.bytes() / (double) sessions,
                    r.name());
        }
    }
}
