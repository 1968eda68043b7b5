package org.openlsa.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import org.openlsa.bench.LoadLoop.Result;
import org.openlsa.client.LsaClient;
import org.openlsa.core.LsaException;
import org.openlsa.core.Luid;
import org.openlsa.core.SecurityLogonType;
import org.openlsa.core.TokenSource;
import org.openlsa.crypto.NtOwf;
import org.openlsa.crypto.NtlmV2;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.daemon.LsaDaemon;
import org.openlsa.engine.LogonRequest;
import org.openlsa.engine.LsaConnection;
import org.openlsa.msv1_0.Msv1_0Lm20Logon;
import org.openlsa.msv1_0.Msv1_0Lm20LogonCodec;
import org.openlsa.msv1_0.Msv1_0Package;
import org.openlsa.peers.LoadResult;
import org.openlsa.peers.NtlmAuthPolicy;
import org.openlsa.peers.NtlmRequest;
import org.openlsa.peers.SambaLoad;
import org.openlsa.peers.SambaNtlmServer;
import org.openlsa.testkit.TestRealm;

/**
 * NTLMv2 network logons (MSV1_0 Lm20Logon, as an SMB or HTTP server's NTLMSSP acceptor submits them) per second:
 * OpenLSA's daemon against Samba, and OpenLSA in-process against the bare NTLMv2 arithmetic.
 *
 * <p>The same {@code --users} accounts ({@code bench0}, ... with {@link BenchRealm#PASSWORD}) exist in a
 * {@link BenchRealm} and in a private Samba whose NetBIOS name is the realm's domain (TESTDOM; Samba's local accounts
 * belong to it), and the same stream of {@code --requests} NTLMv2 responses, pre-computed with the correct passwords,
 * each with its own server and client challenge, goes to:
 * <ol>
 * <li>{@code daemon}: {@link LsaDaemon} serving the realm's engine on its Unix socket, {@code --clients} threads with
 * an {@link LsaClient} connection each (LsaRegisterLogonProcess; run as root), each iteration LsaLogonUser(Network)
 * + CloseHandle(token) + LsaFreeReturnBuffer(profile) ({@link LoadLoop});</li>
 * <li>{@code samba}: ntlm_auth {@code ntlm-server-1} helpers talking to winbindd over tdbsam ({@link SambaLoad};
 * {@code --helpers}, default 3, saturates winbindd's one domain child), one request in flight per helper;</li>
 * <li>{@code in-process}: the loop of 1. on {@code engine.registerLogonProcess(engine.systemToken(), ...)}
 * connections, with {@code --threads} threads;</li>
 * <li>{@code raw-ntlmv2}: per request only NTOWFv2(NT hash, user, domain) and the NTProofStr HMAC over the blob and a
 * constant-time compare (NtlmV2, NT hashes pre-computed): what one verification costs with no database, no token and
 * no session, with {@code --threads} threads.</li>
 * </ol>
 * Every response is correct: a refusal on any side fails the run.
 *
 * <p>Usage: {@code NtlmNetworkLoadBenchmark [--seconds N] [--warmup N] [--users N] [--requests N] [--clients 1,16]
 * [--threads 1,2] [--helpers N] [--no-samba]}
 */
public final class NtlmNetworkLoadBenchmark {
    private static final String WORKSTATION = "BENCHCLIENT";
    private static final TokenSource SOURCE = new TokenSource("NtLmSsp", Luid.ZERO);

    private NtlmNetworkLoadBenchmark() {}

    /** One pre-computed NTLMv2 logon: what a server has after an NTLMSSP AUTHENTICATE message. */
    record NetworkLogon(String user, byte[] challenge, byte[] ntResponse) {
        NtlmRequest toSamba() {
            return NtlmRequest.of(user, TestRealm.DOMAIN, challenge, ntResponse);
        }

        byte[] toMsv1_0Buffer() {
            return Msv1_0Lm20LogonCodec.encode(Msv1_0Lm20Logon.network(TestRealm.DOMAIN, user, WORKSTATION, challenge,
                    ntResponse, new byte[0], 0));
        }
    }

    public static void main(String[] args) throws Exception {
        int seconds = 10;
        int warmup = 3;
        int users = 50;
        int requestCount = 5000;
        int helpers = 3;
        int[] clients = {1, 16};
        int[] threads = {1, 2};
        boolean samba = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--users" -> users = Integer.parseInt(args[++i]);
                case "--requests" -> requestCount = Integer.parseInt(args[++i]);
                case "--helpers" -> helpers = Integer.parseInt(args[++i]);
                case "--clients" -> clients = counts(args[++i]);
                case "--threads" -> threads = counts(args[++i]);
                case "--no-samba" -> samba = false;
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + " (usage: [--seconds N]"
                        + " [--warmup N] [--users N] [--requests N] [--clients 1,16] [--threads 1,2] [--helpers N]"
                        + " [--no-samba])");
            }
        }
        if (seconds < 1 || warmup < 0 || users < 1 || requestCount < users || helpers < 1) {
            throw new IllegalArgumentException("--seconds >= 1, --warmup >= 0, --users >= 1, --requests >= --users,"
                    + " --helpers >= 1");
        }
        Path shm = Path.of("/dev/shm");
        String storage = Files.isDirectory(shm) && Files.isWritable(shm) ? "tmpfs" : "disk";
        Path parent = BenchRealm.parentFor(storage);
        System.out.printf(Locale.ROOT, "database: %s (%s), %d users, %d distinct NTLMv2 requests; %d s warm-up + %d s"
                        + " measured per phase; %d cores%n", parent,
                storage.equals("tmpfs") ? "tmpfs, /dev/shm" : "java.io.tmpdir", users, requestCount, warmup, seconds,
                Runtime.getRuntime().availableProcessors());

        List<NetworkLogon> stream = requests(users, requestCount, new Random(1118));
        List<byte[]> buffers = stream.stream().map(NetworkLogon::toMsv1_0Buffer).toList();
        List<Result> results = new ArrayList<>();
        try (BenchRealm realm = BenchRealm.open(parent, users)) {
            LsaDaemon daemon = LsaDaemon.start(realm.engine, LsaDaemon.Options.defaults(realm.directory));
            try {
                System.out.println("daemon socket: " + daemon.socketPath());
                for (int n : clients) {
                    LsaClient client = LsaClient.of(daemon.socketPath());
                    try {
                        results.add(logons("daemon", n, buffers, warmup, seconds,
                                i -> client.registerLogonProcess(null, "bench-ntlm-daemon-" + i)));
                    } finally {
                        client.close();
                    }
                }
            } finally {
                daemon.close();
            }
            if (samba) {
                results.add(samba(users, stream, helpers, warmup, seconds));
            }
            for (int n : threads) {
                results.add(logons("in-process", n, buffers, warmup, seconds,
                        i -> realm.engine.registerLogonProcess(realm.engine.systemToken(), "bench-ntlm-inproc-" + i)));
            }
        }
        for (int n : threads) {
            results.add(rawNtlmV2(n, users, stream, warmup, seconds));
        }
        print(results);
    }

    private static int[] counts(String list) {
        int[] counts = Arrays.stream(list.split(",")).mapToInt(Integer::parseInt).toArray();
        if (counts.length == 0 || Arrays.stream(counts).anyMatch(c -> c < 1 || c > 4096)) {
            throw new IllegalArgumentException("counts are 1-4096, comma-separated: " + list);
        }
        return counts;
    }

    /** {@code count} logons cycling over the users, each with fresh random challenges and the correct password. */
    static List<NetworkLogon> requests(int users, int count, Random random) {
        byte[] targetInfo = targetInfo(TestRealm.DOMAIN, TestRealm.MACHINE);
        long fileTime = (Instant.now().getEpochSecond() + 11_644_473_600L) * 10_000_000L;
        SecretBytes[] owfs = new SecretBytes[users];
        try (SecretBytes hash = NtOwf.ntOwfV1(BenchRealm.PASSWORD.toCharArray())) {
            for (int u = 0; u < users; u++) {
                owfs[u] = NtlmV2.ntOwfV2(hash, BenchRealm.userName(u), TestRealm.DOMAIN);
            }
        }
        List<NetworkLogon> stream = new ArrayList<>(count);
        try {
            for (int k = 0; k < count; k++) {
                int u = k % users;
                byte[] challenge = new byte[8];
                byte[] clientChallenge = new byte[8];
                random.nextBytes(challenge);
                random.nextBytes(clientChallenge);
                byte[] blob = NtlmV2.clientBlob(fileTime + k, clientChallenge, targetInfo);
                stream.add(new NetworkLogon(BenchRealm.userName(u), challenge,
                        NtlmV2.ntResponse(owfs[u], challenge, blob)));
            }
        } finally {
            Arrays.stream(owfs).forEach(SecretBytes::destroy);
        }
        return List.copyOf(stream);
    }

    /** MsvAvNbDomainName, MsvAvNbComputerName, MsvAvEOL: a server's minimal target info. */
    static byte[] targetInfo(String domain, String computer) {
        byte[] d = domain.getBytes(StandardCharsets.UTF_16LE);
        byte[] c = computer.getBytes(StandardCharsets.UTF_16LE);
        ByteBuffer b = ByteBuffer.allocate(12 + d.length + c.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 2).putShort((short) d.length).put(d);
        b.putShort((short) 1).putShort((short) c.length).put(c);
        b.putShort((short) 0).putShort((short) 0);
        return b.array();
    }

    /** Opens a connection for client {@code i}. */
    @FunctionalInterface
    private interface Connector {
        LsaConnection open(int i) throws LsaException;
    }

    /** Thread {@code i} starts at request {@code i * stream / n}, so threads do not walk the stream in step. */
    private static Result logons(String side, int n, List<byte[]> buffers, int warmup, int seconds,
                                 Connector connector) throws Exception {
        return LoadLoop.run(side, n, warmup, seconds, i -> {
            LsaConnection c = connector.open(i);
            try {
                int msv = c.lookupAuthenticationPackage(Msv1_0Package.ALIAS);
                List<LogonRequest> requests = buffers.stream().map(b -> new LogonRequest("bench",
                        SecurityLogonType.NETWORK, msv, b, Optional.empty(), SOURCE)).toList();
                return LoadLoop.logons(c, requests, (int) ((long) i * buffers.size() / n));
            } catch (LsaException | RuntimeException e) {
                c.close();
                throw e;
            }
        });
    }

    private static Result samba(int users, List<NetworkLogon> stream, int helpers, int warmup, int seconds)
            throws Exception {
        try (SambaNtlmServer server = SambaNtlmServer.start(TestRealm.DOMAIN, NtlmAuthPolicy.NTLMV2_ONLY)) {
            long begin = System.nanoTime();
            for (int u = 0; u < users; u++) {
                server.addUser(BenchRealm.userName(u), BenchRealm.PASSWORD);
            }
            System.out.printf(Locale.ROOT, "samba: %s, %d tdbsam accounts added in %.1f s%n", server.directory(),
                    users, (System.nanoTime() - begin) / 1e9);
            List<NtlmRequest> requests = stream.stream().map(NetworkLogon::toSamba).toList();
            if (warmup > 0) {
                SambaLoad.run(server, requests, helpers, Duration.ofSeconds(warmup));
            }
            LoadResult r = SambaLoad.run(server, requests, helpers, Duration.ofSeconds(seconds));
            if (r.refused() > 0) {
                throw new IllegalStateException("Samba refused " + r.refused() + " correct responses: " + r);
            }
            System.out.printf(Locale.ROOT, "  done: %-10s %3d clients %,10.0f ops/s%n", "samba", helpers,
                    r.verificationsPerSecond());
            // SambaLoad keeps no maximum latency.
            return new Result("samba (ntlm_auth + winbindd)", helpers, r.verifications(), r.elapsed().toNanos() / 1e9,
                    r.p50().toNanos(), r.p99().toNanos(), -1);
        }
    }

    /** NTOWFv2 + NTProofStr + compare per request, on pre-computed NT hashes: the floor of any verifier's cost. */
    private static Result rawNtlmV2(int n, int users, List<NetworkLogon> stream, int warmup, int seconds)
            throws Exception {
        NetworkLogon[] logons = stream.toArray(NetworkLogon[]::new);
        return LoadLoop.run("raw-ntlmv2", n, warmup, seconds, i -> {
            SecretBytes hash = NtOwf.ntOwfV1(BenchRealm.PASSWORD.toCharArray());
            return new LoadLoop.Operation() {
                private int next = (int) ((long) i * logons.length / n);

                @Override
                public void once() {
                    NetworkLogon l = logons[next];
                    next = next + 1 == logons.length ? 0 : next + 1;
                    byte[] nt = l.ntResponse();
                    byte[] blob = Arrays.copyOfRange(nt, NtlmV2.NT_PROOF_BYTES, nt.length);
                    try (SecretBytes owf = NtlmV2.ntOwfV2(hash, l.user(), TestRealm.DOMAIN)) {
                        byte[] proof = NtlmV2.ntProofStr(owf, l.challenge(), blob);
                        if (!MessageDigest.isEqual(proof, Arrays.copyOf(nt, NtlmV2.NT_PROOF_BYTES))) {
                            throw new IllegalStateException("NTProofStr mismatch for " + l.user());
                        }
                    }
                }

                @Override
                public void close() {
                    hash.destroy();
                }
            };
        });
    }

    private static void print(List<Result> results) {
        LoadLoop.printTable(results, "logons");
        System.out.println();
        System.out.println("| ratio | logons/s | p50 | p99 |");
        System.out.println("|---|---:|---:|---:|");
        Optional<Result> samba = results.stream().filter(r -> r.side().startsWith("samba")).findFirst();
        for (Result d : results) {
            if (d.side().equals("daemon") && samba.isPresent()) {
                Result s = samba.get();
                System.out.printf(Locale.ROOT, "| daemon %d / samba %d helpers | %.2f | %.2f | %.2f |%n", d.clients(),
                        s.clients(), d.opsPerSecond() / s.opsPerSecond(), (double) d.p50() / s.p50(),
                        (double) d.p99() / s.p99());
            }
        }
        for (Result p : results) {
            if (!p.side().equals("in-process")) {
                continue;
            }
            for (Result raw : results) {
                if (raw.side().equals("raw-ntlmv2") && raw.clients() == p.clients()) {
                    System.out.printf(Locale.ROOT, "| in-process %d / raw NTLMv2 %d | %.3f | %.2f | %.2f |%n",
                            p.clients(), raw.clients(), p.opsPerSecond() / raw.opsPerSecond(),
                            (double) p.p50() / raw.p50(), (double) p.p99() / raw.p99());
                }
            }
        }
    }
}
