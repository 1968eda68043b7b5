package org.openlsa.kdc;

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
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.openlsa.kdc.internal.ReplyLookaside;
import org.openlsa.kdc.protocol.KdcProtocol;

/**
 * The KDC's listeners: one UDP socket and one TCP socket on the same address and port (RFC 4120 7.2.1, 7.2.2).
 *
 * <p>UDP: {@code udpWorkers} platform threads each receive a datagram and answer it on the same thread. Kerberos
 * requests are CPU-bound (key derivation, encryption) and tiny, so handing a datagram to another thread would cost
 * more than it saves; one thread per core keeps every core busy. Where the platform has SO_REUSEPORT (Linux), each
 * worker has a socket of its own on the shared port and the kernel spreads datagrams over them: workers sharing
 * one socket serialize on the JDK's per-socket send lock while another worker blocks in receive, which the KDC
 * benchmark showed costing most of the TGS throughput. A datagram shorter than the protocol's smallest request
 * ({@link KdcProtocol#minimumUdpRequest}) or that is not a Kerberos message gets no answer, so a spoofed source
 * cannot use the KDC to send a victim many times what it sent; a reply larger than {@code maxUdpReply} becomes
 * KRB_ERR_RESPONSE_TOO_BIG so the client retries on TCP.
 *
 * <p>TCP: a virtual thread per connection, several requests per connection, each framed by a 4-byte big-endian
 * length. A length with the reserved high bit set or above {@code maxTcpRequest} gets KRB_ERR_FIELD_TOOLONG and the
 * connection is closed, as 7.2.2 requires. Each request must arrive whole, length and message, within
 * {@code requestTimeout} of when the server starts waiting for it (the accept, or the previous reply): a connection
 * that is silent, or that trickles a byte now and then, is closed at that deadline, so it holds a slot for a bounded
 * time whatever it sends. At most {@code maxConnections} are served at once, and at most
 * {@code maxConnectionsPerAddress} from one remote address, so one host cannot take every slot; a connection over
 * either limit is closed at once rather than queued.
 *
 * <p>Both transports answer a request whose very bytes were answered recently (a retransmission) with the same
 * reply, from a lookaside bounded by {@link Lookaside}, as MIT's KDC does, instead of handing it to the protocol
 * again, where the replay cache would refuse its authenticator.
 */
public final class KdcServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("org.openlsa.kdc");

    /** Largest UDP payload (IPv4: 65535 - 20 - 8). */
    private static final int MAX_DATAGRAM = 65_507;

    /**
     * Bounds of the reply lookaside (see {@link ReplyLookaside}).
     *
     * @param maxEntries replies (and requests being answered) held at most
     * @param maxBytes bytes of replies held at most, counting a fixed overhead per entry
     * @param lifetime how long a reply is resent for the same request
     */
    public record Lookaside(int maxEntries, long maxBytes, Duration lifetime) {
        public Lookaside {
            Objects.requireNonNull(lifetime, "lifetime");
            if (maxEntries < 1 || maxBytes < 1024 || lifetime.isNegative() || lifetime.isZero()) {
                throw new IllegalArgumentException("invalid lookaside bounds: " + this);
            }
        }

        /** MIT's: two minutes and 10 MiB; and at most 32,768 entries. */
        public static Lookaside defaults() {
            return new Lookaside(32_768, 10L * 1024 * 1024, Duration.ofMinutes(2));
        }
    }

    /**
     * Listener settings.
     *
     * @param port 0 picks a free port (tests); the KDC default is 88
     * @param maxUdpReply replies above this go back as KRB_ERR_RESPONSE_TOO_BIG; the default is MIT's
     *     kdc_max_dgram_reply_size (4096), so clients fall back to TCP exactly when they would with MIT
     * @param maxConnections TCP connections served at once
     * @param maxConnectionsPerAddress TCP connections served at once from one remote address
     * @param requestTimeout how long a TCP request may take to arrive whole, from when the server waits for it
     */
    public record Options(InetAddress address, int port, int udpWorkers, int maxUdpReply, int maxTcpRequest,
                          int maxConnections, int maxConnectionsPerAddress, Duration requestTimeout,
                          Lookaside lookaside) {
        public Options {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(requestTimeout, "requestTimeout");
            Objects.requireNonNull(lookaside, "lookaside");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, not " + port);
            }
            if (udpWorkers < 1 || maxUdpReply < 512 || maxUdpReply > MAX_DATAGRAM || maxTcpRequest < 1024
                    || maxConnections < 1 || maxConnectionsPerAddress < 1 || maxConnectionsPerAddress > maxConnections
                    || requestTimeout.isNegative() || requestTimeout.isZero()) {
                throw new IllegalArgumentException("invalid KDC listener options: " + this);
            }
        }

        /**
         * Loopback or the given address and port, one UDP worker per core, MIT-like limits: 4096-byte UDP replies,
         * 256 KiB TCP requests, 1024 TCP connections, 128 of them from one address, 10 seconds for a TCP request,
         * MIT's lookaside bounds.
         */
        public static Options defaults(InetAddress address, int port) {
            return new Options(address, port, Runtime.getRuntime().availableProcessors(), 4096, 256 * 1024, 1024,
                    128, Duration.ofSeconds(10), Lookaside.defaults());
        }

        public Options withPort(int newPort) {
            return new Options(address, newPort, udpWorkers, maxUdpReply, maxTcpRequest, maxConnections,
                    maxConnectionsPerAddress, requestTimeout, lookaside);
        }

        public Options withUdpWorkers(int workers) {
            return new Options(address, port, workers, maxUdpReply, maxTcpRequest, maxConnections,
                    maxConnectionsPerAddress, requestTimeout, lookaside);
        }

        public Options withMaxTcpRequest(int bytes) {
            return new Options(address, port, udpWorkers, maxUdpReply, bytes, maxConnections,
                    maxConnectionsPerAddress, requestTimeout, lookaside);
        }

        public Options withMaxConnections(int total, int perAddress) {
            return new Options(address, port, udpWorkers, maxUdpReply, maxTcpRequest, total, perAddress,
                    requestTimeout, lookaside);
        }

        public Options withRequestTimeout(Duration timeout) {
            return new Options(address, port, udpWorkers, maxUdpReply, maxTcpRequest, maxConnections,
                    maxConnectionsPerAddress, timeout, lookaside);
        }

        public Options withLookaside(Lookaside bounds) {
            return new Options(address, port, udpWorkers, maxUdpReply, maxTcpRequest, maxConnections,
                    maxConnectionsPerAddress, requestTimeout, bounds);
        }
    }

    private final KdcProtocol protocol;
    private final Options options;
    private final List<DatagramSocket> udp;
    private final ServerSocket tcp;
    private final List<Thread> threads = new ArrayList<>();
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final Semaphore connectionSlots;
    private final Map<InetAddress, Integer> connectionsPerAddress = new ConcurrentHashMap<>();
    private final ReplyLookaside lookaside;
    private volatile boolean closed;

    private KdcServer(KdcProtocol protocol, Options options, List<DatagramSocket> udp, ServerSocket tcp) {
        this.protocol = protocol;
        this.options = options;
        this.udp = udp;
        this.tcp = tcp;
        this.connectionSlots = new Semaphore(options.maxConnections());
        Lookaside bounds = options.lookaside();
        this.lookaside = new ReplyLookaside(bounds.maxEntries(), bounds.maxBytes(), bounds.lifetime(),
                System::nanoTime);
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
                if (packet.getLength() < protocol.minimumUdpRequest()) {
                    continue; // cannot be a request: answering would only amplify a spoofed sender's traffic
                }
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
            InetAddress from = socket.getInetAddress();
            if (!connectionSlots.tryAcquire()) {
                // Over the limit: refuse at once rather than queue, so a flood cannot hold memory.
                closeQuietly(socket);
                continue;
            }
            if (!takeAddressSlot(from)) {
                // This host already has its share: the others' slots stay free for them.
                connectionSlots.release();
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
                    releaseAddressSlot(from);
                    connectionSlots.release();
                }
            });
        }
    }

    private boolean takeAddressSlot(InetAddress from) {
        boolean[] taken = new boolean[1];
        connectionsPerAddress.compute(from, (a, n) -> {
            int count = n == null ? 0 : n;
            taken[0] = count < options.maxConnectionsPerAddress();
            return taken[0] ? count + 1 : n;
        });
        return taken[0];
    }

    private void releaseAddressSlot(InetAddress from) {
        connectionsPerAddress.computeIfPresent(from, (a, n) -> n == 1 ? null : n - 1);
    }

    private void serveTcp(Socket socket) {
        try {
            socket.setTcpNoDelay(true);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            InetSocketAddress client = (InetSocketAddress) socket.getRemoteSocketAddress();
            byte[] prefix = new byte[4];
            while (!closed) {
                // The whole request, prefix and message, must arrive by this deadline: a per-read timeout alone
                // would let a client that sends one byte just before each timeout hold the slot indefinitely.
                long deadline = System.nanoTime() + options.requestTimeout().toNanos();
                if (!readFully(socket, in, prefix, deadline, true)) {
                    return; // the client closed between requests: the normal end
                }
                int length = ByteBuffer.wrap(prefix).getInt();
                if (length < 0 || length > options.maxTcpRequest()) {
                    // High bit set (reserved for extensions we do not support) or too large: 7.2.2 says answer
                    // KRB_ERR_FIELD_TOOLONG and close.
                    writeFrame(out, protocol.fieldTooLong());
                    return;
                }
                byte[] request = new byte[length];
                readFully(socket, in, request, deadline, false);
                Optional<byte[]> reply = answer(request, KdcProtocol.Transport.TCP, client);
                if (reply.isEmpty()) {
                    return; // not Kerberos, or a copy of a request being answered: stop talking to this peer
                }
                writeFrame(out, reply.get());
            }
        } catch (SocketTimeoutException | EOFException e) {
            // past the request deadline, or truncated: drop the connection
        } catch (IOException e) {
            if (!closed) {
                LOG.log(Level.DEBUG, "KDC TCP connection ended: {0}", e.toString());
            }
        }
    }

    /**
     * Fills {@code buffer} from {@code in} before {@code deadline} (System.nanoTime), each read waiting only for
     * what is left of the time.
     *
     * @param endMayComeFirst whether the stream ending before the first byte is a normal end (false returned)
     * @throws SocketTimeoutException at the deadline
     * @throws EOFException when the stream ends part-way
     */
    private static boolean readFully(Socket socket, InputStream in, byte[] buffer, long deadline,
                                     boolean endMayComeFirst) throws IOException {
        int filled = 0;
        while (filled < buffer.length) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException("request deadline passed");
            }
            socket.setSoTimeout((int) Math.clamp(Duration.ofNanos(left).toMillis() + 1, 1, Integer.MAX_VALUE));
            int n = in.read(buffer, filled, buffer.length - filled);
            if (n < 0) {
                if (filled == 0 && endMayComeFirst) {
                    return false;
                }
                throw new EOFException("the connection ended inside a request");
            }
            filled += n;
        }
        return true;
    }

    /**
     * The answer to one request: a retransmission's from the lookaside (nothing while its original is still being
     * answered), a new request's from the protocol, then kept for its retransmissions.
     */
    private Optional<byte[]> answer(byte[] request, KdcProtocol.Transport transport, InetSocketAddress client) {
        ReplyLookaside.Lookup found = lookaside.lookup(request);
        switch (found) {
            case ReplyLookaside.Lookup.Hit hit -> {
                LOG.log(Level.DEBUG, "KDC: repeated request from {0} over {1}, resending the previous reply",
                        client.getAddress().getHostAddress(), transport);
                return Optional.of(hit.reply());
            }
            case ReplyLookaside.Lookup.Pending pending -> {
                LOG.log(Level.DEBUG, "KDC: repeated request from {0} over {1} while the first is answered;"
                        + " dropped", client.getAddress().getHostAddress(), transport);
                return Optional.empty();
            }
            case ReplyLookaside.Lookup.Miss miss -> {
                Optional<byte[]> reply = Optional.empty();
                try {
                    reply = handle(request, transport, client);
                    return reply;
                } finally {
                    lookaside.complete(miss, reply);
                }
            }
        }
    }

    /** The protocol's answer; a bug that throws must not take a worker thread down, so it becomes a drop. */
    private Optional<byte[]> handle(byte[] request, KdcProtocol.Transport transport, InetSocketAddress client) {
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
