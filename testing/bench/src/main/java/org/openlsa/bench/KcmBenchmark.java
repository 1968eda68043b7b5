package org.openlsa.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openlsa.peers.KcmClientScript;
import org.openlsa.peers.KcmConnection;
import org.openlsa.peers.KcmStep;
import org.openlsa.peers.MitKdc;
import org.openlsa.peers.PeerException;
import org.openlsa.peers.SssdKcm;
import org.openlsa.peers.UnixIdentity;

/**
 * Issue 20's KCM benchmark: operations per second of KCM credential-cache servers, same run, same caches, as a
 * ratio to the first server (Debian's sssd-kcm unless {@code --no-sssd}). Each server gets a cache {@code KCM:0:bench}
 * holding 20 tickets (a TGT from kinit, then kvno of 19 services of a private MIT realm), then:
 * <ul>
 *   <li>{@code klist} of that cache, one process per operation (MIT's client as users run it);</li>
 *   <li>{@code kvno} of a ticket already in the cache (a KCM lookup, no KDC exchange);</li>
 *   <li>from this JVM over one connection, no process start: a GET_DEFAULT_CACHE round trip; a whole-cache read
 *       through GET_CRED_UUID_LIST and 20 GET_CRED_BY_UUID; and MIT's GET_CRED_LIST (13001) where the server
 *       has it.</li>
 * </ul>
 * klist and kvno also run on a FILE ccache holding the same tickets: the floor no KCM server can beat, since a
 * process start and krb5.conf parsing dominate them.
 * Each operation runs {@code --rounds} times per server for {@code --seconds / rounds} each, the servers in a
 * shuffled order each round, so drift in the machine's load falls on all alike. Runs as root (sssd-kcm's mount
 * namespace; the caches are uid 0's).
 *
 * <pre>
 *   KcmBenchmark [--seconds S] [--warmup S] [--rounds R] [--kcm NAME=SOCKET]... [--no-sssd]
 * </pre>
 * {@code --kcm openlsa=/run/openlsa/kcm.sock} adds a server already listening there (its uid-0 cache
 * {@code KCM:0:bench} is overwritten).
 */
public final class KcmBenchmark {
    private static final String CACHE = "0:bench";
    private static final String USER = "kcmbench";
    private static final String PASSWORD = "Kcm-bench-pw-1";
    private static final int SERVICES = 19;

    private KcmBenchmark() {}

    /**
     * A KCM server, or (socket null) the floor: the same tools on a FILE ccache with the same 20 tickets, which is
     * what a process start, krb5.conf parsing and reading 20 credentials cost without any server.
     */
    private record Server(String name, Path socket, String ccache) {
        Server(String name, Path socket) {
            this(name, socket, "KCM:" + CACHE);
        }

        boolean isKcm() {
            return socket != null;
        }
    }

    /** One measured operation on one server; throws if it did not succeed. */
    @FunctionalInterface
    private interface Operation {
        void runOnce() throws Exception;
    }

    private enum Kind {
        KLIST("klist of the 20-ticket cache (process per op)"),
        KVNO("kvno of a cached ticket (process per op)"),
        RAW_ROUND_TRIP("raw GET_DEFAULT_CACHE round trip"),
        RAW_UUID_READ("raw cache read: GET_CRED_UUID_LIST + 20 GET_CRED_BY_UUID"),
        RAW_CRED_LIST("raw cache read: GET_CRED_LIST (13001)");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    public static void main(String[] args) throws Exception {
        double seconds = 10;
        double warmup = 2;
        int rounds = 3;
        boolean sssd = true;
        boolean openLsa = true;
        List<Server> external = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--no-sssd")) {
                sssd = false;
                continue;
            }
            if (option.equals("--no-openlsa")) {
                openLsa = false;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--seconds" -> seconds = Double.parseDouble(value);
                case "--warmup" -> warmup = Double.parseDouble(value);
                case "--rounds" -> rounds = Integer.parseInt(value);
                case "--kcm" -> {
                    int eq = value.indexOf('=');
                    if (eq <= 0 || eq == value.length() - 1) {
                        throw new IllegalArgumentException("--kcm NAME=SOCKET, not " + value);
                    }
                    external.add(new Server(value.substring(0, eq), Path.of(value.substring(eq + 1))));
                }
                default -> throw new IllegalArgumentException("unknown option " + option
                        + " (use --seconds, --warmup, --rounds, --kcm NAME=SOCKET, --no-sssd, --no-openlsa)");
            }
        }
        if (seconds <= 0 || warmup < 0 || rounds < 1) {
            throw new IllegalArgumentException("--seconds > 0, --warmup >= 0, --rounds >= 1");
        }
        if (!sssd && !openLsa && external.isEmpty()) {
            throw new IllegalArgumentException("nothing to measure: --no-sssd, --no-openlsa and no --kcm");
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("run as root: sssd-kcm needs it, and the caches measured are uid 0's");
        }
        for (Server s : external) {
            if (!Files.exists(s.socket())) {
                throw new IllegalArgumentException(s.name() + ": no socket at " + s.socket());
            }
        }
        try (MitKdc kdc = MitKdc.start(); SssdKcm reference = sssd ? SssdKcm.start() : null;
             OpenLsaKcm ours = openLsa ? OpenLsaKcm.start() : null) {
            kdc.addPrincipal(USER, PASSWORD);
            for (int i = 1; i <= SERVICES; i++) {
                kdc.addPrincipal(service(i), null, "-randkey");
            }
            List<Server> servers = new ArrayList<>();
            if (reference != null) {
                servers.add(new Server("sssd-kcm", reference.socket()));
            }
            if (ours != null) {
                servers.add(new Server("openlsa", ours.socket()));
            }
            servers.addAll(external);
            run(kdc, servers, seconds, warmup, rounds);
        }
    }

    private static String service(int i) {
        return "svc" + i + "/kcm.bench";
    }

    private static void run(MitKdc kdc, List<Server> servers, double seconds, double warmup, int rounds)
            throws Exception {
        Map<Server, KcmClientScript> scripts = new LinkedHashMap<>();
        try {
            for (Server s : servers) {
                KcmClientScript script = KcmClientScript.create(s.socket(), kdc.realm(), kdc.host(), kdc.port());
                scripts.put(s, script);
                fill(s, script);
            }
            // The floor's FILE ccache sits beside the first script's krb5.conf (root's, 0755; the file is 0600).
            KcmClientScript first = scripts.values().iterator().next();
            Server floor = new Server("FILE ccache, no server (floor)", null,
                    "FILE:" + first.krb5Conf().resolveSibling("floor.ccache"));
            fill(floor, first);
            scripts.put(floor, first);
            System.out.printf(Locale.ROOT, "KCM servers: %s; %d tickets in KCM:%s; %.1f s per operation and server "
                    + "in %d rounds (+%.1f s warm-up); %d cores%n", servers.stream().map(Server::name).toList(),
                    SERVICES + 1, CACHE, seconds, rounds, warmup, Runtime.getRuntime().availableProcessors());
            System.out.println();
            System.out.println("| operation | server | ops/s | / " + servers.getFirst().name() + " |");
            System.out.println("|---|---|---:|---:|");
            for (Kind kind : Kind.values()) {
                measure(kind, scripts, seconds, warmup, rounds);
            }
        } finally {
            scripts.values().forEach(KcmClientScript::close);
        }
    }

    /** kinit into KCM:0:bench, then kvno of 19 services: 20 tickets. */
    private static void fill(Server server, KcmClientScript script) throws PeerException {
        UnixIdentity root = UnixIdentity.root();
        require(script.run(root, "kdestroy", "-c", server.ccache()), server, true);
        require(script.kinit(root, PASSWORD, "-c", server.ccache(), USER), server, false);
        for (int i = 1; i <= SERVICES; i++) {
            require(script.run(root, "kvno", "-c", server.ccache(), service(i)), server, false);
        }
        KcmStep klist = require(script.run(root, "klist", server.ccache()), server, false);
        long tickets = klist.stdout().lines().filter(l -> l.matches("^\\d\\d/\\d\\d/\\d\\d .*")).count();
        if (tickets != SERVICES + 1) {
            throw new IllegalStateException(server.name() + ": the cache holds " + tickets + " tickets, not "
                    + (SERVICES + 1) + ":\n" + klist.describe());
        }
    }

    private static KcmStep require(KcmStep step, Server server, boolean failureAllowed) {
        if (!step.succeeded() && !failureAllowed) {
            throw new IllegalStateException(server.name() + ": " + step.describe());
        }
        return step;
    }

    private static void measure(Kind kind, Map<Server, KcmClientScript> scripts, double seconds, double warmup,
            int rounds) throws Exception {
        Map<Server, Operation> operations = new LinkedHashMap<>();
        Map<Server, KcmConnection> connections = new LinkedHashMap<>();
        Map<Server, String> unsupported = new LinkedHashMap<>();
        try {
            for (Map.Entry<Server, KcmClientScript> e : scripts.entrySet()) {
                Server s = e.getKey();
                if (!s.isKcm() && kind != Kind.KLIST && kind != Kind.KVNO) {
                    continue;
                }
                Operation op = switch (kind) {
                    case KLIST -> process(e.getValue(), List.of("/usr/bin/klist", s.ccache()));
                    case KVNO -> process(e.getValue(), List.of("/usr/bin/kvno", "-c", s.ccache(), service(1)));
                    default -> {
                        KcmConnection c = KcmConnection.connect(s.socket());
                        connections.put(s, c);
                        yield raw(kind, c);
                    }
                };
                try {
                    op.runOnce();
                    operations.put(s, op);
                } catch (KcmConnection.KcmFailure ke) {
                    unsupported.put(s, ke.getMessage());
                }
            }
            Map<Server, long[]> totals = new LinkedHashMap<>();
            operations.keySet().forEach(s -> totals.put(s, new long[2]));
            List<Server> order = new ArrayList<>(operations.keySet());
            for (Server s : order) {
                loop(operations.get(s), (long) (warmup * 1e9));
            }
            long slice = (long) (seconds / rounds * 1e9);
            for (int r = 0; r < rounds; r++) {
                Collections.shuffle(order);
                for (Server s : order) {
                    long t0 = System.nanoTime();
                    long n = loop(operations.get(s), slice);
                    long[] t = totals.get(s);
                    t[0] += n;
                    t[1] += System.nanoTime() - t0;
                }
            }
            Double base = null;
            for (Server s : scripts.keySet()) {
                if (!s.isKcm() && !totals.containsKey(s)) {
                    continue;
                }
                if (unsupported.containsKey(s)) {
                    System.out.printf(Locale.ROOT, "| %s | %s | (%s) | |%n", kind.label, s.name(), unsupported.get(s));
                    continue;
                }
                long[] t = totals.get(s);
                double rate = t[0] / (t[1] / 1e9);
                if (base == null && s.equals(scripts.keySet().iterator().next())) {
                    base = rate;
                }
                System.out.printf(Locale.ROOT, "| %s | %s | %,.0f | %s |%n", kind.label, s.name(), rate,
                        base == null ? "" : String.format(Locale.ROOT, "%.2f", rate / base));
            }
        } finally {
            for (KcmConnection c : connections.values()) {
                c.close();
            }
        }
    }

    private static long loop(Operation op, long nanos) throws Exception {
        long end = System.nanoTime() + nanos;
        long n = 0;
        do {
            op.runOnce();
            n++;
        } while (System.nanoTime() < end);
        return n;
    }

    private static Operation process(KcmClientScript script, List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> env = builder.environment();
        env.remove("KRB5CCNAME");
        env.remove("KRB5_TRACE");
        env.put("KRB5_CONFIG", script.krb5Conf().toString());
        env.put("LC_ALL", "C");
        return () -> {
            int code = builder.start().waitFor();
            if (code != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited " + code);
            }
        };
    }

    private static Operation raw(Kind kind, KcmConnection c) {
        return switch (kind) {
            case RAW_ROUND_TRIP -> () -> {
                if (c.defaultCache().isEmpty()) {
                    throw new IOException("empty default cache name");
                }
            };
            case RAW_UUID_READ -> () -> expectTickets(c.credentialsByUuid(CACHE).size());
            case RAW_CRED_LIST -> () -> expectTickets(c.credentialList(CACHE).size());
            default -> throw new IllegalArgumentException(kind.name());
        };
    }

    /** MIT stores config entries (e.g. pa_type) as credentials too: at least the 20 tickets must be there. */
    private static void expectTickets(int credentials) throws IOException {
        if (credentials < SERVICES + 1) {
            throw new IOException("the cache gave " + credentials + " credentials, fewer than " + (SERVICES + 1));
        }
    }
}
