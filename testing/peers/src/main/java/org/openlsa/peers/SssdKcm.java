package org.openlsa.peers;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's sssd-kcm (SSSD 2.8) as a private KCM credential-cache server: the oracle an OpenLSA KCM server is compared
 * with. Listens on {@link #socket()} in a temp directory; MIT clients reach it with {@code kcm_socket = that path}
 * in krb5.conf and {@code KRB5CCNAME=KCM:}.
 *
 * <p>SSSD's database paths are fixed at build time: {@code sssd --genconf-section} writes
 * /var/lib/sss/db/config.ldb and sssd_kcm keeps the caches in /var/lib/sss/secrets/secrets.ldb. To keep every
 * instance private (and never touch a system SSSD's state), both run in a mount namespace of their own
 * ({@code unshare --mount --propagation private}) in which the temp directory's {@code sss/} is bind-mounted over
 * /var/lib/sss; the namespace, and with it the bind mount, ends with sssd_kcm. So this needs root (mount
 * namespaces, and sssd_kcm reads every caller's SO_PEERCRED as root does in production).
 *
 * <p>sssd_kcm runs as root ({@code --uid 0 --gid 0}, as Debian's systemd unit runs it) and keeps caches per caller
 * uid. The temp directory is 0711 so any uid can reach the socket (which sssd_kcm makes 0666) but list nothing;
 * the configuration (0600, as SSSD insists) and the databases (0700) stay root's. {@link #close()} stops the
 * server and deletes the directory.
 */
public final class SssdKcm implements AutoCloseable {
    /** Where Debian's sssd-kcm package puts the KCM responder. */
    public static final Path SSSD_KCM = Path.of("/usr/libexec/sssd/sssd_kcm");
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    /*
     * Run by sh inside the new mount namespace, the directory as $1 (never spliced into the script text): bind the
     * private state over SSSD's compiled-in path, load the config into config.ldb there, then become sssd_kcm.
     */
    private static final String NAMESPACE_SCRIPT = """
            set -e
            mount --bind "$1/sss" /var/lib/sss
            "$2" -c "$1/sssd.conf" --genconf-section=kcm
            exec "$3" --uid 0 --gid 0 --logger=stderr --debug-level="$4"
            """;
    /** SSSD's default: fatal and critical failures, and failed operations. */
    public static final int DEFAULT_DEBUG_LEVEL = 0x0070;

    private final Path directory;
    private final Process process;
    private volatile boolean closed;

    private SssdKcm(Path directory, Process process) {
        this.directory = directory;
        this.process = process;
    }

    /**
     * Starts a private sssd_kcm and waits until its socket accepts connections.
     *
     * @throws PeerException if this is not root, sssd-kcm or util-linux's unshare is missing, /var/lib/sss does
     *                       not exist, or the server does not come up (with its log's tail)
     */
    public static SssdKcm start() throws PeerException {
        return start(DEFAULT_DEBUG_LEVEL);
    }

    /**
     * Starts a private sssd_kcm logging at {@code debugLevel} (SSSD's bit mask, e.g. 0x3ff0 for every operation it
     * handles, in {@link #log()}).
     */
    public static SssdKcm start(int debugLevel) throws PeerException {
        Commands.require(SSSD_KCM, "sssd-kcm");
        Path sssd = Commands.find("sssd", "sssd-common");
        Path unshare = Commands.find("unshare", "util-linux");
        Path sh = Commands.require(Path.of("/bin/sh"), "dash");
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new PeerException("a private sssd-kcm needs root (a mount namespace over /var/lib/sss, sssd_kcm "
                    + "--uid 0); running as " + System.getProperty("user.name"));
        }
        if (!Files.isDirectory(Path.of("/var/lib/sss"))) {
            throw new PeerException("/var/lib/sss is missing (the mount point for sssd-kcm's private state): "
                    + "install the Debian package sssd-kcm");
        }
        Path directory = TempDirectory.create("openlsa-sssd-kcm-");
        Process process = null;
        try {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx--x--x"));
            Files.createDirectories(directory.resolve("sss/db"),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Files.createDirectories(directory.resolve("sss/secrets"),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path conf = directory.resolve("sssd.conf");
            // SSSD refuses a config file others can read.
            Files.createFile(conf, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            TempDirectory.write(conf, "[sssd]\nservices = kcm\n\n[kcm]\nsocket_path = "
                    + directory.resolve("kcm.sock") + "\n");
            ProcessBuilder builder = new ProcessBuilder(List.of(unshare.toString(), "--mount", "--propagation",
                    "private", "--", sh.toString(), "-c", NAMESPACE_SCRIPT, "sh", directory.toString(),
                    sssd.toString(), SSSD_KCM.toString(), "0x" + Integer.toHexString(debugLevel)))
                    .redirectErrorStream(true).redirectOutput(directory.resolve("sssd_kcm.log").toFile());
            builder.environment().put("LC_ALL", "C");
            process = builder.start();
            SssdKcm kcm = new SssdKcm(directory, process);
            kcm.awaitListening();
            return kcm;
        } catch (IOException | PeerException | RuntimeException e) {
            if (process != null) {
                stop(process);
            }
            String log = TempDirectory.tail(directory.resolve("sssd_kcm.log"), 2000);
            TempDirectory.deleteTree(directory);
            if (log.contains("unshare failed")) {
                throw new PeerException("a private sssd-kcm needs a mount namespace of its own (CAP_SYS_ADMIN for "
                        + "unshare --mount; in a container: --cap-add SYS_ADMIN or --privileged): " + log, e);
            }
            if (e instanceof PeerException pe) {
                throw new PeerException(pe.getMessage() + "; sssd_kcm log: " + log, pe);
            }
            throw new PeerException("cannot start sssd-kcm: " + e.getMessage() + "; log: " + log, e);
        }
    }

    private void awaitListening() throws PeerException {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        UnixDomainSocketAddress address = UnixDomainSocketAddress.of(socket());
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new PeerException("sssd_kcm exited with " + process.exitValue() + " at startup");
            }
            if (Files.exists(socket())) {
                try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                    channel.connect(address);
                    return;
                } catch (IOException e) {
                    // bound but not yet listening: try again
                }
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PeerException("interrupted while waiting for sssd_kcm");
            }
        }
        throw new PeerException("sssd_kcm did not listen on " + socket() + " within " + STARTUP_TIMEOUT);
    }

    /** The KCM socket: {@code kcm_socket} for MIT's krb5.conf. */
    public Path socket() {
        return directory.resolve("kcm.sock");
    }

    /** The last 16 000 characters of the server's log (stderr; by default failures only), for assertion messages. */
    public String log() {
        return TempDirectory.tail(directory.resolve("sssd_kcm.log"), 16_000);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM (SSSD shuts down in order and exits), SIGKILL if it lingers; then the directory goes. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        stop(process);
        TempDirectory.deleteTree(directory);
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
