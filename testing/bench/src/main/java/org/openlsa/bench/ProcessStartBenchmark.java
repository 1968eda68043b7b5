package org.openlsa.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.openlsa.client.LsaClient;
import org.openlsa.core.AccessToken;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.daemon.LsaDaemon;
import org.openlsa.engine.Logon32;
import org.openlsa.engine.LsaConnection;
import org.openlsa.engine.TokenHandle;
import org.openlsa.engine.UserProcess;
import org.openlsa.host.StateLayout;
import org.openlsa.idmap.IdMap;
import org.openlsa.idmap.IdMapService;
import org.openlsa.idmap.IdRanges;
import org.openlsa.idmap.UnixCredentials;
import org.openlsa.idmap.UnixDirectory;
import org.openlsa.launch.ExitStatus;
import org.openlsa.launch.ProcessSpec;
import org.openlsa.launch.Stdio;
import org.openlsa.testkit.TestRealm;

/**
 * Issue 19's benchmark goal, as a ratio: start-to-exit of {@code /bin/true} as a logged-on user through the daemon
 * (CreateProcessAsUser over the socket, then WAIT_PROCESS until it ends) against util-linux {@code setpriv} starting
 * the same program as the same uid, gid and groups directly, and against {@code runuser} (which also runs the
 * account's PAM stack), in the same JVM and the same minutes (docs/performance.md, "Starting a process as the
 * client").
 *
 * <p>One thread runs rounds; each round runs every side once, in a shuffled order, so drift in the machine's load
 * falls on all sides alike. setpriv and runuser are started with {@link ProcessBuilder} (the JDK's spawn helper execs
 * them; every side pays one spawn and two execs). The in-process side is the engine's own CreateProcessAsUser in this
 * JVM, without the socket. Needs root: it creates a throwaway OS user ({@code useradd}) linked to the benchmark's
 * account and deletes it at the end.
 *
 * <pre>
 *   ProcessStartBenchmark [--warmup ROUNDS] [--rounds ROUNDS]
 * </pre>
 */
public final class ProcessStartBenchmark {
    private ProcessStartBenchmark() {}

    private enum Side { DAEMON, IN_PROCESS, SETPRIV, RUNUSER }

    public static void main(String[] args) throws Exception {
        int warmup = 100;
        int rounds = 500;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + args[i] + " needs a value");
            }
            switch (args[i]) {
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (use --warmup, --rounds)");
            }
        }
        if (warmup < 0 || rounds < 1) {
            throw new IllegalArgumentException("--warmup >= 0 and --rounds >= 1");
        }
        if (!"0".equals(output("id", "-u").strip())) {
            throw new IllegalStateException("this benchmark starts processes as another user: run it as root");
        }
        String osUser = "olsa-bench-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xFFFFF));
        output("useradd", "-M", "-r", "-s", "/usr/sbin/nologin", osUser);
        try {
            run(osUser, warmup, rounds);
        } finally {
            output("userdel", osUser);
        }
    }

    private static void run(String osUser, int warmup, int rounds) throws Exception {
        long uid = Long.parseLong(output("id", "-u", osUser).strip());
        try (BenchRealm realm = BenchRealm.open(BenchRealm.parentFor("tmpfs"), 0)) {
            TestRealm.addUser(realm.store, "runner", BenchRealm.PASSWORD, Instant.now(),
                    b -> b.unixUid(OptionalLong.of(uid)));
            IdMapService idmap = new IdMapService(StateLayout.of(realm.directory).idmapConfig(), realm.store,
                    UnixDirectory.system());
            LsaDaemon daemon = LsaDaemon.start(realm.engine, idmap, LsaDaemon.Options.defaults(realm.directory));
            try (LsaClient client = LsaClient.of(daemon.socketPath());
                 LsaConnection remote = client.registerLogonProcess(null, "bench-remote");
                 LsaConnection local = realm.engine.registerLogonProcess(realm.engine.systemToken(), "bench-local")) {
                TokenHandle remoteToken = logon(remote);
                TokenHandle localToken = logon(local);
                AccessToken token = local.queryToken(localToken);
                UnixCredentials who = new IdMap(IdRanges.defaults(), realm.store, UnixDirectory.system())
                        .credentialsOf(token);
                List<String> setpriv = new ArrayList<>(List.of("/usr/bin/setpriv", "--reuid=" + who.uid(),
                        "--regid=" + who.gid(), who.supplementaryGids().isEmpty() ? "--clear-groups"
                                : "--groups=" + who.supplementaryGids().stream().map(String::valueOf)
                                        .collect(Collectors.joining(",")),
                        "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", "--", "/bin/true"));
                List<String> runuser = List.of("/usr/sbin/runuser", "-u", osUser, "--", "/bin/true");
                ProcessSpec spec = ProcessSpec.of(Path.of("/bin/true")).stdin(Stdio.NULL).stdout(Stdio.NULL)
                        .stderr(Stdio.NULL).build();
                System.out.printf(Locale.ROOT, "uid %d, gid %d, groups %s; %d warm-up rounds + %d measured; %d cores%n",
                        who.uid(), who.gid(), who.supplementaryGids(), warmup, rounds,
                        Runtime.getRuntime().availableProcessors());

                Map<Side, long[]> nanos = new EnumMap<>(Side.class);
                for (Side s : Side.values()) {
                    nanos.put(s, new long[rounds]);
                }
                List<Side> order = new ArrayList<>(List.of(Side.values()));
                for (int r = -warmup; r < rounds; r++) {
                    Collections.shuffle(order);
                    for (Side s : order) {
                        long t0 = System.nanoTime();
                        switch (s) {
                            case DAEMON -> startAndWait(remote, remoteToken, spec);
                            case IN_PROCESS -> startAndWait(local, localToken, spec);
                            case SETPRIV -> spawnAndWait(setpriv);
                            case RUNUSER -> spawnAndWait(runuser);
                        }
                        long t = System.nanoTime() - t0;
                        if (r >= 0) {
                            nanos.get(s)[r] = t;
                        }
                    }
                }
                report(nanos);
            } finally {
                daemon.close();
            }
        }
    }

    private static TokenHandle logon(LsaConnection c) throws Exception {
        try (SecretBytes pw = TestRealm.utf16(BenchRealm.PASSWORD)) {
            return c.logonUserWithPassword("runner", TestRealm.DOMAIN, pw, Logon32.LOGON_INTERACTIVE,
                    Logon32.PROVIDER_DEFAULT);
        }
    }

    private static void startAndWait(LsaConnection c, TokenHandle h, ProcessSpec spec) throws Exception {
        UserProcess p = c.createProcessAsUser(h, spec);
        try {
            requireSuccess(p.waitFor(), "/bin/true through " + (c.getClass().getSimpleName()));
        } finally {
            p.close(); // CloseHandle: through the daemon it frees the handle's place
        }
    }

    private static void spawnAndWait(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        int code = p.waitFor();
        if (code != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + code);
        }
    }

    private static void requireSuccess(ExitStatus s, String what) {
        if (!(s instanceof ExitStatus.Exited e) || e.code() != 0) {
            throw new IllegalStateException(what + " ended " + s);
        }
    }

    private static void report(Map<Side, long[]> nanos) {
        System.out.println();
        System.out.println("| side | p25 µs | median µs | p75 µs | p90 µs | median / setpriv |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        long[] base = sorted(nanos.get(Side.SETPRIV));
        for (Side s : Side.values()) {
            long[] v = sorted(nanos.get(s));
            System.out.printf(Locale.ROOT, "| %s | %,d | %,d | %,d | %,d | %.2f |%n", label(s), q(v, 0.25) / 1000,
                    q(v, 0.5) / 1000, q(v, 0.75) / 1000, q(v, 0.9) / 1000, (double) q(v, 0.5) / q(base, 0.5));
        }
    }

    private static String label(Side s) {
        return switch (s) {
            case DAEMON -> "daemon (LsaClient -> lsad -> launcher)";
            case IN_PROCESS -> "in-process engine";
            case SETPRIV -> "setpriv directly";
            case RUNUSER -> "runuser -u directly";
        };
    }

    private static long[] sorted(long[] v) {
        long[] c = v.clone();
        java.util.Arrays.sort(c);
        return c;
    }

    /** Nearest-rank quantile. */
    private static long q(long[] sorted, double p) {
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static String output(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out.strip());
        }
        return out;
    }
}
