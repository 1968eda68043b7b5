package org.openlsa.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.host.StateLayout;

class PublishedSocketTest {

    @Test
    void appearsOnlyWhenPublishedWithMode0666(@TempDir Path dir) throws Exception {
        Path path = StateLayout.of(dir).socket();
        assertEquals(dir.resolve("lsad.sock"), path);
        assertFalse(Files.exists(path, LinkOption.NOFOLLOW_LINKS));
        try (PublishedSocket socket = PublishedSocket.publish(path)) {
            assertEquals("rw-rw-rw-", PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
            assertTrue(isSocket(path));
            assertEquals(1, entries(dir), "only the socket: no temporary name left behind");
            try (SocketChannel client = SocketChannel.open(socket.address());
                 SocketChannel accepted = socket.channel().accept()) {
                client.write(ByteBuffer.wrap(new byte[] {42}));
                ByteBuffer in = ByteBuffer.allocate(1);
                accepted.read(in);
                assertEquals(42, in.get(0));
            }
        }
        assertFalse(Files.exists(path, LinkOption.NOFOLLOW_LINKS), "close removes the socket file");
    }

    @Test
    void replacesAStaleSocket(@TempDir Path dir) throws Exception {
        Path path = StateLayout.of(dir).socket();
        // A daemon that died without unlinking: the file stays, nobody listens.
        ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(UnixDomainSocketAddress.of(path)).close();
        assertTrue(isSocket(path));
        try (PublishedSocket socket = PublishedSocket.publish(path);
             SocketChannel client = SocketChannel.open(socket.address());
             SocketChannel accepted = socket.channel().accept()) {
            assertTrue(accepted.isConnected() && client.isConnected());
        }
    }

    @Test
    void refusesWhenADaemonListens(@TempDir Path dir) throws Exception {
        Path path = StateLayout.of(dir).socket();
        try (PublishedSocket first = PublishedSocket.publish(path)) {
            LsaException e = assertThrows(LsaException.class, () -> PublishedSocket.publish(path));
            assertEquals(NtStatus.OBJECT_NAME_COLLISION, e.status());
            assertEquals("a daemon already listens on " + path, e.getMessage());
            try (SocketChannel client = SocketChannel.open(first.address())) {
                assertTrue(client.isConnected(), "the first socket still serves");
            }
            assertEquals(1, entries(dir));
        }
    }

    @Test
    void neverDeletesSomethingThatIsNotASocket(@TempDir Path dir) throws Exception {
        Path path = Files.writeString(StateLayout.of(dir).socket(), "not a socket");
        LsaException e = assertThrows(LsaException.class, () -> PublishedSocket.publish(path));
        assertEquals(NtStatus.OBJECT_NAME_COLLISION, e.status());
        assertEquals("not a socket", Files.readString(path));
    }

    @Test
    void closeLeavesAReplacementAlone(@TempDir Path dir) throws Exception {
        Path path = StateLayout.of(dir).socket();
        PublishedSocket socket = PublishedSocket.publish(path);
        Files.delete(path);
        Files.writeString(path, "someone else's");
        socket.close();
        assertEquals("someone else's", Files.readString(path));
    }

    private static boolean isSocket(Path path) throws Exception {
        return ((Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0170000) == 0140000;
    }

    private static long entries(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }
}
