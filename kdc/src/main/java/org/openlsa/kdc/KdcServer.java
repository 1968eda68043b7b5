package org.openlsa.kdc;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * The KDC's listeners: one UDP socket and one TCP socket on the same address and port (RFC 4120 7.2.1, 7.2.2).
 *
 * <p>UDP: {@code udpWorkers} platform threads each receive a datagram and answer it on the same thread. Kerberos
 * requests are CPU-bound (key derivation, encryption) and tiny, so handing a datagram to another thread would cost
 * more than it saves; one thread per core keeps every core busy. Where the platform has SO_REUSEPORT (Linux), each
 * worker has a socket of its own on the shared port and the kernel spreads datagrams over them: workers sharing
 * one socket serialize on the JDK's per-socket send lock while another worker blocks in receive, which the KDC
 * benchmark showed costing most of the TGS throughput. A datagram that is not a Kerberos message gets no answer; a
 * reply larger than {@code maxUdpReply} becomes KRB_ERR_RESPONSE_TOO_BIG so the client retries on TCP.
 *
 * <p>TCP: a virtual thread per connection, several requests per connection, each framed by a 4-byte big-endian
 * length. A length with the reserved high bit set or above {@code maxTcpRequest} gets KRB_ERR_FIELD_TOOLONG and the
 * connection is closed, as 7.2.2 requires; so does an idle or slow connection after {@code idleTimeout}, and at most
 * {@code maxConnections} are served at once, so a client cannot pin memory or threads.
 */
public final class KdcServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("org.openlsa.kdc");

    /** Largest UDP payload (IPv4: 65535 - 20 - 8). */
    private static final int MAX_DATAGRAM = 65_507;

    /**
     * Listener settings.
     *
     * @param port 0 picks a free port (tests); the KDC default is 88
     * @param maxUdpReply replies above this go back as KRB_ERR_RESPONSE_TOO_BIG; the default is MIT's
     *     kdc_max_dgram_reply_size (4096), so clients fall back to TCP exactly when they would with MIT
     */
    public record Options(InetAddress address, int port, int udpWorkers, int maxUdpReply, int maxTcpRequest,
                          int maxConnections, Duration idleTimeout) {
        public Options {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(idleTimeout, "idleTimeout");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, not " + port);
            }
            if (udpWorkers < 1 || maxUdpReply < 512 || maxUdpReply > MAX_DATAGRAM || maxTcpRequest < 1024
                    || maxConnections < 1 || idleTimeout.isNegative() || idleTimeout.isZero()) {
                throw new IllegalArgumentException("invalid KDC listener options: " + this);
            }
        }

        /** Loopback or the given address and port, one UDP worker per core, MIT-like limits. */
        public static Options defaults(InetAddress address, int port) {
            return new Options(address, port, Runtime.getRuntime().availableProcessors(), 4096, 256 * 1024, 1024,
                    Duration.ofSeconds(30));
        }
    }

    private final KdcProtocol protocol;
    private final Options options;
    private final List<DatagramSocket> udp;
    private final ServerSocket tcp;
    private final List<Thread> threads = new ArrayList<>();
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final Semaphore connectionSlots;
    private volatile boolean closed;

    private KdcServer(KdcProtocol protocol, Options options, List<DatagramSocket> udp, ServerSocket tcp) {
        this.protocol = protocol;
        this.options = options;
        this.udp = udp;
        this.tcp = tcp;
        this.connectionSlots = new Semaphore(options.maxConnections());
    }

    /**
     * Binds both sockets and starts serving. With port 0, the TCP port is chosen first and UDP binds the same
     * number; a clash on UDP is retried a few times with a new TCP port.
     */
    public static KdcServer start(KdcProtocol protocol, Options options) throws IOException {
        Objects.requireNonNull(protocol, "protocol");
        IOException last = null;
        for (int attempt = 0; attempt < (options.port() == 0 ? 10 : 1); attempt++) {
            ServerSocket tcp = new ServerSocket();
            try {
                tcp.setReuseAddress(true);
                tcp.bind(new InetSocketAddress(options.address(), options.port()), 256);
                List<DatagramSocket> udp = bindUdp(new InetSocketAddress(options.address(), tcp.getLocalPort()),
                        options.udpWorkers());
                KdcServer server = new KdcServer(protocol, options, udp, tcp);
                server.startThreads();
                return server;
            } catch (IOException e) {
                tcp.close();
                last = e;
            }
        }
        throw last;
    }

    /** One socket per worker with SO_REUSEPORT where supported, else one socket the workers share. */
    private static List<DatagramSocket> bindUdp(InetSocketAddress address, int workers) throws IOException {
        List<DatagramSocket> sockets = new ArrayList<>();
        try {
            DatagramSocket first = new DatagramSocket(null);
            sockets.add(first);
            boolean reusePort = first.supportedOptions().contains(java.net.StandardSocketOptions.SO_REUSEPORT);
            if (reusePort && workers > 1) {
                first.setOption(java.net.StandardSocketOptions.SO_REUSEPORT, true);
            }
            first.bind(address);
            for (int i = 1; reusePort && i < workers; i++) {
                DatagramSocket s = new DatagramSocket(null);
                sockets.add(s);
                s.setOption(java.net.StandardSocketOptions.SO_REUSEPORT, true);
                s.bind(address);
            }
            return List.copyOf(sockets);
        } catch (IOException | RuntimeException e) {
            sockets.forEach(DatagramSocket::close);
            throw e;
        }
    }

    /** The port both listeners are bound to. */
    public int port() {
        return tcp.getLocalPort();
    }

    public InetAddress address() {
        return tcp.getInetAddress();
    }

    private void startThreads() {
        for (int i = 0; i < options.udpWorkers(); i++) {
            DatagramSocket socket = udp.get(i % udp.size());
            threads.add(Thread.ofPlatform().daemon().name("kdc-udp-" + i).start(() -> serveUdp(socket)));
        }
        threads.add(Thread.ofPlatform().daemon().name("kdc-tcp-accept").start(this::acceptTcp));
    }

    private void serveUdp(DatagramSocket udp) {
        byte[] buffer = new byte[MAX_DATAGRAM];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (!closed) {
            try {
                packet.setData(buffer);
                udp.receive(packet);
                byte[] request = java.util.Arrays.copyOfRange(buffer, packet.getOffset(),
                        packet.getOffset() + packet.getLength());
                InetSocketAddress client = (InetSocketAddress) packet.getSocketAddress();
                Optional<byte[]> reply = answer(request, KdcProtocol.Transport.UDP, client);
                if (reply.isPresent()) {
                    byte[] bytes = reply.get();
                    if (bytes.length > options.maxUdpReply()) {
                        bytes = protocol.responseTooBig(request);
                    }
                    udp.send(new DatagramPacket(bytes, bytes.length, client));
                }
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(Level.WARNING, "KDC UDP receive/send failed: {0}", e.toString());
                }
            }
        }
    }

    private void acceptTcp() {
        while (!closed) {
            Socket socket;
            try {
                socket = tcp.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(Level.WARNING, "KDC TCP accept failed: {0}", e.toString());
                }
                continue;
            }
            if (!connectionSlots.tryAcquire()) {
                // Over the limit: refuse at once rather than queue, so a flood cannot hold memory.
                closeQuietly(socket);
                continue;
            }
            connections.add(socket);
            Thread.ofVirtual().name("kdc-tcp").start(() -> {
                try {
                    serveTcp(socket);
                } finally {
                    connections.remove(socket);
                    closeQuietly(socket);
                    connectionSlots.release();
                }
            });
        }
    }

    private void serveTcp(Socket socket) {
        try {
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, options.idleTimeout().toMillis()));
            socket.setTcpNoDelay(true);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            DataInputStream data = new DataInputStream(in);
            InetSocketAddress client = (InetSocketAddress) socket.getRemoteSocketAddress();
            while (!closed) {
                int length;
                try {
                    length = data.readInt();
                } catch (EOFException e) {
                    return; // the client closed between requests: the normal end
                }
                if (length < 0 || length > options.maxTcpRequest()) {
                    // High bit set (reserved for extensions we do not support) or too large: 7.2.2 says answer
                    // KRB_ERR_FIELD_TOOLONG and close.
                    writeFrame(out, protocol.fieldTooLong());
                    return;
                }
                byte[] request = new byte[length];
                data.readFully(request);
                Optional<byte[]> reply = answer(request, KdcProtocol.Transport.TCP, client);
                if (reply.isEmpty()) {
                    return; // not Kerberos: stop talking to this peer
                }
                writeFrame(out, reply.get());
            }
        } catch (SocketTimeoutException | EOFException e) {
            // idle or truncated: drop the connection
        } catch (IOException e) {
            if (!closed) {
                LOG.log(Level.DEBUG, "KDC TCP connection ended: {0}", e.toString());
            }
        }
    }

    /** The protocol's answer; a bug that throws must not take a worker thread down, so it becomes a drop. */
    private Optional<byte[]> answer(byte[] request, KdcProtocol.Transport transport, InetSocketAddress client) {
        try {
            return protocol.handle(request, transport, client);
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError vme && !(e instanceof OutOfMemoryError)) {
                throw vme;
            }
            LOG.log(Level.ERROR, "KDC request handling failed", e);
            return Optional.empty();
        }
    }

    private static void writeFrame(OutputStream out, byte[] message) throws IOException {
        ByteBuffer frame = ByteBuffer.allocate(4 + message.length);
        frame.putInt(message.length).put(message);
        out.write(frame.array());
        out.flush();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing on the way out: nothing useful to do with a failure
        }
    }

    @Override
    public void close() {
        closed = true;
        udp.forEach(KdcServer::closeQuietly);
        closeQuietly(tcp);
        for (Socket s : connections) {
            closeQuietly(s);
        }
        for (Thread t : threads) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
