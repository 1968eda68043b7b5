package org.openlsa.daemon;

import java.io.EOFException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.openlsa.core.LsaException;
import org.openlsa.daemon.internal.ConnectionLimits;
import org.openlsa.daemon.internal.LogThrottle;
import org.openlsa.ipc.UnixRights;
import org.openlsa.kcm.KcmPeer;
import org.openlsa.kcm.KcmReply;
import org.openlsa.kcm.KcmService;
import org.openlsa.kcm.KcmStatus;

/**
 * The KCM credential cache service on its Unix socket (docs/kcm.md): MIT's and Heimdal's framing (a request is a
 * uint32 length and that many bytes; a reply is a uint32 length of the KCM reply, a uint32 0 and the KCM reply:
 * status then data), one virtual thread per connection, the peer's uid, gid and pid from the kernel.
 *
 * <p>Any local user may connect, so what one may hold is bounded like the daemon's own socket: connections per uid
 * and in all, a frame size, a whole-frame deadline, an idle timeout, at most one log line per uid per interval.
 */
public final class KcmServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("org.openlsa.daemon.kcm");

    /**
     * @param maxFrameBytes the largest request taken (a connection sending a larger one is closed)
     * @param frameTimeout how long a request may take from its first byte to its last
     * @param idleTimeout how long a connection may wait between requests (MIT's client reconnects when it finds the
     *     connection closed)
     */
    public record Options(Path socket, int maxFrameBytes, Duration frameTimeout, Duration idleTimeout,
                          int connectionsPerUid, int maxConnections, Duration logInterval) {
        public Options {
            Objects.requireNonNull(socket, "socket");
            if (maxFrameBytes < 1024 || connectionsPerUid < 1 || maxConnections <= 16) {
                throw new IllegalArgumentException("KCM server limits too small");
            }
        }

        /** 1 MiB frames (a REPLACE of a full cache fits many times), 10 s per frame, 2 min idle, 64 per uid. */
        public static Options defaults(Path socket) {
            return new Options(socket, 1 << 20, Duration.ofSeconds(10), Duration.ofMinutes(2), 64, 4096,
                    Duration.ofMinutes(1));
        }
    }

    /** Whether the token a uid and gid map to holds SeTcbPrivilege (may name any cache). */
    @FunctionalInterface
    public interface TcbCheck {
        boolean holdsTcb(long uid, long gid);
    }

    private final Options options;
    private final KcmService service;
    private final TcbCheck tcb;
    private final PublishedSocket socket;
    private final ConnectionLimits admission;
    private final LogThrottle logs;
    private final ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("kcm-timer").factory());
    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private final Runnable onClose;
    private volatile boolean closed;

    private KcmServer(Options options, KcmService service, TcbCheck tcb, PublishedSocket socket, Runnable onClose) {
        this.onClose = onClose;
        this.options = options;
        this.service = service;
        this.tcb = tcb;
        this.socket = socket;
        this.admission = new ConnectionLimits(options.connectionsPerUid(), options.maxConnections(), 16);
        this.logs = new LogThrottle(options.logInterval());
        this.acceptor = Thread.ofPlatform().name("kcm-accept").unstarted(this::acceptLoop);
    }

    /**
     * Publishes the socket and starts serving; a sweep every {@code sweepInterval} drops what ended logon sessions'
     * processes stored.
     *
     * @param tcb whether a uid's token holds SeTcbPrivilege (may name any cache)
     * @throws LsaException OBJECT_NAME_COLLISION when something else listens on the socket path
     */
    public static KcmServer start(KcmService service, TcbCheck tcb, Options options, Duration sweepInterval)
            throws LsaException {
        return start(service, tcb, options, sweepInterval, () -> { });
    }

    /** {@link #start(KcmService, TcbCheck, Options, Duration)} that runs {@code onClose} last when it closes. */
    public static KcmServer start(KcmService service, TcbCheck tcb, Options options, Duration sweepInterval,
                                  Runnable onClose) throws LsaException {
        PublishedSocket socket = PublishedSocket.publish(options.socket());
        KcmServer s = new KcmServer(options, service, tcb, socket, onClose);
        s.acceptor.start();
        s.timers.scheduleWithFixedDelay(s::sweep, sweepInterval.toMillis(), sweepInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        LOG.log(Level.DEBUG, "KCM service on {0}", socket.path());
        return s;
    }

    public Path socketPath() {
        return socket.path();
    }

    private void sweep() {
        try {
            service.sweep();
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "KCM sweep failed: {0}", e.toString());
        }
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel ch;
            try {
                ch = socket.channel().accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                OptionalLong suppressed = logs.permit("accept");
                if (suppressed.isPresent()) {
                    LOG.log(Level.ERROR, "KCM accept failed: {0} ({1} similar not logged)", e.toString(),
                            suppressed.getAsLong());
                }
                pause();
                continue;
            }
            open.add(ch);
            if (closed) {
                closeQuietly(ch);
                return;
            }
            clients.execute(() -> serve(ch));
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve(SocketChannel ch) {
        KcmPeer peer;
        try {
            UnixRights.PeerCredentials id = UnixRights.peerCredentials(ch);
            peer = new KcmPeer(id.uid(), id.gid(), id.pid(), memoized(() -> tcb.holdsTcb(id.uid(), id.gid())));
        } catch (LsaException | RuntimeException e) {
            closeQuietly(ch);
            open.remove(ch);
            return;
        }
        // The privilege (a token to build) is worked out only for a peer the ordinary shares refuse, or a request
        // that needs it.
        ConnectionLimits.Admission a = admission.admit(peer.uid(), false);
        if (a != ConnectionLimits.Admission.ADMITTED && peer.tcb()) {
            a = admission.admit(peer.uid(), true);
        }
        if (a != ConnectionLimits.Admission.ADMITTED) {
            log(peer.uid(), "KCM connection of uid {0} refused: {1}", a);
            closeQuietly(ch);
            open.remove(ch);
            return;
        }
        try {
            while (!closed) {
                byte[] frame = readFrame(ch, peer);
                if (frame == null) {
                    return;
                }
                KcmReply reply;
                try {
                    reply = service.handle(peer, frame);
                } catch (RuntimeException e) { // a defect: the client gets an answer, the log the cause
                    log(peer.uid(), "KCM request of uid {0} failed: {1}", e.toString());
                    writeReply(ch, statusOnly(KcmStatus.FCC_INTERNAL));
                    continue;
                } finally {
                    Arrays.fill(frame, (byte) 0); // STORE and REPLACE carry session keys
                }
                byte[] body = reply.encode();
                reply.wipe();
                try {
                    writeReply(ch, body);
                } finally {
                    Arrays.fill(body, (byte) 0);
                }
            }
        } catch (IOException e) {
            // the peer went away or a deadline closed the connection: nothing to tell anyone
        } finally {
            admission.release(peer.uid());
            closeQuietly(ch);
            open.remove(ch);
        }
    }

    private static java.util.function.BooleanSupplier memoized(java.util.function.BooleanSupplier check) {
        return new java.util.function.BooleanSupplier() {
            private volatile Boolean value;

            @Override
            public boolean getAsBoolean() {
                Boolean v = value;
                if (v == null) {
                    v = check.getAsBoolean();
                    value = v;
                }
                return v;
            }
        };
    }

    private static byte[] statusOnly(KcmStatus s) {
        return ByteBuffer.allocate(4).putInt(s.code()).array();
    }

    /** One request, or null at a clean end of stream between requests. */
    private byte[] readFrame(SocketChannel ch, KcmPeer peer) throws IOException {
        ByteBuffer len = ByteBuffer.allocate(4);
        ScheduledFuture<?> idle = timers.schedule(() -> closeQuietly(ch), options.idleTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
        try {
            if (ch.read(len) < 0) {
                return null;
            }
        } finally {
            idle.cancel(false);
        }
        ScheduledFuture<?> deadline = timers.schedule(() -> closeQuietly(ch), options.frameTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
        try {
            readFully(ch, len);
            int n = len.flip().getInt();
            if (n < 0 || n > options.maxFrameBytes()) {
                log(peer.uid(), "KCM request of uid {0} refused: {1} bytes", Integer.toUnsignedString(n));
                throw new IOException("frame too large");
            }
            ByteBuffer frame = ByteBuffer.allocate(n);
            readFully(ch, frame);
            return frame.array();
        } finally {
            deadline.cancel(false);
        }
    }

    private static void readFully(SocketChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) {
                throw new EOFException();
            }
        }
    }

    private void writeReply(SocketChannel ch, byte[] body) throws IOException {
        ByteBuffer out = ByteBuffer.allocate(8 + body.length);
        out.putInt(body.length).putInt(0).put(body).flip();
        ScheduledFuture<?> deadline = timers.schedule(() -> closeQuietly(ch), options.frameTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
        try {
            while (out.hasRemaining()) {
                ch.write(out);
            }
        } finally {
            deadline.cancel(false);
            Arrays.fill(out.array(), (byte) 0);
        }
    }

    private void log(long uid, String message, Object detail) {
        OptionalLong suppressed = logs.permit(uid);
        if (suppressed.isPresent()) {
            LOG.log(Level.WARNING, message + " ({2} similar not logged)", uid, detail, suppressed.getAsLong());
        }
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // closing: nothing to do
        }
    }

    /** Stops accepting, closes every connection, destroys every key the service holds. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        socket.close();
        open.forEach(KcmServer::closeQuietly);
        clients.shutdown();
        try {
            clients.awaitTermination(5, TimeUnit.SECONDS);
            acceptor.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            timers.shutdownNow();
            service.close();
            onClose.run();
        }
    }
}
