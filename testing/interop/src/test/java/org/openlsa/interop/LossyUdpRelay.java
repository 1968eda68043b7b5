package org.openlsa.interop;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A UDP path on 127.0.0.1 that loses replies on demand: datagrams from a client go to {@code target} from a socket
 * of the relay's (one per client address) and the replies come back to the client, except that once
 * {@link #loseFirstReplies} is on, the first reply to each request not seen before is thrown away, as a lossy
 * network would; a retransmission's reply gets through. Only UDP: a client's TCP attempt on the relay's port finds
 * nothing listening.
 */
final class LossyUdpRelay implements AutoCloseable {
    private final DatagramSocket front;
    private final InetSocketAddress target;
    private final Map<SocketAddress, DatagramSocket> upstream = new ConcurrentHashMap<>();
    private final Map<SocketAddress, AtomicInteger> toDrop = new ConcurrentHashMap<>();
    private final java.util.Set<java.nio.ByteBuffer> seen = ConcurrentHashMap.newKeySet();
    private volatile boolean lossy;
    private final AtomicInteger dropped = new AtomicInteger();
    private final List<byte[]> requests = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    LossyUdpRelay(InetSocketAddress target) throws IOException {
        this.target = target;
        this.front = new DatagramSocket(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0));
        Thread.ofPlatform().daemon().name("relay-front").start(this::forwardRequests);
    }

    int port() {
        return front.getLocalPort();
    }

    /** From now on, loses the first reply to every new request. */
    void loseFirstReplies() {
        lossy = true;
    }

    int dropped() {
        return dropped.get();
    }

    /** Every request relayed, in order. */
    List<byte[]> requests() {
        return List.copyOf(requests);
    }

    private void forwardRequests() {
        byte[] buf = new byte[65535];
        while (!closed) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                front.receive(p);
                byte[] request = Arrays.copyOf(buf, p.getLength());
                requests.add(request);
                SocketAddress client = p.getSocketAddress();
                if (lossy && seen.add(java.nio.ByteBuffer.wrap(request))) {
                    toDrop.computeIfAbsent(client, c -> new AtomicInteger()).incrementAndGet();
                }
                DatagramSocket up = upstream.computeIfAbsent(client, this::openUpstream);
                up.send(new DatagramPacket(request, request.length, target));
            } catch (IOException | IllegalStateException e) {
                if (!closed) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    private DatagramSocket openUpstream(SocketAddress client) {
        try {
            DatagramSocket up = new DatagramSocket();
            Thread.ofPlatform().daemon().name("relay-back").start(() -> forwardReplies(up, client));
            return up;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void forwardReplies(DatagramSocket up, SocketAddress client) {
        byte[] buf = new byte[65535];
        while (!closed) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                up.receive(p);
                AtomicInteger drops = toDrop.computeIfAbsent(client, c -> new AtomicInteger());
                if (drops.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    dropped.incrementAndGet();
                    continue;
                }
                front.send(new DatagramPacket(buf, p.getLength(), client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        front.close();
        upstream.values().forEach(DatagramSocket::close);
    }
}
