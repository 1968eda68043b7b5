package org.openlsa.peers;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.openlsa.peers.jdk.JdkKerberosMain;

/**
 * The JDK's own Kerberos (Krb5LoginModule and JGSS) as an independent peer. Every operation runs in a fresh child
 * JVM ({@code java} of this JVM's {@code java.home}, with {@code -Djava.security.krb5.conf}) executing
 * {@link JdkKerberosMain}, so the JDK's process-wide Kerberos state never leaks into the caller's JVM or from one
 * operation into the next. A child JVM costs about half a second.
 *
 * <p>The JDK's exceptions are verdicts ({@link JdkOutcome#error()}); a PeerException means the child could not be
 * run or answered garbage. Passwords go to the child on stdin.
 */
public final class JdkKerberosPeer {
    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(60);

    private final Path krb5Conf;
    private final boolean debug;

    private JdkKerberosPeer(Path krb5Conf, boolean debug) {
        this.krb5Conf = krb5Conf.toAbsolutePath();
        this.debug = debug;
    }

    /** A peer whose child JVMs read {@code krb5Conf} (e.g. {@link MitKrb5Client#krb5Conf()}). */
    public static JdkKerberosPeer using(Path krb5Conf) {
        return new JdkKerberosPeer(Objects.requireNonNull(krb5Conf, "krb5Conf"), false);
    }

    /**
     * The same peer with the JDK's Kerberos debug output ({@code sun.security.krb5.debug},
     * {@code sun.security.jgss.debug}) captured into {@link JdkOutcome#log()}.
     */
    public JdkKerberosPeer withDebug(boolean on) {
        return new JdkKerberosPeer(krb5Conf, on);
    }

    /** Krb5LoginModule with {@code principal} and {@code password} (through a CallbackHandler): the TGT. */
    public JdkOutcome<JdkLogin> login(String principal, String password) throws PeerException {
        return run(List.of("login", "principal=" + arg(principal)), password, JdkKerberosPeer::loginOf);
    }

    /**
     * A password login of {@code principal}, then a JGSS initiator towards {@code target} and a JGSS acceptor with
     * the keys of {@code keytab} (an unbound KeyTab: any principal in it), in one child JVM. The initiator always
     * requests confidentiality and integrity; {@code flags} adds mutual authentication, delegation, replay and
     * sequence detection.
     *
     * @param target "service@host" for {@link GssNameType#HOSTBASED_SERVICE}, a principal otherwise
     */
    public JdkOutcome<JdkHandshake> handshake(String principal, String password, String target,
            GssNameType nameType, Path keytab, GssFlag... flags) throws PeerException {
        String flagList = Arrays.stream(flags).map(GssFlag::pythonName).collect(Collectors.joining(","));
        return run(List.of("handshake", "principal=" + arg(principal), "target=" + arg(target),
                "nameType=" + nameType.wireName(), "keytab=" + keytab.toAbsolutePath(), "flags=" + flagList),
                password, JdkKerberosPeer::handshakeOf);
    }

    /**
     * S4U2Self: logs {@code service} in from {@code keytab} (its TGT must be forwardable), impersonates
     * {@code user}, then initiates with the impersonated credential to the service itself, which JGSS always does
     * through S4U2Proxy, and accepts the result with the same keytab.
     */
    public JdkOutcome<JdkImpersonation> impersonate(String service, Path keytab, String user) throws PeerException {
        return run(List.of("impersonate", "service=" + arg(service), "keytab=" + keytab.toAbsolutePath(),
                "user=" + arg(user)), null, JdkKerberosPeer::impersonationOf);
    }

    /**
     * As {@link #impersonate(String, Path, String)}, initiating to {@code target} (S4U2Proxy), and accepting the
     * result with {@code targetKeytab} unless it is null.
     */
    public JdkOutcome<JdkImpersonation> impersonate(String service, Path keytab, String user, String target,
            Path targetKeytab) throws PeerException {
        List<String> args = new ArrayList<>(List.of("impersonate", "service=" + arg(service),
                "keytab=" + keytab.toAbsolutePath(), "user=" + arg(user), "target=" + arg(target)));
        if (targetKeytab != null) {
            args.add("targetKeytab=" + targetKeytab.toAbsolutePath());
        }
        return run(args, null, JdkKerberosPeer::impersonationOf);
    }

    private static String arg(String value) {
        if (value == null || value.isEmpty() || value.chars().anyMatch(c -> c < 0x20)) {
            throw new IllegalArgumentException("empty or control characters: " + value);
        }
        return value;
    }

    private <T> JdkOutcome<T> run(List<String> operation, String password, Function<Map<String, Object>, T> decode)
            throws PeerException {
        if (password != null && (password.indexOf('\n') >= 0 || password.indexOf('\r') >= 0)) {
            throw new IllegalArgumentException("the child reads the password as a line: no newlines");
        }
        Path java = Commands.require(Path.of(System.getProperty("java.home"), "bin", "java"), "a JDK");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-cp", classPath(),
                // a short-lived client: C1 only and the serial GC start fastest
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-Djava.security.krb5.conf=" + krb5Conf));
        if (debug) {
            command.add("-Dsun.security.krb5.debug=true");
            command.add("-Dsun.security.jgss.debug=true");
        }
        command.add(JdkKerberosMain.class.getName());
        command.addAll(operation);
        Map<String, String> env = new LinkedHashMap<>();
        // An inherited agent or option (surefire, IDEs) must not change the child.
        env.put("JAVA_TOOL_OPTIONS", null);
        env.put("JDK_JAVA_OPTIONS", null);
        env.put("_JAVA_OPTIONS", null);
        env.put("LC_ALL", "C");
        env.put("TZ", "UTC");
        Commands.Separated out = Commands.runSeparated(command, env, password == null ? null : password + "\n",
                CHILD_TIMEOUT);
        String line = out.stdout().strip();
        if (line.isEmpty() || (out.exitCode() != 0 && out.exitCode() != 2)) {
            throw new PeerException("JDK peer child exited with " + out.exitCode() + " and printed " + line
                    + "; stderr: " + out.stderr().strip());
        }
        String lastLine = line.substring(line.lastIndexOf('\n') + 1);
        Map<String, Object> reply = asMap(JsonReader.parse(lastLine));
        String log = out.stderr();
        if (Boolean.TRUE.equals(reply.get("ok"))) {
            try {
                return new JdkOutcome<>(Optional.of(decode.apply(reply)), Optional.empty(), log);
            } catch (RuntimeException e) {
                throw new PeerException("unexpected JDK peer reply " + lastLine + ": " + e, e);
            }
        }
        return new JdkOutcome<>(Optional.empty(), Optional.of(errorOf(reply)), log);
    }

    /** The peers classes: this module's directory or jar (JdkKerberosMain needs nothing else). */
    private static String classPath() throws PeerException {
        CodeSource source = JdkKerberosMain.class.getProtectionDomain().getCodeSource();
        if (source == null) {
            throw new PeerException("cannot locate the peers classes for the JDK child JVM");
        }
        try {
            Path path = Path.of(source.getLocation().toURI());
            if (!Files.exists(path)) {
                throw new PeerException("peers classes not found at " + path);
            }
            return path.toString();
        } catch (URISyntaxException e) {
            throw new PeerException("cannot locate the peers classes: " + e.getMessage(), e);
        }
    }

    private static JdkError errorOf(Map<String, Object> reply) {
        return new JdkError(string(reply, "error"), reply.get("message") == null ? "" : string(reply, "message"),
                list(reply, "causes").stream().map(Object::toString).toList());
    }

    private static JdkLogin loginOf(Map<String, Object> m) {
        return new JdkLogin(string(m, "client"), string(m, "server"), (int) number(m, "sessionKeyEnctype"),
                strings(m, "flags"), instant(m, "authTime"), instant(m, "startTime"),
                instant(m, "endTime").orElseThrow(), instant(m, "renewTill"));
    }

    private static JdkHandshake handshakeOf(Map<String, Object> m) {
        return new JdkHandshake(bool(m, "initiatorEstablished"), bool(m, "acceptorEstablished"),
                string(m, "initiatorSource"), string(m, "initiatorTarget"), string(m, "acceptorSource"),
                string(m, "acceptorTarget"), bool(m, "mutual"), bool(m, "credentialsDelegated"),
                Optional.ofNullable((String) m.get("delegatedCredential")), (int) number(m, "sessionKeyEnctype"),
                strings(m, "ticketFlags"),
                list(m, "authzDataTypes").stream().map(o -> ((Number) o).intValue()).toList(),
                bool(m, "wrapRoundTrip"));
    }

    private static JdkImpersonation impersonationOf(Map<String, Object> m) {
        Map<String, Object> initiation = asMapUnchecked(m.get("initiation"));
        boolean ok = Boolean.TRUE.equals(initiation.get("ok"));
        return new JdkImpersonation(loginOf(asMapUnchecked(m.get("serviceTgt"))), string(m, "impersonatedName"),
                ok ? Optional.empty() : Optional.of(errorOf(initiation)),
                Optional.ofNullable((String) initiation.get("acceptorSource")));
    }

    private static Map<String, Object> asMap(Object value) throws PeerException {
        if (!(value instanceof Map<?, ?>)) {
            throw new PeerException("JDK peer reply is not an object: " + value);
        }
        return asMapUnchecked(value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMapUnchecked(Object value) {
        return (Map<String, Object>) Objects.requireNonNull(value, "object");
    }

    private static String string(Map<String, Object> m, String key) {
        return (String) Objects.requireNonNull(m.get(key), key);
    }

    private static boolean bool(Map<String, Object> m, String key) {
        return (Boolean) Objects.requireNonNull(m.get(key), key);
    }

    private static long number(Map<String, Object> m, String key) {
        return ((Number) Objects.requireNonNull(m.get(key), key)).longValue();
    }

    private static List<?> list(Map<String, Object> m, String key) {
        Object value = m.get(key);
        return value == null ? List.of() : (List<?>) value;
    }

    private static Set<String> strings(Map<String, Object> m, String key) {
        return new HashSet<>(list(m, key).stream().map(Object::toString).toList());
    }

    private static Optional<Instant> instant(Map<String, Object> m, String key) {
        Object value = m.get(key);
        return value == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(((Number) value).longValue()));
    }

    @Override
    public String toString() {
        return "JdkKerberosPeer[" + krb5Conf + "]";
    }
}
