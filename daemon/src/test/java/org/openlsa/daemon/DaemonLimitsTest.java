package org.openlsa.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
import org.openlsa.ipc.Protocol;
import org.openlsa.msv1_0.Msv1_0Package;
import org.openlsa.store.sqlite.SqliteAccountStore;
import org.openlsa.testkit.TestRealm;

/**
 * docs/ipc.md, "Limits": what one local user can make the daemon hold. An ordinary uid gets its share of
 * connections and no more, while another uid and root still log on; idle and trickling connections are closed by
 * their deadlines; accept(2) failing (EMFILE, injected: a JVM cannot lower its own descriptor limit safely in a test)
 * pauses accepting, keeps the open connections served and logs one line per interval.
 */
class DaemonLimitsTest {
    private static final String USER = "limituser";
    private static final String PASSWORD = "L1mit-Passw0rd!";
    private static final Duration SHORT = Duration.ofMillis(500);

    private static Path dir;
    private static SqliteAccountStore store;
    private static LsaEngine engine;
    private static OsUserRelay mallory;
    private static OsUserRelay alice;
    private static final List<AutoCloseable> OPEN = new ArrayList<>();
    private static final List<LogRecord> LOGGED = new CopyOnWriteArrayList<>();
    private static final Handler CAPTURE = new Handler() {
        @Override
        public void publish(LogRecord r) {
            LOGGED.add(r);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private static final Logger DAEMON_LOGGER = Logger.getLogger("org.openlsa.daemon");

    @BeforeAll
    static void start() throws Exception {
        // The relays' users must reach the daemon's socket: a world-traversable directory outside the tempdir.
        dir = Files.createTempDirectory("olsa-limits-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        store = SqliteAccountStore.open(dir.resolve("sam.db"));
        TestRealm.provision(store, TestRealm.START);
        TestRealm.addUser(store, USER, PASSWORD, TestRealm.START);
        engine = LsaEngine.builder(store).addPackage(new Msv1_0Package()).random(new Random(17)).build();
        mallory = OsUserRelay.start(dir.resolve("lsad.sock"));
        alice = OsUserRelay.start(dir.resolve("lsad.sock"));
        DAEMON_LOGGER.addHandler(CAPTURE);
    }

    @AfterAll
    static void stop() throws Exception {
        DAEMON_LOGGER.removeHandler(CAPTURE);
        for (AutoCloseable c : new AutoCloseable[] {mallory, alice, engine, store}) {
            if (c != null) {
                c.close();
            }
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = OPEN.size() - 1; i >= 0; i--) {
            OPEN.get(i).close();
        }
        OPEN.clear();
        LOGGED.clear();
    }

    private static LsaDaemon daemon(LsaDaemon.Limits limits, java.util.function.UnaryOperator<LsaDaemon.Acceptor> accept)
            throws Exception {
        LsaDaemon d = LsaDaemon.start(engine, new LsaDaemon.Options(dir, dir.resolve("lsad.sock"),
                Protocol.DEFAULT_MAX_FRAME_BYTES, Duration.ofSeconds(5), Duration.ofSeconds(5), limits), accept);
        OPEN.add(d);
        return d;
    }

    /** 3 connections per ordinary uid, 6 in all of which 2 reserved; deadlines long enough not to interfere. */
    private static LsaDaemon.Limits shares() {
        return new LsaDaemon.Limits(3, 6, 2, Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofMillis(50),
                Duration.ofMinutes(1));
    }

    @Test
    void anOrdinaryUidGetsItsShareAndNoMoreWhileOthersAndRootStillLogOn() throws Exception {
        LsaDaemon d = daemon(shares(), a -> a);
        for (int i = 0; i < 3; i++) {
            OPEN.add(Raw.helloed(mallory.socket()));
        }
        awaitTrue(() -> d.admittedCount() == 3, "mallory's three connections were admitted");
        // The fourth and later ones are refused at once, cleanly: a hello with QUOTA_EXCEEDED, then the close.
        for (int i = 0; i < 20; i++) {
            try (Raw extra = Raw.open(mallory.socket())) {
                extra.write(Protocol.ClientHello.current().encode());
                Protocol.ServerHello hello = Protocol.ServerHello.decode(extra.readExactly(Protocol.ServerHello.LENGTH));
                assertEquals(NtStatus.QUOTA_EXCEEDED, hello.status());
                extra.expectClosed();
            }
        }
        try (LsaClient client = LsaClient.of(mallory.socket(), Duration.ofSeconds(10))) {
            LsaException e = assertThrows(LsaException.class, () -> client.connectUntrusted(null));
            assertEquals(NtStatus.QUOTA_EXCEEDED, e.status(), "the client reports the refusal as it is");
        }
        logsOn(alice.socket(), false);
        logsOn(d.socketPath(), true);
        awaitTrue(() -> d.admittedCount() == 3, "the refused and finished connections hold no place");
        // One warning line for the 21 refusals of mallory (one per uid per interval), none for alice or root.
        assertEquals(1, LOGGED.stream().filter(r -> r.getLevel() == Level.WARNING
                && String.valueOf(r.getMessage()).startsWith("refused a connection")).count(),
                LOGGED.stream().map(LogRecord::getMessage).toList().toString());
        OPEN.remove(OPEN.size() - 1).close();
        awaitTrue(() -> d.admittedCount() == 2, "a closed connection gives its place back");
        logsOn(mallory.socket(), false);
    }

    @Test
    void theReserveKeepsRootServedWhenOrdinaryUidsTookTheirPlaces() throws Exception {
        LsaDaemon d = daemon(shares(), a -> a);
        for (int i = 0; i < 3; i++) {
            OPEN.add(Raw.helloed(mallory.socket()));
        }
        OPEN.add(Raw.helloed(alice.socket()));
        awaitTrue(() -> d.admittedCount() == 4, "four ordinary connections, all that ordinary uids may hold");
        try (LsaClient client = LsaClient.of(alice.socket(), Duration.ofSeconds(10))) {
            LsaException e = assertThrows(LsaException.class, () -> client.connectUntrusted(null));
            assertEquals(NtStatus.INSUFFICIENT_RESOURCES, e.status());
        }
        logsOn(d.socketPath(), true); // root takes a reserved place
    }

    @Test
    void anIdleConnectionThatHoldsNothingIsClosedOneThatHoldsATokenIsNot() throws Exception {
        LsaDaemon d = daemon(new LsaDaemon.Limits(3, 6, 2, SHORT, Duration.ofMinutes(5), Duration.ofMillis(50),
                Duration.ofMinutes(1)), a -> a);
        try (LsaClient client = LsaClient.of(d.socketPath(), Duration.ofSeconds(10));
             LsaConnection holder = client.connectUntrusted(null)) {
            LogonResult r = holder.logonUser(logonRequest(holder.lookupAuthenticationPackage("MSV1_0")));
            holder.freeReturnBuffer(r.profileBuffer());
            try (Raw idle = Raw.helloed(mallory.socket())) {
                idle.expectClosed(); // within the watchdog's 5 s: the 500 ms idle deadline closed it
            }
            Thread.sleep(3 * SHORT.toMillis()); // well past the idle deadline
            assertNotNull(holder.queryToken(r.token()), "the connection holding a token was kept");
            holder.closeHandle(r.token());
        }
    }

    @Test
    void aClientTricklingAFrameIsClosedByTheWholeFrameDeadline() throws Exception {
        LsaDaemon d = daemon(new LsaDaemon.Limits(3, 6, 2, Duration.ofMinutes(5), SHORT, Duration.ofMillis(50),
                Duration.ofMinutes(1)), a -> a);
        try (Raw slow = Raw.helloed(d.socketPath())) {
            // A 200-byte frame, one byte every 50 ms: each byte is prompt, the frame would take 10 s.
            AtomicInteger sent = new AtomicInteger();
            Thread trickle = Thread.ofVirtual().start(() -> {
                byte[] frame = new byte[204];
                frame[0] = (byte) 200;
                try {
                    for (byte b : frame) {
                        slow.write(new byte[] {b});
                        sent.incrementAndGet();
                        Thread.sleep(50);
                    }
                } catch (IOException | InterruptedException e) {
                    // the daemon closed the connection: what the test expects
                }
            });
            slow.expectClosed();
            int atClose = sent.get();
            trickle.interrupt();
            trickle.join(10_000);
            assertTrue(atClose < 204, "closed before the frame was complete, after " + atClose + " bytes");
        }
        logsOn(d.socketPath(), true);
    }

    @Test
    void acceptFailingPausesLogsOncePerIntervalAndKeepsServingOpenConnections() throws Exception {
        AtomicBoolean failing = new AtomicBoolean();
        AtomicInteger failures = new AtomicInteger();
        LsaDaemon d = daemon(shares(), real -> () -> {
            if (failing.get()) {
                failures.incrementAndGet();
                throw new IOException("Too many open files");
            }
            return real.accept();
        });
        try (LsaClient client = LsaClient.of(d.socketPath(), Duration.ofSeconds(10));
             LsaConnection open = client.registerLogonProcess(null, "t")) {
            int msv = open.lookupAuthenticationPackage("MSV1_0");
            // The acceptor is blocked in accept(2): the next connection wakes it, and from then on it fails.
            failing.set(true);
            SocketChannel waiting = SocketChannel.open(UnixDomainSocketAddress.of(d.socketPath()));
            OPEN.add(waiting);
            try (Raw wake = Raw.open(d.socketPath())) {
                awaitTrue(() -> failures.get() >= 20, "accept failed twenty times");
                LogonResult r = open.logonUser(logonRequest(msv)); // the open connection is still served
                open.closeHandle(r.token());
                open.freeReturnBuffer(r.profileBuffer());
                failing.set(false);
                logsOn(d.socketPath(), true); // and new ones again once accept works
            }
        }
        List<LogRecord> errors = LOGGED.stream().filter(r -> r.getLevel() == Level.SEVERE).toList();
        assertEquals(1, errors.size(), "one line per interval for " + failures.get() + " failures");
        assertTrue(new java.util.logging.SimpleFormatter().formatMessage(errors.getFirst()).contains("Too many open files"),
                errors.getFirst().getMessage());
    }

    // ------------------------------------------------------------------ helpers

    private static void logsOn(Path socket, boolean trusted) throws Exception {
        try (LsaClient client = LsaClient.of(socket, Duration.ofSeconds(10));
             LsaConnection c = trusted ? client.registerLogonProcess(null, "t") : client.connectUntrusted(null)) {
            LogonResult r = c.logonUser(logonRequest(c.lookupAuthenticationPackage("MSV1_0")));
            assertEquals(NtStatus.SUCCESS, r.subStatus());
            c.closeHandle(r.token());
            c.freeReturnBuffer(r.profileBuffer());
        }
    }

    private static LogonRequest logonRequest(int msv) {
        return new LogonRequest("limits", SecurityLogonType.INTERACTIVE, msv,
                TestRealm.interactiveLogon(TestRealm.DOMAIN, USER, PASSWORD), Optional.empty(),
                new TokenSource("OpenLSA", new Luid(5)));
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail(what + " (within 10 s)");
            }
            Thread.sleep(10);
        }
    }

    /** A raw connection; a read that takes more than 5 s fails the test (a watchdog closes the channel). */
    private static final class Raw implements AutoCloseable {
        final SocketChannel channel;

        private Raw(SocketChannel channel) {
            this.channel = channel;
        }

        static Raw open(Path socket) throws IOException {
            return new Raw(SocketChannel.open(UnixDomainSocketAddress.of(socket)));
        }

        static Raw helloed(Path socket) throws Exception {
            Raw r = open(socket);
            r.write(Protocol.ClientHello.current().encode());
            Protocol.ServerHello hello = Protocol.ServerHello.decode(r.readExactly(Protocol.ServerHello.LENGTH));
            assertEquals(NtStatus.SUCCESS, hello.status());
            return r;
        }

        void write(byte[] bytes) throws IOException {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                channel.write(b);
            }
        }

        byte[] readExactly(int n) throws IOException {
            ByteBuffer b = ByteBuffer.allocate(n);
            if (read(b) < n) {
                fail("the daemon closed the connection after " + b.position() + " of " + n + " bytes");
            }
            return b.array();
        }

        /** The daemon closes the connection within the 5 s watchdog. */
        void expectClosed() throws IOException {
            ByteBuffer b = ByteBuffer.allocate(4096);
            while (true) {
                b.clear();
                if (read(b) < b.capacity()) {
                    return;
                }
            }
        }

        private int read(ByteBuffer b) throws IOException {
            AtomicBoolean fired = new AtomicBoolean();
            Thread watchdog = Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(5_000);
                    fired.set(true);
                    channel.close();
                } catch (InterruptedException | IOException e) {
                    // cancelled, or closing is all it does
                }
            });
            try {
                while (b.hasRemaining() && channel.read(b) >= 0) {
                    // keep reading
                }
            } catch (IOException e) {
                // a reset or the watchdog's close
            } finally {
                watchdog.interrupt();
            }
            if (fired.get()) {
                fail("no answer and no close within 5 s");
            }
            return b.position();
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
