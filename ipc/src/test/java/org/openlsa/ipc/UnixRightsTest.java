package org.openlsa.ipc;

import static org.junit.jupiter.api.Assertions.assertFalse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;

/** SCM_RIGHTS over a real Unix socket pair (docs/ipc.md, "Passing descriptors"). */
class UnixRightsTest {
    private static final Duration SHORT = Duration.ofMillis(300);

    @TempDir
    Path dir;
    private SocketChannel sender;
    private SocketChannel receiver;
    private SocketChannel other; // a socket whose descriptor travels
    private SocketChannel otherPeer;

    private SocketChannel[] pair(String name) throws IOException {
        Path p = dir.resolve(name);
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(p));
            SocketChannel a = SocketChannel.open(UnixDomainSocketAddress.of(p));
            return new SocketChannel[] {a, server.accept()};
        }
    }

    @BeforeEach
    void open() throws IOException {
        SocketChannel[] p = pair("s");
        sender = p[0];
        receiver = p[1];
        SocketChannel[] q = pair("o");
        other = q[0];
        otherPeer = q[1];
    }

    @AfterEach
    void close() throws IOException {
        for (SocketChannel c : new SocketChannel[] {sender, receiver, other, otherPeer}) {
            c.close();
        }
    }

    private static long openDescriptors() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        }
    }

    private static String target(int fd) throws IOException {
        return Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
    }

    @Test
    void isOpenTellsAnOpenDescriptorFromAClosedOne() throws Exception {
        assertTrue(UnixRights.isOpen(UnixRights.fdOf(other)));
        assertFalse(UnixRights.isOpen(1 << 20), "far above any descriptor limit: never open");
        assertFalse(UnixRights.isOpen(-1));
    }

    @Test
    void aClosedChannelIsPortDisconnectedNotANumberReused() throws Exception {
        int before = (int) openDescriptors();
        sender.close();
        LsaException e = assertThrows(LsaException.class, () -> UnixRights.send(sender, new int[] {0}, SHORT));
        assertTrue(e.status() == NtStatus.PORT_DISCONNECTED || e.status() == NtStatus.NOT_SUPPORTED, e.toString());
        assertTrue(openDescriptors() <= before, "no duplicate left behind");
    }

    @Test
    void descriptorsArriveAfterAFrameWithoutTheFrameReaderSwallowingTheirByte() throws Exception {
        int fd = UnixRights.fdOf(other);
        new FrameWriter(Channels.newOutputStream(sender)).write(new byte[] {1, 2, 3});
        UnixRights.send(sender, new int[] {fd, fd}, SHORT);
        // As the daemon reads: a frame from the stream, then the descriptors.
        byte[] frame = new FrameReader(Channels.newInputStream(receiver)).next().orElseThrow();
        assertEquals(3, frame.length);
        int[] got = UnixRights.receive(receiver, 2, SHORT);
        try {
            assertEquals(2, got.length);
            for (int g : got) {
                assertNotEquals(fd, g);
                assertEquals(target(fd), target(g)); // the same socket, under a new number
            }
        } finally {
            Arrays.stream(got).forEach(UnixRights::close);
        }
    }

    @Test
    void aCountOtherThanAnnouncedIsRefusedAndNothingLeaks() throws Exception {
        int fd = UnixRights.fdOf(other);
        long before = openDescriptors();
        UnixRights.send(sender, new int[] {fd, fd}, SHORT);
        LsaException e = assertThrows(LsaException.class, () -> UnixRights.receive(receiver, 3, SHORT));
        assertEquals(NtStatus.INVALID_PARAMETER, e.status());
        assertTrue(e.getMessage().contains("announced 3"), e.getMessage());
        assertEquals(before, openDescriptors());
    }

    @Test
    void aPlainByteCarriesNoDescriptors() throws Exception {
        sender.write(ByteBuffer.wrap(new byte[] {UnixRights.MARKER}));
        LsaException e = assertThrows(LsaException.class, () -> UnixRights.receive(receiver, 1, SHORT));
        assertEquals(NtStatus.INVALID_PARAMETER, e.status());
    }

    @Test
    void anotherDataByteIsRefusedAndItsDescriptorsClosed() throws Exception {
        int fd = UnixRights.fdOf(other);
        long before = openDescriptors();
        UnixRights.send(sender, (byte) 'X', new int[] {fd}, SHORT);
        LsaException e = assertThrows(LsaException.class, () -> UnixRights.receive(receiver, 1, SHORT));
        assertEquals(NtStatus.INVALID_PARAMETER, e.status());
        assertTrue(e.getMessage().contains("agreed"), e.getMessage());
        assertEquals(before, openDescriptors());
    }

    @Test
    void aTruncatedControlMessageIsRefusedAndNothingLeaks() throws Exception {
        int fd = UnixRights.fdOf(other);
        int[] many = new int[100]; // more than the receiver's control buffer holds: MSG_CTRUNC
        Arrays.fill(many, fd);
        long before = openDescriptors();
        UnixRights.send(sender, UnixRights.MARKER, many, SHORT);
        LsaException e = assertThrows(LsaException.class, () -> UnixRights.receive(receiver, 3, SHORT));
        assertEquals(NtStatus.INVALID_PARAMETER, e.status());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertEquals(before, openDescriptors());
    }

    @Test
    void nothingWithinTheTimeoutIsInvalidParameter() {
        LsaException e = assertThrows(LsaException.class, () -> UnixRights.receive(receiver, 1, SHORT));
        assertEquals(NtStatus.INVALID_PARAMETER, e.status());
        assertTrue(e.getMessage().contains("none came"), e.getMessage());
    }

    @Test
    void aClosedPeerIsInvalidParameter() throws Exception {
        sender.close();
        LsaException e = assertThrows(LsaException.class, () -> UnixRights.receive(receiver, 1, SHORT));
        assertEquals(NtStatus.INVALID_PARAMETER, e.status());
    }

    @Test
    void cmsgArithmeticIsLinuxs() {
        assertEquals(16 + 16, UnixRights.cmsgSpace(12)); // three ints, aligned to 8
        assertEquals(16 + 8, UnixRights.cmsgSpace(4));
        assertEquals(16 + 12, UnixRights.cmsgLen(12));
    }

    /** Run in a child JVM without the export: what UnixRights answers there. */
    public static final class WithoutTheExport {
        public static void main(String[] args) throws Exception {
            try {
                UnixRights.fdOf(java.nio.channels.Pipe.open().sink());
                System.out.println("reachable");
            } catch (LsaException e) {
                System.out.println(e.status().hex() + " " + e.getMessage());
            }
        }
    }

    @Test
    void withoutTheJvmOptionItIsNotSupportedNamingTheOption() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                WithoutTheExport.class.getName()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.startsWith(NtStatus.NOT_SUPPORTED.hex()) && out.contains("--add-exports java.base/sun.nio.ch"),
                out);
    }

    @Test
    void anotherControlMessageIsRefusedAndNothingLeaks() throws Throwable {
        // SO_PASSCRED on the receiver: the kernel adds an SCM_CREDENTIALS message to what arrives.
        java.lang.foreign.Linker linker = java.lang.foreign.Linker.nativeLinker();
        java.lang.invoke.MethodHandle setsockopt = linker.downcallHandle(
                linker.defaultLookup().find("setsockopt").orElseThrow(),
                java.lang.foreign.FunctionDescriptor.of(java.lang.foreign.ValueLayout.JAVA_INT,
                        java.lang.foreign.ValueLayout.JAVA_INT, java.lang.foreign.ValueLayout.JAVA_INT,
                        java.lang.foreign.ValueLayout.JAVA_INT, java.lang.foreign.ValueLayout.ADDRESS,
                        java.lang.foreign.ValueLayout.JAVA_INT));
        try (java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
            java.lang.foreign.MemorySegment one = arena.allocate(java.lang.foreign.ValueLayout.JAVA_INT);
            one.set(java.lang.foreign.ValueLayout.JAVA_INT, 0, 1);
            assertEquals(0, (int) setsockopt.invokeExact(UnixRights.fdOf(receiver), 1 /* SOL_SOCKET */,
                    16 /* SO_PASSCRED */, one, 4));
        }
        int fd = UnixRights.fdOf(other);
        long before = openDescriptors();
        UnixRights.send(sender, new int[] {fd}, SHORT);
        LsaException e = assertThrows(LsaException.class, () -> UnixRights.receive(receiver, 1, SHORT));
        assertEquals(NtStatus.INVALID_PARAMETER, e.status());
        assertTrue(e.getMessage().contains("other than SCM_RIGHTS"), e.getMessage());
        assertEquals(before, openDescriptors());
    }
}
