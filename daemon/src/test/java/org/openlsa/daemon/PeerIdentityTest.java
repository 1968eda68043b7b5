package org.openlsa.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;

class PeerIdentityTest {

    @Test
    void reportsThisProcessOverAConnectedPair(@TempDir Path dir) throws Exception {
        PeerIdentity expected = new PeerIdentity(ThisProcess.uid(), ThisProcess.gid(),
                ThisProcess.run("id", "-un"), ThisProcess.run("id", "-gn"));
        UnixDomainSocketAddress address = UnixDomainSocketAddress.of(dir.resolve("s.sock"));
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(address);
             SocketChannel client = SocketChannel.open(address);
             SocketChannel accepted = server.accept()) {
            assertEquals(expected, PeerIdentity.of(accepted));
            assertEquals(expected, PeerIdentity.of(client)); // the server's side is this process too
            assertEquals(expected.uid() == 0, PeerIdentity.of(accepted).isRoot());
        }
    }

    @Test
    void aChannelWithoutPeerCredentialsIsRefused(@TempDir Path dir) throws Exception {
        try (SocketChannel inet = SocketChannel.open()) {
            LsaException e = assertThrows(LsaException.class, () -> PeerIdentity.of(inet));
            assertEquals(NtStatus.ACCESS_DENIED, e.status());
        }
        UnixDomainSocketAddress address = UnixDomainSocketAddress.of(dir.resolve("s.sock"));
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(address)) {
            SocketChannel client = SocketChannel.open(address);
            assertTrue(server.isOpen());
            client.close();
            LsaException e = assertThrows(LsaException.class, () -> PeerIdentity.of(client));
            assertEquals(NtStatus.ACCESS_DENIED, e.status());
        }
    }

    @Test
    void rejectsImpossibleValues() {
        assertThrows(IllegalArgumentException.class, () -> new PeerIdentity(-1, 0, "a", "b"));
        assertThrows(IllegalArgumentException.class, () -> new PeerIdentity(0, 0xFFFF_FFFFL, "a", "b"));
        assertThrows(IllegalArgumentException.class, () -> new PeerIdentity(0, 0, "", "b"));
        assertThrows(NullPointerException.class, () -> new PeerIdentity(0, 0, "a", null));
    }

    /**
     * The real thing: a process of another OS user connects, and the daemon side sees that user. Needs root (to
     * create the user and to switch to it); CI runs as root, so elsewhere this fails unless explicitly allowed off.
     */
    @Test
    void reportsAnotherOsUser() throws Exception {
        requireRoot();
        String user = "openlsa-t" + HexFormat.of().toHexDigits(new SecureRandom().nextInt());
        ThisProcess.run("useradd", "-M", "-r", "-s", "/usr/sbin/nologin", user);
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "openlsa-peer");
        try {
            long uid = Long.parseLong(ThisProcess.run("id", "-u", user));
            long gid = Long.parseLong(ThisProcess.run("id", "-g", user));
            PeerIdentity expected = new PeerIdentity(uid, gid, user, ThisProcess.run("id", "-gn", user));
            // The user must reach the socket: the directory traversable, the socket writable.
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path socket = dir.resolve("s.sock");
            try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)
                    .bind(UnixDomainSocketAddress.of(socket))) {
                Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
                List<String> command = new ArrayList<>(List.of("setpriv", "--reuid=" + uid, "--regid=" + gid,
                        "--clear-groups", "--"));
                command.addAll(clientCommand(dir, socket));
                Path output = dir.resolve("client.out");
                Process client = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
                try (SocketChannel accepted = acceptWithin(server, client, output, 60)) {
                    PeerIdentity peer = PeerIdentity.of(accepted);
                    assertEquals(expected, peer);
                    assertFalse(peer.isRoot());
                } finally {
                    client.destroyForcibly();
                    client.waitFor(10, TimeUnit.SECONDS);
                }
            }
        } finally {
            ThisProcess.run("userdel", user);
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** A client that connects to argv's socket and waits for the server to hang up: python3 if present, else java. */
    private static List<String> clientCommand(Path dir, Path socket) throws IOException {
        Path python = Path.of("/usr/bin/python3");
        if (Files.isExecutable(python)) {
            return List.of(python.toString(), "-c",
                    "import socket,sys\ns=socket.socket(socket.AF_UNIX)\ns.connect(sys.argv[1])\ns.recv(1)\n",
                    socket.toString());
        }
        Path source = dir.resolve("PeerClient.java");
        Files.writeString(source, """
                import java.net.*; import java.nio.*; import java.nio.channels.*;
                class PeerClient {
                    public static void main(String[] a) throws Exception {
                        try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(a[0]))) {
                            c.read(ByteBuffer.allocate(1));
                        }
                    }
                }
                """, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(source, PosixFilePermissions.fromString("rw-r--r--"));
        String java = ProcessHandle.current().info().command().orElseThrow();
        return List.of(java, source.toString(), socket.toString());
    }

    private static SocketChannel acceptWithin(ServerSocketChannel server, Process client, Path output, int seconds)
            throws Exception {
        server.configureBlocking(false);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            SocketChannel accepted = server.accept();
            if (accepted != null) {
                return accepted;
            }
            if (!client.isAlive()) {
                fail("the client exited " + client.exitValue() + " without connecting: " + Files.readString(output));
            }
            Thread.sleep(20);
        }
        return fail("no connection from the client within " + seconds + " s: " + Files.readString(output));
    }

    private static void requireRoot() throws IOException {
        long uid = ThisProcess.uid();
        if (uid == 0) {
            assertTrue(Files.isExecutable(Path.of("/usr/sbin/useradd")) || Files.isExecutable(Path.of("/sbin/useradd")),
                    "running as root but useradd is missing: install the passwd package (shadow-utils)");
            return;
        }
        // No opt-out: a test that cannot meet its peer fails rather than passing silently.
        fail("this test creates a throwaway OS user and runs a process as it, so it must run as root (uid 0), as CI"
                + " does; this JVM runs as uid " + uid + ".");
    }
}
