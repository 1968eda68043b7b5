package org.openlsa.peers;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A private Samba standalone server whose winbindd verifies NTLM responses against local tdbsam accounts.
 *
 * <p>Everything Samba writes lives under one temporary directory (smb.conf, passdb.tdb, the private, state, cache,
 * lock, pid and ncalrpc directories, and the winbindd socket directory), Samba binds only to the loopback interface
 * on a free port and NetBIOS is off, so an instance touches nothing of the host's own Samba. What it cannot keep
 * private are Unix accounts: tdbsam needs a Unix user per account, which {@link #addUser} creates with
 * {@code useradd} (so this needs root) and {@link #close} deletes again. Unix user names are machine-wide: servers
 * running at the same time must use distinct account names.
 *
 * <p>Local accounts belong to the server's NetBIOS name (the domain a client must name), not to the workgroup.
 * Verification goes through {@link NtlmAuthHelper}s ({@link #openHelper()}), Samba's {@code ntlm_auth} speaking
 * to this winbindd.
 */
public final class SambaNtlmServer implements AutoCloseable {
    /** The NetBIOS name used when none is given. */
    public static final String DEFAULT_NETBIOS_NAME = "OPENLSAPEER";

    private static final Pattern UNIX_NAME = Pattern.compile("[\\p{Ll}_][\\p{Ll}\\p{Nd}_-]{0,31}");
    /** What useradd accepts without {@code --badname} (Debian's NAME_REGEX). */
    private static final Pattern PORTABLE_UNIX_NAME = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");
    private static final Pattern NETBIOS_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,14}");
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);

    private final Path directory;
    private final Path configFile;
    private final String netbiosName;
    private final NtlmAuthPolicy ntlmAuth;
    private final int smbPort;
    private final Map<String, String> clientEnvironment;
    private final Path smbpasswd;
    private final Path ntlmAuthBinary;
    private final Set<String> createdUnixUsers = new LinkedHashSet<>();
    private final List<AutoCloseable> clients = new ArrayList<>();
    private final Thread shutdownHook;
    private Process winbindd;
    private Process dcerpcd;
    private boolean closed;

    private SambaNtlmServer(Path directory, String netbiosName, NtlmAuthPolicy ntlmAuth, int smbPort,
            Map<String, String> clientEnvironment, Path smbpasswd, Path ntlmAuthBinary) {
        this.directory = directory;
        this.configFile = directory.resolve("smb.conf");
        this.netbiosName = netbiosName;
        this.ntlmAuth = ntlmAuth;
        this.smbPort = smbPort;
        this.clientEnvironment = clientEnvironment;
        this.smbpasswd = smbpasswd;
        this.ntlmAuthBinary = ntlmAuthBinary;
        this.shutdownHook = new Thread(this::close, "samba-ntlm-server-shutdown");
    }

    /** Starts a server named {@value #DEFAULT_NETBIOS_NAME} that accepts only NTLMv2. */
    public static SambaNtlmServer start() throws PeerException {
        return start(DEFAULT_NETBIOS_NAME, NtlmAuthPolicy.NTLMV2_ONLY);
    }

    /**
     * Starts winbindd for a fresh private server and waits until it answers.
     *
     * @param netbiosName the server's NetBIOS name, which is also its local accounts' domain (1-15 letters, digits
     *                    or hyphens)
     * @param ntlmAuth    smb.conf's {@code ntlm auth}
     * @throws PeerException if a Samba binary or nss_wrapper is missing, this is not root, or winbindd does not
     *                       come up within 30 s
     */
    public static SambaNtlmServer start(String netbiosName, NtlmAuthPolicy ntlmAuth) throws PeerException {
        Objects.requireNonNull(ntlmAuth, "ntlmAuth");
        if (netbiosName == null || !NETBIOS_NAME.matcher(netbiosName).matches()) {
            throw new IllegalArgumentException("NetBIOS name must be 1-15 letters, digits or hyphens: " + netbiosName);
        }
        Path winbinddBinary = Commands.find("winbindd", "winbind");
        Path smbpasswd = Commands.find("smbpasswd", "samba-common-bin");
        Path ntlmAuthBinary = Commands.find("ntlm_auth", "winbind");
        Commands.find("wbinfo", "winbind");
        Commands.find("useradd", "passwd");
        Path nssWrapper = nssWrapperLibrary();
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new PeerException("a private Samba needs root (useradd, winbindd); running as "
                    + System.getProperty("user.name"));
        }
        Path directory;
        try {
            directory = Files.createTempDirectory("openlsa-samba-");
        } catch (IOException e) {
            throw new PeerException("cannot create a temporary directory: " + e.getMessage(), e);
        }
        // ntlm_auth finds a winbindd socket outside the compiled-in directory only through nss_wrapper's
        // selftest variable, and nss_wrapper must be preloaded for that variable to be read.
        Map<String, String> clientEnvironment = Map.of(
                "LD_PRELOAD", nssWrapper.toString(),
                "NSS_WRAPPER_PASSWD", "/etc/passwd",
                "NSS_WRAPPER_GROUP", "/etc/group",
                "SELFTEST_WINBINDD_SOCKET_DIR", directory.resolve("wbpipe").toString());
        SambaNtlmServer server = new SambaNtlmServer(directory, netbiosName.toUpperCase(java.util.Locale.ROOT),
                ntlmAuth, freeLoopbackPort(), clientEnvironment, smbpasswd, ntlmAuthBinary);
        Runtime.getRuntime().addShutdownHook(server.shutdownHook);
        try {
            server.writeConfig();
            server.startDcerpcd();
            server.startWinbindd(winbinddBinary);
            return server;
        } catch (PeerException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private static Path nssWrapperLibrary() throws PeerException {
        for (String dir : List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib")) {
            Path candidate = Path.of(dir, "libnss_wrapper.so");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return Commands.require(Path.of("/usr/lib/x86_64-linux-gnu/libnss_wrapper.so"), "libnss-wrapper");
    }

    private static int freeLoopbackPort() throws PeerException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new PeerException("no free loopback port: " + e.getMessage(), e);
        }
    }

    private void writeConfig() throws PeerException {
        StringBuilder conf = new StringBuilder("[global]\n");
        String d = directory.toString();
        String[][] settings = {
                {"server role", "standalone server"},
                {"workgroup", "WORKGROUP"},
                {"netbios name", netbiosName},
                {"passdb backend", "tdbsam:" + d + "/private/passdb.tdb"},
                {"private dir", d + "/private"},
                {"state directory", d + "/state"},
                {"cache directory", d + "/cache"},
                {"lock directory", d + "/lock"},
                {"pid directory", d + "/pid"},
                {"ncalrpc dir", d + "/ncalrpc"},
                {"winbindd socket directory", d + "/wbpipe"},
                {"log file", d + "/log/log.%m"},
                {"interfaces", "lo"},
                {"bind interfaces only", "yes"},
                {"smb ports", Integer.toString(smbPort)},
                {"disable netbios", "yes"},
                {"ntlm auth", ntlmAuth.smbConfValue()},
                // samba-dcerpcd is started here as a child: started on demand it daemonizes and outlives us.
                {"rpc start on demand helpers", "no"},
        };
        for (String[] setting : settings) {
            conf.append("  ").append(setting[0]).append(" = ").append(setting[1]).append('\n');
        }
        try {
            for (String sub : List.of("private", "state", "cache", "lock", "pid", "ncalrpc", "wbpipe", "log")) {
                Files.createDirectories(directory.resolve(sub));
            }
            Files.writeString(configFile, conf.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PeerException("cannot write " + configFile + ": " + e.getMessage(), e);
        }
    }

    private void startDcerpcd() throws PeerException {
        Path binary = Commands.require(Path.of("/usr/libexec/samba/samba-dcerpcd"), "samba");
        ProcessBuilder builder = new ProcessBuilder(binary.toString(), "-F", "--no-process-group", "--libexec-rpcds",
                "--configfile=" + configFile)
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("log/samba-dcerpcd.out").toFile());
        try {
            dcerpcd = builder.start();
        } catch (IOException e) {
            throw new PeerException("cannot start samba-dcerpcd: " + e.getMessage(), e);
        }
    }

    private void startWinbindd(Path binary) throws PeerException {
        ProcessBuilder builder = new ProcessBuilder(binary.toString(), "-F", "--no-process-group",
                "--configfile=" + configFile)
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("log/winbindd.out").toFile());
        try {
            winbindd = builder.start();
        } catch (IOException e) {
            throw new PeerException("cannot start winbindd: " + e.getMessage(), e);
        }
        Path wbinfo = Commands.find("wbinfo", "winbind");
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        Commands.Result ping;
        do {
            if (!winbindd.isAlive()) {
                throw new PeerException("winbindd exited with " + winbindd.exitValue() + " at startup: "
                        + tail(directory.resolve("log/winbindd.out")));
            }
            ping = Commands.runAllowingFailure(List.of(wbinfo.toString(), "-p"), clientEnvironment, null,
                    COMMAND_TIMEOUT);
            if (ping.exitCode() == 0) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PeerException("interrupted while waiting for winbindd", e);
            }
        } while (System.nanoTime() < deadline);
        throw new PeerException("winbindd did not answer wbinfo -p within " + STARTUP_TIMEOUT + ": "
                + ping.output().strip() + " / " + tail(directory.resolve("log/winbindd.out")));
    }

    private static String tail(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /**
     * Adds (or re-enables with a new password) the tdbsam account {@code name}, creating a Unix user of that name
     * first if none exists ({@code useradd -M -s /usr/sbin/nologin}); users created here are deleted by
     * {@link #close()}. NTLM user names are matched case-insensitively, so a client may send {@code NAME}.
     *
     * @param name a Unix user name: lowercase letter or underscore, then up to 31 lowercase letters, digits,
     *             underscores or hyphens; letters beyond ASCII ("straße") are allowed, for tests of how names
     *             are upper-cased (useradd then needs {@code --badname})
     */
    public synchronized void addUser(String name, String password) throws PeerException {
        checkOpen();
        checkName(name);
        Objects.requireNonNull(password, "password");
        if (password.indexOf('\n') >= 0 || password.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("smbpasswd reads the password as a line: it cannot contain newlines");
        }
        Commands.Result id = Commands.runAllowingFailure(List.of("id", "-u", name), Map.of(), null, COMMAND_TIMEOUT);
        if (id.exitCode() != 0) {
            List<String> useradd = new ArrayList<>(List.of(Commands.find("useradd", "passwd").toString(), "-M", "-s",
                    "/usr/sbin/nologin"));
            if (!PORTABLE_UNIX_NAME.matcher(name).matches()) {
                useradd.add("--badname");
            }
            useradd.add(name);
            Commands.run(useradd, Map.of(), null, COMMAND_TIMEOUT);
            createdUnixUsers.add(name);
        }
        // -s reads the new password twice from stdin.
        Commands.run(List.of(smbpasswd.toString(), "-c", configFile.toString(), "-a", "-s", name), Map.of(),
                password + "\n" + password + "\n", COMMAND_TIMEOUT);
    }

    /** Disables the account (smbpasswd -d): Samba then refuses it with NT_STATUS_ACCOUNT_DISABLED. */
    public synchronized void disableUser(String name) throws PeerException {
        checkOpen();
        checkName(name);
        Commands.run(List.of(smbpasswd.toString(), "-c", configFile.toString(), "-d", name), Map.of(), null,
                COMMAND_TIMEOUT);
    }

    /** Enables a disabled account again (smbpasswd -e). */
    public synchronized void enableUser(String name) throws PeerException {
        checkOpen();
        checkName(name);
        Commands.run(List.of(smbpasswd.toString(), "-c", configFile.toString(), "-e", name), Map.of(), null,
                COMMAND_TIMEOUT);
    }

    /** Deletes the tdbsam account (smbpasswd -x); the Unix user stays until {@link #close()}. */
    public synchronized void removeUser(String name) throws PeerException {
        checkOpen();
        checkName(name);
        Commands.run(List.of(smbpasswd.toString(), "-c", configFile.toString(), "-x", name), Map.of(), null,
                COMMAND_TIMEOUT);
    }

    private static void checkName(String name) {
        if (name == null || !UNIX_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("account name must match " + UNIX_NAME.pattern() + ": " + name);
        }
    }

    /**
     * Starts a new {@code ntlm_auth --helper-protocol=ntlm-server-1} process talking to this server's winbindd,
     * with {@link NtlmAuthHelper#DEFAULT_REPLY_TIMEOUT}. It is closed with the server at the latest.
     */
    public NtlmAuthHelper openHelper() throws PeerException {
        return openHelper(NtlmAuthHelper.DEFAULT_REPLY_TIMEOUT);
    }

    /** As {@link #openHelper()}, failing a verification whose reply takes longer than {@code replyTimeout}. */
    public NtlmAuthHelper openHelper(Duration replyTimeout) throws PeerException {
        List<String> command = List.of(ntlmAuthBinary.toString(), "--helper-protocol=ntlm-server-1",
                "--configfile=" + configFile);
        return track(NtlmAuthHelper.start(command, clientEnvironment, replyTimeout));
    }

    /**
     * Starts an {@code ntlm_auth --helper-protocol=ntlm-server-1 --password=PASSWORD} process: it checks every
     * request against {@code password} for whatever user and domain the request names, with no account lookup
     * (Samba's NTLM response arithmetic alone, upper-casing of the names included). The password shows in the
     * process list: test passwords only.
     */
    public NtlmAuthHelper openPasswordHelper(String password) throws PeerException {
        Objects.requireNonNull(password, "password");
        if (password.isEmpty() || password.chars().anyMatch(c -> c < 0x20)) {
            throw new IllegalArgumentException("the password must be non-empty, without control characters");
        }
        List<String> command = List.of(ntlmAuthBinary.toString(), "--helper-protocol=ntlm-server-1",
                "--configfile=" + configFile, "--password=" + password);
        return track(NtlmAuthHelper.start(command, clientEnvironment, NtlmAuthHelper.DEFAULT_REPLY_TIMEOUT));
    }

    /**
     * Starts Samba's NTLMSSP acceptor (raw, or SPNEGO-wrapped when {@code spnego}) against this server's accounts,
     * failing a step whose reply takes longer than {@link NtlmAuthHelper#DEFAULT_REPLY_TIMEOUT}. The caller closes
     * it.
     */
    public SambaNtlmsspAcceptor openNtlmsspAcceptor(boolean spnego) throws PeerException {
        return track(SambaNtlmsspAcceptor.start(ntlmAuthBinary.toString(), configFile.toString(), clientEnvironment,
                spnego, NtlmAuthHelper.DEFAULT_REPLY_TIMEOUT));
    }

    /** Remembers a client process so close() ends it at the latest; forgets the ones that already ended. */
    private synchronized <T extends AutoCloseable> T track(T client) {
        if (closed) {
            closeQuietly(client);
            throw new IllegalStateException("server closed");
        }
        clients.removeIf(c -> c instanceof NtlmAuthHelper h ? !h.isAlive()
                : c instanceof SambaNtlmsspAcceptor a && !a.isAlive());
        clients.add(client);
        return client;
    }

    private static void closeQuietly(AutoCloseable client) {
        try {
            client.close();
        } catch (Exception e) {
            // our clients' close() does not throw
        }
    }

    /** The server's NetBIOS name in upper case: the domain of its local accounts. */
    public String netbiosName() {
        return netbiosName;
    }

    /** The workgroup written to smb.conf; NOT the accounts' domain (Samba answers NO_LOGON_SERVERS for it). */
    public String workgroup() {
        return "WORKGROUP";
    }

    public NtlmAuthPolicy ntlmAuth() {
        return ntlmAuth;
    }

    /** The loopback port written as {@code smb ports} (free when the server started; no smbd is run). */
    public int smbPort() {
        return smbPort;
    }

    /** The private directory holding smb.conf, the tdb files, the sockets and the logs (log/). */
    public Path directory() {
        return directory;
    }

    public Path configFile() {
        return configFile;
    }

    /**
     * The environment a Samba client tool ({@code ntlm_auth}, {@code wbinfo}) needs to reach this winbindd:
     * nss_wrapper preloaded and its selftest socket directory variable.
     */
    public Map<String, String> clientEnvironment() {
        return clientEnvironment;
    }

    private synchronized void checkOpen() {
        if (closed) {
            throw new IllegalStateException("server closed");
        }
    }

    /** Stops the helpers and acceptors, samba-dcerpcd and winbindd with all its children, deletes the Unix users it created and the directory. */
    @Override
    public void close() {
        List<AutoCloseable> toClose;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = new ArrayList<>(clients);
            clients.clear();
        }
        toClose.forEach(SambaNtlmServer::closeQuietly);
        for (Process daemon : new Process[] {winbindd, dcerpcd}) {
            if (daemon != null) {
                Commands.destroyTree(daemon.toHandle(), Duration.ofSeconds(5));
            }
        }
        // winbindd starts samba-dcerpcd on demand, which daemonizes (so it is no descendant): find every Samba
        // process by the private smb.conf on its command line.
        String marker = "--configfile=" + configFile;
        ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(marker))
                .forEach(p -> Commands.destroyTree(p, Duration.ofSeconds(5)));
        for (String user : createdUnixUsers) {
            try {
                Commands.runAllowingFailure(List.of("userdel", user), Map.of(), null, COMMAND_TIMEOUT);
            } catch (PeerException e) {
                System.err.println("SambaNtlmServer: could not delete Unix user " + user + ": " + e.getMessage());
            }
        }
        createdUnixUsers.clear();
        deleteTree(directory);
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down
            }
        }
    }

    private static void deleteTree(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            System.err.println("SambaNtlmServer: could not delete " + root + ": " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "SambaNtlmServer[" + netbiosName + ", " + directory + "]";
    }
}
