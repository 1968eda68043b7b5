package org.openlsa.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openlsa.core.AccessToken;
import org.openlsa.core.ImpersonationLevel;
import org.openlsa.core.LsaException;
import org.openlsa.core.Luid;
import org.openlsa.core.NtStatus;
import org.openlsa.core.Sid;
import org.openlsa.core.SecurityLogonType;
import org.openlsa.core.TokenType;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.engine.CallPackageResult;
import org.openlsa.engine.LogonRequest;
import org.openlsa.engine.LogonResult;
import org.openlsa.engine.LogonSessionData;
import org.openlsa.engine.LogonSessionPage;
import org.openlsa.engine.LookupNamesResult;
import org.openlsa.engine.LookupSidsResult;
import org.openlsa.engine.LsaConnection;
import org.openlsa.engine.ReturnBuffer;
import org.openlsa.engine.TokenHandle;
import org.openlsa.engine.TokenInformation;
import org.openlsa.engine.TokenInformationClass;
import org.openlsa.ipc.Envelope;
import org.openlsa.ipc.FrameReader;
import org.openlsa.ipc.FrameWriter;
import org.openlsa.ipc.Protocol;
import org.openlsa.ipc.ProtocolException;
import org.openlsa.idmap.IdMapReport;
import org.openlsa.idmap.IdMapService;
import org.openlsa.idmap.IdQuery;
import org.openlsa.ipc.Request;
import org.openlsa.ipc.Requests;
import org.openlsa.ipc.Response;
import org.openlsa.ipc.Responses;
import org.openlsa.ipc.UnixRights;
import org.openlsa.launch.ProcessSpec;
import org.openlsa.launch.Stdio;

/**
 * One LSA connection through the daemon: one socket, requests answered in order (calls from several threads are
 * serialized). Once the socket fails, every later call is PORT_DISCONNECTED.
 */
public final class ClientConnection implements LsaConnection {
    /** docs/ipc.md, "Connection setup": the server hello is 16 bytes. */
    private static final int SERVER_HELLO_BYTES = 16;
    private static final ScheduledExecutorService TIMERS = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("lsa-client-timeout").factory());

    private final SocketChannel channel;
    private final FrameReader reader;
    private final FrameWriter writer;
    private final Duration timeout;
    private final boolean trusted;
    private final Consumer<ClientConnection> onClose;
    private final int serverMinor;
    private int nextRequestId = 1;
    private volatile boolean timedOut;
    private volatile boolean broken;
    private volatile boolean closedByCaller;

    private ClientConnection(SocketChannel channel, FrameReader reader, FrameWriter writer, Duration timeout,
                             boolean trusted, Consumer<ClientConnection> onClose, int serverMinor) {
        this.serverMinor = serverMinor;
        this.channel = channel;
        this.reader = reader;
        this.writer = writer;
        this.timeout = timeout;
        this.trusted = trusted;
        this.onClose = onClose;
    }

    static ClientConnection open(Path socket, Duration timeout, boolean trusted, Consumer<ClientConnection> onClose)
            throws LsaException {
        SocketChannel ch = connect(socket, timeout);
        ScheduledFuture<?> deadline = TIMERS.schedule(() -> quietlyClose(ch), timeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            InputStream in = Channels.newInputStream(ch);
            OutputStream out = Channels.newOutputStream(ch);
            IOException unsent = null;
            try {
                out.write(Protocol.ClientHello.current().encode());
                out.flush();
            } catch (IOException e) {
                // A daemon refusing the connection (docs/ipc.md, "Limits") sends its hello at once and closes: our
                // hello may meet a closed socket while the refusal waits to be read.
                unsent = e;
            }
            byte[] hello;
            try {
                hello = in.readNBytes(SERVER_HELLO_BYTES);
            } catch (IOException e) {
                throw unsent != null ? unsent : e;
            }
            if (hello.length < SERVER_HELLO_BYTES) {
                throw new LsaException(NtStatus.PORT_DISCONNECTED, "the daemon on " + socket + " closed the connection");
            }
            Protocol.ServerHello server = Protocol.ServerHello.decode(hello);
            if (!server.status().isSuccess() && !server.status().equals(NtStatus.NOT_SUPPORTED)) {
                throw new LsaException(server.status(), "the daemon on " + socket + " refused the connection: "
                        + server.status());
            }
            if (unsent != null) {
                throw unsent;
            }
            if (!server.status().isSuccess()) {
                throw new LsaException(NtStatus.NOT_SUPPORTED, "the daemon on " + socket + " speaks protocol "
                        + server.major() + "." + server.minor() + ", not " + Protocol.VERSION_MAJOR + ".x");
            }
            int maxFrame = (int) Math.min(Integer.MAX_VALUE, server.maxFrameBytesUnsigned());
            return new ClientConnection(ch, new FrameReader(in, maxFrame), new FrameWriter(out, maxFrame), timeout,
                    trusted, onClose, server.minor());
        } catch (IOException e) {
            quietlyClose(ch);
            throw new LsaException(NtStatus.PORT_DISCONNECTED, "connecting to the daemon on " + socket + " failed: "
                    + e.getMessage(), e);
        } catch (LsaException | RuntimeException e) {
            quietlyClose(ch);
            throw e;
        } finally {
            deadline.cancel(false);
        }
    }

    /**
     * Connects, retrying briefly while the daemon's accept queue is full: a connect from a virtual thread is
     * non-blocking, and the kernel then refuses at once (EAGAIN) instead of queueing the caller. A missing socket or
     * a refused connection (no daemon) fails at once.
     */
    private static SocketChannel connect(Path socket, Duration timeout) throws LsaException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pauseMillis = 1;
        while (true) {
            try {
                return SocketChannel.open(UnixDomainSocketAddress.of(socket));
            } catch (IOException e) {
                boolean busy = e.getMessage() != null && e.getMessage().contains("Resource temporarily unavailable");
                if (!busy || System.nanoTime() > deadline) {
                    throw new LsaException(NtStatus.PORT_CONNECTION_REFUSED, "no OpenLSA daemon answers on " + socket
                            + " (" + e.getMessage() + ")", e);
                }
            }
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LsaException(NtStatus.PORT_CONNECTION_REFUSED, "interrupted while connecting to " + socket);
            }
            pauseMillis = Math.min(100, pauseMillis * 2);
        }
    }

    /** Sends one request and returns its successful response; a failure response is thrown as its LsaException. */
    synchronized Response call(Request request) throws LsaException {
        return call(request, new int[0]);
    }

    /**
     * {@link #call(Request)}, with {@code fds} sent right after the request's frame as one byte carrying them
     * (docs/ipc.md, "Passing descriptors"); they stay the caller's.
     */
    synchronized Response call(Request request, int[] fds) throws LsaException {
        if (closedByCaller) {
            // As in-process: a deregistered LSA connection is an invalid handle, not a transport failure.
            throw new LsaException(NtStatus.INVALID_HANDLE, "the LSA connection is closed");
        }
        if (broken) {
            throw new LsaException(NtStatus.PORT_DISCONNECTED, "the connection to the daemon is closed");
        }
        if (fds.length > 0) {
            UnixRights.fdOf(channel); // NOT_SUPPORTED without the JVM option: before anything is sent
        }
        int id = nextRequestId++;
        byte[] payload = Requests.encode(id, request);
        SecretBytes held = SecretBytes.adopt(payload); // it may hold a password: destroyed with the secrets
        ScheduledFuture<?> deadline = TIMERS.schedule(() -> {
            timedOut = true;
            quietlyClose(channel);
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            writer.write(payload);
            if (fds.length > 0) {
                try {
                    UnixRights.send(channel, fds, timeout);
                } catch (LsaException e) {
                    // The daemon waits for the descriptors the frame announced; without them the stream is out of
                    // step, so the connection cannot be used any more.
                    broken = true;
                    quietlyClose(channel);
                    throw e;
                }
            }
            Optional<byte[]> reply = reader.next();
            if (reply.isEmpty()) {
                throw lost("the daemon closed the connection", null);
            }
            Envelope<Response> envelope = Responses.decode(reply.get(), Requests.opcodeOf(request));
            if (envelope.requestId() != id) {
                throw lost("the daemon answered request " + envelope.requestId() + " instead of " + id, null);
            }
            if (envelope.body() instanceof Response.Failure f) {
                throw f.toException();
            }
            return envelope.body();
        } catch (IOException | ProtocolException e) {
            throw lost(e.getMessage(), e);
        } finally {
            deadline.cancel(false);
            held.close();
        }
    }

    private LsaException lost(String what, Exception cause) {
        broken = true;
        quietlyClose(channel);
        LsaException e = timedOut
                ? new LsaException(NtStatus.IO_TIMEOUT, "the daemon did not answer within " + timeout)
                : new LsaException(NtStatus.PORT_DISCONNECTED, "lost the connection to the daemon: " + what);
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    private static void quietlyClose(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // closing is all we wanted
        }
    }

    private static <T extends Response> T as(Response r, Class<T> type) throws LsaException {
        if (!type.isInstance(r)) {
            throw new LsaException(NtStatus.INTERNAL_ERROR, "the daemon answered with " + r.getClass().getSimpleName());
        }
        return type.cast(r);
    }

    @Override
    public boolean isTrusted() {
        return trusted;
    }

    /** The caller's own token as the daemon derived it from the socket's peer credentials. */
    public AccessToken whoami() throws LsaException {
        return as(call(new Request.Whoami()), Response.Token.class).token();
    }

    /**
     * The Unix ids of SIDs and the SIDs of ids, with the ranges in force and the local domain (docs/idmap.md): the
     * daemon's MAP_IDS (protocol 1.3), which any connected caller may ask, so a user who cannot read the state
     * directory sees the same answers as its owner. An empty list asks for the ranges only.
     *
     * @throws LsaException INVALID_PARAMETER for more than {@code IdMapService.MAX_QUERIES} questions;
     *     NOT_SUPPORTED from a daemon older than 1.3 or one started without an account database
     */
    public IdMapReport mapIds(List<IdQuery> queries) throws LsaException {
        if (queries.size() > IdMapService.MAX_QUERIES) { // the daemon would refuse it too; fail before sending
            throw new LsaException(NtStatus.INVALID_PARAMETER, "at most " + IdMapService.MAX_QUERIES
                    + " ids or SIDs per call, not " + queries.size());
        }
        return as(call(new Request.MapIds(queries)), Response.IdsMapped.class).report();
    }

    @Override
    public int lookupAuthenticationPackage(String packageName) throws LsaException {
        return as(call(new Request.LookupAuthenticationPackage(packageName)), Response.PackageId.class).packageId();
    }

    @Override
    public LogonResult logonUser(LogonRequest request) throws LsaException {
        return as(call(new Request.LogonUser(request)), Response.Logon.class).result();
    }

    @Override
    public TokenHandle logonUserWithPassword(String userName, String domain, SecretBytes password, int logon32Type,
                                             int logon32Provider) throws LsaException {
        return as(call(new Request.LogonUserWithPassword(userName, domain, password, logon32Type, logon32Provider)),
                Response.Handle.class).token();
    }

    @Override
    public CallPackageResult callAuthenticationPackage(int authenticationPackage, byte[] submitBuffer)
            throws LsaException {
        return call(new Request.CallPackage(authenticationPackage, submitBuffer));
    }

    /** Without a plain copy: the request holds its own secret copy of {@code submitBuffer}, destroyed after the call. */
    @Override
    public CallPackageResult callAuthenticationPackage(int authenticationPackage, SecretBytes submitBuffer)
            throws LsaException {
        return call(new Request.CallPackage(authenticationPackage, submitBuffer.copy()));
    }

    private CallPackageResult call(Request.CallPackage request) throws LsaException {
        try {
            return as(call((Request) request), Response.CallPackage.class).result();
        } finally {
            request.wipe();
        }
    }

    @Override
    public void freeReturnBuffer(ReturnBuffer buffer) throws LsaException {
        call(new Request.FreeReturnBuffer(buffer.id()));
    }

    @Override
    public List<Luid> enumerateLogonSessions() throws LsaException {
        List<Luid> all = new ArrayList<>();
        Luid after = Luid.ZERO;
        while (true) {
            LogonSessionPage page;
            try {
                page = enumerateLogonSessions(after, Integer.MAX_VALUE); // the daemon cuts the page to its frame
            } catch (LsaException e) {
                if (all.isEmpty() && e.status().equals(NtStatus.NOT_SUPPORTED)) {
                    // A 1.0 or 1.1 daemon: its one-frame list is all there is to get.
                    return as(call(new Request.EnumerateLogonSessions()), Response.Sessions.class).logonIds();
                }
                throw e;
            }
            all.addAll(page.logonIds());
            if (!page.more() || page.logonIds().isEmpty()) {
                return List.copyOf(all);
            }
            after = page.logonIds().getLast();
        }
    }

    @Override
    public LogonSessionPage enumerateLogonSessions(Luid after, int maxCount) throws LsaException {
        return as(call(new Request.EnumerateLogonSessionsPaged(after, maxCount)), Response.SessionPage.class).page();
    }

    /** WTSQueryUserToken through the daemon (QUERY_USER_TOKEN, protocol 1.4; NOT_SUPPORTED from an older one). */
    @Override
    public TokenHandle queryUserToken(Luid logonId) throws LsaException {
        return as(call(new Request.QueryUserToken(logonId)), Response.Handle.class).token();
    }

    @Override
    public LogonSessionData getLogonSessionData(Luid logonId) throws LsaException {
        return as(call(new Request.GetLogonSessionData(logonId)), Response.SessionData.class).data();
    }

    @Override
    public LookupSidsResult lookupSids(List<Sid> sids) throws LsaException {
        return as(call(new Request.LookupSids(sids)), Response.SidsLookedUp.class).result();
    }

    @Override
    public LookupNamesResult lookupNames(List<String> names) throws LsaException {
        return as(call(new Request.LookupNames(names)), Response.NamesLookedUp.class).result();
    }

    @Override
    public TokenInformation getTokenInformation(TokenHandle token, TokenInformationClass informationClass)
            throws LsaException {
        return as(call(new Request.GetTokenInformation(token, informationClass)), Response.TokenInfo.class).information();
    }

    @Override
    public AccessToken queryToken(TokenHandle token) throws LsaException {
        return as(call(new Request.QueryToken(token)), Response.Token.class).token();
    }

    @Override
    public TokenHandle duplicateToken(TokenHandle token, int desiredAccess, ImpersonationLevel level, TokenType type)
            throws LsaException {
        return as(call(new Request.DuplicateToken(token, desiredAccess, level, type)), Response.Handle.class).token();
    }

    /**
     * CreateProcessAsUser through the daemon (CREATE_PROCESS_AS_USER, protocol 1.4). The streams cross the socket as
     * descriptors: {@link Stdio#INHERIT} passes this process's own 0, 1 or 2 (so the program shares the caller's
     * terminal), {@link Stdio.Descriptor} passes its descriptor, {@link Stdio#NULL} is /dev/null in the daemon. The
     * daemon never opens a path for a caller and does not pipe to it.
     *
     * @throws LsaException INVALID_PARAMETER for a {@link Stdio.File} or {@link Stdio#PIPE} stream ("open the file
     *     yourself and pass the descriptor") or resource limits; NOT_SUPPORTED from a daemon older than 1.4 or
     *     without the JVM option of {@link UnixRights}; what {@link LsaConnection#createProcessAsUser} fails with
     */
    @Override
    public RemoteProcess createProcessAsUser(TokenHandle token, ProcessSpec given) throws LsaException {
        ProcessSpec spec = withoutClosedStreams(given);
        int[] fds = descriptorsOf(spec);
        ProcessSpec wire = wireSpec(spec);
        return started(call(new Request.CreateProcessAsUser(token, wire, maskOf(spec)), fds));
    }

    /**
     * CreateProcessWithLogonW through the daemon (CREATE_PROCESS_WITH_LOGON, protocol 1.4); the streams as for
     * {@link #createProcessAsUser}. The password is sent and stays the caller's to destroy.
     */
    @Override
    public RemoteProcess createProcessWithLogon(String userName, String domain, SecretBytes password,
                                                String packageName, SecurityLogonType logonType, ProcessSpec given)
            throws LsaException {
        ProcessSpec spec = withoutClosedStreams(given);
        int[] fds = descriptorsOf(spec);
        ProcessSpec wire = wireSpec(spec);
        return started(call(new Request.CreateProcessWithLogon(userName, domain, password, packageName,
                logonType.value(), wire, maskOf(spec)), fds));
    }

    private RemoteProcess started(Response r) throws LsaException {
        Response.ProcessCreated p = as(r, Response.ProcessCreated.class);
        return new RemoteProcess(this, p.processHandle(), Integer.toUnsignedLong(p.pid()), timeout);
    }

    /**
     * An inherited stream this process has closed (a caller run with {@code <&-}) becomes /dev/null, as it would be
     * not passed at all: there is no descriptor to send, and sendmsg would fail on it and break the connection.
     */
    private static ProcessSpec withoutClosedStreams(ProcessSpec spec) {
        List<Stdio> s = streams(spec);
        Stdio[] out = new Stdio[3];
        boolean changed = false;
        for (int i = 0; i < 3; i++) {
            out[i] = s.get(i) instanceof Stdio.Inherit && !UnixRights.isOpen(i) ? Stdio.NULL : s.get(i);
            changed |= out[i] != s.get(i);
        }
        return !changed ? spec : new ProcessSpec(spec.program(), spec.arguments(), spec.environment(),
                spec.workingDirectory(), spec.limits(), out[0], out[1], out[2]);
    }

    private static List<Stdio> streams(ProcessSpec spec) {
        return List.of(spec.stdin(), spec.stdout(), spec.stderr());
    }

    /** The stdioMask: bit i for each stream passed as a descriptor. */
    private static int maskOf(ProcessSpec spec) {
        int mask = 0;
        List<Stdio> s = streams(spec);
        for (int i = 0; i < 3; i++) {
            if (!(s.get(i) instanceof Stdio.Null)) {
                mask |= 1 << i;
            }
        }
        return mask;
    }

    private int[] descriptorsOf(ProcessSpec spec) throws LsaException {
        if (serverMinor < 4) {
            // An older daemon would answer the unknown opcode without taking the descriptor byte that follows.
            throw new LsaException(NtStatus.NOT_SUPPORTED, "the daemon speaks protocol " + Protocol.VERSION_MAJOR + "."
                    + serverMinor + ": starting processes needs 1.4");
        }
        if (!spec.limits().isEmpty()) {
            throw new LsaException(NtStatus.INVALID_PARAMETER, "resource limits do not cross the daemon's socket");
        }
        List<Stdio> s = streams(spec);
        int[] fds = new int[3];
        int n = 0;
        for (int i = 0; i < 3; i++) {
            switch (s.get(i)) {
                case Stdio.Null x -> { }
                case Stdio.Inherit x -> fds[n++] = i;
                case Stdio.Descriptor d -> {
                    if (!d.descriptor().isOpen()) {
                        throw new LsaException(NtStatus.INVALID_PARAMETER, "standard stream " + i
                                + " is a descriptor that is closed already");
                    }
                    fds[n++] = d.descriptor().fd();
                }
                case Stdio.File f -> throw new LsaException(NtStatus.INVALID_PARAMETER, "the daemon opens no file for"
                        + " a caller: open the file yourself and pass the descriptor (Stdio.Descriptor)");
                case Stdio.Pipe p -> throw new LsaException(NtStatus.INVALID_PARAMETER, "the daemon pipes to no"
                        + " caller: make a pipe yourself and pass its end (Stdio.Descriptor)");
            }
        }
        return java.util.Arrays.copyOf(fds, n);
    }

    /** The spec as the wire carries it: the streams are in the mask and the descriptors. */
    private static ProcessSpec wireSpec(ProcessSpec spec) {
        return new ProcessSpec(spec.program(), spec.arguments(), spec.environment(), spec.workingDirectory(),
                spec.limits(), Stdio.NULL, Stdio.NULL, Stdio.NULL);
    }

    @Override
    public void closeHandle(TokenHandle token) throws LsaException {
        call(new Request.CloseHandle(token));
    }

    /**
     * LsaDeregisterLogonProcess: ends the connection and returns once the daemon has released every handle and buffer
     * of it (it closes its side after the release; this waits for that, up to the timeout). Idempotent.
     */
    @Override
    public void close() {
        boolean wasOpen;
        synchronized (this) {
            wasOpen = !broken;
            broken = true;
            closedByCaller = true;
        }
        if (wasOpen && channel.isOpen()) {
            ScheduledFuture<?> deadline = TIMERS.schedule(() -> quietlyClose(channel), timeout.toMillis(),
                    TimeUnit.MILLISECONDS);
            try {
                channel.shutdownOutput();
                InputStream in = Channels.newInputStream(channel);
                while (in.read(new byte[512]) >= 0) {
                    // drain until the daemon closes its side: then the release is complete
                }
            } catch (IOException ignored) {
                // the daemon is gone already, or the deadline closed the socket
            } finally {
                deadline.cancel(false);
            }
        }
        quietlyClose(channel);
        onClose.accept(this);
    }
}
