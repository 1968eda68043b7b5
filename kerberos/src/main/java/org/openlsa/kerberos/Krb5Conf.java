package org.openlsa.kerberos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.openlsa.kdc.client.KdcTransport.KdcAddress;

/**
 * A krb5.conf (MIT's profile format, krb5.conf(5)), reduced to what locating KDCs needs: {@code [libdefaults]}
 * default_realm, kdc_timeout, udp_preference_limit and default_keytab_name; {@code [realms]} kdc lines in order;
 * {@code [domain_realm]}. Sections, relations ({@code tag = value}), subsections ({@code tag = { ... }}),
 * comments (lines starting with # or ;), the final marker {@code *}, and {@code include FILE} /
 * {@code includedir DIR} are understood; anything else is an error naming the file and line, so a typo does not
 * silently fall back to defaults.
 */
public final class Krb5Conf {
    /** MIT's default udp_preference_limit: requests of this size or more go over TCP. */
    public static final int DEFAULT_UDP_PREFERENCE_LIMIT = 1465;
    /** How long one KDC gets to answer before the next one is tried. */
    public static final Duration DEFAULT_KDC_TIMEOUT = Duration.ofSeconds(3);
    /** The Kerberos port (RFC 4120 7.2.3). */
    public static final int DEFAULT_KDC_PORT = 88;

    /** A section or subsection: tags (as written) mapped to values in order; a value is a String or a Node. */
    private record Node(Map<String, List<Object>> tags) {
        Node() {
            this(new LinkedHashMap<>());
        }

        void add(String tag, Object value) {
            tags.computeIfAbsent(tag, t -> new ArrayList<>()).add(value);
        }
    }

    private final Map<String, Node> sections;

    private Krb5Conf(Map<String, Node> sections) {
        this.sections = sections;
    }

    /** A configuration with nothing in it: every value its default. */
    public static Krb5Conf empty() {
        return new Krb5Conf(Map.of());
    }

    public static Krb5Conf parse(Path file) throws IOException {
        Map<String, Node> sections = new LinkedHashMap<>();
        read(file, sections, 0);
        return new Krb5Conf(sections);
    }

    /** Parses text (for tests and for configuration that does not live in a file). */
    public static Krb5Conf parse(String text, String origin) throws IOException {
        Map<String, Node> sections = new LinkedHashMap<>();
        parseLines(text.lines().toList(), origin, null, sections, 0);
        return new Krb5Conf(sections);
    }

    private static void read(Path file, Map<String, Node> sections, int depth) throws IOException {
        if (depth > 8) {
            throw new IOException(file + ": includes nested more than 8 deep");
        }
        parseLines(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString(),
                file.toAbsolutePath().getParent(), sections, depth);
    }

    private static void parseLines(List<String> lines, String origin, Path dir, Map<String, Node> sections,
                                   int depth) throws IOException {
        Node section = null;
        List<Node> stack = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            String where = origin + ":" + (i + 1);
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (stack.isEmpty() && (line.startsWith("include ") || line.startsWith("includedir "))) {
                if (dir == null) {
                    throw new IOException(where + ": include is allowed only in a file");
                }
                boolean isDir = line.startsWith("includedir ");
                Path target;
                try {
                    target = dir.resolve(line.substring(isDir ? 11 : 8).strip());
                } catch (java.nio.file.InvalidPathException e) {
                    throw new IOException(where + ": '" + line + "' names no valid path");
                }
                if (isDir) {
                    try (Stream<Path> files = Files.list(target)) {
                        for (Path f : files.filter(Krb5Conf::includable).sorted().toList()) {
                            read(f, sections, depth + 1);
                        }
                    }
                } else {
                    read(target, sections, depth + 1);
                }
                section = null;
                continue;
            }
            if (line.startsWith("[")) {
                int end = line.indexOf(']');
                if (end < 0 || !stack.isEmpty()) {
                    throw new IOException(where + ": malformed section header '" + line + "'");
                }
                section = sections.computeIfAbsent(line.substring(1, end).strip(), s -> new Node());
                continue;
            }
            if (section == null) {
                throw new IOException(where + ": '" + line + "' is outside any [section]");
            }
            if (line.equals("}") || line.equals("}*")) {
                if (stack.isEmpty()) {
                    throw new IOException(where + ": '}' without an open '{'");
                }
                stack.removeLast();
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IOException(where + ": expected 'tag = value', found '" + line + "'");
            }
            String tag = line.substring(0, eq).strip();
            if (tag.endsWith("*")) {
                tag = tag.substring(0, tag.length() - 1).strip();
            }
            String value = line.substring(eq + 1).strip();
            Node target = stack.isEmpty() ? section : stack.getLast();
            if (value.equals("{")) {
                Node child = new Node();
                target.add(tag, child);
                stack.add(child);
            } else {
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                target.add(tag, value);
            }
        }
        if (!stack.isEmpty()) {
            throw new IOException(origin + ": a '{' is never closed");
        }
    }

    /** MIT's includedir rule: names of letters, digits, dashes and underscores, or ending in ".conf". */
    private static boolean includable(Path p) {
        String n = p.getFileName().toString();
        return n.endsWith(".conf") || n.matches("[A-Za-z0-9_-]+");
    }

    private Optional<Node> node(String section, String... path) {
        Node n = sections.get(section);
        for (String p : path) {
            if (n == null) {
                return Optional.empty();
            }
            n = n.tags().getOrDefault(p, List.of()).stream().filter(Node.class::isInstance).map(Node.class::cast)
                    .findFirst().orElse(null);
        }
        return Optional.ofNullable(n);
    }

    private List<String> values(Optional<Node> node, String tag) {
        return node.map(n -> n.tags().getOrDefault(tag, List.of()).stream().filter(String.class::isInstance)
                .map(String.class::cast).toList()).orElse(List.of());
    }

    private Optional<String> libdefault(String tag) {
        return values(node("libdefaults"), tag).stream().findFirst();
    }

    public Optional<String> defaultRealm() {
        return libdefault("default_realm");
    }

    /** The realms {@code [realms]} names. */
    public Set<String> realms() {
        return node("realms").map(n -> Collections.unmodifiableSet(n.tags().keySet())).orElse(Set.of());
    }

    /**
     * The {@code kdc} lines of a realm, in order, as host and port (port 88 when none is written; an IPv6 address
     * in brackets). Realm names are case-sensitive, as in MIT's library.
     *
     * @throws IOException for a kdc line that is not host[:port]
     */
    public List<KdcAddress> kdcs(String realm) throws IOException {
        List<KdcAddress> out = new ArrayList<>();
        for (String v : values(node("realms", realm), "kdc")) {
            out.add(address(v));
        }
        return List.copyOf(out);
    }

    /** The kpasswd port (RFC 3244 2). */
    public static final int DEFAULT_KPASSWD_PORT = 464;

    /**
     * A realm's kpasswd servers: its {@code kpasswd_server} lines (port 464 when none is written), else its
     * {@code admin_server} hosts on port 464, as MIT's library looks them up, else its KDCs' hosts on port 464,
     * which is where Active Directory serves it (every domain controller runs kpasswd).
     *
     * @throws IOException for a line that is not host[:port]
     */
    public List<KdcAddress> kpasswdServers(String realm) throws IOException {
        List<KdcAddress> out = new ArrayList<>();
        for (String v : values(node("realms", realm), "kpasswd_server")) {
            out.add(address(v, DEFAULT_KPASSWD_PORT));
        }
        if (out.isEmpty()) {
            for (String v : values(node("realms", realm), "admin_server")) {
                out.add(new KdcAddress(address(v).host(), DEFAULT_KPASSWD_PORT));
            }
        }
        if (out.isEmpty()) {
            for (KdcAddress kdc : kdcs(realm)) {
                out.add(new KdcAddress(kdc.host(), DEFAULT_KPASSWD_PORT));
            }
        }
        return List.copyOf(out);
    }

    static KdcAddress address(String v) throws IOException {
        return address(v, DEFAULT_KDC_PORT);
    }

    private static KdcAddress address(String v, int defaultPort) throws IOException {
        String s = v.strip();
        for (String scheme : new String[] {"tcp/", "udp/"}) {
            if (s.startsWith(scheme)) {
                s = s.substring(scheme.length());
            }
        }
        String host;
        String port = null;
        if (s.startsWith("[")) {
            int end = s.indexOf(']');
            if (end < 0) {
                throw new IOException("kdc '" + v + "': unclosed '['");
            }
            host = s.substring(1, end);
            if (end + 1 < s.length()) {
                if (s.charAt(end + 1) != ':') {
                    throw new IOException("kdc '" + v + "': expected ':' after ']'");
                }
                port = s.substring(end + 2);
            }
        } else {
            int colon = s.lastIndexOf(':');
            host = colon < 0 ? s : s.substring(0, colon);
            port = colon < 0 ? null : s.substring(colon + 1);
        }
        if (host.isEmpty()) {
            throw new IOException("kdc '" + v + "': no host");
        }
        try {
            return new KdcAddress(host, port == null ? defaultPort : Integer.parseInt(port));
        } catch (IllegalArgumentException e) {
            throw new IOException("kdc '" + v + "': bad port (" + e.getMessage() + ")");
        }
    }

    /**
     * The realm {@code [domain_realm]} maps a host name to: the host itself, else its closest parent domain
     * written with a leading dot (or without one, which MIT also treats as the domain and its hosts).
     */
    public Optional<String> realmOfHost(String host) {
        Optional<Node> map = node("domain_realm");
        String h = host.toLowerCase(Locale.ROOT);
        Optional<String> exact = values(map, h).stream().findFirst();
        if (exact.isPresent()) {
            return exact;
        }
        for (int dot = h.indexOf('.'); dot >= 0; dot = h.indexOf('.', dot + 1)) {
            Optional<String> r = values(map, h.substring(dot)).stream().findFirst();
            if (r.isEmpty()) {
                r = values(map, h.substring(dot + 1)).stream().findFirst();
            }
            if (r.isPresent()) {
                return r;
            }
        }
        return Optional.empty();
    }

    /** {@code kdc_timeout} (seconds, or with an s/m suffix); {@link #DEFAULT_KDC_TIMEOUT} when absent. */
    public Duration kdcTimeout() throws IOException {
        Optional<String> v = libdefault("kdc_timeout");
        if (v.isEmpty()) {
            return DEFAULT_KDC_TIMEOUT;
        }
        String s = v.get().strip().toLowerCase(Locale.ROOT);
        try {
            Duration d = parseDuration(s);
            if (d.isNegative() || d.isZero()) {
                throw new IOException("kdc_timeout '" + v.get() + "' must be positive");
            }
            return d;
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IOException("kdc_timeout '" + v.get() + "' is not a duration (seconds, or 500ms, 2m)");
        }
    }

    private static Duration parseDuration(String s) {
        {
            if (s.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
            }
            if (s.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(s.substring(0, s.length() - 1)));
            }
            return Duration.ofSeconds(Long.parseLong(s.endsWith("s") ? s.substring(0, s.length() - 1) : s));
        }
    }

    /** {@code udp_preference_limit}; {@link #DEFAULT_UDP_PREFERENCE_LIMIT} when absent. */
    public int udpPreferenceLimit() throws IOException {
        Optional<String> v = libdefault("udp_preference_limit");
        try {
            return v.isEmpty() ? DEFAULT_UDP_PREFERENCE_LIMIT : Integer.parseInt(v.get().strip());
        } catch (NumberFormatException e) {
            throw new IOException("udp_preference_limit '" + v.get() + "' is not a number");
        }
    }

    /** {@code default_keytab_name} as a path (a FILE: or WRFILE: prefix removed). */
    public Optional<Path> defaultKeytab() {
        return libdefault("default_keytab_name").map(v -> Path.of(v.replaceFirst("^(FILE|WRFILE):", "")));
    }
}
