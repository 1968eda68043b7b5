package org.openlsa.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openlsa.client.LsaClient;
import org.openlsa.core.LsaException;
import org.openlsa.core.Luid;
import org.openlsa.core.NtStatus;
import org.openlsa.core.SecurityLogonType;
import org.openlsa.core.TokenSource;
import org.openlsa.engine.LogonRequest;
import org.openlsa.engine.LogonResult;
import org.openlsa.engine.LsaConnection;
import org.openlsa.engine.LsaEngine;
import org.openlsa.host.StateLayout;
import org.openlsa.msv1_0.Msv1_0Package;
import org.openlsa.sam.UserAccount;
import org.openlsa.store.sqlite.SqliteAccountStore;
import org.openlsa.testkit.TestRealm;

/**
 * The daemon as a whole: one per state directory (in-process and across processes), a clean stop on SIGTERM under
 * load with every acknowledged logon committed and audited, and a restart on the same state directory. The
 * process tests run in order on one state directory: (b) starts the child that (c) stops, and (d) restarts it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DaemonLifecycleTest {
    private static final String PASSWORD = "L1fe-Cycle-Pw!";
    private static final int LOAD_THREADS = 8;
    private static final List<String> LOAD_USERS = List.of("load0", "load1", "load2", "load3", "load4", "load5",
            "load6", "load7");

    @TempDir
    static Path stateDir;
    private Path socket;
    private Process first;

    @BeforeAll
    void provision() throws Exception {
        socket = stateDir.resolve("lsad.sock");
        try (SqliteAccountStore store = SqliteAccountStore.open(stateDir.resolve("sam.db"))) {
            TestRealm.provision(store, TestRealm.START);
            TestRealm.addUser(store, "alice", PASSWORD, TestRealm.START);
            for (String u : LOAD_USERS) {
                TestRealm.addUser(store, u, PASSWORD, TestRealm.START);
            }
        }
        // The children run the KDC too, as lsa serve does, on a free port rather than the privileged 88.
        Files.writeString(stateDir.resolve(StateLayout.KDC_CONFIG), "port = 0\n");
    }

    @AfterAll
    void killLeftovers() throws Exception {
        if (first != null && first.isAlive()) {
            first.destroyForcibly();
            first.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    @Order(1)
    void a_aSecondDaemonInProcessIsRefusedAndTheFirstKeepsServing(@TempDir Path dir) throws Exception {
        try (SqliteAccountStore store = SqliteAccountStore.open(dir.resolve("sam.db"))) {
            TestRealm.provision(store, TestRealm.START);
            TestRealm.addUser(store, "alice", PASSWORD, TestRealm.START);
            try (LsaEngine engine = LsaEngine.builder(store).addPackage(new Msv1_0Package()).random(new Random(1))
                    .build()) {
                LsaDaemon one = LsaDaemon.start(engine, LsaDaemon.Options.defaults(dir));
                try {
                    LsaException same = assertThrows(LsaException.class,
                            () -> LsaDaemon.start(engine, LsaDaemon.Options.defaults(dir)));
                    assertEquals(NtStatus.OBJECT_NAME_COLLISION, same.status());
                    // Another socket path on the same state directory: refused by the lock, no socket published.
                    Path other = dir.resolve("other.sock");
                    LsaDaemon.Options otherOptions = new LsaDaemon.Options(dir, other,
                            LsaDaemon.Options.defaults(dir).maxFrameBytes(), Duration.ofSeconds(10), Duration.ofSeconds(10));
                    LsaException otherSocket = assertThrows(LsaException.class, () -> LsaDaemon.start(engine, otherOptions));
                    assertEquals(NtStatus.OBJECT_NAME_COLLISION, otherSocket.status());
                    assertFalse(Files.exists(other), "the refused daemon published no socket");
                    assertTrue(Files.exists(one.socketPath()), "the first daemon's socket is still there");
                    logOn(one.socketPath(), "alice");
                    logOn(one.socketPath(), "alice");
                } finally {
                    one.close();
                }
                assertFalse(Files.exists(dir.resolve("lsad.sock")));
            }
        }
    }

    @Test
    @Order(2)
    void b_aChildLsadServesAndASecondOneOnTheSameStateIsRefusedNamingIt() throws Exception {
        first = startLsad("first");
        assertTrue(Files.readString(stateDir.resolve(StateLayout.KDC_ENDPOINT)).startsWith("127.0.0.1:"),
                "the child's KDC published its endpoint");
        logOn(socket, "alice");
        Process second = lsad("second");
        assertTrue(second.waitFor(30, TimeUnit.SECONDS), "the second lsad exits");
        String err = Files.readString(stateDir.resolve("second.err"));
        assertNotEquals(0, second.exitValue(), "the second lsad fails; stderr: " + err);
        assertTrue(err.contains("pid " + first.pid()), "the refusal names the first daemon's pid " + first.pid()
                + ": " + err);
        assertTrue(first.isAlive());
        logOn(socket, "alice"); // the first one still serves
    }

    @Test
    @Order(3)
    void c_sigtermUnderLoadExitsZeroWithEveryAcknowledgedLogonCommittedAndAudited() throws Exception {
        assertNotNull(first, "the child lsad of (b) is running");
        Map<String, Integer> countsBefore = logonCounts();
        long auditBefore = auditedSuccesses().size();
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicBoolean signalled = new AtomicBoolean();
        ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        List<Thread> load = new ArrayList<>();
        for (int t = 0; t < LOAD_THREADS; t++) {
            String user = LOAD_USERS.get(t);
            load.add(Thread.ofPlatform().name("load-" + t).start(() -> {
                LsaClient client = LsaClient.of(socket, Duration.ofSeconds(20));
                while (true) {
                    try (LsaConnection c = client.registerLogonProcess(null, "t")) {
                        LogonResult r = c.logonUser(request(c, user));
                        acknowledged.incrementAndGet(); // logonUser returned: the daemon acknowledged it
                        c.closeHandle(r.token());
                        c.freeReturnBuffer(r.profileBuffer());
                    } catch (LsaException e) {
                        if (!signalled.get()) {
                            unexpected.add(e);
                        }
                        return; // the daemon is stopping (or the test is already failing)
                    } catch (RuntimeException | Error e) {
                        unexpected.add(e);
                        return;
                    }
                }
            }));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (acknowledged.get() < 40 && System.nanoTime() < deadline && unexpected.isEmpty()) {
            Thread.sleep(10);
        }
        assertTrue(unexpected.isEmpty(), () -> "a logon failed before SIGTERM: " + unexpected.peek());
        assertTrue(acknowledged.get() > 0, "logons were acknowledged under load before SIGTERM");
        signalled.set(true);
        assertTrue(ProcessHandle.of(first.pid()).orElseThrow().destroy(), "SIGTERM sent"); // destroy() is SIGTERM
        assertTrue(first.waitFor(20, TimeUnit.SECONDS), "lsad exits within 20 s of SIGTERM");
        assertEquals(0, first.exitValue(), "exit status after SIGTERM; stderr: " + stderr("first"));
        for (Thread t : load) {
            t.join(TimeUnit.SECONDS.toMillis(25));
            assertFalse(t.isAlive(), t.getName() + " ended once the daemon stopped");
        }
        assertTrue(unexpected.isEmpty(), () -> "unexpected failure: " + unexpected.peek());
        assertFalse(Files.exists(socket), "the socket file is gone");
        assertFalse(Files.exists(stateDir.resolve(StateLayout.KDC_ENDPOINT)), "kdc.endpoint is gone");

        int acked = acknowledged.get();
        Map<String, Integer> countsAfter = logonCounts();
        int committed = 0;
        for (String u : LOAD_USERS) {
            committed += countsAfter.get(u) - countsBefore.get(u);
        }
        assertTrue(committed >= acked, "logonCount grew by " + committed + " for " + acked + " acknowledged logons");
        List<String> audited = auditedSuccesses(); // also parses every line of the log as JSON
        long loadAudited = audited.stream().skip(auditBefore).filter(LOAD_USERS::contains).count();
        assertTrue(loadAudited >= acked, "audit.jsonl has " + loadAudited + " logon successes for " + acked
                + " acknowledged logons");
    }

    @Test
    @Order(4)
    void d_aRestartedLsadServesAgainAndStopsCleanly() throws Exception {
        Process again = startLsad("again");
        try {
            logOn(socket, "alice");
            assertTrue(ProcessHandle.of(again.pid()).orElseThrow().destroy());
            assertTrue(again.waitFor(20, TimeUnit.SECONDS), "lsad exits within 20 s of SIGTERM");
            assertEquals(0, again.exitValue(), "exit status after SIGTERM; stderr: " + stderr("again"));
            assertFalse(Files.exists(socket), "the socket file is gone");
        } finally {
            if (again.isAlive()) {
                again.destroyForcibly();
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    /** {@code java -cp <test class path> org.openlsa.daemon.Lsad STATE SOCKET}, stderr to {@code <name>.err}. */
    private Process lsad(String name) throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        return new ProcessBuilder(List.of(java, "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), Lsad.class.getName(), stateDir.toString(),
                socket.toString()))
                .redirectError(stateDir.resolve(name + ".err").toFile())
                .start();
    }

    /** Starts a child lsad and waits for its "READY socket" line. */
    private Process startLsad(String name) throws Exception {
        Process p = lsad(name);
        p.getOutputStream().close();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        }, r -> Thread.ofVirtual().start(r));
        String ready;
        try {
            ready = line.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            p.destroyForcibly();
            throw new AssertionError("lsad printed no READY line within 30 s; stderr: " + stderr(name));
        }
        if (ready == null) {
            p.waitFor(10, TimeUnit.SECONDS);
            fail("lsad exited (" + (p.isAlive() ? "still alive" : p.exitValue()) + ") without READY; stderr: "
                    + stderr(name));
        }
        assertEquals("READY " + socket, ready);
        return p;
    }

    private String stderr(String name) {
        try {
            return Files.readString(stateDir.resolve(name + ".err"));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static void logOn(Path socket, String user) throws Exception {
        try (LsaClient client = LsaClient.of(socket, Duration.ofSeconds(20));
             LsaConnection c = client.registerLogonProcess(null, "t")) {
            LogonResult r = c.logonUser(request(c, user));
            assertEquals(NtStatus.SUCCESS, r.subStatus());
            c.closeHandle(r.token());
            c.freeReturnBuffer(r.profileBuffer());
        }
    }

    private static LogonRequest request(LsaConnection c, String user) throws LsaException {
        return new LogonRequest("lifecycle", SecurityLogonType.INTERACTIVE, c.lookupAuthenticationPackage("MSV1_0"),
                TestRealm.interactiveLogon(TestRealm.DOMAIN, user, PASSWORD), Optional.empty(),
                new TokenSource("OpenLSA", new Luid(9)));
    }

    /** The load users' logonCount, read from the store file (SQLite lets a reader in beside the daemon). */
    private Map<String, Integer> logonCounts() throws LsaException {
        Map<String, Integer> counts = new HashMap<>();
        try (SqliteAccountStore store = SqliteAccountStore.open(stateDir.resolve("sam.db"))) {
            for (String u : LOAD_USERS) {
                UserAccount a = store.findUser(u).orElseThrow();
                counts.put(u, a.logonState().logonCount());
            }
        }
        return counts;
    }

    /**
     * The user of every "logon" success in audit.jsonl, in order. Every line must parse as one JSON object (with
     * jackson-core's streaming parser, which the engine writes the log with; jackson-databind is not on the class
     * path).
     */
    private List<String> auditedSuccesses() throws IOException {
        Path log = stateDir.resolve("audit.jsonl");
        List<String> users = new ArrayList<>();
        if (!Files.exists(log)) {
            return users;
        }
        JsonFactory json = new JsonFactory();
        int n = 0;
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            n++;
            Map<String, String> fields = new HashMap<>();
            try (JsonParser p = json.createParser(line)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    fail("audit.jsonl line " + n + " is not a JSON object: " + line);
                }
                JsonToken t;
                while ((t = p.nextToken()) != JsonToken.END_OBJECT) {
                    if (t != JsonToken.FIELD_NAME) {
                        fail("audit.jsonl line " + n + ": unexpected " + t + " in " + line);
                    }
                    String name = p.currentName();
                    JsonToken v = p.nextToken();
                    if (v.isStructStart()) {
                        p.skipChildren();
                    } else {
                        fields.put(name, p.getText());
                    }
                }
                if (p.nextToken() != null) {
                    fail("audit.jsonl line " + n + " has data after its object: " + line);
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                fail("audit.jsonl line " + n + " is not JSON (" + e.getOriginalMessage() + "): " + line);
            }
            if ("logon".equals(fields.get("event")) && "success".equals(fields.get("outcome"))) {
                users.add(fields.getOrDefault("user", "").toLowerCase(java.util.Locale.ROOT));
            }
        }
        return users;
    }
}
