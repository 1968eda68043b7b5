package org.openlsa.kdc.client;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.openlsa.kdc.protocol.KdcProtocol;
import org.openlsa.krb5.ErrorCode;
import org.openlsa.krb5.MessageType;
import org.openlsa.krb5.der.KrbCodec;
import org.openlsa.krb5.der.KrbDecodeException;

/**
 * How a request reaches a realm's KDC and its reply comes back: over the network to a list of KDCs, or straight
 * into a {@link KdcProtocol} in this process (the embedded realm, with no socket in between).
 */
@FunctionalInterface
public interface KdcTransport {
    /** The largest reply accepted over TCP; RFC 4120 sets no limit, MIT's client refuses more than 1 MiB too. */
    int MAX_TCP_REPLY = 1 << 20;

    /**
     * One request, one reply (a KDC-REP or a KRB-ERROR).
     *
     * @throws KdcUnreachableException when no KDC answered
     */
    byte[] send(byte[] request) throws KdcUnreachableException;

    /** A KDC's host and port. */
    record KdcAddress(String host, int port) {
        public KdcAddress {
            Objects.requireNonNull(host, "host");
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is not 1..65535");
            }
        }

        @Override
        public String toString() {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /** The reply of a KDC in this process: what the network server would send back over TCP. */
    static KdcTransport inProcess(KdcProtocol kdc) {
        InetSocketAddress self = new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0);
        return request -> kdc.handle(request, KdcProtocol.Transport.TCP, self).orElseThrow(
                () -> new KdcUnreachableException("the in-process KDC dropped the request", List.of()));
    }

    /**
     * The KDCs of one realm over the network, as MIT's library tries them (krb5.conf {@code kdc} lines): each in
     * order until one answers. A request smaller than {@code udpPreferenceLimit} bytes goes over UDP first, and a
     * KRB_ERR_RESPONSE_TOO_BIG sends it again to the same KDC over TCP (RFC 4120 7.2.1); a larger one goes over TCP
     * only. {@code timeout} bounds each attempt; a KDC that does not answer within it is skipped.
     */
    static KdcTransport network(List<KdcAddress> kdcs, Duration timeout, int udpPreferenceLimit) {
        List<KdcAddress> list = List.copyOf(kdcs);
        if (list.isEmpty()) {
            throw new IllegalArgumentException("a realm needs at least one KDC");
        }
        int millis = (int) Math.clamp(timeout.toMillis(), 1, Integer.MAX_VALUE);
        return request -> {
            List<String> failures = new ArrayList<>();
            for (KdcAddress kdc : list) {
                InetSocketAddress address = new InetSocketAddress(kdc.host(), kdc.port());
                if (address.isUnresolved()) {
                    failures.add(kdc + ": unknown host");
                    continue;
                }
                try {
                    if (request.length < udpPreferenceLimit) {
                        byte[] reply = udp(address, request, millis);
                        if (!isResponseTooBig(reply)) {
                            return reply;
                        }
                    }
                    return tcp(address, request, millis);
                } catch (IOException e) {
                    failures.add(kdc + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
                }
            }
            throw new KdcUnreachableException("no KDC answered: " + String.join("; ", failures), failures);
        };
    }

    private static boolean isResponseTooBig(byte[] reply) {
        if (KrbCodec.applicationTag(reply) != MessageType.KRB_ERROR) {
            return false;
        }
        try {
            return KrbCodec.decodeKrbError(reply).errorCode().equals(ErrorCode.KRB_ERR_RESPONSE_TOO_BIG);
        } catch (KrbDecodeException e) {
            return false;
        }
    }

    private static byte[] udp(InetSocketAddress kdc, byte[] request, int timeoutMillis) throws IOException {
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(timeoutMillis);
            s.connect(kdc); // only this KDC's datagrams are received: nobody else can answer for it
            s.send(new DatagramPacket(request, request.length));
            byte[] buf = new byte[65535];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            s.receive(p);
            return Arrays.copyOf(buf, p.getLength());
        }
    }

    private static byte[] tcp(InetSocketAddress kdc, byte[] request, int timeoutMillis) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(kdc, timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            s.getOutputStream().write(ByteBuffer.allocate(4 + request.length).putInt(request.length).put(request)
                    .array());
            DataInputStream in = new DataInputStream(s.getInputStream());
            int length = in.readInt();
            if (length < 0 || length > MAX_TCP_REPLY) {
                throw new IOException("reply length " + length + " out of range");
            }
            byte[] reply = new byte[length];
            in.readFully(reply);
            return reply;
        }
    }
}
