package org.openlsa.daemon;

import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;

/**
 * The daemon's listening Unix domain socket, published so that its path exists only once it accepts connections:
 * the socket is bound under a temporary name in the same directory, made mode 0666, then renamed onto its final
 * path in one step (rename(2)). A client that finds the path can connect; one that does not knows no daemon is up.
 *
 * <p>Security: mode 0666 lets every local user connect. That is intended: the daemon decides what a caller may do
 * from the caller's kernel-reported identity ({@link PeerIdentity}), never from who could reach the socket. Keep the
 * directory's own permissions traversable for the users who should reach the daemon.
 *
 * <p>A socket file already at the final path is removed only after a connection attempt to it is refused (its
 * daemon is gone); if anything answers, publishing fails rather than steal the path. Publish while holding the
 * {@link StateLock} of the directory, so two daemons cannot both decide a socket is stale.
 */
public final class PublishedSocket implements AutoCloseable {

    /** Pending connections the kernel queues (capped by net.core.somaxconn). */
    static final int ACCEPT_BACKLOG = 4096;

    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path path;
    private final ServerSocketChannel channel;
    /** The inode the rename put at {@link #path}: close deletes the path only while it is still this socket. */
    private final Object fileKey;

    private PublishedSocket(Path path, ServerSocketChannel channel, Object fileKey) {
        this.path = path;
        this.channel = channel;
        this.fileKey = fileKey;
    }

    /**
     * Binds, publishes and returns a listening socket at {@code socketPath}, whose directory must exist. The
     * returned channel is in blocking mode.
     *
     * @throws LsaException OBJECT_NAME_COLLISION when a daemon listens on the path, or a file other than a socket
     *                      occupies it; UNSUCCESSFUL on an I/O error (a path too long for a socket address, say)
     */
    public static PublishedSocket publish(Path socketPath) throws LsaException {
        Path path = Objects.requireNonNull(socketPath, "socketPath").toAbsolutePath();
        Path dir = path.getParent();
        removeIfStale(path);
        // Same directory, so the rename cannot cross file systems; random, so concurrent attempts do not clash.
        Path temporary = dir.resolve("." + path.getFileName() + "." + HexFormat.of().toHexDigits(RANDOM.nextInt()));
        ServerSocketChannel server = null;
        boolean bound = false;
        try {
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            // A deep backlog: a client on a virtual thread connects non-blocking, and a full backlog refuses it at once
            // (EAGAIN) instead of making it wait, so a burst of clients must find room.
            server.bind(UnixDomainSocketAddress.of(temporary), ACCEPT_BACKLOG);
            bound = true;
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-rw-rw-"));
            Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE);
            bound = false;
            Object fileKey = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            PublishedSocket published = new PublishedSocket(path, server, fileKey);
            server = null;
            return published;
        } catch (IOException e) {
            throw new LsaException(NtStatus.UNSUCCESSFUL, "cannot publish a socket at " + path + ": " + e, e);
        } finally {
            if (server != null) {
                closeQuietly(server);
            }
            if (bound) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // a leftover dot-file; the publish failure is what matters
                }
            }
        }
    }

    /** The final path clients connect to. */
    public Path path() {
        return path;
    }

    /** The address clients connect to (the channel's own local address still names the temporary file). */
    public UnixDomainSocketAddress address() {
        return UnixDomainSocketAddress.of(path);
    }

    /** The listening channel, to accept connections from. */
    public ServerSocketChannel channel() {
        return channel;
    }

    /**
     * Stops listening and removes the socket file, unless something else has replaced it at the path since. Never
     * throws: a daemon that is stopping has nothing better to do with a failed unlink. Idempotent.
     */
    @Override
    public void close() {
        closeQuietly(channel);
        try {
            BasicFileAttributes now = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (Objects.equals(now.fileKey(), fileKey)) {
                Files.deleteIfExists(path);
            }
        } catch (IOException ignored) {
            // already gone
        }
    }

    /**
     * Deletes a socket file at {@code path} that nobody listens on. A non-blocking connect distinguishes: accepted
     * or pending (a full backlog) means a live daemon; ECONNREFUSED means none.
     */
    private static void removeIfStale(Path path) throws LsaException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!isSocket(path)) {
            throw new LsaException(NtStatus.OBJECT_NAME_COLLISION, path + " exists and is not a socket; not removing it");
        }
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.configureBlocking(false);
            probe.connect(UnixDomainSocketAddress.of(path));
            throw new LsaException(NtStatus.OBJECT_NAME_COLLISION, "a daemon already listens on " + path);
        } catch (ConnectException refused) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                throw new LsaException(NtStatus.UNSUCCESSFUL, "cannot remove the stale socket " + path + ": " + e, e);
            }
        } catch (IOException e) {
            throw new LsaException(NtStatus.UNSUCCESSFUL, "cannot tell whether a daemon listens on " + path + ": " + e, e);
        }
    }

    /** S_ISSOCK: connect(2) to a FIFO or a regular file is refused too, and those are never ours to delete. */
    private static boolean isSocket(Path path) throws LsaException {
        try {
            int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return (mode & S_IFMT) == S_IFSOCK;
        } catch (IOException | UnsupportedOperationException e) {
            throw new LsaException(NtStatus.UNSUCCESSFUL, "cannot read the file type of " + path + ": " + e, e);
        }
    }

    private static void closeQuietly(ServerSocketChannel server) {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing a listening socket has no failure worth reporting
        }
    }

    @Override
    public String toString() {
        return "PublishedSocket[" + path + (channel.isOpen() ? ", listening]" : ", closed]");
    }
}
