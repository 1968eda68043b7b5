package org.openlsa.client;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.openlsa.core.AccessToken;
import org.openlsa.core.LsaException;
import org.openlsa.engine.Lsa;
import org.openlsa.engine.LsaConnection;
import org.openlsa.ipc.Request;

/**
 * The {@link Lsa} API over the daemon's Unix domain socket. Each {@link LsaConnection} is one socket connection, so
 * its handles and buffers live and die with it, as the daemon keeps them per connection.
 *
 * <p>The {@code caller} arguments of {@link #registerLogonProcess} and {@link #connectUntrusted} are ignored: the
 * daemon decides who the caller is from the kernel (the process's uid), never from what the client claims.
 *
 * <p>Failures: no daemon listening is PORT_CONNECTION_REFUSED; a daemon that goes away mid-call is
 * PORT_DISCONNECTED; one that does not answer within the timeout is IO_TIMEOUT, after which the connection is
 * closed. No caller is left hanging.
 */
public final class LsaClient implements Lsa {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final Path socket;
    private final Duration timeout;
    private final Set<ClientConnection> open = ConcurrentHashMap.newKeySet();

    private LsaClient(Path socket, Duration timeout) {
        this.socket = Objects.requireNonNull(socket, "socket");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive");
        }
    }

    /** A client of the daemon listening on {@code socket}; nothing is connected until a connection is opened. */
    public static LsaClient of(Path socket) {
        return new LsaClient(socket, DEFAULT_TIMEOUT);
    }

    public static LsaClient of(Path socket, Duration timeout) {
        return new LsaClient(socket, timeout);
    }

    public Path socket() {
        return socket;
    }

    @Override
    public LsaConnection registerLogonProcess(AccessToken caller, String logonProcessName) throws LsaException {
        return open(new Request.RegisterLogonProcess(logonProcessName), true);
    }

    @Override
    public LsaConnection connectUntrusted(AccessToken caller) throws LsaException {
        return open(new Request.ConnectUntrusted(), false);
    }

    /** An untrusted connection, for callers that only want to ask (whoami, sessions). */
    public ClientConnection connect() throws LsaException {
        return open(new Request.ConnectUntrusted(), false);
    }

    private ClientConnection open(Request setup, boolean trusted) throws LsaException {
        ClientConnection c = ClientConnection.open(socket, timeout, trusted, open::remove);
        try {
            c.call(setup);
        } catch (LsaException e) {
            c.close();
            throw e;
        }
        open.add(c);
        return c;
    }

    /** Closes every connection this client opened. */
    @Override
    public void close() {
        for (ClientConnection c : List.copyOf(open)) {
            c.close();
        }
    }
}
