package org.openlsa.kdc.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.openlsa.kdc.protocol.KdcProtocol;
import org.openlsa.kdc.protocol.KpasswdFrame;
import org.openlsa.kdc.protocol.KpasswdResult;
import org.openlsa.krb5.Bytes;
import org.openlsa.krb5.ErrorCode;
import org.openlsa.krb5.KerberosTime;
import org.openlsa.krb5.KrbError;
import org.openlsa.krb5.PrincipalName;
import org.openlsa.krb5.der.KrbCodec;

/**
 * The client's transports without a KDC behind them: into a protocol object in this process (as the Kerberos package
 * reaches the embedded realm's KDC), and over the network as MIT's library goes (UDP first for a small request, TCP
 * again after KRB_ERR_RESPONSE_TOO_BIG, the next KDC when one does not answer); and the kpasswd frame both sides read.
 */
class KdcTransportTest {
    private static final byte[] REQUEST = "a small request".getBytes(StandardCharsets.US_ASCII);

    /** A protocol that answers every request with {@code reply} (or drops it) and remembers how it was called. */
    private static final class Stub implements KdcProtocol {
        final Optional<byte[]> reply;
        final List<Transport> transports = new ArrayList<>();
        final List<InetSocketAddress> clients = new ArrayList<>();

        Stub(Optional<byte[]> reply) {
            this.reply = reply;
        }

        @Override
        public Optional<byte[]> handle(byte[] request, Transport transport, InetSocketAddress client) {
            transports.add(transport);
            clients.add(client);
            return reply;
        }

        @Override
        public byte[] responseTooBig(byte[] request) {
            throw new AssertionError("not asked in process");
        }

        @Override
        public byte[] fieldTooLong() {
            throw new AssertionError("not asked in process");
        }
    }

    @Test
    void inProcessARequestIsAnsweredAsOverTcpFromTheLoopbackAddress() throws Exception {
        byte[] reply = {1, 2, 3};
        Stub kdc = new Stub(Optional.of(reply));
        assertArrayEquals(reply, KdcTransport.inProcess(kdc).send(REQUEST));
        // TCP: an in-process reply is never cut to a datagram's size.
        assertEquals(List.of(KdcProtocol.Transport.TCP), kdc.transports);
        assertTrue(kdc.clients.getFirst().getAddress().isLoopbackAddress());
    }

    @Test
    void inProcessADroppedRequestIsAnUnreachableKdc() {
        KdcUnreachableException e = assertThrows(KdcUnreachableException.class,
                () -> KdcTransport.inProcess(new Stub(Optional.empty())).send(REQUEST));
        assertTrue(e.getMessage().contains("dropped"), e.getMessage());
    }

    @Test
    void overTheNetworkASilentKdcIsSkippedAndResponseTooBigIsAskedAgainOverTcp() throws Exception {
        int closed;
        try (DatagramSocket gone = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            closed = gone.getLocalPort(); // nobody listens there any more: the first KDC fails at once
        }
        byte[] tcpReply = "the whole reply".getBytes(StandardCharsets.US_ASCII);
        try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             DatagramSocket udp = new DatagramSocket(tcp.getLocalPort(), InetAddress.getLoopbackAddress())) {
            Thread udpServer = Thread.ofVirtual().start(() -> answerOnce(udp, responseTooBig()));
            Thread tcpServer = Thread.ofVirtual().start(() -> answerOnce(tcp, tcpReply));
            KdcTransport network = KdcTransport.network(List.of(new KdcTransport.KdcAddress("127.0.0.1", closed),
                    new KdcTransport.KdcAddress("127.0.0.1", tcp.getLocalPort())), Duration.ofSeconds(10), 1465);
            assertArrayEquals(tcpReply, network.send(REQUEST));
            udpServer.join();
            tcpServer.join();
        }
    }

    @Test
    void overTheNetworkNoAnswerListsEveryKdcTried() throws Exception {
        int closed;
        try (DatagramSocket gone = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            closed = gone.getLocalPort();
        }
        KdcUnreachableException e = assertThrows(KdcUnreachableException.class, () -> KdcTransport.network(
                List.of(new KdcTransport.KdcAddress("127.0.0.1", closed)), Duration.ofSeconds(2), 1465).send(REQUEST));
        assertEquals(1, e.attempts().size(), e.attempts().toString());
        assertTrue(e.attempts().getFirst().startsWith("127.0.0.1:" + closed + ": "), e.attempts().getFirst());
    }

    @Test
    void aKpasswdFrameAndItsResultRoundTrip() throws Exception {
        KpasswdFrame frame = new KpasswdFrame(KpasswdFrame.VERSION_SET, Bytes.of(new byte[] {0x6e, 0}),
                Bytes.of(new byte[] {0x75, 0, 1}));
        byte[] encoded = frame.encode();
        assertEquals(encoded.length, ((encoded[0] & 0xff) << 8) | (encoded[1] & 0xff), "the length counts the frame");
        KpasswdFrame decoded = KpasswdFrame.decode(encoded);
        assertEquals(frame.version(), decoded.version());
        assertArrayEquals(frame.ap().toByteArray(), decoded.ap().toByteArray());
        assertArrayEquals(frame.message().toByteArray(), decoded.message().toByteArray());

        byte[] result = KpasswdFrame.result(KpasswdResult.SOFTERROR, "too short");
        assertEquals(KpasswdResult.SOFTERROR.code(), KpasswdFrame.resultCode(result));
        assertEquals("too short", new String(KpasswdFrame.resultText(result), StandardCharsets.UTF_8));
        encoded[1]++; // the length field disagrees with the frame
        assertThrows(KpasswdFrame.MalformedFrameException.class, () -> KpasswdFrame.decode(encoded));
    }

    private static byte[] responseTooBig() {
        Instant now = Instant.now();
        return KrbCodec.encode(new KrbError(Optional.empty(), OptionalInt.empty(), KerberosTime.truncate(now),
                KerberosTime.microsecondsOf(now), ErrorCode.KRB_ERR_RESPONSE_TOO_BIG, Optional.empty(),
                Optional.empty(), "TEST", PrincipalName.krbtgt("TEST"), Optional.empty(), Optional.empty()));
    }

    private static void answerOnce(DatagramSocket udp, byte[] reply) {
        try {
            DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
            udp.receive(p);
            udp.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void answerOnce(ServerSocket tcp, byte[] reply) {
        try (Socket s = tcp.accept()) {
            DataInputStream in = new DataInputStream(s.getInputStream());
            in.readFully(new byte[in.readInt()]);
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            out.writeInt(reply.length);
            out.write(reply);
            out.flush();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
