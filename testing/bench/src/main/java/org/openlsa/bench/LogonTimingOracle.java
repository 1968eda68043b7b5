package org.openlsa.bench;

import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import org.openlsa.core.LsaException;
import org.openlsa.core.Luid;
import org.openlsa.core.NtStatus;
import org.openlsa.core.SecurityLogonType;
import org.openlsa.core.TokenSource;
import org.openlsa.crypto.NtOwf;
import org.openlsa.crypto.NtlmV2;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.engine.Logon32;
import org.openlsa.engine.LogonRequest;
import org.openlsa.engine.LsaConnection;
import org.openlsa.engine.LsaEngine;
import org.openlsa.host.LsaHost;
import org.openlsa.host.StateLayout;
import org.openlsa.kerberos.KerbInteractiveLogonCodec;
import org.openlsa.kerberos.KerberosPackage;
import org.openlsa.engine.spi.logon.InteractiveLogon;
import org.openlsa.msv1_0.Msv1_0Lm20Logon;
import org.openlsa.msv1_0.Msv1_0Lm20LogonCodec;
import org.openlsa.msv1_0.Msv1_0Package;
import org.openlsa.sam.AccountStore;
import org.openlsa.sam.DomainInfo;
import org.openlsa.testkit.TestRealm;

/**
 * Issue 17's timing-oracle check: does a wrong password for a user that exists cost the same as any password for a
 * name that does not? An untrusted caller that could tell the two apart by time would learn which user names exist,
 * although the status (LOGON_FAILURE, SubStatus hidden) says nothing.
 *
 * <p>Over an untrusted connection (as any local Unix user gets from the daemon), for each of four paths: MSV1_0
 * interactive (LsaLogonUser with MSV1_0_INTERACTIVE_LOGON), LogonUser (LOGON32_LOGON_INTERACTIVE), an NTLMv2 network
 * logon (MSV1_0_LM20_LOGON) and a Kerberos package interactive logon against the embedded KDC. Attempts are
 * interleaved: every round makes one known-user and one unknown-user attempt on every path, in a random order, so
 * load drift on a shared machine hits both sides alike. Each attempt is timed by the wall clock (what a caller sees).
 * Reported per path: medians, quartiles and the ratio of the medians; the tool exits 1 when a path's medians differ
 * by more than {@code --tolerance} (10 %), 0 otherwise. It runs once with lockout on (threshold 65535, so the known
 * user never locks during the run but every bad password is counted) and once with lockout off (threshold 0).
 *
 * <pre>
 *   LogonTimingOracle [--storage disk|tmpfs] [--attempts 500] [--warmup 150] [--lockout on|off|both]
 *                     [--tolerance 0.10] [--seed N]
 * </pre>
 */
public final class LogonTimingOracle {
    private static final String KNOWN = "timing";
    /**
     * One unknown name throughout, as the known one: an attacker repeats a name to average out noise, and the
     * store's read memo then holds both the account and the miss, so both sides are measured warm.
     */
    private static final String UNKNOWN = "timing-nobody";
    private static final String WRONG = "Wr0ng-Horse-Battery";
    private static final String WORKSTATION = "BENCHCLIENT";

    private LogonTimingOracle() {}

    /** One measured path: how to make one attempt for a given user name. */
    private interface Path0 {
        void attempt(String user) throws LsaException;
    }

    private record NamedPath(String name, Path0 path) {}

    public static void main(String[] args) throws Exception {
        String storage = "disk";
        int attempts = 500;
        int warmup = 150;
        String lockout = "both";
        double tolerance = 0.10;
        long seed = System.nanoTime();
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + args[i] + " needs a value");
            }
            switch (args[i]) {
                case "--storage" -> storage = args[i + 1];
                case "--attempts" -> attempts = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--lockout" -> lockout = args[i + 1];
                case "--tolerance" -> tolerance = Double.parseDouble(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (use --storage, --attempts, --warmup, --lockout, --tolerance, --seed)");
            }
        }
        if (attempts <= 0 || warmup < 0 || tolerance <= 0 || !List.of("on", "off", "both").contains(lockout)) {
            throw new IllegalArgumentException("--attempts > 0, --warmup >= 0, --tolerance > 0, --lockout on|off|both");
        }
        System.out.printf(Locale.ROOT, "storage %s, %d interleaved attempts per side and path after %d warm-up, "
                + "tolerance %.0f %%, seed %d%n", storage, attempts, warmup, tolerance * 100, seed);
        boolean ok = true;
        for (boolean on : lockout.equals("both") ? List.of(true, false) : List.of(lockout.equals("on"))) {
            ok &= run(storage, on, attempts, warmup, tolerance, new Random(seed));
        }
        System.out.println(ok ? "RESULT pass: no path tells a known user from an unknown one by its median"
                : "RESULT FAIL: a path's medians differ by more than the tolerance");
        System.exit(ok ? 0 : 1);
    }

    private static boolean run(String storage, boolean lockoutOn, int attempts, int warmup, double tolerance,
                               Random random) throws Exception {
        java.nio.file.Path dir = Files.createTempDirectory(BenchRealm.parentFor(storage), "openlsa-timing-");
        Instant now = Instant.now();
        try (LsaHost host = LsaHost.open(TestRealm.provision(StateLayout.of(dir), now), BenchRealm.options())) {
            AccountStore store = host.store();
            LsaEngine engine = host.engine();
            TestRealm.addUser(store, KNOWN, BenchRealm.PASSWORD, now);
            DomainInfo domain = store.domain();
            store.setPolicy(lockoutOn
                    ? domain.policy().withLockout(0xFFFF, Optional.of(Duration.ofMinutes(30)), Duration.ofMinutes(30))
                    : domain.policy().withLockout(0, Optional.of(Duration.ofMinutes(30)), Duration.ofMinutes(30)));
            try (LsaConnection c = engine.connectUntrusted(engine.tokenForUnixCaller(64_123, 64_123))) {
                List<NamedPath> paths = paths(c, random);
                System.out.printf(Locale.ROOT, "== lockout %s (threshold %d)%n", lockoutOn ? "on" : "off",
                        store.domain().policy().lockoutThreshold());
                measure(paths, warmup, random, UNKNOWN);
                List<double[][]> samples = measure(paths, attempts, random, UNKNOWN);
                return report(paths, samples, tolerance);
            }
        } finally {
            BenchRealm.deleteTree(dir);
        }
    }

    private static List<NamedPath> paths(LsaConnection c, Random random) throws LsaException {
        int msv = c.lookupAuthenticationPackage(Msv1_0Package.NAME);
        int kerberos = c.lookupAuthenticationPackage(KerberosPackage.NAME);
        TokenSource source = new TokenSource("OpenLSA", new Luid(79));
        byte[] targetInfo = NtlmNetworkLoadBenchmark.targetInfo(TestRealm.DOMAIN, TestRealm.MACHINE);
        SecretBytes wrongHash = NtOwf.ntOwfV1(WRONG.toCharArray());
        return List.of(
                new NamedPath("MSV1_0 interactive", user -> c.logonUser(new LogonRequest("bench",
                        SecurityLogonType.INTERACTIVE, msv, TestRealm.interactiveLogon(TestRealm.DOMAIN, user, WRONG),
                        Optional.empty(), source))),
                new NamedPath("LogonUser", user -> {
                    try (SecretBytes pw = TestRealm.utf16(WRONG)) {
                        c.logonUserWithPassword(user, TestRealm.DOMAIN, pw, Logon32.LOGON_INTERACTIVE, 0);
                    }
                }),
                new NamedPath("NTLM network", user -> {
                    byte[] challenge = new byte[8];
                    byte[] clientChallenge = new byte[8];
                    random.nextBytes(challenge);
                    random.nextBytes(clientChallenge);
                    long fileTime = (Instant.now().getEpochSecond() + 11_644_473_600L) * 10_000_000L;
                    byte[] nt;
                    try (SecretBytes owf = NtlmV2.ntOwfV2(wrongHash, user, TestRealm.DOMAIN)) {
                        nt = NtlmV2.ntResponse(owf, challenge, NtlmV2.clientBlob(fileTime, clientChallenge,
                                targetInfo));
                    }
                    c.logonUser(new LogonRequest("bench", SecurityLogonType.NETWORK, msv,
                            Msv1_0Lm20LogonCodec.encode(Msv1_0Lm20Logon.network(TestRealm.DOMAIN, user, WORKSTATION,
                                    challenge, nt, new byte[0], 0)), Optional.empty(), source));
                }),
                new NamedPath("Kerberos package", user -> {
                    SecretBytes buffer;
                    try (SecretBytes pw = TestRealm.utf16(WRONG)) {
                        buffer = KerbInteractiveLogonCodec.encode(new InteractiveLogon(TestRealm.DOMAIN, user,
                                pw, Optional.empty()));
                    }
                    try (LogonRequest request = new LogonRequest("bench", SecurityLogonType.INTERACTIVE, kerberos,
                            buffer, Optional.empty(), source)) {
                        c.logonUser(request);
                    }
                }));
    }

    /**
     * {@code rounds} rounds; each makes, on every path, one attempt for the known user and one for the unknown
     * name, in a random order. Returns per path [known nanos, unknown nanos].
     */
    private static List<double[][]> measure(List<NamedPath> paths, int rounds, Random random, String unknownName)
            throws LsaException {
        List<double[][]> samples = new ArrayList<>();
        for (int p = 0; p < paths.size(); p++) {
            samples.add(new double[2][rounds]);
        }
        for (int r = 0; r < rounds; r++) {
            for (int p = 0; p < paths.size(); p++) {
                boolean knownFirst = random.nextBoolean();
                for (int k = 0; k < 2; k++) {
                    boolean known = (k == 0) == knownFirst;
                    samples.get(p)[known ? 0 : 1][r] = timed(paths.get(p), known ? KNOWN : unknownName);
                }
            }
        }
        return samples;
    }

    /** One attempt's wall time; it must fail as LOGON_FAILURE (a differing status would be an oracle of its own). */
    private static double timed(NamedPath path, String user) throws LsaException {
        long t0 = System.nanoTime();
        try {
            path.path().attempt(user);
        } catch (LsaException e) {
            long t1 = System.nanoTime();
            if (!e.status().equals(NtStatus.LOGON_FAILURE) || !e.subStatus().equals(NtStatus.SUCCESS)) {
                throw new IllegalStateException(path.name() + " for " + user + " answered " + e.status() + "/"
                        + e.subStatus() + ", not LOGON_FAILURE with the SubStatus hidden", e);
            }
            return t1 - t0;
        }
        throw new IllegalStateException(path.name() + " accepted a wrong password for " + user);
    }

    private static boolean report(List<NamedPath> paths, List<double[][]> samples, double tolerance) {
        System.out.println("| path               | known p25 | known median | unknown p25 | unknown median | ratio  |");
        System.out.println("|--------------------|-----------|--------------|-------------|----------------|--------|");
        boolean ok = true;
        for (int p = 0; p < paths.size(); p++) {
            double[] known = samples.get(p)[0];
            double[] unknown = samples.get(p)[1];
            double km = KerberosLogonRatio.quantile(known, 0.5);
            double um = KerberosLogonRatio.quantile(unknown, 0.5);
            double ratio = km / um;
            boolean pass = Math.abs(ratio - 1) <= tolerance;
            ok &= pass;
            System.out.printf(Locale.ROOT, "| %-18s | %6.3f ms | %9.3f ms | %8.3f ms | %11.3f ms | %6.3f |%s%n",
                    paths.get(p).name(), KerberosLogonRatio.quantile(known, 0.25) * 1e-6, km * 1e-6,
                    KerberosLogonRatio.quantile(unknown, 0.25) * 1e-6, um * 1e-6, ratio, pass ? "" : " FAIL");
        }
        return ok;
    }
}
