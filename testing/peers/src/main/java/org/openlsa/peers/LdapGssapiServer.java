package org.openlsa.peers;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A private OpenLDAP slapd (Debian's slapd 2.5) that accepts SASL/GSSAPI binds with MIT's libgssapi (Cyrus SASL's
 * gssapiv2 plugin) and a keytab: the LDAP acceptor for clients such as {@code ldapwhoami -Y GSSAPI} and
 * {@code ldapsearch -Y GSSAPI}. It listens on 127.0.0.1 only, keeps its configuration and an ldif database under a
 * temporary directory, and runs in the foreground with its log in that directory.
 *
 * <p>The service principal is {@code ldap/<serviceHost>}. Two things make a client ask for exactly that name:
 * {@code -N} (SASL_NOCANON), without which libldap names the service after the peer address (for 127.0.0.1 it
 * takes the machine's own host name); and a resolver that maps {@code serviceHost} to 127.0.0.1 without touching
 * /etc/hosts: nss_wrapper preloaded with {@link #hostsFile()} ({@link #whoami()} carries that environment). The
 * client's krb5.conf must map the host to the realm ({@code [domain_realm]}) unless the KDC answers referrals.
 *
 * <p>There is no {@code authz-regexp}: the bind's DN is slapd's own {@code uid=<user>,cn=<realm>,cn=gssapi,cn=auth}
 * ({@link #authzDn}), which names who authenticated. The suffix {@value #SUFFIX} holds one entry readable only by
 * an authenticated client, so a successful {@link #search()} also proves the bind.
 */
public final class LdapGssapiServer implements AutoCloseable {
    /** The one entry the database holds. */
    public static final String SUFFIX = "dc=openlsa,dc=test";
    /** The address slapd binds and {@link #hostsFile()} maps the service host to. */
    public static final String HOST = "127.0.0.1";

    private static final Pattern DNS_NAME = Pattern.compile("[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?");
    private static final Pattern REALM = Pattern.compile("[A-Z0-9][A-Z0-9.-]{0,62}");
    private static final Path CORE_SCHEMA = Path.of("/etc/ldap/schema/core.schema");
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(20);
    private static final int PORT_ATTEMPTS = 10;

    private final Path directory;
    private final Path privateDirectory;
    private final String serviceHost;
    private final String realm;
    private final Path nssWrapper;
    private final Thread shutdownHook;
    private Process slapd;
    private int port;
    private boolean closed;

    private LdapGssapiServer(Path directory, String serviceHost, String realm, Path nssWrapper) {
        this.directory = directory;
        this.privateDirectory = directory.resolve("slapd");
        this.serviceHost = serviceHost;
        this.realm = realm;
        this.nssWrapper = nssWrapper;
        this.shutdownHook = new Thread(this::close, "slapd-shutdown");
    }

    /**
     * Starts slapd accepting {@code ldap/<serviceHost>@<realm>} from {@code keytab}, for the realm(s)
     * {@code krb5Conf} describes.
     *
     * @param serviceHost the SPN's host part, lower case (e.g. {@code ldap.test.local}); also slapd's sasl-host
     * @param realm       slapd's sasl-realm: the realm its bind DNs name
     * @throws PeerException if slapd, slapadd, ldap-utils or nss_wrapper is missing, or slapd does not come up
     */
    public static LdapGssapiServer start(Path krb5Conf, Path keytab, String serviceHost, String realm)
            throws PeerException {
        if (serviceHost == null || !DNS_NAME.matcher(serviceHost).matches()) {
            throw new IllegalArgumentException("serviceHost must be a lower-case DNS name: " + serviceHost);
        }
        if (realm == null || !REALM.matcher(realm).matches()) {
            throw new IllegalArgumentException("realm must match " + REALM.pattern() + ": " + realm);
        }
        Path slapdBinary = Commands.find("slapd", "slapd");
        Path slapadd = Commands.find("slapadd", "slapd");
        Commands.require(CORE_SCHEMA, "slapd");
        Commands.find("ldapwhoami", "ldap-utils");
        multiarchLibrary("sasl2/libgssapiv2.so", "libsasl2-modules-gssapi-mit");
        Path nssWrapper = multiarchLibrary("libnss_wrapper.so", "libnss-wrapper");
        LdapGssapiServer server = new LdapGssapiServer(TempDirectory.create("openlsa-slapd-"), serviceHost, realm,
                nssWrapper);
        Runtime.getRuntime().addShutdownHook(server.shutdownHook);
        try {
            server.prepare(slapadd);
            server.startSlapd(slapdBinary, krb5Conf, keytab);
            return server;
        } catch (PeerException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private static Path multiarchLibrary(String name, String debianPackage) throws PeerException {
        for (String dir : List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64",
                "/usr/lib")) {
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return Commands.require(Path.of("/usr/lib/x86_64-linux-gnu", name), debianPackage);
    }

    /**
     * The directory layout: the top directory is traversable by every user, so a client started as another user
     * (the daemon's test runs ldapwhoami as a throwaway OS user) reads the hosts file; slapd's configuration,
     * database and log stay in a subdirectory only root enters.
     */
    private void prepare(Path slapadd) throws PeerException {
        try {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx--x--x"));
            Files.createDirectory(privateDirectory,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Files.createDirectory(privateDirectory.resolve("db"));
        } catch (IOException e) {
            throw new PeerException("cannot prepare " + directory + ": " + e.getMessage(), e);
        }
        TempDirectory.write(hostsFile(), HOST + " " + serviceHost + "\n");
        try {
            Files.setPosixFilePermissions(hostsFile(), PosixFilePermissions.fromString("rw-r--r--"));
        } catch (IOException e) {
            throw new PeerException("cannot chmod " + hostsFile() + ": " + e.getMessage(), e);
        }
        String p = privateDirectory.toString();
        TempDirectory.write(configFile(), "# a private slapd of one OpenLSA test run\n"
                + "include " + CORE_SCHEMA + "\n"
                + "pidfile " + p + "/slapd.pid\n"
                + "argsfile " + p + "/slapd.args\n"
                // Cyrus' GSSAPI plugin accepts for service@sasl-host; without it slapd uses its own host name.
                + "sasl-host " + serviceHost + "\n"
                + "sasl-realm " + realm + "\n"
                // The root DSE for everybody (supportedSASLMechanisms); the data only for a bound client.
                + "access to dn.base=\"\" by * read\n"
                + "access to * by users read by * none\n"
                + "database ldif\n"
                + "directory " + p + "/db\n"
                + "suffix \"" + SUFFIX + "\"\n");
        TempDirectory.write(privateDirectory.resolve("base.ldif"), "dn: " + SUFFIX + "\n"
                + "objectClass: dcObject\nobjectClass: organization\ndc: openlsa\no: OpenLSA test peer\n");
        Commands.run(List.of(slapadd.toString(), "-q", "-f", configFile().toString(), "-l",
                privateDirectory.resolve("base.ldif").toString()), Map.of(), null, COMMAND_TIMEOUT);
    }

    /** Starts slapd in the foreground, retrying on another port when the probed one was taken meanwhile. */
    private void startSlapd(Path slapdBinary, Path krb5Conf, Path keytab) throws PeerException {
        for (int attempt = 1; ; attempt++) {
            port = probeFreeTcpPort();
            // -d keeps slapd in the foreground (no fork, so destroy() reaches it); "config" shows why a
            // configuration line is refused, "stats" one line per operation (BIND ... mech=GSSAPI, WHOAMI).
            ProcessBuilder builder = new ProcessBuilder(slapdBinary.toString(), "-h", "ldap://" + HOST + ":" + port
                    + "/", "-f", configFile().toString(), "-d", "config,stats").redirectErrorStream(true)
                    .redirectOutput(log().toFile());
            Map<String, String> env = builder.environment();
            env.put("KRB5_CONFIG", krb5Conf.toAbsolutePath().toString());
            env.put("KRB5_KTNAME", "FILE:" + keytab.toAbsolutePath());
            // An acceptor needs no cache of its own; the replay cache stays in the private directory.
            env.put("KRB5CCNAME", "FILE:" + privateDirectory.resolve("no-default.ccache"));
            env.put("KRB5RCACHEDIR", privateDirectory.toString());
            env.remove("KRB5_TRACE");
            try {
                slapd = builder.start();
            } catch (IOException e) {
                throw new PeerException("cannot start slapd: " + e.getMessage(), e);
            }
            String clash = awaitServing();
            if (clash == null) {
                return;
            }
            stopSlapd();
            if (attempt == PORT_ATTEMPTS) {
                throw new PeerException("slapd found no free port in " + PORT_ATTEMPTS + " attempts: " + clash);
            }
        }
    }

    /** Null once slapd listens on the port and accepts; the reason to retry on another port if it lost the race. */
    private String awaitServing() throws PeerException {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!slapd.isAlive()) {
                String log = TempDirectory.tail(log(), 3000);
                if (log.contains("Address already in use")) {
                    return "port " + port + " taken";
                }
                throw new PeerException("slapd exited with " + slapd.exitValue() + " at startup: " + log);
            }
            Set<Long> listeners = LoopbackPorts.tcpListenerInodes(port);
            if (!Collections.disjoint(LoopbackPorts.socketInodesOf(slapd.toHandle()), listeners) && accepts()) {
                return null;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PeerException("interrupted while waiting for slapd", e);
            }
        }
        throw new PeerException("slapd did not serve " + HOST + ":" + port + " within " + STARTUP_TIMEOUT + ": "
                + TempDirectory.tail(log(), 3000));
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int probeFreeTcpPort() throws PeerException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new PeerException("no free loopback TCP port: " + e.getMessage(), e);
        }
    }

    /**
     * A client command line with the environment it needs besides the Kerberos one (KRB5_CONFIG and KRB5CCNAME
     * come from the caller: FILE: or KCM:).
     *
     * @param argv        the program and its arguments
     * @param environment LD_PRELOAD and NSS_WRAPPER_HOSTS (the service host resolves to 127.0.0.1) and
     *                    LDAPNOINIT (no /etc/ldap/ldap.conf or ~/.ldaprc)
     */
    public record ClientCommand(List<String> argv, Map<String, String> environment) {
        private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=,+@%-]+");

        public ClientCommand {
            argv = List.copyOf(argv);
            environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        }

        /** The command as one /bin/sh line: {@code env VAR=value ... program args}, quoted where needed. */
        public String shellLine() {
            List<String> words = new ArrayList<>(List.of("env"));
            environment.forEach((k, v) -> words.add(k + "=" + v));
            words.addAll(argv);
            StringBuilder line = new StringBuilder();
            for (String word : words) {
                if (!line.isEmpty()) {
                    line.append(' ');
                }
                line.append(PLAIN.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'");
            }
            return line.toString();
        }
    }

    /**
     * {@code ldapwhoami -Y GSSAPI -N -H ldap://<serviceHost>:<port>}: on success prints {@link #authzDn} of the
     * ticket's client on stdout (and "SASL username: user@REALM" on stderr).
     */
    public ClientCommand whoami() {
        return client("ldapwhoami", List.of());
    }

    /**
     * {@code ldapsearch -Y GSSAPI -N -H ... -LLL -b SUFFIX -s base (objectClass=*) dc}: prints
     * {@code dn: dc=openlsa,dc=test} only to a bound client (an anonymous one is told "No such object").
     */
    public ClientCommand search() {
        return client("ldapsearch", List.of("-LLL", "-b", SUFFIX, "-s", "base", "(objectClass=*)", "dc"));
    }

    private ClientCommand client(String program, List<String> extra) {
        List<String> argv = new ArrayList<>(List.of(program));
        // -N: use the URI's host for the service name (SASL_NOCANON); see the class comment.
        argv.addAll(List.of("-Y", "GSSAPI", "-N", "-H", uri()));
        argv.addAll(extra);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("LDAPNOINIT", "1");
        env.put("LD_PRELOAD", nssWrapper.toString());
        env.put("NSS_WRAPPER_HOSTS", hostsFile().toString());
        return new ClientCommand(argv, env);
    }

    /** The DN slapd gives a GSSAPI bind of {@code user@realm}: {@code uid=user,cn=realm,cn=gssapi,cn=auth}. */
    public String authzDn(String user) {
        return "uid=" + user + ",cn=" + realm.toLowerCase(Locale.ROOT) + ",cn=gssapi,cn=auth";
    }

    public int port() {
        return port;
    }

    /** {@code ldap://<serviceHost>:<port>}. */
    public String uri() {
        return "ldap://" + serviceHost + ":" + port;
    }

    public String serviceHost() {
        return serviceHost;
    }

    /** {@code ldap/<serviceHost>}: the principal the keytab must hold. */
    public String servicePrincipal() {
        return "ldap/" + serviceHost;
    }

    /** The nss_wrapper hosts file mapping the service host to 127.0.0.1 (readable by every user). */
    public Path hostsFile() {
        return directory.resolve("hosts");
    }

    /** The tail of slapd's log (stats: one line per connection and operation), for assertion messages. */
    public String logTail() {
        return TempDirectory.tail(log(), 4000);
    }

    private Path configFile() {
        return privateDirectory.resolve("slapd.conf");
    }

    private Path log() {
        return privateDirectory.resolve("slapd.log");
    }

    private void stopSlapd() {
        Process process = slapd;
        slapd = null;
        if (process == null) {
            return;
        }
        // SIGTERM: slapd closes its listener and database at once; SIGKILL if it does not.
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Stops slapd and deletes the directory. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        stopSlapd();
        TempDirectory.deleteTree(directory);
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down already
            }
        }
    }

    @Override
    public String toString() {
        return "LdapGssapiServer[" + uri() + ", " + Objects.requireNonNull(directory) + "]";
    }
}
