package org.openlsa.kdc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openlsa.kdc.protocol.KdcProtocol;

/** The transport alone, over a stub protocol: framing, limits and the errors RFC 4120 7.2 asks of the transport. */
class KdcServerTest {
    private static final byte[] TOO_BIG = "TOO-BIG".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TOO_LONG = "TOO-LONG".getBytes(StandardCharsets.US_ASCII);

    /**
     * Echoes "R:" + request; drops requests starting with 'x'; answers 'big' with 5000 bytes; throws on 'boom'.
     * Requests shorter than 3 bytes are not requests.
     */
    private static final class Stub implements KdcProtocol {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public Optional<byte[]> handle(byte[] request, Transport transport, InetSocketAddress client) {
            calls.incrementAndGet();
            String text = new String(request, StandardCharsets.US_ASCII);
            if (text.startsWith("x")) {
                return Optional.empty();
            }
            if (text.equals("boom")) {
                throw new IllegalStateException("a bug in the protocol");
            }
            if (text.equals("big")) {
                return Optional.of(new byte[5000]);
            }
            return Optional.of(("R:" + transport + ":" + text).getBytes(StandardCharsets.US_ASCII));
        }

        @Override
        public int minimumUdpRequest() {
            return 3;
        }

        @Override
        public byte[] responseTooBig(byte[] request) {
            return TOO_BIG;
        }

        @Override
        public byte[] fieldTooLong() {
            return TOO_LONG;
        }
    }

    private final Stub stub = new Stub();
    private KdcServer server;

    private KdcServer start(Duration idle) throws IOException {
        KdcServer.Options d = KdcServer.Options.defaults(InetAddress.getLoopbackAddress(), 0);
        server = KdcServer.start(stub, d.withUdpWorkers(2).withMaxTcpRequest(2048).withMaxConnections(4, 4)
                .withRequestTimeout(idle));
        return server;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private byte[] udp(byte[] request) throws IOException {
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(2000);
            s.send(new DatagramPacket(request, request.length, InetAddress.getLoopbackAddress(), server.port()));
            byte[] buf = new byte[65535];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            s.receive(p);
            return Arrays.copyOf(buf, p.getLength());
        }
    }

    private byte[] tcp(byte[] request) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            s.setSoTimeout(3000);
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            out.writeInt(request.length);
            out.write(request);
            out.flush();
            return readFrame(new DataInputStream(s.getInputStream()));
        }
    }

    private static byte[] readFrame(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return b;
    }

    @Test
    void udpAnswersOnTheSamePortAsTcp() throws IOException {
        start(Duration.ofSeconds(5));
        assertEquals("R:UDP:hello", new String(udp("hello".getBytes()), StandardCharsets.US_ASCII));
    }

    @Test
    void udpReplyAboveTheLimitBecomesResponseTooBig() throws IOException {
        start(Duration.ofSeconds(5));
        assertArrayEquals(TOO_BIG, udp("big".getBytes()));
    }

    @Test
    void udpDropsWhatTheProtocolDropsAndSurvivesABug() throws IOException {
        start(Duration.ofSeconds(5));
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(300);
            byte[] junk = "xjunk".getBytes();
            s.send(new DatagramPacket(junk, junk.length, InetAddress.getLoopbackAddress(), server.port()));
            assertThrows(SocketTimeoutException.class, () -> s.receive(new DatagramPacket(new byte[10], 10)));
        }
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(300);
            byte[] boom = "boom".getBytes();
            s.send(new DatagramPacket(boom, boom.length, InetAddress.getLoopbackAddress(), server.port()));
            assertThrows(SocketTimeoutException.class, () -> s.receive(new DatagramPacket(new byte[10], 10)));
        }
        // Both UDP workers are still serving.
        for (int i = 0; i < 4; i++) {
            assertEquals("R:UDP:again" + i, new String(udp(("again" + i).getBytes()), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void datagramsShorterThanTheSmallestRequestGetNoAnswer() throws IOException {
        start(Duration.ofSeconds(5));
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(300);
            for (byte[] tiny : new byte[][] {{}, {'h'}, {'h', 'i'}}) {
                s.send(new DatagramPacket(tiny, tiny.length, InetAddress.getLoopbackAddress(), server.port()));
                assertThrows(SocketTimeoutException.class, () -> s.receive(new DatagramPacket(new byte[64], 64)));
            }
        }
        assertEquals(0, stub.calls.get(), "never handed to the protocol");
        assertEquals("R:UDP:hi!", new String(udp("hi!".getBytes()), StandardCharsets.US_ASCII), "3 bytes: answered");
        // TCP cannot be spoofed (the handshake proves the source), so short requests there still get their answer.
        assertEquals("R:TCP:hi", new String(tcp("hi".getBytes()), StandardCharsets.US_ASCII));
    }

    @Test
    void aRetransmissionGetsTheSameReplyFromTheLookasideOnEitherTransport() throws IOException {
        start(Duration.ofSeconds(5));
        byte[] first = udp("once".getBytes());
        assertArrayEquals(first, udp("once".getBytes()));
        assertEquals(1, stub.calls.get(), "the retransmission is not handed to the protocol again");
        // MIT's client retries a request whose UDP reply was too big over TCP, with the same bytes: it gets the
        // reply the UDP request produced.
        assertArrayEquals(TOO_BIG, udp("big".getBytes()));
        assertEquals(5000, tcp("big".getBytes()).length);
        assertEquals(2, stub.calls.get());
        // A dropped request is not remembered: it reaches the protocol every time.
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(300);
            for (int i = 0; i < 2; i++) {
                s.send(new DatagramPacket("xjunk".getBytes(), 5, InetAddress.getLoopbackAddress(), server.port()));
                assertThrows(SocketTimeoutException.class, () -> s.receive(new DatagramPacket(new byte[10], 10)));
            }
        }
        assertEquals(4, stub.calls.get());
    }

    @Test
    void tcpServesSeveralFramedRequestsOnOneConnection() throws IOException {
        start(Duration.ofSeconds(5));
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            DataInputStream in = new DataInputStream(s.getInputStream());
            for (String m : new String[] {"one", "two", "big"}) {
                out.writeInt(m.length());
                out.write(m.getBytes());
            }
            out.flush();
            assertEquals("R:TCP:one", new String(readFrame(in), StandardCharsets.US_ASCII));
            assertEquals("R:TCP:two", new String(readFrame(in), StandardCharsets.US_ASCII));
            assertEquals(5000, readFrame(in).length, "TCP replies are not bounded");
        }
    }

    @Test
    void tcpOversizedLengthGetsFieldTooLongAndTheConnectionCloses() throws IOException {
        start(Duration.ofSeconds(5));
        for (int length : new int[] {2049, Integer.MAX_VALUE, 0x80000010}) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                s.setSoTimeout(2000);
                DataOutputStream out = new DataOutputStream(s.getOutputStream());
                out.writeInt(length);
                out.flush();
                DataInputStream in = new DataInputStream(s.getInputStream());
                assertArrayEquals(TOO_LONG, readFrame(in), "length " + Integer.toHexString(length));
                assertEquals(-1, in.read(), "connection closed after FIELD_TOOLONG");
            }
        }
        assertEquals(0, stub.calls.get(), "refused frames never reach the protocol");
    }

    @Test
    void truncatedAndIdleConnectionsAreDropped() throws Exception {
        start(Duration.ofMillis(300));
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            s.setSoTimeout(3000);
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            out.writeInt(100);
            out.write(new byte[10]); // promises 100 bytes, sends 10, then stalls
            out.flush();
            assertEquals(-1, s.getInputStream().read(), "the stalled connection is closed by the idle timeout");
        }
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            s.setSoTimeout(3000);
            assertEquals(-1, s.getInputStream().read(), "an idle connection is closed");
        }
        assertEquals(0, stub.calls.get());
    }

    @Test
    void connectionsAboveTheLimitAreRefused() throws Exception {
        start(Duration.ofSeconds(5));
        Socket[] held = new Socket[4];
        try {
            for (int i = 0; i < held.length; i++) {
                held[i] = new Socket(InetAddress.getLoopbackAddress(), server.port());
            }
            // Let the acceptor take all four slots before the fifth arrives.
            Thread.sleep(200);
            try (Socket fifth = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                fifth.setSoTimeout(3000);
                int read;
                try {
                    read = fifth.getInputStream().read();
                } catch (IOException reset) {
                    read = -1;
                }
                assertEquals(-1, read, "the fifth connection is closed at once");
            }
        } finally {
            for (Socket s : held) {
                if (s != null) {
                    s.close();
                }
            }
        }
        // Slots come back once the held connections close.
        Thread.sleep(200);
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            s.setSoTimeout(3000);
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            out.writeInt(2);
            out.write("ok".getBytes());
            out.flush();
            assertEquals("R:TCP:ok", new String(readFrame(new DataInputStream(s.getInputStream())),
                    StandardCharsets.US_ASCII));
        }
    }

    @Test
    void closeStopsBothListeners() throws IOException {
        start(Duration.ofSeconds(5));
        int port = server.port();
        server.close();
        server = null;
        assertThrows(IOException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port).close());
    }
}
