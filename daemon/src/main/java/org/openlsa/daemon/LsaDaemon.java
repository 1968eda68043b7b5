package org.openlsa.daemon;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.openlsa.core.LsaException;
import org.openlsa.daemon.internal.ClientSession;
import org.openlsa.engine.LsaEngine;
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
     * @param socket where to publish the socket ({@link PublishedSocket#defaultPath} by default)
     * @param maxFrameBytes the largest frame either side may send
     * @param handshakeTimeout how long a new client has to send its hello
     * @param shutdownGrace how long {@link #close()} waits for requests in progress
     */
    public record Options(Path stateDirectory, Path socket, int maxFrameBytes, Duration handshakeTimeout,
                          Duration shutdownGrace) {
        public Options {
            Objects.requireNonNull(stateDirectory, "stateDirectory");
            Objects.requireNonNull(socket, "socket");
            Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
            Objects.requireNonNull(shutdownGrace, "shutdownGrace");
            if (maxFrameBytes < 1024) {
                throw new IllegalArgumentException("the frame limit must be at least 1024 bytes, not " + maxFrameBytes);
            }
        }

        public static Options defaults(Path stateDirectory) {
            return new Options(stateDirectory, PublishedSocket.defaultPath(stateDirectory),
                    Protocol.DEFAULT_MAX_FRAME_BYTES, Duration.ofSeconds(10), Duration.ofSeconds(10));
        }
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
    private volatile boolean closed;

    private LsaDaemon(Options options, LsaEngine engine, StateLock lock, PublishedSocket socket) {
        this.options = options;
        this.engine = engine;
        this.lock = lock;
        this.socket = socket;
        this.acceptor = Thread.ofPlatform().name("lsad-accept").unstarted(this::acceptLoop);
    }

    /**
     * Takes the state directory's lock, publishes the socket and starts accepting.
     *
     * @throws LsaException OBJECT_NAME_COLLISION when another daemon serves the directory or something else listens
     *     on the socket path
     */
    public static LsaDaemon start(LsaEngine engine, Options options) throws LsaException {
        StateLock lock = StateLock.acquire(options.stateDirectory());
        PublishedSocket socket;
        try {
            socket = PublishedSocket.publish(options.socket());
        } catch (LsaException | RuntimeException e) {
            lock.close();
            throw e;
        }
        LsaDaemon d = new LsaDaemon(options, engine, lock, socket);
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

    private void acceptLoop() {
        while (!closed) {
            SocketChannel channel;
            try {
                channel = socket.channel().accept();
            } catch (ClosedChannelException e) {
                return; // close() closed the listening socket
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(Level.ERROR, "accepting a client failed: {0}", e.toString());
                }
                continue;
            }
            ClientSession[] self = new ClientSession[1];
            ClientSession session = new ClientSession(channel, engine, options.maxFrameBytes(),
                    options.handshakeTimeout(), timers, () -> sessions.remove(self[0]));
            self[0] = session;
            sessions.add(session);
            if (closed) {
                session.abort();
            }
            clients.execute(session);
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
