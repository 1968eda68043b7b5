package org.openlsa.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openlsa.client.ClientConnection;
import org.openlsa.client.LsaClient;
import org.openlsa.client.RemoteProcess;
import org.openlsa.core.LsaException;
import org.openlsa.core.Luid;
import org.openlsa.core.NtStatus;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.engine.Logon32;
import org.openlsa.engine.TokenHandle;
import org.openlsa.host.StateLayout;
import org.openlsa.ipc.Envelope;
import org.openlsa.ipc.FrameReader;
import org.openlsa.ipc.FrameWriter;
import org.openlsa.ipc.Protocol;
import org.openlsa.ipc.Request;
import org.openlsa.ipc.Requests;
import org.openlsa.ipc.Response;
import org.openlsa.ipc.Responses;
import org.openlsa.ipc.UnixRights;
import org.openlsa.launch.ExitStatus;
import org.openlsa.launch.OpenDescriptor;
import org.openlsa.launch.ProcessSpec;
import org.openlsa.launch.Stdio;
import org.openlsa.sam.AccountStore;
import org.openlsa.host.AccountStores;
import org.openlsa.testkit.TestRealm;

/**
 * CREATE_PROCESS_AS_USER and its companions through a real daemon, with the host's real launcher (docs/ipc.md,
 * "Processes"): standard streams passed as descriptors, WAIT_PROCESS and SIGNAL_PROCESS, a caller that goes away
 * while its process runs, and a frame whose descriptors never come. Runs as root, like the launcher's tests.
 */
class CreateProcessThroughDaemonTest {
    private static final String PASSWORD = "Al1ce-Passw0rd!";
    private static final Duration FRAME_TIMEOUT = Duration.ofSeconds(2);
    private static String osUser;
    private static long uid;

    @TempDir
    Path state;
    private Path socketDir;
    private Lsad lsad;
    private LsaClient client;

    @BeforeAll
    static void createUser() throws Exception {
        assertEquals(0, ThisProcess.uid(), "this test starts processes as another user and needs root");
        osUser = "olsa-cpd" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xFFFFF));
        ThisProcess.run("useradd", "-M", "-r", "-s", "/usr/sbin/nologin", osUser);
        uid = Long.parseLong(ThisProcess.run("id", "-u", osUser).strip());
    }

    @AfterAll
    static void deleteUser() throws Exception {
        if (osUser != null) {
            ThisProcess.run("userdel", osUser);
        }
    }

    @BeforeEach
    void start() throws Exception {
        StateLayout layout = TestRealm.provision(StateLayout.of(state), Instant.now());
        try (AccountStore store = AccountStores.installed().open(layout)) {
            TestRealm.addUser(store, "alice", PASSWORD, Instant.now(), b -> b.unixUid(OptionalLong.of(uid)));
        }
        socketDir = Files.createTempDirectory("olsa-cpd-");
        Files.setPosixFilePermissions(socketDir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        lsad = Lsad.start(options());
        client = LsaClient.of(lsad.daemon().socketPath(), Duration.ofSeconds(30));
    }

    /** The socket where an ordinary OS user can reach it; a short frame timeout. */
    private LsaDaemon.Options options() {
        LsaDaemon.Limits d = LsaDaemon.Limits.DEFAULT;
        return new LsaDaemon.Options(state, socketDir.resolve("lsad.sock"), Protocol.DEFAULT_MAX_FRAME_BYTES,
                Duration.ofSeconds(10), Duration.ofSeconds(10), new LsaDaemon.Limits(d.connectionsPerUid(),
                d.maxConnections(), d.reservedConnections(), d.idleTimeout(), FRAME_TIMEOUT, d.acceptPause(),
                d.logInterval()));
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (lsad != null) {
            lsad.close();
        }
        Files.deleteIfExists(socketDir.resolve("lsad.sock"));
        Files.deleteIfExists(socketDir);
    }

    private ClientConnection connect() throws LsaException {
        return (ClientConnection) client.registerLogonProcess(null, "cpd-test");
    }

    private static TokenHandle logon(ClientConnection c) throws LsaException {
        try (SecretBytes pw = TestRealm.utf16(PASSWORD)) {
            return c.logonUserWithPassword("alice", TestRealm.DOMAIN, pw, Logon32.LOGON_INTERACTIVE,
                    Logon32.PROVIDER_DEFAULT);
        }
    }

    /** A descriptor of this JVM's for a JDK pipe end, as a caller passes it. */
    private static Stdio passed(java.nio.channels.Channel end) throws Exception {
        return Stdio.descriptor(OpenDescriptor.dup(UnixRights.fdOf(end)));
    }

    private static void closeAll(Stdio... s) {
        for (Stdio x : s) {
            if (x instanceof Stdio.Descriptor d) {
                d.descriptor().close();
            }
        }
    }

    @Test
    void theChildReadsAndWritesThroughThePassedDescriptors() throws Exception {
        Pipe in = Pipe.open();
        Pipe out = Pipe.open();
        Pipe err = Pipe.open();
        try (ClientConnection c = connect()) {
            TokenHandle h = logon(c);
            Stdio i = passed(in.source());
            Stdio o = passed(out.sink());
            Stdio e = passed(err.sink());
            RemoteProcess p;
            try {
                p = c.createProcessAsUser(h, ProcessSpec.of(Path.of("/bin/sh"))
                        .arguments("-c", "read x; echo out:$x; echo err:$x >&2; id -u").stdin(i).stdout(o).stderr(e)
                        .build());
            } finally {
                closeAll(i, o, e);
                in.source().close();
                out.sink().close();
                err.sink().close();
            }
            assertTrue(p.pid() > 0);
            try (OutputStream w = Channels.newOutputStream(in.sink())) {
                w.write("hello\n".getBytes(StandardCharsets.UTF_8));
            }
            assertEquals("out:hello\n" + uid + "\n", read(out.source()));
            assertEquals("err:hello\n", read(err.source()));
            assertEquals(new ExitStatus.Exited(0), p.waitFor());
            assertEquals(new ExitStatus.Exited(0), p.onExit().getNow(null)); // the wait observed the end
            assertFalse(p.isAlive());
            p.close();
            assertEquals(NtStatus.INVALID_HANDLE, assertThrows(IllegalStateException.class, p::kill).getCause() instanceof LsaException l
                    ? l.status() : null);
            c.closeHandle(h);
        }
    }

    private static String read(java.nio.channels.ReadableByteChannel ch) throws Exception {
        try (InputStream s = Channels.newInputStream(ch)) {
            return new String(s.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aMissingProgramIsObjectNameNotFound() throws Exception {
        try (ClientConnection c = connect()) {
            TokenHandle h = logon(c);
            LsaException e = assertThrows(LsaException.class, () -> c.createProcessAsUser(h,
                    ProcessSpec.of(Path.of("/nonexistent/program")).stdin(Stdio.NULL).stdout(Stdio.NULL)
                            .stderr(Stdio.NULL).build()));
            assertEquals(NtStatus.OBJECT_NAME_NOT_FOUND, e.status(), e.getMessage());
            // FILE and PIPE streams never reach the daemon.
            assertEquals(NtStatus.INVALID_PARAMETER, assertThrows(LsaException.class, () -> c.createProcessAsUser(h,
                    ProcessSpec.of(Path.of("/bin/true")).stdout(Stdio.file(Path.of("/etc/shadow"))).build()))
                    .status());
            assertEquals(NtStatus.INVALID_PARAMETER, assertThrows(LsaException.class, () -> c.createProcessAsUser(h,
                    ProcessSpec.of(Path.of("/bin/true")).stdout(Stdio.PIPE).build())).status());
        }
    }

    @Test
    void sigkillThroughSignalProcessEndsTheProcessAsSignaled9() throws Exception {
        try (ClientConnection c = connect()) {
            TokenHandle h = logon(c);
            RemoteProcess p = c.createProcessAsUser(h, ProcessSpec.of(Path.of("/bin/sleep")).arguments("600")
                    .stdin(Stdio.NULL).stdout(Stdio.NULL).stderr(Stdio.NULL).build());
            assertTrue(p.isAlive());
            assertEquals(java.util.Optional.empty(), p.waitFor(Duration.ZERO));
            assertEquals(NtStatus.INVALID_PARAMETER, ((LsaException) assertThrows(IllegalStateException.class,
                    () -> p.signal(10)).getCause()).status()); // SIGUSR1 is not on the list
            p.kill();
            assertEquals(new ExitStatus.Signaled(9), p.waitFor());
        }
    }

    @Test
    void aProcessOutlivesItsCallersConnectionAndItsEndEndsTheSession() throws Exception {
        Pipe in = Pipe.open();
        long pid;
        Luid session;
        List<Luid> before;
        try (ClientConnection c = connect()) {
            before = c.enumerateLogonSessions();
            TokenHandle h = logon(c);
            session = c.queryToken(h).authenticationId();
            Stdio i = passed(in.source());
            try {
                pid = c.createProcessAsUser(h, ProcessSpec.of(Path.of("/bin/sh")).arguments("-c", "read x")
                        .stdin(i).stdout(Stdio.NULL).stderr(Stdio.NULL).build()).pid();
            } finally {
                closeAll(i);
                in.source().close();
            }
            c.closeHandle(h);
        } // the connection goes, with its process handle and token handle
        try (ClientConnection c = connect()) {
            assertTrue(Files.exists(Path.of("/proc/" + pid)), "the process runs on");
            assertEquals(session, c.getLogonSessionData(session).logonId(), "the process holds its session");
            in.sink().close(); // read x sees the end of its input and the shell exits
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (c.enumerateLogonSessions().contains(session) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(before, c.enumerateLogonSessions(), "the session ended with its last process");
        }
        List<String> audit = Files.readAllLines(StateLayout.of(state).auditLog());
        assertTrue(audit.stream().anyMatch(l -> l.contains("\"event\":\"processExit\"") && l.contains(Long.toString(pid))),
                String.join("\n", audit));
    }

    @Test
    void aFrameWhoseDescriptorsNeverComeIsInvalidParameterAndTheDaemonServesOthers() throws Exception {
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(lsad.daemon().socketPath()))) {
            OutputStream out = Channels.newOutputStream(ch);
            InputStream in = Channels.newInputStream(ch);
            out.write(Protocol.ClientHello.current().encode());
            assertEquals(NtStatus.SUCCESS, Protocol.ServerHello.decode(in.readNBytes(16)).status());
            FrameWriter w = new FrameWriter(out);
            FrameReader r = new FrameReader(in);
            w.write(Requests.encode(1, new Request.ConnectUntrusted()));
            assertInstanceOf(Response.Empty.class, Responses.decode(r.next().orElseThrow(),
                    Protocol.Opcode.CONNECT_UNTRUSTED).body());
            w.write(Requests.encode(2, new Request.CreateProcessAsUser(new TokenHandle(1), ProcessSpec.of(
                    Path.of("/bin/true")).stdin(Stdio.NULL).stdout(Stdio.NULL).stderr(Stdio.NULL).build(), 0b001)));
            // Meanwhile another caller is served.
            try (ClientConnection other = connect()) {
                assertFalse(other.enumerateLogonSessions().isEmpty());
            }
            Envelope<Response> reply = Responses.decode(r.next().orElseThrow(), Protocol.Opcode.CREATE_PROCESS_AS_USER);
            assertEquals(2, reply.requestId());
            Response.Failure f = assertInstanceOf(Response.Failure.class, reply.body());
            assertEquals(NtStatus.INVALID_PARAMETER, f.status(), f.message());
            assertTrue(f.message().contains("none came"), f.message());
            assertTrue(r.next().isEmpty(), "the connection, out of step, is closed after the answer");
        }
        try (ClientConnection c = connect()) {
            assertNotEquals(List.of(), c.enumerateLogonSessions());
        }
    }

    private static final ProcessSpec TRUE = ProcessSpec.of(Path.of("/bin/true")).stdin(Stdio.NULL).stdout(Stdio.NULL)
            .stderr(Stdio.NULL).build();

    /** One failure of a create request from an ordinary OS user (through the relay, which passes no descriptors). */
    private static NtStatus refusal(ClientConnection c, TokenHandle h) {
        return assertThrows(LsaException.class, () -> c.createProcessAsUser(h, TRUE)).status();
    }

    /** WAIT_PROCESS with a raw handle value, on a connection of its own. */
    private Response waitRaw(int processHandle) throws Exception {
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(lsad.daemon().socketPath()))) {
            OutputStream out = Channels.newOutputStream(ch);
            InputStream in = Channels.newInputStream(ch);
            out.write(Protocol.ClientHello.current().encode());
            Protocol.ServerHello.decode(in.readNBytes(16));
            FrameWriter w = new FrameWriter(out);
            FrameReader r = new FrameReader(in);
            w.write(Requests.encode(1, new Request.ConnectUntrusted()));
            r.next().orElseThrow();
            w.write(Requests.encode(2, new Request.WaitProcess(processHandle, 0)));
            return Responses.decode(r.next().orElseThrow(), Protocol.Opcode.WAIT_PROCESS).body();
        }
    }

    @Test
    void thePrivilegeMatrixHoldsForOrdinaryOsUsersThroughTheDaemon() throws Exception {
        try (OsUserRelay relay = OsUserRelay.start(lsad.daemon().socketPath());
             LsaClient asUser = LsaClient.of(relay.socket(), Duration.ofSeconds(30))) {
            try (ClientConnection c = (ClientConnection) asUser.connectUntrusted(null);
                 ClientConnection root = connect()) {
                TokenHandle h = logon(c);
                // Another account's token (alice, logged on by the unlinked uid) without a privilege.
                assertEquals(NtStatus.PRIVILEGE_NOT_HELD, refusal(c, h));
                // An impersonation token: DuplicateTokenEx it to a primary token first.
                TokenHandle imp = c.duplicateToken(h, 0, org.openlsa.core.ImpersonationLevel.IMPERSONATION,
                        org.openlsa.core.TokenType.IMPERSONATION);
                assertEquals(NtStatus.BAD_TOKEN_TYPE, refusal(c, imp));
                // Another connection's token handle value (one this connection never held: values are per
                // connection), and a closed one.
                TokenHandle rootsHandle = logon(root);
                TokenHandle rootsThird = null;
                for (int i = 0; i < 3; i++) {
                    rootsThird = logon(root);
                }
                assertNotEquals(h, rootsThird);
                assertNotEquals(imp, rootsThird);
                assertEquals(NtStatus.INVALID_HANDLE, refusal(c, rootsThird));
                c.closeHandle(imp);
                c.closeHandle(h);
                assertEquals(NtStatus.INVALID_HANDLE, refusal(c, h));
                // Another connection's process handle.
                RemoteProcess p = root.createProcessAsUser(rootsHandle, ProcessSpec.of(Path.of("/bin/sleep"))
                        .arguments("600").stdin(Stdio.NULL).stdout(Stdio.NULL).stderr(Stdio.NULL).build());
                Response.Failure f = assertInstanceOf(Response.Failure.class, waitRaw(p.handle()));
                assertEquals(NtStatus.INVALID_HANDLE, f.status());
                p.kill();
                assertEquals(new ExitStatus.Signaled(9), p.waitFor());
            }
            // Granted SeAssignPrimaryTokenPrivilege, the same user starts alice's program.
            lsad.close();
            lsad = null;
            try (AccountStore store = AccountStores.installed().open(StateLayout.of(state))) {
                store.grantRight(org.openlsa.core.Sid.parse("S-1-22-1-" + relay.uid),
                        org.openlsa.sam.AccountRight.of(org.openlsa.core.Privilege.SE_ASSIGN_PRIMARY_TOKEN));
            }
            lsad = Lsad.start(options());
            try (ClientConnection c = (ClientConnection) asUser.connectUntrusted(null)) {
                TokenHandle h = logon(c);
                RemoteProcess p = c.createProcessAsUser(h, TRUE);
                assertEquals(new ExitStatus.Exited(0), p.waitFor());
            }
        }
    }

    @Test
    void createProcessWithLogonStartsTheProgramAsTheAccountWhosePasswordWasGiven() throws Exception {
        Pipe out = Pipe.open();
        try (ClientConnection c = (ClientConnection) client.connectUntrusted(null)) {
            Stdio o = passed(out.sink());
            RemoteProcess p;
            try (SecretBytes pw = TestRealm.utf16(PASSWORD)) {
                p = c.createProcessWithLogon("alice", TestRealm.DOMAIN, pw, "MSV1_0",
                        org.openlsa.core.SecurityLogonType.INTERACTIVE, ProcessSpec.of(Path.of("/usr/bin/id"))
                                .arguments("-u").stdin(Stdio.NULL).stdout(o).stderr(Stdio.NULL).build());
            } finally {
                closeAll(o);
                out.sink().close();
            }
            assertEquals(uid + "\n", read(out.source()));
            assertEquals(new ExitStatus.Exited(0), p.waitFor());
            try (SecretBytes wrong = TestRealm.utf16("not-" + PASSWORD)) {
                assertEquals(NtStatus.LOGON_FAILURE, assertThrows(LsaException.class, () -> c.createProcessWithLogon(
                        "alice", TestRealm.DOMAIN, wrong, "MSV1_0", org.openlsa.core.SecurityLogonType.INTERACTIVE,
                        TRUE)).status());
            }
            try (SecretBytes pw = TestRealm.utf16(PASSWORD)) {
                assertEquals(NtStatus.INVALID_PARAMETER, assertThrows(LsaException.class, () -> c.createProcessWithLogon(
                        "alice", TestRealm.DOMAIN, pw, "MSV1_0", org.openlsa.core.SecurityLogonType.NETWORK, TRUE))
                        .status());
            }
        }
    }

    @Test
    void aConnectionHoldsAtMost64ProcessHandlesAndClosingOneMakesRoom() throws Exception {
        try (ClientConnection c = connect()) {
            TokenHandle h = logon(c);
            ProcessSpec sleep = ProcessSpec.of(Path.of("/bin/sleep")).arguments("600").stdin(Stdio.NULL)
                    .stdout(Stdio.NULL).stderr(Stdio.NULL).build();
            List<RemoteProcess> started = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 64; i++) {
                    started.add(c.createProcessAsUser(h, sleep));
                }
                assertEquals(NtStatus.QUOTA_EXCEEDED, assertThrows(LsaException.class,
                        () -> c.createProcessAsUser(h, sleep)).status());
                RemoteProcess first = started.removeFirst();
                first.kill();
                first.close(); // the handle goes; then there is room again
                started.add(c.createProcessAsUser(h, sleep));
                assertEquals(64, started.stream().map(RemoteProcess::handle).distinct().count());
            } finally {
                for (RemoteProcess p : started) {
                    p.kill();
                    p.waitFor();
                }
            }
        }
    }

    @Test
    void aConnectionHoldingOnlyAProcessHandleIsNotClosedWhenIdle() throws Exception {
        lsad.close();
        LsaDaemon.Limits d = LsaDaemon.Limits.DEFAULT;
        Duration idle = Duration.ofMillis(300);
        lsad = Lsad.start(new LsaDaemon.Options(state, socketDir.resolve("lsad.sock"), Protocol.DEFAULT_MAX_FRAME_BYTES,
                Duration.ofSeconds(10), Duration.ofSeconds(10), new LsaDaemon.Limits(d.connectionsPerUid(),
                d.maxConnections(), d.reservedConnections(), idle, FRAME_TIMEOUT, d.acceptPause(), d.logInterval())));
        try (ClientConnection holding = connect(); ClientConnection empty = connect()) {
            TokenHandle h = logon(holding);
            RemoteProcess p = holding.createProcessAsUser(h, ProcessSpec.of(Path.of("/bin/sleep")).arguments("600")
                    .stdin(Stdio.NULL).stdout(Stdio.NULL).stderr(Stdio.NULL).build());
            holding.closeHandle(h); // only the process handle is left
            Thread.sleep(idle.multipliedBy(5).toMillis());
            // The connection that holds nothing was closed meanwhile; the one holding the process handle was not.
            assertEquals(NtStatus.PORT_DISCONNECTED, assertThrows(LsaException.class, empty::enumerateLogonSessions)
                    .status());
            assertTrue(p.isAlive());
            p.kill();
            assertEquals(new ExitStatus.Signaled(9), p.waitFor());
        }
    }
}
