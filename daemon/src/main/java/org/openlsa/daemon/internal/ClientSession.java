package org.openlsa.daemon.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.openlsa.core.AccessToken;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.daemon.PeerIdentity;
import org.openlsa.engine.LsaConnection;
import org.openlsa.engine.LsaEngine;
import org.openlsa.ipc.Envelope;
import org.openlsa.ipc.FrameReader;
import org.openlsa.ipc.FrameWriter;
import org.openlsa.ipc.Protocol;
import org.openlsa.ipc.ProtocolException;
import org.openlsa.ipc.Request;
import org.openlsa.ipc.Requests;
import org.openlsa.ipc.Response;
import org.openlsa.ipc.Responses;

/**
 * One client of the daemon, on its own virtual thread: the kernel says who it is, the hellos agree on a version,
 * then frames are answered in order until the client goes away. A protocol violation (bad hello, bad frame, a
 * payload too short for a request header) closes this connection only. Whatever the connection held (its LSA
 * connection, token handles, return buffers) is released when it ends, however it ends.
 */
public final class ClientSession implements Runnable {
    private static final System.Logger LOG = System.getLogger("org.openlsa.daemon");
    /** docs/ipc.md, "Connection setup": magic, u16 major, u16 minor. */
    private static final int CLIENT_HELLO_BYTES = 8;

    private final SocketChannel channel;
    private final LsaEngine engine;
    private final int maxFrameBytes;
    private final Duration handshakeTimeout;
    private final ScheduledExecutorService timers;
    private final Runnable onEnd;
    private LsaConnection lsa; // only the session's thread touches it
    private boolean busy; // guarded by this: a request is being answered
    private boolean closing; // guarded by this: the daemon is shutting down

    public ClientSession(SocketChannel channel, LsaEngine engine, int maxFrameBytes, Duration handshakeTimeout,
                         ScheduledExecutorService timers, Runnable onEnd) {
        this.channel = channel;
        this.engine = engine;
        this.maxFrameBytes = maxFrameBytes;
        this.handshakeTimeout = handshakeTimeout;
        this.timers = timers;
        this.onEnd = onEnd;
    }

    @Override
    public void run() {
        try {
            serve();
        } catch (ProtocolException | LsaException e) {
            LOG.log(Level.DEBUG, "client connection closed: {0}", e.getMessage());
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "client connection ended: {0}", e.toString());
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "client connection failed unexpectedly", e);
        } finally {
            if (lsa != null) {
                lsa.close();
            }
            closeChannel();
            onEnd.run();
        }
    }

    private void serve() throws IOException, ProtocolException, LsaException {
        PeerIdentity peer = PeerIdentity.of(channel);
        AccessToken caller = engine.tokenForUnixCaller(peer.uid(), peer.gid());
        InputStream in = Channels.newInputStream(channel);
        OutputStream out = Channels.newOutputStream(channel);
        if (!handshake(in, out)) {
            return;
        }
        FrameReader frames = new FrameReader(in, maxFrameBytes);
        FrameWriter writer = new FrameWriter(out, maxFrameBytes);
        while (true) {
            Optional<byte[]> payload = frames.next();
            if (payload.isEmpty()) {
                return;
            }
            synchronized (this) {
                if (closing) {
                    return;
                }
                busy = true;
            }
            byte[] reply = answer(payload.get(), caller);
            writer.write(reply);
            synchronized (this) {
                busy = false;
                if (closing) {
                    return;
                }
            }
        }
    }

    /** Reads the client hello (within the handshake timeout) and answers it; false when the versions do not meet. */
    private boolean handshake(InputStream in, OutputStream out) throws IOException, LsaException {
        ScheduledFuture<?> deadline = timers.schedule(this::closeChannel, handshakeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        byte[] hello;
        try {
            hello = in.readNBytes(CLIENT_HELLO_BYTES);
        } finally {
            deadline.cancel(false);
        }
        if (hello.length < CLIENT_HELLO_BYTES) {
            throw new LsaException(NtStatus.INVALID_PARAMETER, "the client sent " + hello.length
                    + " bytes of hello and went away");
        }
        Protocol.ClientHello client = Protocol.ClientHello.decode(hello);
        boolean speaks = client.major() == Protocol.VERSION_MAJOR;
        out.write(new Protocol.ServerHello(Protocol.VERSION_MAJOR, Protocol.VERSION_MINOR,
                speaks ? NtStatus.SUCCESS : NtStatus.NOT_SUPPORTED, maxFrameBytes).encode());
        out.flush();
        if (!speaks) {
            LOG.log(Level.INFO, "refused a client speaking protocol {0}.{1}", client.major(), client.minor());
        }
        return speaks;
    }

    /** One reply payload for one request payload; only a payload without a request header is a protocol error. */
    private byte[] answer(byte[] payload, AccessToken caller) throws ProtocolException {
        Requests.Header header;
        try {
            header = Requests.header(payload);
        } catch (LsaException e) {
            throw new ProtocolException("a frame of " + payload.length + " bytes holds no request header");
        }
        Envelope<Request> envelope;
        try {
            envelope = Requests.decode(payload);
        } catch (LsaException e) {
            return Responses.encode(header.requestId(), header.opcode(), Response.Failure.of(e));
        } finally {
            Arrays.fill(payload, (byte) 0); // it may hold a password
        }
        Request request = envelope.body();
        Response response;
        try {
            response = respond(request, caller);
        } catch (LsaException e) {
            response = Response.Failure.of(e);
        } finally {
            Requests.wipe(request);
        }
        return Responses.encode(header.requestId(), header.opcode(), response);
    }

    private Response respond(Request request, AccessToken caller) throws LsaException {
        if (request instanceof Request.Unknown q) {
            return Dispatcher.unsupported(q); // answered whatever the connection's state
        }
        if (lsa == null) {
            return switch (request) {
                case Request.RegisterLogonProcess q -> {
                    lsa = engine.registerLogonProcess(caller, q.logonProcessName());
                    yield new Response.Empty();
                }
                case Request.ConnectUntrusted q -> {
                    lsa = engine.connectUntrusted(caller);
                    yield new Response.Empty();
                }
                default -> throw new LsaException(NtStatus.INVALID_HANDLE,
                        "the first request must be REGISTER_LOGON_PROCESS or CONNECT_UNTRUSTED");
            };
        }
        if (request instanceof Request.Whoami) {
            return new Response.Token(caller);
        }
        return Dispatcher.handle(lsa, request);
    }

    /**
     * The daemon is stopping: an idle connection is closed now; one answering a request finishes that request, then
     * ends.
     */
    public void shutdown() {
        synchronized (this) {
            closing = true;
            if (busy) {
                return;
            }
        }
        closeChannel();
    }

    /** Closes the socket at once (the daemon's grace period ran out). */
    public void abort() {
        closeChannel();
    }

    private void closeChannel() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // already gone
        }
    }
}
