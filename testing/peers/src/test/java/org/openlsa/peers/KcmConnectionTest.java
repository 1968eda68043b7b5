package org.openlsa.peers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The raw KCM client against a scripted server: requests as MIT frames them, every reply length distrusted. */
class KcmConnectionTest {
    private Path directory;
    private ServerSocketChannel server;
    private Path socket;

    @BeforeEach
    void listen() throws IOException {
        directory = Files.createTempDirectory("kcm-conn-test");
        socket = directory.resolve("kcm.sock");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
    }

    @AfterEach
    void close() throws IOException {
        server.close();
        Files.deleteIfExists(socket);
        Files.deleteIfExists(directory);
    }

    /** Accepts one connection, reads {@code requestBytes}, answers {@code reply}, returns what it read. */
    private Thread serve(int requestBytes, byte[] reply, ByteBuffer received) {
        return Thread.ofVirtual().start(() -> {
            try (SocketChannel c = server.accept()) {
                while (received.position() < requestBytes && c.read(received) >= 0) {
                    // keep reading
                }
                c.write(ByteBuffer.wrap(reply));
            } catch (IOException e) {
                // the test sees the client's side
            }
        });
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void framesARequestAndReadsBothStatusWords() throws Exception {
        ByteBuffer received = ByteBuffer.allocate(64);
        // length 6 | transport 0 | status 0 | "0\0"
        Thread t = serve(8, hex("00000006 00000000 00000000 3000"), received);
        try (KcmConnection c = KcmConnection.connect(socket)) {
            assertEquals("0", c.defaultCache());
        }
        t.join();
        assertArrayEquals(hex("00000004 02 00 0014"), java.util.Arrays.copyOf(received.array(), received.position()));
    }

    @Test
    void aTransportFailureCarriesNoData() throws Exception {
        Thread t = serve(8, hex("00000000 96c73ac4"), ByteBuffer.allocate(64));
        try (KcmConnection c = KcmConnection.connect(socket)) {
            assertEquals(new KcmAnswer.TransportFailure(KcmStatus.KRB5_FCC_INTERNAL),
                    c.exchange(KcmConnection.REPLACE, new byte[0]));
        }
        t.join();
    }

    @Test
    void dataAfterATransportFailureIsRefused() throws Exception {
        Thread t = serve(8, hex("00000004 96c73ac4 00000000"), ByteBuffer.allocate(64));
        try (KcmConnection c = KcmConnection.connect(socket)) {
            IOException e = assertThrows(IOException.class, () -> c.exchange(KcmConnection.REPLACE, new byte[0]));
            assertTrue(e.getMessage().contains("out of step"), e.getMessage());
        }
        t.join();
    }

    @Test
    void aLengthOverTheBoundIsRefusedBeforeAllocating() throws Exception {
        Thread t = serve(8, hex("7fffffff 00000000 00000000"), ByteBuffer.allocate(64));
        try (KcmConnection c = KcmConnection.connect(socket)) {
            IOException e = assertThrows(IOException.class, () -> c.exchange(KcmConnection.GET_DEFAULT_CACHE,
                    new byte[0]));
            assertTrue(e.getMessage().contains("outside 4..10485760"), e.getMessage());
        }
        t.join();
    }

    @Test
    void aBodyWithoutItsStatusWordIsRefused() throws Exception {
        Thread t = serve(8, hex("00000002 00000000 3000"), ByteBuffer.allocate(64));
        try (KcmConnection c = KcmConnection.connect(socket)) {
            assertThrows(IOException.class, () -> c.exchange(KcmConnection.GET_DEFAULT_CACHE, new byte[0]));
        }
        t.join();
    }

    @Test
    void aClosedConnectionIsAnAnswer() throws Exception {
        Thread t = serve(8, new byte[0], ByteBuffer.allocate(64));
        try (KcmConnection c = KcmConnection.connect(socket)) {
            KcmAnswer a = c.exchange(4711, new byte[0]);
            assertEquals(new KcmAnswer.ConnectionClosed(), a);
            assertEquals(KcmStatus.KRB5_CC_IO, a.status());
            assertTrue(a.status().meansUnsupported());
            assertThrows(IOException.class, () -> c.exchange(4711, new byte[0]), "no second request on it");
        }
        t.join();
    }

    @Test
    void aCredentialCountThatLiesIsRefused() throws Exception {
        // GET_CRED_LIST: count 1000 but one 2-byte credential.
        Thread t = serve(8, hex("0000000e 00000000 00000000 000003e8 00000002 abcd"), ByteBuffer.allocate(64));
        try (KcmConnection c = KcmConnection.connect(socket)) {
            IOException e = assertThrows(IOException.class, () -> c.credentialList("0"));
            assertTrue(e.getMessage().contains("exceeds the reply"), e.getMessage());
        }
        t.join();
    }

    @Test
    void aCredentialListIsSplitByItsLengths() throws Exception {
        Thread t = serve(8, hex("00000013 00000000 00000000 00000002 00000002 abcd 00000001 ef"),
                ByteBuffer.allocate(64));
        try (KcmConnection c = KcmConnection.connect(socket)) {
            List<byte[]> creds = c.credentialList("0:x");
            assertEquals(2, creds.size());
            assertArrayEquals(hex("abcd"), creds.get(0));
            assertArrayEquals(hex("ef"), creds.get(1));
        }
        t.join();
    }

    @Test
    void statusesHaveMitsNames() {
        assertEquals("KRB5_FCC_NOFILE", KcmStatus.KRB5_FCC_NOFILE.toString());
        assertEquals(-1765328189, KcmStatus.KRB5_FCC_NOFILE.code());
        assertEquals("krb5 error 12345", new KcmStatus(12345).toString());
    }
}
