package org.openlsa.peers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Load driver measuring how fast a {@link SambaNtlmServer} verifies a fixed request stream, for comparison with
 * OpenLSA. Each worker owns one ntlm_auth helper and cycles through the requests (worker i starts at request i);
 * the run stops after {@code duration}. Before the clock starts every helper verifies one request, so process
 * start-up and winbindd's first connection are not measured.
 *
 * <p>What helps, measured on the shared 2-core build machine (Samba 4.17, tdbsam, load average about 5 from other
 * builds; 3 s runs): winbindd's single domain child serializes every verification, so throughput saturates at
 * 2-3 helpers. One helper: 1,150-1,500/s (p50 0.5-0.65 ms); two: 1,200-1,850/s; three: 1,200-2,100/s; four:
 * 1,600-2,100/s with p50 near 1.8 ms. Pipelining ({@code batch} 32) gains about 8% with one helper and nothing with
 * more. Use 3 helpers, batch 1, for Samba's best throughput; a quiet machine reaches about 2,500-2,800/s.
 */
public final class SambaLoad {
    /** The longest run accepted: load runs here are bounded. */
    public static final Duration MAX_DURATION = Duration.ofMinutes(10);

    private SambaLoad() {
    }

    /**
     * One request in flight per helper: latency is one full round trip through ntlm_auth and winbindd.
     *
     * @param helpers  parallel ntlm_auth processes (1-64)
     * @param duration how long to measure (at most {@link #MAX_DURATION})
     */
    public static LoadResult run(SambaNtlmServer server, List<NtlmRequest> requests, int helpers, Duration duration)
            throws PeerException {
        return run(server, requests, helpers, 1, duration);
    }

    /**
     * {@code batch} requests in flight per helper, written in one go with {@link NtlmAuthHelper#verifyMany}: the
     * throughput Samba reaches when the client never makes it wait. A latency sample is a batch's time divided by
     * its size.
     */
    public static LoadResult run(SambaNtlmServer server, List<NtlmRequest> requests, int helpers, int batch,
            Duration duration) throws PeerException {
        Objects.requireNonNull(server, "server");
        List<NtlmRequest> stream = List.copyOf(requests);
        if (stream.isEmpty()) {
            throw new IllegalArgumentException("no requests");
        }
        if (helpers < 1 || helpers > 64) {
            throw new IllegalArgumentException("helpers must be 1-64, got " + helpers);
        }
        if (batch < 1 || batch > 10_000) {
            throw new IllegalArgumentException("batch must be 1-10000, got " + batch);
        }
        if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException("duration must be positive and at most " + MAX_DURATION);
        }
        List<NtlmAuthHelper> opened = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(helpers);
        try {
            for (int i = 0; i < helpers; i++) {
                NtlmAuthHelper helper = server.openHelper();
                opened.add(helper);
                helper.verify(stream.get(i % stream.size()));
            }
            CountDownLatch start = new CountDownLatch(1);
            long[] window = new long[2];
            List<Future<Worker>> futures = new ArrayList<>();
            for (int i = 0; i < helpers; i++) {
                Worker worker = new Worker(opened.get(i), stream, i, batch);
                futures.add(pool.submit(() -> worker.run(start, window)));
            }
            window[0] = System.nanoTime();
            window[1] = window[0] + duration.toNanos();
            start.countDown();
            long verifications = 0;
            long refused = 0;
            List<long[]> samples = new ArrayList<>();
            long end = window[0];
            for (Future<Worker> future : futures) {
                Worker worker = future.get();
                verifications += worker.verifications;
                refused += worker.refused;
                samples.add(Arrays.copyOf(worker.latencies, worker.count));
                end = Math.max(end, worker.finishedAt);
            }
            long[] all = samples.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            return new LoadResult(helpers, verifications, refused, Duration.ofNanos(end - window[0]),
                    Duration.ofNanos(percentile(all, 0.50)), Duration.ofNanos(percentile(all, 0.99)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerException("load run interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof PeerException peer) {
                throw new PeerException("load run failed: " + peer.getMessage(), peer);
            }
            throw new PeerException("load run failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
            opened.forEach(NtlmAuthHelper::close);
        }
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.clamp(rank, 0, sorted.length - 1)];
    }

    private static final class Worker {
        private final NtlmAuthHelper helper;
        private final List<NtlmRequest> stream;
        private final int batch;
        private int next;
        long verifications;
        long refused;
        long[] latencies = new long[4096];
        int count;
        long finishedAt;

        Worker(NtlmAuthHelper helper, List<NtlmRequest> stream, int first, int batch) {
            this.helper = helper;
            this.stream = stream;
            this.next = first % stream.size();
            this.batch = batch;
        }

        Worker run(CountDownLatch start, long[] window) throws PeerException, InterruptedException {
            start.await();
            long deadline = window[1];
            List<NtlmRequest> requests = new ArrayList<>(batch);
            while (true) {
                long begin = System.nanoTime();
                if (begin >= deadline) {
                    break;
                }
                List<SambaVerdict> verdicts;
                if (batch == 1) {
                    verdicts = List.of(helper.verify(stream.get(next)));
                    next = (next + 1) % stream.size();
                } else {
                    requests.clear();
                    for (int i = 0; i < batch; i++) {
                        requests.add(stream.get(next));
                        next = (next + 1) % stream.size();
                    }
                    verdicts = helper.verifyMany(requests);
                }
                long took = System.nanoTime() - begin;
                for (SambaVerdict verdict : verdicts) {
                    verifications++;
                    if (!verdict.authenticated()) {
                        refused++;
                    }
                }
                record(took / verdicts.size());
            }
            finishedAt = System.nanoTime();
            return this;
        }

        private void record(long nanos) {
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = nanos;
        }
    }
}
