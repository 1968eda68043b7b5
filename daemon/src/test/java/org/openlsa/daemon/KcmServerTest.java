package org.openlsa.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openlsa.kcm.KcmPeer;
import org.openlsa.kcm.KcmService;
import org.openlsa.kcm.KcmStatus;
import org.openlsa.kcm.LogonSessionCaches;

/**
 * The KCM socket as MIT's client and a hostile local user meet it: MIT's framing both ways, the peer's uid and pid
 * from the kernel, a bad request answered and the connection still usable, and the bounds (frame size, whole-frame
 * deadline, connections per uid) closing what passes them.
 */
class KcmServerTest {
    private Path dir;
    private KcmServer server;
    private final List<KcmPeer> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        dir = Files.createTempDirectory("olsa-kcm-server");
        LogonSessionCaches spy = new LogonSessionCaches() {
            @Override
            public Optional<LogonSessionCache> sessionOf(KcmPeer peer) {
                seen.add(peer);
                return Optional.empty();
            }

            @Override
            public Optional<LogonSessionCache> session(String id) {
                return Optional.empty();
            }
        };
        KcmServer.Options o = new KcmServer.Options(dir.resolve("kcm.sock"), 4096, Duration.ofMillis(300),
                Duration.ofSeconds(30), 2, 64, Duration.ofMinutes(1));
        server = KcmServer.start(new KcmService(spy, KcmService.Limits.DEFAULT, new SecureRandom()),
                (uid, gid) -> false, o, Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        Files.deleteIfExists(dir);
    }

    private SocketChannel connect() throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ch.connect(UnixDomainSocketAddress.of(server.socketPath()));
        return ch;
    }

    private static void send(SocketChannel ch, byte[] frame) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 + frame.length).putInt(frame.length).put(frame).flip();
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    /** MIT's reading: length, a 0 word, then the KCM reply (status, data). */
    private static ByteBuffer reply(SocketChannel ch) throws IOException {
        ByteBuffer head = readFully(ch, 8);
        int length = head.getInt();
        assertEquals(0, head.getInt(), "the IPC status word");
        return readFully(ch, length);
    }

    private static ByteBuffer readFully(SocketChannel ch, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) {
                throw new java.io.EOFException("closed after " + b.position() + " of " + n + " bytes");
            }
        }
        return b.flip();
    }

    private static byte[] op(int opcode) {
        return new byte[] {2, 0, (byte) (opcode >> 8), (byte) opcode};
    }

    @Test
    void answersInMitsFramingWithThePeersOwnUidAndPid() throws Exception {
        try (SocketChannel ch = connect()) {
            send(ch, op(20)); // GET_DEFAULT_CACHE
            ByteBuffer r = reply(ch);
            assertEquals(0, r.getInt());
            byte[] name = new byte[r.remaining()];
            r.get(name);
            long uid = Long.parseLong(new String(name, 0, name.length - 1, StandardCharsets.US_ASCII));
            assertEquals(0, name[name.length - 1]);
            assertEquals(ProcessHandle.current().pid(), seen.get(0).pid(), "the kernel's pid of the peer");
            assertEquals(uid, seen.get(0).uid());
        }
    }

    @Test
    void aBadRequestIsAnsweredAndTheConnectionGoesOn() throws Exception {
        try (SocketChannel ch = connect()) {
            send(ch, op(9999));
            assertEquals(KcmStatus.FCC_INTERNAL.code(), reply(ch).getInt());
            send(ch, new byte[] {2});
            assertEquals(KcmStatus.CC_FORMAT.code(), reply(ch).getInt());
            send(ch, op(0)); // NOOP
            assertEquals(0, reply(ch).getInt());
        }
    }

    @Test
    void aFrameLargerThanTheBoundClosesTheConnection() throws Exception {
        try (SocketChannel ch = connect()) {
            ch.write(ByteBuffer.allocate(4).putInt(1 << 30).flip());
            assertThrows(IOException.class, () -> reply(ch));
        }
    }

    @Test
    void aFrameTricklingPastItsDeadlineClosesTheConnection() throws Exception {
        try (SocketChannel ch = connect()) {
            ch.write(ByteBuffer.allocate(6).putInt(4).put((byte) 2).put((byte) 0).flip()); // then nothing
            long start = System.nanoTime();
            assertThrows(IOException.class, () -> reply(ch));
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(20).toNanos());
        }
    }

    @Test
    void aUidHoldsAtMostItsShareOfConnections() throws Exception {
        try (SocketChannel a = connect(); SocketChannel b = connect()) {
            send(a, op(0));
            assertEquals(0, reply(a).getInt());
            send(b, op(0));
            assertEquals(0, reply(b).getInt());
            try (SocketChannel c = connect()) {
                send(c, op(0));
                assertThrows(IOException.class, () -> reply(c), "the third connection of one uid is closed");
            }
        }
        boolean freed = false; // the places are free again once the connections are closed
        for (int i = 0; i < 100 && !freed; i++) {
            try (SocketChannel again = connect()) {
                freed = works(again);
            }
            Thread.sleep(freed ? 0 : 20);
        }
        assertTrue(freed, "a closed connection gives its place back");
    }

    private static boolean works(SocketChannel ch) {
        try {
            send(ch, op(0));
            return reply(ch).getInt() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
