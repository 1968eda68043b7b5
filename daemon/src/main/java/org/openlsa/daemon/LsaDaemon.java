package org.openlsa.daemon;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.openlsa.core.LsaException;
import org.openlsa.daemon.internal.ClientSession;
import org.openlsa.daemon.internal.ConnectionLimits;
import org.openlsa.daemon.internal.LogThrottle;
import org.openlsa.engine.LsaEngine;
import org.openlsa.idmap.IdMapService;
import org.openlsa.host.StateLayout;
import org.openlsa.ipc.Protocol;

/**
 * lsad: one LSA engine served over a Unix domain socket (docs/ipc.md). Only one daemon serves a state directory
 * ({@link StateLock}); the socket appears only once the daemon accepts on it ({@link PublishedSocket}); every client
 * gets a virtual thread, and its rights come from who the kernel says it is.
 *
 * <p>{@link #close()} stops accepting, lets each client finish the request it is answering (within the grace
 * period), closes every connection, which ends the sessions they held, and releases the lock. The engine, store and
 * audit log belong to the caller, who closes them afterwards.
 */
public final class LsaDaemon implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("org.openlsa.daemon");

    /**
     * @param socket where to publish the socket ({@link org.openlsa.host.StateLayout#socket()} by default)
     * @param maxFrameBytes the largest frame either side may send
     * @param handshakeTimeout how long a new client has to send its hello
     * @param shutdownGrace how long {@link #close()} waits for requests in progress
     * @param limits what one client may hold and how long it may dawdle (docs/ipc.md, "Limits")
     */
    public record Options(Path stateDirectory, Path socket, int maxFrameBytes, Duration handshakeTimeout,
                          Duration shutdownGrace, Limits limits) {
        public Options {
            Objects.requireNonNull(stateDirectory, "stateDirectory");
            Objects.requireNonNull(socket, "socket");
            Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
            Objects.requireNonNull(shutdownGrace, "shutdownGrace");
            Objects.requireNonNull(limits, "limits");
            if (maxFrameBytes < 1024) {
                throw new IllegalArgumentException("the frame limit must be at least 1024 bytes, not " + maxFrameBytes);
            }
        }

        /** Options with {@link Limits#DEFAULT}. */
        public Options(Path stateDirectory, Path socket, int maxFrameBytes, Duration handshakeTimeout,
                       Duration shutdownGrace) {
            this(stateDirectory, socket, maxFrameBytes, handshakeTimeout, shutdownGrace, Limits.DEFAULT);
        }

        public static Options defaults(Path stateDirectory) {
            return new Options(stateDirectory, StateLayout.of(stateDirectory).socket(),
                    Protocol.DEFAULT_MAX_FRAME_BYTES, Duration.ofSeconds(10), Duration.ofSeconds(10));
        }

        public Options withLimits(Limits v) {
            return new Options(stateDirectory, socket, maxFrameBytes, handshakeTimeout, shutdownGrace, v);
        }
    }

    /**
     * What any local user can make the daemon hold (docs/ipc.md, "Limits"): every uid may connect, so none may take
     * the file descriptors, threads or log space the others need.
     *
     * @param connectionsPerUid connections one ordinary uid may hold at once (root and SeTcbPrivilege holders: no
     *     per-uid bound)
     * @param maxConnections connections the daemon holds at once
     * @param reservedConnections of those, the places only root and SeTcbPrivilege holders may take
     * @param idleTimeout how long a connection past its hello may wait between requests while it holds nothing (no
     *     token handle, no unfreed return buffer); one that holds something is not closed for idling, since that
     *     would end its logon sessions
     * @param frameTimeout how long a frame may take from its first byte to its last (a whole-frame deadline: a
     *     client trickling bytes cannot stretch it)
     * @param acceptPause how long the daemon stops accepting after accept(2) failed (EMFILE, ENFILE, ENOBUFS), so
     *     that it does not spin while descriptors are short; connections already open keep being served
     * @param logInterval at most one log line per peer uid (and one for the accept loop) per interval, with the
     *     count of the ones suppressed
     */
    public record Limits(int connectionsPerUid, int maxConnections, int reservedConnections, Duration idleTimeout,
                         Duration frameTimeout, Duration acceptPause, Duration logInterval) {
        /**
         * 64 per uid (a busy service opens a handful; 64 leaves room for a pool), 4096 in all of which 256 reserved
         * (far below the descriptor limit the JVM raises itself to on common systems), 2 min idle, 10 s per frame
         * (as the hello), 100 ms pause, 1 min between log lines of one peer.
         */
        public static final Limits DEFAULT = new Limits(64, 4096, 256, Duration.ofMinutes(2), Duration.ofSeconds(10),
                Duration.ofMillis(100), Duration.ofMinutes(1));

        public Limits {
            if (connectionsPerUid < 1 || maxConnections < 1 || reservedConnections < 0
                    || reservedConnections >= maxConnections) {
                throw new IllegalArgumentException("connection limits must be perUid >= 1, max >= 1 and"
                        + " 0 <= reserved < max: " + connectionsPerUid + ", " + maxConnections + ", "
                        + reservedConnections);
            }
            requirePositive(idleTimeout, "idleTimeout");
            requirePositive(frameTimeout, "frameTimeout");
            requirePositive(acceptPause, "acceptPause");
            requirePositive(logInterval, "logInterval");
        }

        private static void requirePositive(Duration d, String what) {
            if (Objects.requireNonNull(d, what).isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive: " + d);
            }
        }
    }

    /** accept(2) on the listening socket; a test injects failures here (EMFILE cannot be provoked inside a JVM). */
    @FunctionalInterface
    interface Acceptor {
        SocketChannel accept() throws IOException;
    }

    private final Options options;
    private final LsaEngine engine;
    private final StateLock lock;
    private final PublishedSocket socket;
    private final ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("lsad-timer").factory());
    private final Set<ClientSession> sessions = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private final Acceptor accept;
    private final ClientSession.Context context;
    private final LogThrottle acceptErrors;
    private volatile boolean closed;

    private LsaDaemon(Options options, LsaEngine engine, Optional<IdMapService> idmap, StateLock lock,
                      PublishedSocket socket, UnaryOperator<Acceptor> acceptWrapper) {
        this.options = options;
        this.engine = engine;
        this.lock = lock;
        this.socket = socket;
        Limits l = options.limits();
        this.context = new ClientSession.Context(engine, idmap, options.maxFrameBytes(), options.handshakeTimeout(),
                l.idleTimeout(), l.frameTimeout(),
                new ConnectionLimits(l.connectionsPerUid(), l.maxConnections(), l.reservedConnections()),
                new LogThrottle(l.logInterval()), timers);
        this.acceptErrors = new LogThrottle(l.logInterval());
        this.accept = acceptWrapper.apply(() -> socket.channel().accept());
        this.acceptor = Thread.ofPlatform().name("lsad-accept").unstarted(this::acceptLoop);
    }

    /**
     * Takes the state directory's lock, publishes the socket and starts accepting.
     *
     * @throws LsaException OBJECT_NAME_COLLISION when another daemon serves the directory or something else listens
     *     on the socket path
     */
    public static LsaDaemon start(LsaEngine engine, Options options) throws LsaException {
        return start(engine, Optional.empty(), options, UnaryOperator.identity());
    }

    /**
     * {@link #start(LsaEngine, Options)} that also answers MAP_IDS (docs/ipc.md) from {@code idmap}, the mapping of
     * the same state directory: {@code lsa serve} does, so that every local user can run {@code lsa idmap}.
     */
    public static LsaDaemon start(LsaEngine engine, IdMapService idmap, Options options) throws LsaException {
        return start(engine, Optional.of(idmap), options, UnaryOperator.identity());
    }

    /** {@link #start(LsaEngine, Options)} with accept(2) wrapped, for tests of its failures. */
    static LsaDaemon start(LsaEngine engine, Options options, UnaryOperator<Acceptor> acceptWrapper)
            throws LsaException {
        return start(engine, Optional.empty(), options, acceptWrapper);
    }

    private static LsaDaemon start(LsaEngine engine, Optional<IdMapService> idmap, Options options,
                                   UnaryOperator<Acceptor> acceptWrapper) throws LsaException {
        StateLock lock = StateLock.acquire(options.stateDirectory());
        PublishedSocket socket;
        try {
            socket = PublishedSocket.publish(options.socket());
        } catch (LsaException | RuntimeException e) {
            lock.close();
            throw e;
        }
        LsaDaemon d = new LsaDaemon(options, engine, idmap, lock, socket, acceptWrapper);
        d.acceptor.start();
        // DEBUG: the process that started the daemon announces it (lsa serve's first line, Lsad's READY); an INFO
        // record here printed the same start-up line a second time.
        LOG.log(Level.DEBUG, "serving {0} on {1} (protocol {2}.{3}, frames up to {4} bytes)", options.stateDirectory(),
                socket.path(), Protocol.VERSION_MAJOR, Protocol.VERSION_MINOR, options.maxFrameBytes());
        return d;
    }

    public Path socketPath() {
        return socket.path();
    }

    /** Clients connected right now. */
    public int clientCount() {
        return sessions.size();
    }

    /** Connections admitted under the limits right now (identified, and within their uid's share). */
    int admittedCount() {
        return context.admission().total();
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel channel;
            try {
                channel = accept.accept();
            } catch (ClosedChannelException e) {
                return; // close() closed the listening socket
            } catch (IOException e) {
                if (!closed) {
                    acceptFailed(e);
                }
                continue;
            }
            ClientSession[] self = new ClientSession[1];
            ClientSession session = new ClientSession(channel, context, () -> sessions.remove(self[0]));
            self[0] = session;
            sessions.add(session);
            if (closed) {
                session.abort();
            }
            clients.execute(session);
        }
    }

    /**
     * accept(2) failed, most likely for want of descriptors (EMFILE): the pending client stays in the listen queue,
     * so retrying at once would spin and log without end. Pause, keep serving the open connections (their threads
     * do not need the acceptor), log once per interval.
     */
    private void acceptFailed(IOException e) {
        OptionalLong suppressed = acceptErrors.permit("accept");
        if (suppressed.isPresent()) {
            LOG.log(Level.ERROR, "accepting a client failed: {0}; pausing new connections for {1} ({2} similar"
                    + " failures not logged)", e.toString(), options.limits().acceptPause(), suppressed.getAsLong());
        }
        try {
            Thread.sleep(options.limits().acceptPause());
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    /** Stops the daemon as the class comment describes. Idempotent. */
    @Override
    public void close() throws LsaException {
        if (closed) {
            return;
        }
        closed = true;
        socket.close(); // no new clients; the socket file disappears
        List<ClientSession> open = List.copyOf(sessions);
        open.forEach(ClientSession::shutdown);
        clients.shutdown();
        try {
            if (!clients.awaitTermination(options.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.log(Level.WARNING, "{0} clients still busy after {1}; closing them", sessions.size(),
                        options.shutdownGrace());
                List.copyOf(sessions).forEach(ClientSession::abort);
                clients.awaitTermination(options.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS);
            }
            acceptor.join(options.shutdownGrace().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            timers.shutdownNow();
            lock.close();
            LOG.log(Level.DEBUG, "stopped serving {0}", options.stateDirectory());
        }
    }
}
