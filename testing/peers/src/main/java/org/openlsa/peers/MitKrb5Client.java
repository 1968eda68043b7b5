package org.openlsa.peers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * MIT krb5's client tools (Debian's krb5-user: kinit, klist, kvno, kdestroy) against any KDC: its own krb5.conf
 * and credential cache in a private temporary directory, so nothing of the host's Kerberos setup is read or
 * written. The krb5.conf is also valid for the JDK ({@code -Djava.security.krb5.conf}).
 *
 * <p>Tools run with LC_ALL=C and TZ=UTC (klist's times are then parseable) and, unless turned off, KRB5_TRACE
 * into {@link ToolResult#trace()}. A failing tool is a {@link ToolResult} with MIT's message on stderr, not an
 * exception; PeerException means a tool could not be run at all.
 *
 * <p>MIT clients adopt the KDC's clock from its replies ({@code kdc_timesync}, on by default), so a shifted KDC
 * clock only shows as "Clock skew too great" with {@code libdefault("kdc_timesync", "0")}.
 */
public final class MitKrb5Client implements AutoCloseable {
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern WORD = Pattern.compile("[^\\s\\p{Cntrl}=\\[\\]{}]+");
    private static final Pattern TICKET_LINE =
            Pattern.compile("^(\\d\\d/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d)\\s+(\\d\\d/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d)\\s+(\\S+)$");
    private static final Pattern RENEW = Pattern.compile("renew until (\\d\\d/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d)");
    private static final Pattern FLAGS = Pattern.compile("Flags: (\\w+)");
    private static final Pattern FOR_CLIENT = Pattern.compile("for client ([^,\\s]+)");
    private static final Pattern KVNO = Pattern.compile("^(.+): kvno = (\\d+)$", Pattern.MULTILINE);
    /** klist's "%x %X" in the C locale. */
    private static final DateTimeFormatter KLIST_TIME = DateTimeFormatter.ofPattern("MM/dd/yy HH:mm:ss");

    private final String realm;
    private final Path directory;
    private final boolean trace;
    private final Map<String, String> environment;
    private final AtomicInteger runs = new AtomicInteger();
    private volatile boolean closed;

    private MitKrb5Client(String realm, Path directory, boolean trace) {
        this.realm = realm;
        this.directory = directory;
        this.trace = trace;
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KRB5_CONFIG", directory.resolve("krb5.conf").toString());
        env.put("KRB5CCNAME", "FILE:" + directory.resolve("ccache"));
        env.put("KRB5_KTNAME", "FILE:" + directory.resolve("default.keytab"));
        env.put("KRB5_CLIENT_KTNAME", "FILE:" + directory.resolve("client.keytab"));
        env.put("KRB5RCACHEDIR", directory.toString());
        env.put("LC_ALL", "C");
        env.put("TZ", "UTC");
        this.environment = Collections.unmodifiableMap(env);
    }

    /** A client for the KDC at {@code kdcHost:kdcPort} serving {@code realm}. */
    public static Builder builder(String realm, String kdcHost, int kdcPort) {
        return new Builder(realm, kdcHost, kdcPort);
    }

    /** How the client's krb5.conf is written. */
    public static final class Builder {
        private final String realm;
        private final String kdcHost;
        private final int kdcPort;
        private KdcTransport transport = KdcTransport.TCP;
        private List<Krb5Enctype> enctypes = List.of();
        private final Map<String, String> libdefaults = new LinkedHashMap<>();
        private boolean trace = true;

        private Builder(String realm, String kdcHost, int kdcPort) {
            this.realm = word(realm, "realm");
            this.kdcHost = word(kdcHost, "KDC host");
            if (kdcPort < 1 || kdcPort > 65535) {
                throw new IllegalArgumentException("port out of range: " + kdcPort);
            }
            this.kdcPort = kdcPort;
        }

        /** Which transport is tried first (default TCP); see {@link KdcTransport}. */
        public Builder transport(KdcTransport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /**
         * Sets {@code permitted_enctypes}, {@code default_tkt_enctypes} and {@code default_tgs_enctypes} to these,
         * in this order of preference; none (default) leaves MIT's and the JDK's defaults.
         */
        public Builder enctypes(Krb5Enctype... enctypes) {
            this.enctypes = List.of(enctypes);
            return this;
        }

        /** Any other [libdefaults] relation (e.g. {@code kdc_timesync = 0}, {@code allow_weak_crypto = true}). */
        public Builder libdefault(String key, String value) {
            libdefaults.put(word(key, "key"), word(value, "value"));
            return this;
        }

        /** Whether each tool runs with KRB5_TRACE captured into {@link ToolResult#trace()} (default on). */
        public Builder trace(boolean trace) {
            this.trace = trace;
            return this;
        }

        /** Writes the krb5.conf into a new private directory. */
        public MitKrb5Client create() throws PeerException {
            MitKrb5Client client = new MitKrb5Client(realm, TempDirectory.create("openlsa-mitclient-"), trace);
            try {
                TempDirectory.write(client.krb5Conf(), krb5Conf());
            } catch (PeerException e) {
                client.close();
                throw e;
            }
            return client;
        }

        private String krb5Conf() {
            Map<String, String> defaults = new LinkedHashMap<>();
            defaults.put("default_realm", realm);
            defaults.put("dns_lookup_kdc", "false");
            defaults.put("dns_lookup_realm", "false");
            defaults.put("rdns", "false");
            defaults.put("dns_canonicalize_hostname", "false");
            defaults.put("forwardable", "true");
            defaults.put("udp_preference_limit", Integer.toString(transport.udpPreferenceLimit()));
            if (!enctypes.isEmpty()) {
                String names = enctypes.stream().map(Krb5Enctype::mitName).collect(Collectors.joining(" "));
                defaults.put("permitted_enctypes", names);
                defaults.put("default_tkt_enctypes", names);
                defaults.put("default_tgs_enctypes", names);
            }
            defaults.putAll(libdefaults);
            StringBuilder conf = new StringBuilder("[libdefaults]\n");
            defaults.forEach((k, v) -> conf.append(' ').append(k).append(" = ").append(v).append('\n'));
            String hostPort = (kdcHost.indexOf(':') >= 0 ? "[" + kdcHost + "]" : kdcHost) + ":" + kdcPort;
            conf.append("[realms]\n ").append(realm).append(" = {\n  kdc = ").append(hostPort).append("\n }\n");
            return conf.toString();
        }
    }

    /**
     * {@code kinit [options] principal} with the password typed on stdin.
     *
     * @param options kinit options as separate words, e.g. {@code "-r", "2d"}, {@code "-f"}, {@code "-F"},
     *                {@code "-l", "1h"}, {@code "-S", "svc/host"}
     */
    public ToolResult kinit(String principal, String password, String... options) throws PeerException {
        Objects.requireNonNull(password, "password");
        if (password.indexOf('\n') >= 0 || password.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("kinit reads a password as a line: it cannot contain newlines");
        }
        List<String> args = new ArrayList<>(List.of(options));
        args.add(principal);
        return run("kinit", args, password + "\n");
    }

    /** {@code kinit -k -t keytab [options] principal}: a TGT from a keytab (e.g. for a service). */
    public ToolResult kinitWithKeytab(Path keytab, String principal, String... options) throws PeerException {
        List<String> args = new ArrayList<>(List.of("-k", "-t", keytab.toAbsolutePath().toString()));
        args.addAll(List.of(options));
        args.add(principal);
        return run("kinit", args, null);
    }

    /**
     * {@code kinit -X X509_user_identity=FILE:cert,key -X X509_anchors=FILE:anchors [options] principal}: PKINIT
     * (RFC 4556) with a certificate and key in PEM files, through MIT's pkinit plugin (krb5-pkinit). Nothing is typed
     * on stdin: if the KDC refuses the certificate and kinit falls back to asking for a password, it reads end of
     * file and fails, so a refusal never turns into a password logon.
     *
     * @param options further kinit options as separate words (e.g. {@code "-X", "X509_user_identity=PKCS11:..."}
     *                for a token, given with null certificate and key)
     */
    public ToolResult kinitWithCertificate(String principal, Path certificatePem, Path keyPem, Path anchorsPem,
            String... options) throws PeerException {
        MitKdc.requirePkinitPlugin();
        List<String> args = new ArrayList<>();
        if (certificatePem != null || keyPem != null) {
            args.addAll(List.of("-X", "X509_user_identity=FILE:"
                    + Objects.requireNonNull(certificatePem, "certificatePem").toAbsolutePath() + ","
                    + Objects.requireNonNull(keyPem, "keyPem").toAbsolutePath()));
        }
        args.addAll(List.of("-X", "X509_anchors=FILE:" + anchorsPem.toAbsolutePath()));
        args.addAll(List.of(options));
        args.add(principal);
        return run("kinit", args, "");
    }

    /**
     * {@code kinit -X X509_user_identity=PKCS11:... -X X509_anchors=FILE:anchors [options] principal} with the
     * identity {@code id} on a SoftHSM2 token: PKINIT signed inside the token. kinit asks for the token's PIN and
     * reads {@code pin} from stdin (null sends nothing: kinit then reads end of file).
     */
    public ToolResult kinitWithToken(String principal, SoftHsmToken token, String id, String pin, Path anchorsPem,
            String... options) throws PeerException {
        MitKdc.requirePkinitPlugin();
        if (pin != null && (pin.indexOf('\n') >= 0 || pin.indexOf('\r') >= 0)) {
            throw new IllegalArgumentException("kinit reads a PIN as a line: it cannot contain newlines");
        }
        List<String> args = new ArrayList<>(List.of("-X", "X509_user_identity=" + token.mitIdentity(id), "-X",
                "X509_anchors=FILE:" + anchorsPem.toAbsolutePath()));
        args.addAll(List.of(options));
        args.add(principal);
        return run("kinit", args, pin == null ? "" : pin + "\n", token.environment());
    }

    /** {@code kinit -R}: renews the cache's TGT (the cache then holds only the renewed TGT). */
    public ToolResult kinitRenew() throws PeerException {
        return run("kinit", List.of("-R"), null);
    }

    /** {@code klist -e -f}, parsed. */
    public Klist klist() throws PeerException {
        ToolResult result = run("klist", List.of("-e", "-f"), null);
        Optional<String> defaultPrincipal = Optional.empty();
        List<KlistTicket> tickets = new ArrayList<>();
        List<String> lines = result.stdout().lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("Default principal: ")) {
                defaultPrincipal = Optional.of(line.substring("Default principal: ".length()).strip());
            }
            Matcher m = TICKET_LINE.matcher(line.strip());
            if (!m.matches() || line.startsWith("\t")) {
                continue;
            }
            StringBuilder details = new StringBuilder();
            while (i + 1 < lines.size() && lines.get(i + 1).startsWith("\t")) {
                details.append(lines.get(++i).strip()).append('\n');
            }
            tickets.add(ticket(m, details.toString()));
        }
        return new Klist(result, defaultPrincipal, tickets);
    }

    private static KlistTicket ticket(Matcher line, String details) throws PeerException {
        Matcher renew = RENEW.matcher(details);
        Matcher flags = FLAGS.matcher(details);
        Matcher forClient = FOR_CLIENT.matcher(details);
        String skey = "";
        String tkt = "";
        for (String detail : details.split("\n")) {
            int at = detail.indexOf("Etype (skey, tkt): ");
            if (at >= 0) {
                String[] pair = detail.substring(at + "Etype (skey, tkt): ".length()).strip().split(", ", 2);
                skey = pair[0].strip();
                tkt = pair.length > 1 ? pair[1].strip() : "";
            }
        }
        return new KlistTicket(line.group(3), forClient.find() ? Optional.of(forClient.group(1)) : Optional.empty(),
                klistTime(line.group(1)), klistTime(line.group(2)),
                renew.find() ? Optional.of(klistTime(renew.group(1))) : Optional.empty(),
                flags.find() ? flags.group(1) : "", skey, tkt);
    }

    private static Instant klistTime(String text) throws PeerException {
        try {
            return LocalDateTime.parse(text, KLIST_TIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new PeerException("unexpected klist time: " + text, e);
        }
    }

    /**
     * {@code kvno [options] spn}, then a klist for the ticket's enctypes.
     *
     * @param options kvno options as separate words, e.g. {@code "-e", "aes128-cts-hmac-sha256-128"} (session
     *                key enctype to request) or {@code "-U", "alice"} (S4U2Self with the cache's TGT)
     */
    public Kvno kvno(String spn, String... options) throws PeerException {
        List<String> args = new ArrayList<>(List.of(options));
        args.add(spn);
        ToolResult result = run("kvno", args, null);
        Matcher m = KVNO.matcher(result.stdout());
        String server = null;
        int kvno = -1;
        while (m.find()) {
            server = m.group(1).strip();
            kvno = Integer.parseInt(m.group(2));
        }
        if (server == null || !result.succeeded()) {
            return new Kvno(result, Optional.empty(), OptionalInt.empty(), Optional.empty());
        }
        // The newest credential for the server: a cache appends, and kvno -U adds an S4U2Self ticket beside others.
        String name = server;
        List<KlistTicket> matching = klist().tickets().stream().filter(t -> t.server().equals(name)).toList();
        return new Kvno(result, Optional.of(server), OptionalInt.of(kvno),
                matching.isEmpty() ? Optional.empty() : Optional.of(matching.getLast()));
    }

    /** {@code kdestroy}. */
    public ToolResult kdestroy() throws PeerException {
        return run("kdestroy", List.of(), null);
    }

    /**
     * Any MIT client tool of krb5-user or krb5-gss-samples (e.g. {@code kpasswd}, {@code kswitch},
     * {@code gss-client}), or {@code curl} (whose --negotiate goes through MIT's libgssapi), with this client's
     * environment.
     */
    public ToolResult run(String tool, List<String> args, String stdin) throws PeerException {
        return run(tool, args, stdin, Map.of());
    }

    /** As {@link #run(String, List, String)} with more environment (e.g. a token's SOFTHSM2_CONF). */
    private ToolResult run(String tool, List<String> args, String stdin, Map<String, String> moreEnvironment)
            throws PeerException {
        if (closed) {
            throw new IllegalStateException("client closed");
        }
        String pkg = tool.startsWith("gss-") ? "krb5-gss-samples" : tool.equals("curl") ? "curl" : "krb5-user";
        List<String> command = new ArrayList<>(List.of(Commands.find(word(tool, "tool"), pkg).toString()));
        command.addAll(args);
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.putAll(moreEnvironment);
        Path traceFile = directory.resolve("trace-" + runs.incrementAndGet() + ".log");
        if (trace) {
            env.put("KRB5_TRACE", traceFile.toString());
        }
        Commands.Separated out = Commands.runSeparated(command, env, stdin, TOOL_TIMEOUT);
        String traceText = "";
        if (trace) {
            try {
                traceText = Files.exists(traceFile) ? Files.readString(traceFile) : "";
                Files.deleteIfExists(traceFile);
            } catch (IOException e) {
                traceText = "(trace unreadable: " + e.getMessage() + ")";
            }
        }
        return new ToolResult(command, out.exitCode(), out.stdout(), out.stderr(), traceText);
    }

    private static String word(String value, String what) {
        if (value == null || !WORD.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must be one word without spaces, '=', brackets or braces: "
                    + value);
        }
        return value;
    }

    public String realm() {
        return realm;
    }

    /** The private directory (krb5.conf, ccache; put keytabs here if they should go with the client). */
    public Path directory() {
        return directory;
    }

    /** The krb5.conf written for this client; the JDK reads it too. */
    public Path krb5Conf() {
        return directory.resolve("krb5.conf");
    }

    /** The credential cache file (FILE: type). */
    public Path ccache() {
        return directory.resolve("ccache");
    }

    /** The environment every tool runs with: KRB5_CONFIG, KRB5CCNAME, private keytab and rcache paths, C locale. */
    public Map<String, String> environment() {
        return environment;
    }

    /** Deletes the directory with the cache. */
    @Override
    public void close() {
        closed = true;
        TempDirectory.deleteTree(directory);
    }

    @Override
    public String toString() {
        return "MitKrb5Client[" + realm + ", " + directory + "]";
    }
}
