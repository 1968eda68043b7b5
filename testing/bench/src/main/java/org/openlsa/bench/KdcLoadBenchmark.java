package org.openlsa.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.openlsa.bench.LoadLoop.Result;
import org.openlsa.core.Sid;
import org.openlsa.crypto.NtOwf;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.crypto.kerberos.ChecksumType;
import org.openlsa.crypto.kerberos.EncryptionType;
import org.openlsa.crypto.kerberos.KerberosCrypto;
import org.openlsa.crypto.kerberos.KerberosKey;
import org.openlsa.host.AccountStores;
import org.openlsa.host.StateLayout;
import org.openlsa.kdc.client.KdcClient;
import org.openlsa.krb5.ApOptions;
import org.openlsa.krb5.ApReq;
import org.openlsa.krb5.Authenticator;
import org.openlsa.krb5.AuthorizationData;
import org.openlsa.krb5.Bytes;
import org.openlsa.krb5.Checksum;
import org.openlsa.krb5.EncryptedData;
import org.openlsa.krb5.KdcOptions;
import org.openlsa.krb5.KdcReqBody;
import org.openlsa.krb5.KerberosTime;
import org.openlsa.krb5.MessageType;
import org.openlsa.krb5.PaData;
import org.openlsa.krb5.PaEncTsEnc;
import org.openlsa.krb5.PrincipalName;
import org.openlsa.krb5.der.KrbCodec;
import org.openlsa.peers.Krb5Enctype;
import org.openlsa.peers.MitKdc;
import org.openlsa.sam.AccountStore;
import org.openlsa.sam.DomainProvisioning;
import org.openlsa.sam.Passwords;
import org.openlsa.sam.UserAccount;

/**
 * OpenLSA's KDC against MIT krb5kdc 1.20 (the peer), one run on one machine, the same load generator and
 * request mix for both: AS-REQ with PA-ENC-TIMESTAMP (aes256-cts-hmac-sha1-96, a fresh timestamp and nonce each
 * time so MIT's lookaside cache never answers) and TGS-REQ (a fresh authenticator and nonce each time) over UDP,
 * closed loop, {@code --clients} generator threads. Both KDCs run as separate processes with lockout accounting on:
 * MIT with a kadmin policy (maxfailure) and its default last-success/last-failure recording, OpenLSA with the
 * domain's lockout threshold. MIT runs as {@code krb5kdc -w 2}; OpenLSA with two UDP workers.
 *
 * <p>Each phase warms up before it is measured (30 s by default): under this load on two cores the JVM's C2
 * compiler is busy for the first 12 to 25 seconds (a cold KDC answers TGS requests at a quarter of its warm rate,
 * and a flight recording shows the compiler thread taking a fifth of the machine until then), and a daemon runs
 * warm. MIT needs no warm-up; it gets the same one. Besides throughput and latency, each phase records the
 * CPU time the KDC's processes used per request in the measured window ({@link ProcessCpu}): on a two-core machine
 * the generator takes a large share, so the CPU ratio is the cleaner comparison of the two KDCs' own cost.
 *
 * <p>{@code --seconds N --warmup N --clients N --users N}.
 */
public final class KdcLoadBenchmark {
    private static final String REALM = "BENCH.LOCAL";
    private static final String PASSWORD = "Corr3ct-Horse-Battery";
    private static final String SPN = "HTTP/web.bench.local";

    private KdcLoadBenchmark() {}

    public static void main(String[] args) throws Exception {
        int seconds = 10;
        int warmup = 30;
        int clients = 4;
        int users = 50;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--clients" -> clients = Integer.parseInt(args[i + 1]);
                case "--users" -> users = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.printf(Locale.ROOT, "realm %s, %d users, %d generator threads, %d s warm-up + %d s per phase%n",
                REALM, users, clients, warmup, seconds);
        List<Result> results = new ArrayList<>();
        Path dir = Files.createTempDirectory("openlsa-kdc-bench");
        Process openlsa = startOpenLsa(dir, users);
        try {
            int port = readPort(openlsa);
            results.add(tgsLoad("openlsa TGS", port, users, clients, warmup, seconds, ProcessCpu.of(openlsa.pid())));
            results.add(asLoad("openlsa AS", port, users, clients, warmup, seconds, ProcessCpu.of(openlsa.pid())));
        } finally {
            // SIGTERM first, so a flight recording started with JAVA_TOOL_OPTIONS is written on exit.
            openlsa.destroy();
            if (!openlsa.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                openlsa.destroyForcibly().waitFor();
            }
        }
        try (MitKdc mit = MitKdc.builder().realm(REALM).workers(2)
                .supportedEnctypes(List.of(Krb5Enctype.AES256_CTS_HMAC_SHA1_96)).start()) {
            mit.addLockoutPolicy("lockout", 10, Duration.ofMinutes(30), Duration.ofMinutes(30));
            for (int i = 0; i < users; i++) {
                mit.addPrincipal("user" + i, PASSWORD, "+requires_preauth", "-policy", "lockout");
            }
            mit.addPrincipal(SPN, null, "-randkey");
            results.add(tgsLoad("mit -w 2 TGS", mit.port(), users, clients, warmup, seconds, ProcessCpu.of(mit.pid())));
            results.add(asLoad("mit -w 2 AS", mit.port(), users, clients, warmup, seconds, ProcessCpu.of(mit.pid())));
        }
        LoadLoop.printTable(results, "requests");
        System.out.println();
        System.out.println("| ratio openlsa / mit -w 2 | requests/s | p50 | p99 | KDC CPU per request |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (int i = 0; i < 2; i++) {
            Result o = results.get(i);
            Result m = results.get(i + 2);
            // Latency and CPU ratios are MIT's over ours, so above 1 means OpenLSA is better, like throughput.
            System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f |%n", i == 0 ? "TGS-REQ" : "AS-REQ",
                    o.opsPerSecond() / m.opsPerSecond(), (double) m.p50() / o.p50(), (double) m.p99() / o.p99(),
                    m.serverCpuMicrosPerOp() / o.serverCpuMicrosPerOp());
        }
    }

    private static Process startOpenLsa(Path dir, int users) throws Exception {
        StateLayout layout = StateLayout.of(dir);
        long t0 = System.nanoTime();
        try (AccountStore store = AccountStores.installed().create(layout)) {
            Sid sid = Sid.of(5, 21, 7, 8, 9);
            try (SecretBytes admin = NtOwf.ntOwfV1(SecretBytes.adopt("Admin-1".getBytes(StandardCharsets.UTF_16LE)))) {
                DomainProvisioning.provision(store, "BENCH", REALM, "BENCHHOST", sid, admin, Instant.now(),
                        new SecureRandom());
            }
            for (int i = 0; i <= users; i++) {
                String name = i == users ? "websvc" : "user" + i;
                long rid = store.allocateRid();
                store.createUser(UserAccount.newAccount(sid, rid, name).primaryGroupRid(UserAccount.RID_DOMAIN_USERS)
                        .build(), Optional.empty());
                try (SecretBytes pw = SecretBytes.adopt(PASSWORD.getBytes(StandardCharsets.UTF_16LE))) {
                    Passwords.set(store, rid, pw, Instant.now(), false);
                }
                if (i == users) {
                    store.addServicePrincipalName(rid, SPN);
                }
            }
        }
        System.out.printf(Locale.ROOT, "openlsa: %d accounts with keys in %.1f s%n", users + 1,
                (System.nanoTime() - t0) / 1e9);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), KdcServe.class.getName(), dir.toString(), "2")
                .redirectErrorStream(true).start();
    }

    private static int readPort(Process p) throws Exception {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = r.readLine()) != null; ) {
            if (line.startsWith("port ")) {
                Thread.ofVirtual().start(() -> r.lines().forEach(l -> { }));
                return Integer.parseInt(line.substring(5).trim());
            }
        }
        throw new IllegalStateException("the OpenLSA KDC process ended before listening");
    }

    private static KerberosKey userKey(int i) {
        try (SecretBytes pw = SecretBytes.copyOf(PASSWORD.getBytes(StandardCharsets.UTF_8))) {
            return KerberosCrypto.stringToKey(EncryptionType.AES256_CTS_HMAC_SHA1_96, pw,
                    (REALM + "user" + i).getBytes(StandardCharsets.UTF_8), null);
        }
    }

    /** A UDP "connection": one socket per generator thread, a reply read for every request sent. */
    private static final class Udp implements AutoCloseable {
        final DatagramSocket socket = new DatagramSocket();
        final InetSocketAddress kdc;
        final byte[] buffer = new byte[65535];

        Udp(int port) throws Exception {
            kdc = new InetSocketAddress("127.0.0.1", port);
            socket.setSoTimeout(5000);
        }

        int exchange(byte[] request) throws Exception {
            socket.send(new DatagramPacket(request, request.length, kdc));
            DatagramPacket p = new DatagramPacket(buffer, buffer.length);
            socket.receive(p);
            return KrbCodec.applicationTag(java.util.Arrays.copyOf(buffer, p.getLength()));
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    private static Result asLoad(String side, int port, int users, int n, int warmup, int seconds,
                                 java.util.function.LongSupplier serverCpu) throws Exception {
        KerberosKey[] keys = new KerberosKey[users];
        for (int i = 0; i < users; i++) {
            keys[i] = userKey(i);
        }
        SecureRandom random = new SecureRandom();
        Result r = LoadLoop.run(side, n, warmup, seconds, t -> {
            Udp udp = new Udp(port);
            return new LoadLoop.Operation() {
                int next = t;

                @Override
                public void once() throws Exception {
                    int u = next++ % users;
                    Instant now = Instant.now();
                    PaEncTsEnc ts = new PaEncTsEnc(KerberosTime.truncate(now),
                            OptionalInt.of(KerberosTime.microsecondsOf(now)));
                    byte[] c = KerberosCrypto.encrypt(keys[u], 1, KrbCodec.encode(ts), random);
                    PaData pa = new PaData(PaData.PA_ENC_TIMESTAMP,
                            Bytes.of(KrbCodec.encode(EncryptedData.of(18, Bytes.of(c)))));
                    KdcReqBody body = new KdcReqBody(KdcOptions.of(KdcOptions.FORWARDABLE),
                            Optional.of(PrincipalName.principal("user" + u)), REALM,
                            Optional.of(PrincipalName.krbtgt(REALM)), Optional.empty(),
                            KerberosTime.truncate(now.plus(Duration.ofHours(8))), Optional.empty(),
                            Integer.toUnsignedLong(random.nextInt() & 0x7FFFFFFF), List.of(18), List.of(),
                            Optional.empty(), List.of());
                    int tag = udp.exchange(KrbCodec.encode(KrbCodec.asReq(List.of(pa), body)));
                    if (tag != MessageType.AS_REP) {
                        throw new IllegalStateException(side + ": AS-REQ answered with message type " + tag);
                    }
                }

                @Override
                public void close() {
                    udp.close();
                }
            };
        }, serverCpu);
        for (KerberosKey k : keys) {
            k.destroy();
        }
        return r;
    }

    private static Result tgsLoad(String side, int port, int users, int n, int warmup, int seconds,
                                  java.util.function.LongSupplier serverCpu) throws Exception {
        SecureRandom random = new SecureRandom();
        return LoadLoop.run(side, n, warmup, seconds, t -> {
            KdcClient client = new KdcClient(new KdcClient.Endpoint(new InetSocketAddress("127.0.0.1", port), false,
                    Duration.ofSeconds(5)), Clock.systemUTC(), random);
            KdcClient.Credential tgt;
            try (KerberosKey k = userKey(t % users)) {
                tgt = client.asExchange(REALM, PrincipalName.principal("user" + (t % users)), k,
                        PrincipalName.krbtgt(REALM), KdcOptions.of(KdcOptions.FORWARDABLE), Duration.ofHours(8));
            }
            Udp udp = new Udp(port);
            PrincipalName sname = PrincipalName.service("HTTP", "web.bench.local");
            ChecksumType ct = tgt.sessionKey().type().checksumType();
            return new LoadLoop.Operation() {
                @Override
                public void once() throws Exception {
                    Instant now = Instant.now();
                    KdcReqBody body = new KdcReqBody(KdcOptions.of(KdcOptions.FORWARDABLE), Optional.empty(), REALM,
                            Optional.of(sname), Optional.empty(), tgt.part().endtime(), Optional.empty(),
                            Integer.toUnsignedLong(random.nextInt() & 0x7FFFFFFF), List.of(18), List.of(),
                            Optional.empty(), List.of());
                    byte[] bodyBytes = KrbCodec.encode(body);
                    Checksum cksum = new Checksum(ct.id(), Bytes.of(KerberosCrypto.checksum(ct, tgt.sessionKey(), 6,
                            bodyBytes)));
                    Authenticator auth = new Authenticator(tgt.crealm(), tgt.cname(), Optional.of(cksum),
                            KerberosTime.microsecondsOf(now), KerberosTime.truncate(now), Optional.empty(),
                            OptionalLong.empty(), new AuthorizationData(List.of()));
                    byte[] a = KerberosCrypto.encrypt(tgt.sessionKey(), 7, KrbCodec.encode(auth), random);
                    ApReq ap = new ApReq(ApOptions.of(), tgt.ticket(),
                            EncryptedData.of(tgt.sessionKey().type().id(), Bytes.of(a)));
                    int tag = udp.exchange(KrbCodec.encode(KrbCodec.tgsReq(
                            List.of(new PaData(PaData.PA_TGS_REQ, Bytes.of(KrbCodec.encode(ap)))), body)));
                    if (tag != MessageType.TGS_REP) {
                        throw new IllegalStateException(side + ": TGS-REQ answered with message type " + tag);
                    }
                }

                @Override
                public void close() {
                    udp.close();
                    tgt.close();
                }
            };
        }, serverCpu);
    }
}
