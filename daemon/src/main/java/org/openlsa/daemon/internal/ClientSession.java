package org.openlsa.daemon.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.openlsa.core.AccessToken;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.core.Privilege;
import org.openlsa.core.SecurityLogonType;
import org.openlsa.daemon.PeerIdentity;
import org.openlsa.engine.LsaConnection;
import org.openlsa.idmap.IdMapService;
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
import org.openlsa.ipc.UnixRights;
import org.openlsa.engine.UserProcess;
import org.openlsa.launch.OpenDescriptor;
import org.openlsa.launch.ProcessSpec;
import org.openlsa.launch.Stdio;

/**
 * One client of the daemon, on its own virtual thread: the kernel says who it is, the hellos agree on a version,
 * then frames are answered in order until the client goes away. A protocol violation (bad hello, bad frame, a
 * payload too short for a request header) closes this connection only. Whatever the connection held (its LSA
 * connection, token handles, return buffers) is released when it ends, however it ends.
 *
 * <p>Limits (docs/ipc.md, "Limits"): the peer's uid must have a place left ({@link ConnectionLimits}), or it gets a
 * refusing hello and the connection is closed; a connection that holds nothing is closed after the idle timeout; a
 * frame must arrive whole within the frame timeout from its first byte. Whatever fails unexpectedly is logged at
 * most once per peer uid per interval ({@link LogThrottle}).
 */
public final class ClientSession implements Runnable {
    private static final System.Logger LOG = System.getLogger("org.openlsa.daemon");
    /** docs/ipc.md, "Connection setup": magic, u16 major, u16 minor. */
    private static final int CLIENT_HELLO_BYTES = 8;
    /** The throttle key of a peer whose identity could not be read. */
    private static final String UNIDENTIFIED = "unidentified";

    /** What every session of one daemon shares. */
    /**
     * @param idmap the state directory's id mapping (MAP_IDS); empty for a daemon without one, which answers
     *     MAP_IDS {@code STATUS_NOT_SUPPORTED}
     */
    public record Context(LsaEngine engine, Optional<IdMapService> idmap, int maxFrameBytes, Duration handshakeTimeout, Duration idleTimeout,
                          Duration frameTimeout, ConnectionLimits admission, LogThrottle errors,
                          ScheduledExecutorService timers) {
        public Context {
            Objects.requireNonNull(engine, "engine");
            Objects.requireNonNull(idmap, "idmap");
            Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
            Objects.requireNonNull(idleTimeout, "idleTimeout");
            Objects.requireNonNull(frameTimeout, "frameTimeout");
            Objects.requireNonNull(admission, "admission");
            Objects.requireNonNull(errors, "errors");
            Objects.requireNonNull(timers, "timers");
        }
    }

    private final SocketChannel channel;
    private final Context ctx;
    private final Runnable onEnd;
    private LsaConnection lsa; // only the session's thread touches it
    private PeerIdentity peer; // only the session's thread touches it; null until the kernel said who it is
    private final ProcessHandles processes = new ProcessHandles(); // only the session's thread touches it
    private boolean outOfStep; // only the session's thread touches it: descriptors announced did not arrive
    private boolean busy; // guarded by this: a request is being answered
    private boolean closing; // guarded by this: the daemon is shutting down
    private ScheduledFuture<?> deadline; // guarded by this: closes the channel when it fires

    public ClientSession(SocketChannel channel, Context ctx, Runnable onEnd) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.onEnd = Objects.requireNonNull(onEnd, "onEnd");
    }

    @Override
    public void run() {
        boolean admitted = false;
        try {
            peer = PeerIdentity.of(channel);
            AccessToken caller = ctx.engine().tokenForUnixCaller(peer.uid(), peer.gid());
            boolean privileged = peer.isRoot() || caller.holdsPrivilege(Privilege.SE_TCB);
            ConnectionLimits.Admission admission = ctx.admission().admit(peer.uid(), privileged);
            if (admission != ConnectionLimits.Admission.ADMITTED) {
                refuse(admission);
                return;
            }
            admitted = true;
            serve(caller);
        } catch (ProtocolException | LsaException e) {
            LOG.log(Level.DEBUG, "client connection closed: {0}", e.getMessage());
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "client connection ended: {0}", e.toString());
        } catch (RuntimeException e) {
            logUnexpected("client connection failed unexpectedly", e);
        } finally {
            disarm();
            processes.clear(); // the processes run on (docs/ipc.md, "Processes")
            if (lsa != null) {
                lsa.close();
            }
            closeChannel();
            if (admitted) {
                ctx.admission().release(peer.uid());
            }
            onEnd.run();
        }
    }

    /**
     * The peer's uid has no place left: it gets a hello whose status says so (QUOTA_EXCEEDED for its own share,
     * INSUFFICIENT_RESOURCES when the daemon is full), sent at once without waiting for its hello, so that a
     * refused connection holds its descriptor no longer than it takes to write 16 bytes.
     */
    private void refuse(ConnectionLimits.Admission why) throws IOException {
        NtStatus status = why == ConnectionLimits.Admission.UID_FULL ? NtStatus.QUOTA_EXCEEDED
                : NtStatus.INSUFFICIENT_RESOURCES;
        channel.configureBlocking(false); // a peer that never reads must not hold this thread
        channel.write(ByteBuffer.wrap(new Protocol.ServerHello(Protocol.VERSION_MAJOR, Protocol.VERSION_MINOR, status,
                ctx.maxFrameBytes()).encode()));
        OptionalLong suppressed = ctx.errors().permit(peer.uid());
        if (suppressed.isPresent()) {
            LOG.log(Level.WARNING, "refused a connection of uid {0}: {1} ({2} similar refusals not logged)",
                    Long.toString(peer.uid()), why == ConnectionLimits.Admission.UID_FULL
                            ? "it holds as many connections as one uid may" : "the daemon holds all it may",
                    suppressed.getAsLong());
        }
    }

    private void logUnexpected(String what, RuntimeException e) {
        OptionalLong suppressed = ctx.errors().permit(peer == null ? UNIDENTIFIED : peer.uid());
        if (suppressed.isPresent()) {
            LOG.log(Level.ERROR, what + " (uid " + (peer == null ? "unknown" : peer.uid()) + "; "
                    + suppressed.getAsLong() + " similar failures not logged)", e);
        }
    }

    private void serve(AccessToken caller) throws IOException, ProtocolException, LsaException {
        FrameStart in = new FrameStart(Channels.newInputStream(channel));
        OutputStream out = Channels.newOutputStream(channel);
        if (!handshake(in, out)) {
            return;
        }
        FrameReader frames = new FrameReader(in, ctx.maxFrameBytes());
        FrameWriter writer = new FrameWriter(out, ctx.maxFrameBytes());
        while (true) {
            // Idle: closed after the idle timeout unless closing would cost the client something it holds. The
            // first byte of a frame replaces that deadline by the frame's (see FrameStart).
            if ((lsa == null || !lsa.holdsObjects()) && processes.isEmpty()) {
                arm(ctx.idleTimeout());
            } else {
                disarm();
            }
            in.awaitFrame();
            Optional<byte[]> payload = frames.next();
            disarm();
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
            if (outOfStep) {
                return;
            }
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
        arm(ctx.handshakeTimeout());
        byte[] hello;
        try {
            hello = in.readNBytes(CLIENT_HELLO_BYTES);
        } finally {
            disarm();
        }
        if (hello.length < CLIENT_HELLO_BYTES) {
            throw new LsaException(NtStatus.INVALID_PARAMETER, "the client sent " + hello.length
                    + " bytes of hello and went away");
        }
        Protocol.ClientHello client = Protocol.ClientHello.decode(hello);
        boolean speaks = client.major() == Protocol.VERSION_MAJOR;
        out.write(new Protocol.ServerHello(Protocol.VERSION_MAJOR, Protocol.VERSION_MINOR,
                speaks ? NtStatus.SUCCESS : NtStatus.NOT_SUPPORTED, ctx.maxFrameBytes()).encode());
        out.flush();
        if (!speaks) {
            LOG.log(Level.DEBUG, "refused a client speaking protocol {0}.{1}", client.major(), client.minor());
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
        try (SecretBytes held = SecretBytes.adopt(payload)) { // it may hold a password: destroyed once decoded
            envelope = Requests.decode(payload);
        } catch (LsaException e) {
            return Responses.encode(header.requestId(), header.opcode(), Response.Failure.of(e));
        }
        Request request = envelope.body();
        Response response;
        OpenDescriptor[] passed = new OpenDescriptor[0];
        try {
            passed = receiveDescriptors(request);
            response = respond(request, caller, passed);
        } catch (LsaException e) {
            response = Response.Failure.of(e);
        } catch (RuntimeException e) {
            // A bug, not the client's fault: answered INTERNAL_ERROR (the connection stays usable), logged once per
            // peer per interval so that a client repeating the request cannot flood the log.
            logUnexpected("answering opcode " + header.opcode() + " failed unexpectedly", e);
            response = new Response.Failure(NtStatus.INTERNAL_ERROR, NtStatus.SUCCESS,
                    "the daemon failed to answer this request");
        } finally {
            Requests.wipe(request);
            for (OpenDescriptor d : passed) { // the launcher gave the program its own duplicates
                d.close();
            }
        }
        return Responses.encode(header.requestId(), header.opcode(), response);
    }

    /**
     * The descriptors a create request announced (docs/ipc.md, "Passing descriptors"): one byte right after its
     * frame, read within the frame timeout whatever the request's fate, so that the stream stays in step.
     */
    private OpenDescriptor[] receiveDescriptors(Request request) throws LsaException {
        int mask = switch (request) {
            case Request.CreateProcessAsUser q -> q.stdioMask();
            case Request.CreateProcessWithLogon q -> q.stdioMask();
            default -> 0;
        };
        if (mask == 0) {
            return new OpenDescriptor[0];
        }
        int[] fds;
        try {
            fds = UnixRights.receive(channel, Integer.bitCount(mask), ctx.frameTimeout());
        } catch (LsaException e) {
            // The byte may still be on its way (or unread, without the JVM option): the stream can no longer be
            // trusted to be in step, so the connection ends once this answer is written.
            outOfStep = true;
            throw e;
        }
        OpenDescriptor[] owned = new OpenDescriptor[fds.length];
        for (int i = 0; i < fds.length; i++) {
            owned[i] = OpenDescriptor.adopt(fds[i]);
        }
        return owned;
    }

    private Response respond(Request request, AccessToken caller, OpenDescriptor[] passed) throws LsaException {
        if (request instanceof Request.Unknown q) {
            return Dispatcher.unsupported(q); // answered whatever the connection's state
        }
        if (lsa == null) {
            return switch (request) {
                case Request.RegisterLogonProcess q -> {
                    lsa = ctx.engine().registerLogonProcess(caller, q.logonProcessName());
                    yield new Response.Empty();
                }
                case Request.ConnectUntrusted q -> {
                    lsa = ctx.engine().connectUntrusted(caller);
                    yield new Response.Empty();
                }
                default -> throw new LsaException(NtStatus.INVALID_HANDLE,
                        "the first request must be REGISTER_LOGON_PROCESS or CONNECT_UNTRUSTED");
            };
        }
        if (request instanceof Request.Whoami) {
            return new Response.Token(caller);
        }
        if (request instanceof Request.MapIds q) {
            return mapIds(q);
        }
        switch (request) {
            case Request.CreateProcessAsUser q -> {
                processes.checkRoom();
                return started(lsa.createProcessAsUser(q.token(), withStdio(q.spec(), q.stdioMask(), passed)));
            }
            case Request.CreateProcessWithLogon q -> {
                processes.checkRoom();
                SecurityLogonType type = SecurityLogonType.fromValue(q.logonType()).orElseThrow(() ->
                        new LsaException(NtStatus.INVALID_PARAMETER, "logon type " + q.logonType() + " is unknown"));
                return started(lsa.createProcessWithLogon(q.user(), q.domain(), q.password(), q.packageName(), type,
                        withStdio(q.spec(), q.stdioMask(), passed)));
            }
            case Request.WaitProcess q -> {
                return waitProcess(processes.get(q.processHandle()), q.timeoutMillis());
            }
            case Request.SignalProcess q -> {
                UserProcess p = processes.get(q.processHandle());
                if (!SIGNALS.contains(q.signal())) {
                    throw new LsaException(NtStatus.INVALID_PARAMETER, "signal " + Integer.toUnsignedString(q.signal())
                            + " is not one of SIGHUP 1, SIGINT 2, SIGQUIT 3, SIGKILL 9, SIGTERM 15");
                }
                try {
                    p.signal(q.signal());
                } catch (UnsupportedOperationException e) {
                    throw new LsaException(NtStatus.NOT_SUPPORTED, e.getMessage());
                }
                return new Response.Empty();
            }
            case Request.CloseProcess q -> {
                processes.close(q.processHandle());
                return new Response.Empty();
            }
            default -> {
                return Dispatcher.handle(lsa, request, ctx.maxFrameBytes());
            }
        }
    }

    /** docs/ipc.md, SIGNAL_PROCESS: the signals a caller may send. */
    private static final java.util.Set<Integer> SIGNALS = java.util.Set.of(1, 2, 3, 9, 15);
    /** docs/ipc.md, WAIT_PROCESS: the longest one request waits, so no thread waits long for a caller gone away. */
    static final Duration MAX_WAIT = Duration.ofSeconds(10);

    private Response started(UserProcess p) {
        return new Response.ProcessCreated(processes.add(p), (int) p.pid());
    }

    private static Response waitProcess(UserProcess p, int timeoutMillis) {
        Duration wait = Duration.ofMillis(Math.min(Integer.toUnsignedLong(timeoutMillis), MAX_WAIT.toMillis()));
        try {
            return Response.ProcessState.of(wait.isZero() ? (p.isAlive() ? null : p.waitFor())
                    : p.waitFor(wait).orElse(null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the daemon is stopping: the caller sees a running process
            return Response.ProcessState.of(null);
        }
    }

    /** The spec with its streams: the passed descriptors in mask order, /dev/null for the others. */
    private static ProcessSpec withStdio(ProcessSpec spec, int mask, OpenDescriptor[] passed) {
        Stdio[] stdio = new Stdio[3];
        int next = 0;
        for (int i = 0; i < 3; i++) {
            stdio[i] = (mask & (1 << i)) != 0 ? Stdio.descriptor(passed[next++]) : Stdio.NULL;
        }
        return new ProcessSpec(spec.program(), spec.arguments(), spec.environment(), spec.workingDirectory(),
                spec.limits(), stdio[0], stdio[1], stdio[2]);
    }

    /**
     * MAP_IDS: a daemon-level query, like WHOAMI, open to every connected caller (docs/idmap.md, "Who may ask"): it
     * reads the account database for callers who cannot, and tells them no more than the daemon's name lookups and
     * the passwd database already do.
     */
    private Response mapIds(Request.MapIds q) throws LsaException {
        IdMapService idmap = ctx.idmap().orElseThrow(() -> new LsaException(NtStatus.NOT_SUPPORTED,
                "this daemon has no id mapping (it was started without its state directory's account database)"));
        try {
            return new Response.IdsMapped(idmap.answer(q.queries()));
        } catch (IOException | IllegalArgumentException e) { // idmap.properties: the administrator's to fix
            throw new LsaException(NtStatus.UNSUCCESSFUL, "the daemon's idmap ranges are unusable: " + e.getMessage());
        }
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

    /** Closes the channel after {@code d} unless disarmed or re-armed before. */
    private synchronized void arm(Duration d) {
        disarm();
        deadline = ctx.timers().schedule(this::closeChannel, d.toNanos(), TimeUnit.NANOSECONDS);
    }

    private synchronized void disarm() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }

    /**
     * The connection's input, which notices the first byte of a frame: from then on the frame's whole-frame
     * deadline runs instead of the idle one, so a client that trickles a byte at a time is closed when the frame
     * deadline passes, however often it sends.
     */
    private final class FrameStart extends InputStream {
        private final InputStream in;
        private boolean awaiting; // only the session's thread touches it

        FrameStart(InputStream in) {
            this.in = in;
        }

        void awaitFrame() {
            awaiting = true;
        }

        private void started() {
            if (awaiting) {
                awaiting = false;
                arm(ctx.frameTimeout());
            }
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                started();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                started();
            }
            return n;
        }
    }

    private void closeChannel() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // already gone
        }
    }
}
