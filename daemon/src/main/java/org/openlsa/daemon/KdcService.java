package org.openlsa.daemon;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.openlsa.core.LsaException;
import org.openlsa.host.StateLayout;
import org.openlsa.kdc.Kdc;
import org.openlsa.kdc.KdcServer;

/**
 * The embedded KDC of a state directory, running: the given {@link Kdc} (over the daemon's own store, so the KDC
 * sees every committed change at once) on {@link KdcServer}'s UDP and TCP listeners, and beside it the
 * realm's kpasswd service ({@link org.openlsa.kdc.Kpasswd}, RFC 3244) on its own port of the same address.
 *
 * <p>While it runs, {@code <state>/kdc.endpoint} and {@code <state>/kpasswd.endpoint} each hold one line
 * {@code host:port} with the port actually bound (what {@code lsa krb5conf} and tests read when the port was 0),
 * and {@code <state>/kdc.lock} is held, so one KDC at most serves a state directory and a crashed one's endpoint
 * files are recognised as stale ({@link #runningEndpoint}). {@link #close()} stops the listeners, then removes the
 * endpoint files.
 */
public final class KdcService implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("org.openlsa.kdc");

    private final StateLayout layout;
    private final String realm;
    private final KdcServer server;
    private final KdcServer kpasswdServer;
    private final StateLock lock;
    private final String endpoint;
    private final String kpasswdEndpoint;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private KdcService(StateLayout layout, String realm, KdcServer server, KdcServer kpasswdServer, StateLock lock,
                       String endpoint, String kpasswdEndpoint) {
        this.layout = layout;
        this.realm = realm;
        this.server = server;
        this.kpasswdServer = kpasswdServer;
        this.lock = lock;
        this.endpoint = endpoint;
        this.kpasswdEndpoint = kpasswdEndpoint;
    }

    /**
     * Starts serving {@code kdc}'s realm as {@code config} says (which must be enabled): the KDC itself and its
     * kpasswd service ({@link Kdc#kpasswd}). {@code kdc} is the process's one KDC of the realm, the object the
     * Kerberos package also calls in process, so both paths share its replay cache; the caller keeps it and its
     * store, and closes the store after this service.
     *
     * @throws KdcBindException when the address and port cannot be bound (the message says how to change them)
     * @throws LsaException OBJECT_NAME_COLLISION when another KDC serves the state directory
     */
    public static KdcService start(Kdc kdc, Path stateDirectory, KdcConfig config) throws LsaException, IOException {
        if (!config.enabled()) {
            throw new IllegalArgumentException("the KDC is disabled in this configuration");
        }
        String realm = kdc.realm();
        StateLayout layout = StateLayout.of(stateDirectory);
        StateLock lock = StateLock.acquire(stateDirectory, StateLayout.KDC_LOCK, "KDC");
        KdcServer server = null;
        KdcServer kpasswdServer = null;
        try {
            KdcServer.Options d = KdcServer.Options.defaults(config.address(), config.port());
            KdcServer.Options options = d.withUdpWorkers(config.udpWorkers().orElse(d.udpWorkers()));
            try {
                server = KdcServer.start(kdc, options);
            } catch (IOException e) {
                throw KdcBindException.of(hostPort(config.address(), config.port()), stateDirectory, e);
            }
            // kpasswd traffic is a trickle: one UDP worker is plenty, whatever the KDC has.
            KdcServer.Options kpasswdOptions = d.withPort(config.kpasswdPort()).withUdpWorkers(1);
            try {
                kpasswdServer = KdcServer.start(kdc.kpasswd(server.address()), kpasswdOptions);
            } catch (IOException e) {
                throw KdcBindException.of(hostPort(config.address(), config.kpasswdPort()), stateDirectory, e);
            }
            String endpoint = hostPort(server.address(), server.port());
            String kpasswdEndpoint = hostPort(kpasswdServer.address(), kpasswdServer.port());
            writeEndpoint(layout.kdcEndpoint(), endpoint);
            writeEndpoint(layout.kpasswdEndpoint(), kpasswdEndpoint);
            // DEBUG: lsa serve and lsa kdc announce the KDC on stdout; INFO here repeated that line.
            LOG.log(Level.DEBUG, "kdc: serving {0} on {1} (udp+tcp), kpasswd on {2}", realm, endpoint,
                    kpasswdEndpoint);
            return new KdcService(layout, realm, server, kpasswdServer, lock, endpoint, kpasswdEndpoint);
        } catch (IOException | RuntimeException e) {
            if (kpasswdServer != null) {
                kpasswdServer.close();
            }
            if (server != null) {
                server.close();
            }
            Files.deleteIfExists(layout.kdcEndpoint());
            lock.close();
            throw e;
        }
    }

    /**
     * The endpoint of the KDC running on {@code stateDirectory} (in this process or another), or empty when none
     * runs, including when a crashed KDC left its endpoint file behind.
     */
    public static Optional<String> runningEndpoint(Path stateDirectory) throws IOException {
        return runningEndpointIn(StateLayout.of(stateDirectory).kdcEndpoint());
    }

    /** The endpoint of the kpasswd service running beside the KDC on {@code stateDirectory}, or empty. */
    public static Optional<String> runningKpasswdEndpoint(Path stateDirectory) throws IOException {
        return runningEndpointIn(StateLayout.of(stateDirectory).kpasswdEndpoint());
    }

    private static Optional<String> runningEndpointIn(Path file) throws IOException {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)
                || !StateLock.isHeld(file.getParent(), StateLayout.KDC_LOCK)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        return lines.isEmpty() || lines.get(0).isBlank() ? Optional.empty() : Optional.of(lines.get(0).strip());
    }

    /** {@code host:port}, an IPv6 literal in brackets as krb5.conf writes it. */
    public static String hostPort(InetAddress address, int port) {
        String host = address.getHostAddress();
        return (address instanceof Inet6Address ? "[" + compressed(host) + "]" : host) + ":" + port;
    }

    /** RFC 5952 4.2: the longest run (two or more) of zero groups becomes "::", as people write IPv6 addresses. */
    private static String compressed(String full) {
        int percent = full.indexOf('%');
        String scope = percent < 0 ? "" : full.substring(percent);
        String[] groups = (percent < 0 ? full : full.substring(0, percent)).split(":");
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < groups.length; ) {
            int j = i;
            while (j < groups.length && groups[j].equals("0")) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(j, i + 1);
        }
        if (bestStart < 0) {
            return String.join(":", groups) + scope;
        }
        String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
        return head + "::" + tail + scope;
    }

    public String realm() {
        return realm;
    }

    /** The address and port both listeners are bound to, as {@code host:port} (the endpoint file's line). */
    public String endpoint() {
        return endpoint;
    }

    /** The kpasswd service's {@code host:port} (the kpasswd endpoint file's line). */
    public String kpasswdEndpoint() {
        return kpasswdEndpoint;
    }

    public int kpasswdPort() {
        return kpasswdServer.port();
    }

    public InetAddress address() {
        return server.address();
    }

    public int port() {
        return server.port();
    }

    /**
     * From now on SIGTERM and SIGINT close this KDC; for a process that runs only the KDC ({@code lsa kdc}). Call it
     * before announcing the KDC, so that a signal sent on the announcement finds the handler.
     */
    public void stopOnTerminationSignals() {
        TerminationSignals.onTermination("kdc-stop", this::close);
    }

    /** Waits until this KDC is closed (a signal after {@link #stopOnTerminationSignals}, or {@link #close}). */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** Stops the listeners (requests in progress are dropped; clients retry), removes the endpoint files. Idempotent. */
    @Override
    public synchronized void close() {
        if (stopped.getCount() == 0) {
            return;
        }
        try {
            server.close();
            kpasswdServer.close();
            Files.deleteIfExists(layout.kdcEndpoint());
            Files.deleteIfExists(layout.kpasswdEndpoint());
        } catch (IOException e) {
            LOG.log(Level.ERROR, "removing the endpoint files in {0}: {1}", layout.directory(), e.toString());
        } finally {
            try {
                lock.close();
            } catch (LsaException e) {
                LOG.log(Level.ERROR, "releasing the KDC lock: {0}", e.getMessage());
            }
            LOG.log(Level.DEBUG, "kdc: stopped serving {0} on {1}", realm, endpoint);
            stopped.countDown();
        }
    }

    /** Replaces the endpoint file atomically (a reader never sees half a line), owner-only as every state file. */
    private static void writeEndpoint(Path file, String endpoint) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName() + ".", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(tmp, endpoint + "\n", StandardCharsets.US_ASCII);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
