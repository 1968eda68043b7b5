package org.openlsa.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.kdc.Kdc;
import org.openlsa.host.StateLayout;
import org.openlsa.store.sqlite.SqliteAccountStore;
import org.openlsa.testkit.TestRealm;

/**
 * The KDC the daemon runs beside its socket: over the daemon's own store (MIT kinit gets a TGT from it),
 * {@code kdc.endpoint} written with the bound port and removed on a clean stop, one KDC per state directory, a
 * clear one-line startup error when its port is taken, and {@code kdc.properties}.
 */
class DaemonKdcTest {
    private static final String PASSWORD = "Kdc-Daemon-Pw1";

    @TempDir
    Path state;

    @BeforeEach
    void provision() throws Exception {
        try (SqliteAccountStore store = SqliteAccountStore.open(state.resolve("sam.db"))) {
            TestRealm.provision(store, TestRealm.START);
            TestRealm.addUser(store, "alice", PASSWORD, java.time.Instant.now());
        }
    }

    private static KdcConfig onFreePort() {
        return KdcConfig.defaults().withPort(0);
    }

    @Test
    void theDaemonServesItsRealmOnTheKdcAndPublishesTheEndpointWhileRunning() throws Exception {
        Path endpointFile = state.resolve(StateLayout.KDC_ENDPOINT);
        try (Lsad lsad = Lsad.start(LsaDaemon.Options.defaults(state), onFreePort())) {
            KdcService kdc = lsad.kdc().orElseThrow();
            assertEquals("TESTDOM", kdc.realm());
            assertTrue(kdc.port() > 0);
            assertEquals("127.0.0.1:" + kdc.port(), kdc.endpoint());
            assertEquals(List.of("127.0.0.1:" + kdc.port()), Files.readAllLines(endpointFile));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(endpointFile)));
            assertEquals(Optional.of(kdc.endpoint()), KdcService.runningEndpoint(state));

            Path dir = Files.createDirectory(state.resolve("mit"));
            Files.writeString(dir.resolve("krb5.conf"), "[libdefaults]\n default_realm = TESTDOM\n"
                    + " dns_lookup_kdc = false\n rdns = false\n[realms]\n TESTDOM = {\n  kdc = " + kdc.endpoint()
                    + "\n }\n");
            // MIT kinit (krb5-user) must be installed: a missing peer fails the test, it does not skip it.
            ProcessBuilder pb = new ProcessBuilder("kinit", "alice@TESTDOM").redirectErrorStream(true);
            Map<String, String> env = pb.environment();
            env.put("KRB5_CONFIG", dir.resolve("krb5.conf").toString());
            env.put("KRB5CCNAME", "FILE:" + dir.resolve("ccache"));
            env.put("LC_ALL", "C");
            Process p = pb.start();
            p.getOutputStream().write((PASSWORD + "\n").getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), "kinit against the daemon's KDC: " + output);
            assertTrue(Files.size(dir.resolve("ccache")) > 0, "kinit stored a TGT");

            LsaException second = assertThrows(LsaException.class, () -> {
                try (SqliteAccountStore store = SqliteAccountStore.open(state.resolve("sam.db"))) {
                    KdcService.start(Kdc.create(store, Clock.systemUTC(), new SecureRandom()), state, onFreePort())
                            .close();
                }
            });
            assertEquals(NtStatus.OBJECT_NAME_COLLISION, second.status());
            assertTrue(second.getMessage().contains("another OpenLSA KDC (pid " + ProcessHandle.current().pid()),
                    second.getMessage());
        }
        assertFalse(Files.exists(endpointFile), "a clean stop removes kdc.endpoint");
        assertEquals(Optional.empty(), KdcService.runningEndpoint(state));
    }

    @Test
    void withoutAKdcConfigurationTheOldEntryPointRunsNoKdc() throws Exception {
        try (Lsad lsad = Lsad.start(LsaDaemon.Options.defaults(state))) {
            assertTrue(lsad.kdc().isEmpty());
            assertFalse(Files.exists(state.resolve(StateLayout.KDC_ENDPOINT)));
        }
    }

    @Test
    void aTakenKdcPortFailsTheStartWithAClearMessageAndLeavesNothingRunning() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            int port = taken.getLocalPort();
            KdcBindException e = assertThrows(KdcBindException.class,
                    () -> Lsad.start(LsaDaemon.Options.defaults(state), KdcConfig.defaults().withPort(port)));
            String m = e.getMessage();
            assertTrue(m.startsWith("cannot serve the KDC on 127.0.0.1:" + port + " (udp+tcp): "), m);
            assertTrue(m.toLowerCase(java.util.Locale.ROOT).contains("in use"), "the reason: " + m);
            assertTrue(m.contains(state.resolve("kdc.properties").toString()) && m.contains("--kdc-port")
                    && m.contains("--no-kdc"), "how to change it: " + m);
            assertFalse(Files.exists(state.resolve("lsad.sock")), "the socket went away with the failed start");
            assertFalse(Files.exists(state.resolve(StateLayout.KDC_ENDPOINT)));
            // Both locks were released: the daemon starts at once on a free port.
            try (Lsad lsad = Lsad.start(LsaDaemon.Options.defaults(state), onFreePort())) {
                assertTrue(lsad.kdc().isPresent());
            }

            // The process entry point (what lsa serve runs) says it in one line on stderr, without a stack trace.
            Files.writeString(state.resolve("kdc.properties"), "# test\naddress = 127.0.0.1\nport = " + port + "\n");
            String java = ProcessHandle.current().info().command().orElseThrow();
            Process lsad = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1",
                    "-cp", System.getProperty("java.class.path"), Lsad.class.getName(), state.toString())
                    .redirectError(state.resolve("lsad.err").toFile()).start();
            lsad.getOutputStream().close();
            String out = new String(lsad.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(lsad.waitFor(60, TimeUnit.SECONDS));
            String err = Files.readString(state.resolve("lsad.err"));
            assertEquals(1, lsad.exitValue(), "stdout: " + out + "\nstderr: " + err);
            assertFalse(out.contains("READY"), out);
            assertTrue(err.contains("lsad: cannot serve the KDC on 127.0.0.1:" + port + " (udp+tcp)"), err);
            assertFalse(err.contains("Exception") || err.contains("\tat "), "no stack trace: " + err);
        }
    }

    @Test
    void aFailureAfterTheKdcStartedStopsTheKdcWithTheStart() throws Exception {
        // The last step of Lsad.start (its announcement) fails: the KDC already listens over the host's store,
        // which the failed start closes; the KDC must stop with it, not serve a closed store holding kdc.lock.
        java.util.logging.Logger log = java.util.logging.Logger.getLogger("org.openlsa.daemon");
        java.util.logging.Level level = log.getLevel();
        java.util.logging.Handler failing = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                if (r.getMessage() != null && r.getMessage().startsWith("OpenLSA ")) {
                    throw new IllegalStateException("injected: the announcement fails");
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        log.setLevel(java.util.logging.Level.FINE);
        log.addHandler(failing);
        try {
            assertThrows(IllegalStateException.class,
                    () -> Lsad.start(LsaDaemon.Options.defaults(state), onFreePort()));
        } finally {
            log.removeHandler(failing);
            log.setLevel(level);
        }
        assertFalse(StateLock.isHeld(state, StateLayout.KDC_LOCK), "the KDC stopped with the failed start");
        assertFalse(Files.exists(state.resolve(StateLayout.KDC_ENDPOINT)));
        assertFalse(Files.exists(state.resolve(StateLayout.KPASSWD_ENDPOINT)));
        try (Lsad lsad = Lsad.start(LsaDaemon.Options.defaults(state), onFreePort())) {
            assertTrue(lsad.kdc().isPresent());
        }
    }

    @Test
    void kdcPropertiesConfiguresTheListenerAndRefusesWhatItDoesNotKnow() throws Exception {
        assertEquals(KdcConfig.defaults(), KdcConfig.load(state), "no file: the defaults");
        KdcConfig d = KdcConfig.defaults();
        assertTrue(d.enabled());
        assertEquals("127.0.0.1", d.address().getHostAddress());
        assertEquals(88, d.port());

        Path file = state.resolve(StateLayout.KDC_CONFIG);
        Files.writeString(file, "enabled = false\naddress = 0.0.0.0\nport = 1088\nudp_workers = 2\n");
        KdcConfig c = KdcConfig.load(state);
        assertFalse(c.enabled());
        assertEquals("0.0.0.0", c.address().getHostAddress());
        assertEquals(1088, c.port());
        assertEquals(OptionalInt.of(2), c.udpWorkers());
        assertEquals(0, c.kpasswdPort(), "a KDC moved off 88 does not claim the privileged 464 either");
        assertEquals(464, d.kpasswdPort(), "beside 88, kpasswd is on 464");
        Files.writeString(file, "port = 1088\nkpasswd_port = 1464\n");
        assertEquals(1464, KdcConfig.load(state).kpasswdPort());
        Files.writeString(file, "port = 1088\nkpasswd_port = 1088\n");
        assertThrows(IllegalArgumentException.class, () -> KdcConfig.load(state), "one port cannot serve both");

        Files.writeString(file, "prot = 88\n");
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> KdcConfig.load(state));
        assertTrue(unknown.getMessage().contains(file.toString()) && unknown.getMessage().contains("'prot'"),
                unknown.getMessage());
        Files.writeString(file, "port = 70000\n");
        assertThrows(IllegalArgumentException.class, () -> KdcConfig.load(state));
        Files.writeString(file, "enabled = yes\n");
        assertThrows(IllegalArgumentException.class, () -> KdcConfig.load(state));
        assertEquals("[::1]:88", KdcService.hostPort(InetAddress.getByName("::1"), 88));
        assertEquals("[::]:88", KdcService.hostPort(InetAddress.getByName("::"), 88));
        assertEquals("[2001:db8::1:0:0:1]:750", KdcService.hostPort(InetAddress.getByName("2001:db8:0:0:1:0:0:1"), 750));
    }

    @Test
    void anEndpointFileLeftByACrashedKdcIsNotTakenForARunningOne() throws IOException {
        Files.writeString(state.resolve(StateLayout.KDC_ENDPOINT), "127.0.0.1:4242\n");
        assertEquals(Optional.empty(), KdcService.runningEndpoint(state), "nobody holds kdc.lock");
    }

    /** An MIT client tool run against the daemon's realm, its prompts answered from {@code stdin}. */
    private static String mit(Path dir, String stdin, int expectedExit, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("KRB5_CONFIG", dir.resolve("krb5.conf").toString());
        env.put("KRB5CCNAME", "FILE:" + dir.resolve("ccache"));
        env.put("LC_ALL", "C");
        Process p = pb.start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(expectedExit, p.exitValue(), String.join(" ", command) + ": " + output);
        return output;
    }

    @Test
    void mitKpasswdAndKinitChangePasswordsThroughTheDaemonsKpasswdService() throws Exception {
        String longer = "Kdc-Daemon-Pw1-longer";
        String newest = "Kdc-Daemon-Pw1-newest";
        try (SqliteAccountStore store = SqliteAccountStore.open(state.resolve("sam.db"))) {
            long bob = TestRealm.addUser(store, "bob", PASSWORD, java.time.Instant.now()).rid();
            store.updateUser(bob, u -> u.toBuilder().flag(org.openlsa.sam.AccountFlag.MUST_CHANGE_PASSWORD, true)
                    .build());
            store.setPolicy(store.domain().policy().withMinPasswordLength(16));
            // alice's password was set a day ago: past the default minimum age, so she may change it
            long alice = store.findUser("alice").orElseThrow().rid();
            store.updateUser(alice, u -> u.toBuilder().passwordLastSet(
                    Optional.of(java.time.Instant.now().minus(java.time.Duration.ofDays(1)))).build());
        }
        Path kpasswdFile = state.resolve(StateLayout.KPASSWD_ENDPOINT);
        try (Lsad lsad = Lsad.start(LsaDaemon.Options.defaults(state), onFreePort())) {
            KdcService kdc = lsad.kdc().orElseThrow();
            assertTrue(kdc.kpasswdPort() > 0 && kdc.kpasswdPort() != kdc.port());
            assertEquals(List.of("127.0.0.1:" + kdc.kpasswdPort()), Files.readAllLines(kpasswdFile));
            assertEquals(Optional.of(kdc.kpasswdEndpoint()), KdcService.runningKpasswdEndpoint(state));
            Path dir = Files.createDirectory(state.resolve("mit"));
            Files.writeString(dir.resolve("krb5.conf"), "[libdefaults]\n default_realm = TESTDOM\n"
                    + " dns_lookup_kdc = false\n rdns = false\n[realms]\n TESTDOM = {\n  kdc = " + kdc.endpoint()
                    + "\n  kpasswd_server = " + kdc.kpasswdEndpoint() + "\n }\n");

            // MIT kpasswd: a password the policy refuses is explained in words, from the AD policy blob.
            String refused = mit(dir, PASSWORD + "\nshort-Pw1\nshort-Pw1\n", 2, "kpasswd", "alice@TESTDOM");
            // MIT states every rule the blob carries: the length, and now complexity, history and minimum age
            assertTrue(refused.contains("Password change rejected: "), refused);
            assertTrue(refused.contains("The password must contain at least 16 characters."), refused);
            assertTrue(refused.contains("The password must be different from the previous 24 passwords."), refused);
            String changed = mit(dir, PASSWORD + "\n" + longer + "\n" + longer + "\n", 0, "kpasswd", "alice@TESTDOM");
            assertTrue(changed.contains("Password changed."), changed);
            mit(dir, longer + "\n", 0, "kinit", "alice@TESTDOM");
            mit(dir, PASSWORD + "\n", 1, "kinit", "alice@TESTDOM");

            // MIT kinit meets an expired password, asks for a new one and changes it through kpasswd itself.
            String expired = mit(dir, PASSWORD + "\n" + newest + "\n" + newest + "\n", 0, "kinit", "bob@TESTDOM");
            assertTrue(expired.contains("Password expired"), expired);
            mit(dir, newest + "\n", 0, "kinit", "bob@TESTDOM");
        }
        assertFalse(Files.exists(kpasswdFile), "a clean stop removes kpasswd.endpoint");
    }
}
