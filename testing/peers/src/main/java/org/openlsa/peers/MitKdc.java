package org.openlsa.peers;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A private MIT krb5 realm (Debian's krb5-kdc and krb5-admin-server, 1.20): kdc.conf, krb5.conf, a db2 database
 * and its stash in a temporary directory, and {@code krb5kdc} serving UDP and TCP on one free loopback port.
 *
 * <p>Administration goes through {@code kadmin.local} with arguments as separate words, never a {@code -q} string
 * (kadmin.local then exits non-zero when the command fails) and passwords on stdin, never on a command line.
 * Administration failures are PeerExceptions: they mean the harness is broken, not the peer's verdict.
 *
 * <p>MIT's db2 backend records "last successful authentication" and failed attempts on every AS exchange (a
 * database write per request) unless {@link Builder#recordLastSuccess} / {@link Builder#recordLockout} turn
 * that off; lockout itself needs a policy ({@link #addLockoutPolicy}) on the principal.
 */
public final class MitKdc implements AutoCloseable {
    public static final String DEFAULT_REALM = "TEST.LOCAL";
    /** What kdc.conf's {@code supported_enctypes} lists unless told otherwise: the AES families (17-20). */
    public static final List<Krb5Enctype> DEFAULT_ENCTYPES = List.of(Krb5Enctype.AES256_CTS_HMAC_SHA1_96,
            Krb5Enctype.AES128_CTS_HMAC_SHA1_96, Krb5Enctype.AES256_CTS_HMAC_SHA384_192,
            Krb5Enctype.AES128_CTS_HMAC_SHA256_128);
    /** The loopback address krb5kdc binds and clients are told. */
    public static final String HOST = "127.0.0.1";

    private static final Pattern REALM = Pattern.compile("[A-Z0-9][A-Z0-9.-]{0,62}");
    private static final Pattern KADMIN_WORD = Pattern.compile("[^\\s\\p{Cntrl}]+");
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(20);
    private static final int PORT_ATTEMPTS = 10;
    /** Only a test realm's throwaway master key. */
    private static final String MASTER_PASSWORD = "openlsa-peer-master";

    private final Builder settings;
    private final Path directory;
    private final Path kadminLocal;
    private final Map<String, String> environment;
    private final Thread shutdownHook;
    private Process kdc;
    private Process kadmind;
    private int port;
    private int kpasswdPort;
    private int kadminPort;
    private boolean closed;

    private MitKdc(Builder settings, Path directory, Path kadminLocal) {
        this.settings = settings;
        this.directory = directory;
        this.kadminLocal = kadminLocal;
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KRB5_CONFIG", directory.resolve("krb5.conf").toString());
        env.put("KRB5_KDC_PROFILE", directory.resolve("kdc.conf").toString());
        // kadmin.local reads the default ccache to name its admin principal and adopts its KDC time offset: keep
        // it private and empty. The default keytab and replay cache must not be the host's either.
        env.put("KRB5CCNAME", "FILE:" + directory.resolve("admin.ccache"));
        env.put("KRB5_KTNAME", "FILE:" + directory.resolve("default.keytab"));
        env.put("KRB5RCACHEDIR", directory.toString());
        env.put("LC_ALL", "C");
        env.put("TZ", "UTC");
        this.environment = Collections.unmodifiableMap(env);
        this.shutdownHook = new Thread(this::close, "mit-kdc-shutdown");
    }

    /** A realm {@value #DEFAULT_REALM} with the defaults of {@link Builder}. */
    public static MitKdc start() throws PeerException {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Settings of a realm to start; every one has a default. */
    public static final class Builder {
        private String realm = DEFAULT_REALM;
        private List<Krb5Enctype> supportedEnctypes = DEFAULT_ENCTYPES;
        private int workers;
        private long clockOffsetSeconds;
        private boolean recordLastSuccess = true;
        private boolean recordLockout = true;
        private boolean pkinit;
        private final Map<String, String> realmSettings = new LinkedHashMap<>();

        private Builder() {
            realmSettings.put("max_life", "1d");
            realmSettings.put("max_renewable_life", "7d");
        }

        /** The realm name (upper case letters, digits, dots, hyphens); default {@value MitKdc#DEFAULT_REALM}. */
        public Builder realm(String realm) {
            if (realm == null || !REALM.matcher(realm).matches()) {
                throw new IllegalArgumentException("realm must match " + REALM.pattern() + ": " + realm);
            }
            this.realm = realm;
            return this;
        }

        /** kdc.conf {@code supported_enctypes} (the keys new principals get), "normal" salt each. */
        public Builder supportedEnctypes(List<Krb5Enctype> enctypes) {
            if (enctypes.isEmpty()) {
                throw new IllegalArgumentException("at least one enctype");
            }
            this.supportedEnctypes = List.copyOf(enctypes);
            return this;
        }

        /** {@code krb5kdc -w N}: N worker processes sharing the sockets; 0 (default) for one process. */
        public Builder workers(int workers) {
            if (workers < 0 || workers > 64) {
                throw new IllegalArgumentException("workers must be 0-64: " + workers);
            }
            this.workers = workers;
            return this;
        }

        /**
         * {@code krb5kdc -T seconds}: the KDC runs this far from the real clock. MIT clients still succeed
         * against a shifted KDC unless their krb5.conf says {@code kdc_timesync = 0} (they adopt the KDC's time
         * from its PREAUTH_REQUIRED error and replies).
         */
        public Builder clockOffset(Duration offset) {
            this.clockOffsetSeconds = offset.toSeconds();
            return this;
        }

        /** false sets [dbmodules] {@code disable_last_success = true}: no database write per successful AS. */
        public Builder recordLastSuccess(boolean record) {
            this.recordLastSuccess = record;
            return this;
        }

        /** false sets [dbmodules] {@code disable_lockout = true}: no failure counting, so no lockout either. */
        public Builder recordLockout(boolean record) {
            this.recordLockout = record;
            return this;
        }

        /** One more relation in kdc.conf's realm section (e.g. {@code max_life}, {@code master_key_type}). */
        public Builder realmSetting(String key, String value) {
            requireWord(key, "key");
            requireWord(value, "value");
            realmSettings.put(key, value);
            return this;
        }

        /**
         * Serves PKINIT (RFC 4556) through MIT's pkinit plugin (Debian's krb5-pkinit): kdc.conf's realm gets
         * {@code pkinit_identity = FILE:cert,key} and {@code pkinit_anchors = FILE:anchors}. Principals that should
         * log on with a certificate need {@code +requires_preauth}, or the KDC issues a ticket without asking.
         *
         * @param certificatePem the KDC's certificate (id-pkinit-san krbtgt/REALM@REALM, id-pkinit-KPKdc)
         * @param keyPem         its unencrypted private key
         * @param anchorsPem     the CA certificate(s) client certificates must chain to
         */
        public Builder pkinit(Path certificatePem, Path keyPem, Path anchorsPem) {
            String identity = "FILE:" + certificatePem.toAbsolutePath() + "," + keyPem.toAbsolutePath();
            requireWord(identity, "pkinit identity");
            realmSettings.put("pkinit_identity", identity);
            realmSetting("pkinit_anchors", "FILE:" + anchorsPem.toAbsolutePath());
            this.pkinit = true;
            return this;
        }

        /** {@link #pkinit(Path, Path, Path)} with the set's KDC certificate and trusted CA. */
        public Builder pkinit(PkinitCertificates certificates) {
            return pkinit(certificates.kdc().certificatePem(), certificates.kdc().keyPem(), certificates.caPem());
        }

        /**
         * Creates the database and starts krb5kdc, waiting until it serves its port.
         *
         * @throws PeerException if an MIT binary is missing (install krb5-kdc, krb5-admin-server) or the KDC does
         *                       not come up
         */
        public MitKdc start() throws PeerException {
            return MitKdc.start(this);
        }
    }

    private static MitKdc start(Builder settings) throws PeerException {
        Path krb5kdc = Commands.find("krb5kdc", "krb5-kdc");
        Path kdb5Util = Commands.find("kdb5_util", "krb5-kdc");
        Path kadminLocal = Commands.find("kadmin.local", "krb5-admin-server");
        Path setsid = Commands.find("setsid", "util-linux");
        if (settings.pkinit) {
            // Without the plugin krb5kdc starts anyway and simply offers no PKINIT: fail here instead.
            requirePkinitPlugin();
        }
        MitKdc kdc = new MitKdc(settings, TempDirectory.create("openlsa-mitkdc-"), kadminLocal);
        Runtime.getRuntime().addShutdownHook(kdc.shutdownHook);
        try {
            kdc.port = LoopbackPorts.probeFreeTcpAndUdpPort();
            kdc.writeConfig();
            Commands.run(List.of(kdb5Util.toString(), "create", "-s", "-r", settings.realm), kdc.environment,
                    MASTER_PASSWORD + "\n" + MASTER_PASSWORD + "\n", COMMAND_TIMEOUT);
            kdc.startKdc(krb5kdc, setsid);
            return kdc;
        } catch (PeerException | RuntimeException e) {
            kdc.close();
            throw e;
        }
    }

    /** MIT's PKINIT plugin (krb5-pkinit), under whichever multiarch directory Debian put it. */
    static Path requirePkinitPlugin() throws PeerException {
        try (java.nio.file.DirectoryStream<Path> arches = java.nio.file.Files.newDirectoryStream(Path.of("/usr/lib"))) {
            for (Path arch : arches) {
                Path plugin = arch.resolve("krb5/plugins/preauth/pkinit.so");
                if (java.nio.file.Files.isRegularFile(plugin)) {
                    return plugin;
                }
            }
        } catch (IOException e) {
            throw new PeerException("cannot list /usr/lib: " + e.getMessage(), e);
        }
        throw new PeerException("MIT's PKINIT plugin /usr/lib/*/krb5/plugins/preauth/pkinit.so not found: install the"
                + " Debian package krb5-pkinit (.ci/run installs the peers)");
    }

    private void writeConfig() throws PeerException {
        String d = directory.toString();
        String enctypes = settings.supportedEnctypes.stream().map(e -> e.mitName() + ":normal")
                .collect(Collectors.joining(" "));
        StringBuilder kdcConf = new StringBuilder()
                .append("[kdcdefaults]\n")
                .append(" kdc_listen = ").append(HOST).append(':').append(port).append('\n')
                .append(" kdc_tcp_listen = ").append(HOST).append(':').append(port).append('\n')
                .append("[realms]\n ").append(settings.realm).append(" = {\n")
                .append("  database_name = ").append(d).append("/principal\n")
                .append("  key_stash_file = ").append(d).append("/stash\n")
                .append("  acl_file = ").append(d).append("/kadm5.acl\n")
                .append("  supported_enctypes = ").append(enctypes).append('\n');
        settings.realmSettings.forEach((k, v) -> kdcConf.append("  ").append(k).append(" = ").append(v).append('\n'));
        if (kpasswdPort != 0) {
            kdcConf.append("  kpasswd_listen = ").append(HOST).append(':').append(kpasswdPort).append('\n')
                    .append("  kadmind_listen = ").append(HOST).append(':').append(kadminPort).append('\n');
        }
        kdcConf.append(" }\n")
                .append("[dbmodules]\n ").append(settings.realm).append(" = {\n")
                .append("  db_library = db2\n")
                .append("  disable_last_success = ").append(!settings.recordLastSuccess).append('\n')
                .append("  disable_lockout = ").append(!settings.recordLockout).append('\n')
                .append(" }\n")
                .append("[logging]\n")
                .append(" kdc = FILE:").append(d).append("/kdc.log\n")
                .append(" admin_server = FILE:").append(d).append("/kadmin.log\n")
                .append(" default = FILE:").append(d).append("/krb5.log\n");
        String krb5Conf = "[libdefaults]\n"
                + " default_realm = " + settings.realm + "\n"
                + " dns_lookup_kdc = false\n dns_lookup_realm = false\n rdns = false\n"
                + " dns_canonicalize_hostname = false\n forwardable = true\n"
                + "[realms]\n " + settings.realm + " = {\n  kdc = " + HOST + ":" + port + "\n"
                + (kpasswdPort == 0 ? "" : "  kpasswd_server = " + HOST + ":" + kpasswdPort + "\n"
                        + "  admin_server = " + HOST + ":" + kadminPort + "\n")
                + " }\n";
        TempDirectory.write(directory.resolve("kdc.conf"), kdcConf.toString());
        TempDirectory.write(directory.resolve("krb5.conf"), krb5Conf);
        TempDirectory.write(directory.resolve("kadm5.acl"), "");
    }

    /** Starts krb5kdc in its own session (so its -w workers form one process group), retrying on port clashes. */
    private void startKdc(Path krb5kdc, Path setsid) throws PeerException {
        for (int attempt = 1; ; attempt++) {
            List<String> command = new ArrayList<>(List.of(setsid.toString(), krb5kdc.toString(), "-n", "-r",
                    settings.realm));
            if (settings.workers > 0) {
                command.addAll(List.of("-w", Integer.toString(settings.workers)));
            }
            if (settings.clockOffsetSeconds != 0) {
                command.addAll(List.of("-T", Long.toString(settings.clockOffsetSeconds)));
            }
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(directory.resolve("krb5kdc.out").toFile());
            builder.environment().putAll(environment);
            try {
                kdc = builder.start();
            } catch (IOException e) {
                throw new PeerException("cannot start krb5kdc: " + e.getMessage(), e);
            }
            String clash = awaitServing();
            if (clash == null) {
                return;
            }
            stopKdc();
            if (attempt == PORT_ATTEMPTS) {
                throw new PeerException("krb5kdc found no free port in " + PORT_ATTEMPTS + " attempts: " + clash);
            }
            port = LoopbackPorts.probeFreeTcpAndUdpPort();
            writeConfig();
        }
    }

    /** Null once krb5kdc alone serves the port over UDP and TCP; the reason to retry on another port if not. */
    private String awaitServing() throws PeerException {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!kdc.isAlive()) {
                String log = TempDirectory.tail(directory.resolve("kdc.log"), 2000) + " / "
                        + TempDirectory.tail(directory.resolve("krb5kdc.out"), 1000);
                if (log.contains("Address already in use")) {
                    return "port " + port + " taken";
                }
                throw new PeerException("krb5kdc exited with " + kdc.exitValue() + " at startup: " + log);
            }
            Set<Long> ours = LoopbackPorts.socketInodesOf(kdc.toHandle());
            Set<Long> tcp = LoopbackPorts.tcpListenerInodes(port);
            Set<Long> udp = LoopbackPorts.udpSocketInodes(port);
            if (!Collections.disjoint(ours, tcp) && !Collections.disjoint(ours, udp)) {
                Set<Long> foreign = new HashSet<>(tcp);
                foreign.addAll(udp);
                foreign.removeAll(ours);
                if (!foreign.isEmpty()) {
                    // krb5kdc binds with SO_REUSEPORT, so another krb5kdc on this port did not stop it.
                    return "port " + port + " shared with another process (sockets " + foreign + ")";
                }
                if (tcpAccepts()) {
                    return null;
                }
            }
            sleep(10);
        }
        throw new PeerException("krb5kdc did not serve " + HOST + ":" + port + " within " + STARTUP_TIMEOUT + ": "
                + TempDirectory.tail(directory.resolve("kdc.log"), 2000));
    }

    /**
     * Starts kadmind (krb5-admin-server) beside krb5kdc, so the realm serves kpasswd (RFC 3244) on a free loopback
     * port, and names it in this realm's krb5.conf as {@code kpasswd_server}. Returns that port. Idempotent.
     *
     * @throws PeerException when kadmind is not installed or does not come up
     */
    public synchronized int startKadmind() throws PeerException {
        checkOpen();
        if (kadmind != null) {
            return kpasswdPort;
        }
        Path kadmindPath = Commands.find("kadmind", "krb5-admin-server");
        Path setsid = Commands.find("setsid", "util-linux");
        for (int attempt = 1; ; attempt++) {
            kpasswdPort = LoopbackPorts.probeFreeTcpAndUdpPort();
            do {
                kadminPort = LoopbackPorts.probeFreeTcpAndUdpPort();
            } while (kadminPort == kpasswdPort);
            writeConfig();
            ProcessBuilder builder = new ProcessBuilder(setsid.toString(), kadmindPath.toString(), "-nofork", "-r",
                    settings.realm).redirectErrorStream(true).redirectOutput(directory.resolve("kadmind.out").toFile());
            builder.environment().putAll(environment);
            try {
                kadmind = builder.start();
            } catch (IOException e) {
                throw new PeerException("cannot start kadmind: " + e.getMessage(), e);
            }
            long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
            String failure = null;
            while (failure == null && !accepts(kpasswdPort)) {
                if (!kadmind.isAlive()) {
                    failure = "kadmind exited with " + kadmind.exitValue() + ": "
                            + TempDirectory.tail(directory.resolve("kadmin.log"), 2000) + " / "
                            + TempDirectory.tail(directory.resolve("kadmind.out"), 1000);
                } else if (System.nanoTime() > deadline) {
                    failure = "kadmind did not serve kpasswd on " + HOST + ":" + kpasswdPort + " within "
                            + STARTUP_TIMEOUT;
                } else {
                    sleep(10);
                }
            }
            if (failure == null) {
                return kpasswdPort;
            }
            ProcessGroups.kill(kadmind.toHandle(), Duration.ofSeconds(5));
            kadmind = null;
            if (!failure.contains("Address already in use") || attempt == PORT_ATTEMPTS) {
                kpasswdPort = 0;
                writeConfig();
                throw new PeerException(failure);
            }
        }
    }

    /** kadmind's kpasswd port, 0 until {@link #startKadmind()}. */
    public synchronized int kpasswdPort() {
        return kpasswdPort;
    }

    private boolean tcpAccepts() {
        return accepts(port);
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void sleep(long millis) throws PeerException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerException("interrupted while waiting for krb5kdc", e);
        }
    }

    /**
     * Adds a principal ({@code addprinc}). With a password, it is typed on stdin; with {@code null}, the options
     * must say how keys are made ({@code "-randkey"} or {@code "-nokey"}).
     *
     * @param options kadmin addprinc options as separate words, e.g. {@code "+requires_preauth"},
     *                {@code "+ok_to_auth_as_delegate"}, {@code "-e", "aes256-cts-hmac-sha1-96:normal"},
     *                {@code "-maxrenewlife", "2d"}, {@code "-policy", "lockout"}
     */
    public void addPrincipal(String name, String password, String... options) throws PeerException {
        List<String> args = new ArrayList<>(List.of("addprinc"));
        args.addAll(words(options));
        args.add(principalWord(name));
        admin(args, password == null ? null : passwordTwice(password));
    }

    /** {@code modprinc} with the given options (e.g. {@code "+requires_preauth"}, {@code "-maxlife", "1h"}). */
    public void modifyPrincipal(String name, String... options) throws PeerException {
        List<String> args = new ArrayList<>(List.of("modprinc"));
        args.addAll(words(options));
        args.add(principalWord(name));
        admin(args, null);
    }

    /** {@code modprinc -allow_tix}: the KDC then refuses the client with KDC_ERR_CLIENT_REVOKED. */
    public void disable(String name) throws PeerException {
        modifyPrincipal(name, "-allow_tix");
    }

    /** {@code modprinc +allow_tix}. */
    public void enable(String name) throws PeerException {
        modifyPrincipal(name, "+allow_tix");
    }

    /** Sets the password expiry to 1980: the KDC answers an AS-REQ for a ticket with KDC_ERR_KEY_EXPIRED. */
    public void expirePassword(String name) throws PeerException {
        modifyPrincipal(name, "-pwexpire", "1980-01-01 00:00:00 UTC");
    }

    /** {@code cpw}: a new password (typed on stdin), a new key version. */
    public void changePassword(String name, String password) throws PeerException {
        admin(List.of("cpw", principalWord(name)), passwordTwice(Objects.requireNonNull(password, "password")));
    }

    /**
     * Adds a policy with lockout accounting ({@code addpol -maxfailure -failurecountinterval -lockoutduration}).
     * A huge {@code maxFailure} (100000) gives the cost of lockout accounting without ever locking out.
     */
    public void addLockoutPolicy(String policy, int maxFailure, Duration failureCountInterval,
            Duration lockoutDuration) throws PeerException {
        if (maxFailure < 0) {
            throw new IllegalArgumentException("maxFailure must be >= 0: " + maxFailure);
        }
        admin(List.of("addpol", "-maxfailure", Integer.toString(maxFailure), "-failurecountinterval",
                failureCountInterval.toSeconds() + "s", "-lockoutduration", lockoutDuration.toSeconds() + "s",
                word(policy, "policy")), null);
    }

    /** {@code modprinc -policy}: puts the principal under a policy (e.g. one from {@link #addLockoutPolicy}). */
    public void assignPolicy(String principal, String policy) throws PeerException {
        modifyPrincipal(principal, "-policy", word(policy, "policy"));
    }

    /** {@code getprinc} as kadmin prints it (attributes, key list, last success and failure, policy). */
    public String getPrincipal(String name) throws PeerException {
        return admin(List.of("getprinc", principalWord(name)), null);
    }

    /**
     * {@code ktadd -k keytab [-e enctypes] principal}: writes the principal's keys to a keytab. Like kadmin, this
     * RANDOMIZES the keys first (a new kvno; a password no longer works), and with enctypes the principal keeps
     * only those. Use {@link #ktaddKeepingKeys} for a password principal.
     *
     * @param enctypes MIT names, optionally with ":salt" (e.g. {@code "aes256-cts-hmac-sha1-96"}); none = the
     *                 realm's supported enctypes
     */
    public void ktadd(Path keytab, String principal, String... enctypes) throws PeerException {
        List<String> args = new ArrayList<>(List.of("ktadd", "-k", keytab.toAbsolutePath().toString()));
        if (enctypes.length > 0) {
            args.addAll(List.of("-e", String.join(",", words(enctypes))));
        }
        args.add(principalWord(principal));
        admin(args, null);
    }

    /** {@code ktadd -norandkey}: exports the current keys unchanged (a password keeps working). */
    public void ktaddKeepingKeys(Path keytab, String principal) throws PeerException {
        admin(List.of("ktadd", "-k", keytab.toAbsolutePath().toString(), "-norandkey", principalWord(principal)),
                null);
    }

    /** Runs any kadmin.local command (as separate words) against this realm; a failure is a result. */
    public ToolResult kadmin(String... args) throws PeerException {
        List<String> command = kadminCommand(words(args));
        Commands.Separated out = Commands.runSeparated(command, environment, null, COMMAND_TIMEOUT);
        return new ToolResult(command, out.exitCode(), out.stdout(), out.stderr(), "");
    }

    private String admin(List<String> args, String stdin) throws PeerException {
        checkOpen();
        List<String> command = kadminCommand(args);
        Commands.Separated out = Commands.runSeparated(command, environment, stdin, COMMAND_TIMEOUT);
        if (out.exitCode() != 0) {
            throw new PeerException(String.join(" ", command) + " exited with " + out.exitCode() + ": "
                    + out.stderr().strip());
        }
        return out.stdout();
    }

    private List<String> kadminCommand(List<String> args) {
        List<String> command = new ArrayList<>(List.of(kadminLocal.toString(), "-r", settings.realm));
        command.addAll(args);
        return command;
    }

    private static String passwordTwice(String password) {
        if (password.indexOf('\n') >= 0 || password.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("kadmin reads a password as a line: it cannot contain newlines");
        }
        return password + "\n" + password + "\n";
    }

    private static List<String> words(String... words) {
        List<String> list = new ArrayList<>();
        for (String w : words) {
            Objects.requireNonNull(w, "option");
            if (w.isEmpty() || w.indexOf('\n') >= 0 || w.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("empty or multi-line kadmin word: " + w);
            }
            list.add(w);
        }
        return list;
    }

    private static String principalWord(String name) {
        String w = word(name, "principal name");
        if (w.startsWith("-") || w.startsWith("+")) {
            throw new IllegalArgumentException("principal name would read as an option: " + name);
        }
        return w;
    }

    private static String word(String value, String what) {
        requireWord(value, what);
        return value;
    }

    private static void requireWord(String value, String what) {
        if (value == null || !KADMIN_WORD.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must be one word without spaces or controls: " + value);
        }
    }

    public String realm() {
        return settings.realm;
    }

    /** The loopback port krb5kdc serves over both UDP and TCP. */
    public int port() {
        return port;
    }

    /** {@value #HOST}. */
    public String host() {
        return HOST;
    }

    /** The private directory with kdc.conf, krb5.conf, the database, stash and logs. */
    public Path directory() {
        return directory;
    }

    /** A krb5.conf naming this realm's KDC (MIT's default transport order); clients use {@link MitKrb5Client}. */
    public Path krb5Conf() {
        return directory.resolve("krb5.conf");
    }

    public Path kdcConf() {
        return directory.resolve("kdc.conf");
    }

    /** krb5kdc's log: one line per AS/TGS request with its verdict ("ISSUE", "PREAUTH_FAILED", ...). */
    public Path kdcLog() {
        return directory.resolve("kdc.log");
    }

    /**
     * The environment MIT's tools need against this realm: KRB5_CONFIG, KRB5_KDC_PROFILE, and a private
     * KRB5CCNAME, KRB5_KTNAME and KRB5RCACHEDIR, LC_ALL=C, TZ=UTC.
     */
    public Map<String, String> environment() {
        return environment;
    }

    /** The process id of krb5kdc (the supervisor with -w), also its process group id. */
    public long pid() {
        return kdc.pid();
    }

    /** A client of this KDC preferring {@code transport}; the caller closes it. */
    public MitKrb5Client newClient(KdcTransport transport) throws PeerException {
        return MitKrb5Client.builder(settings.realm, HOST, port).transport(transport).create();
    }

    private synchronized void checkOpen() {
        if (closed) {
            throw new IllegalStateException("KDC closed");
        }
    }

    /** Kills krb5kdc's whole process group (the supervisor and its -w workers) and deletes the directory. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        stopKdc();
        TempDirectory.deleteTree(directory);
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down
            }
        }
    }

    private void stopKdc() {
        if (kadmind != null) {
            ProcessGroups.kill(kadmind.toHandle(), Duration.ofSeconds(5));
            kadmind = null;
        }
        if (kdc == null) {
            return;
        }
        ProcessGroups.kill(kdc.toHandle(), Duration.ofSeconds(5));
        kdc = null;
    }

    @Override
    public String toString() {
        return "MitKdc[" + settings.realm + " at " + HOST + ":" + port + ", " + directory + "]";
    }
}
