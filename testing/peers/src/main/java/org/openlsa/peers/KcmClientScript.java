package org.openlsa.peers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MIT krb5's client tools (kinit, klist, kswitch, kdestroy, kvno) against one KCM server, run as any OS user, with
 * every step recorded: the client half of an oracle comparison of KCM servers (sssd-kcm and OpenLSA's).
 *
 * <p>The tools read a private krb5.conf with {@code default_ccache_name = KCM:} and {@code kcm_socket} naming the
 * server's socket, so {@code KRB5CCNAME} is removed from their environment and every cache they touch is the
 * server's. They run with LC_ALL=C and TZ=UTC; as an ordinary user through util-linux {@code setpriv --reuid U
 * --regid G --clear-groups} (so the server sees that uid through SO_PEERCRED), as root directly. The krb5.conf's
 * directory is world-readable for that reason; it holds nothing secret (passwords travel on stdin).
 *
 * <p>{@link #normalisedTranscript()} renders the steps so that two servers given the same script print the same
 * text when they behave alike: klist's times become {@code <time>}, uids in cache names become the identity's
 * label ({@code KCM:<A>:second}), names the server chose (GEN_NEW, e.g. {@code KCM:999:41732}) become
 * {@code <new-1>}, {@code <new-2>} in order of appearance, and {@code klist -l}'s rows are sorted, since MIT lists
 * the collection in whatever order the server's GET_CACHE_UUID_LIST gives.
 */
public final class KcmClientScript implements AutoCloseable {
    private static final Set<String> TOOLS = Set.of("kinit", "klist", "kswitch", "kdestroy", "kvno");
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern WORD = Pattern.compile("[^\\s\\p{Cntrl}=\\[\\]{}]+");
    /** A KCM cache name: {@code KCM:uid} or {@code KCM:uid:name} (names stop at blanks and quotes). */
    private static final Pattern KCM_NAME = Pattern.compile("KCM:(\\d+)(?::([^\\s'\"]+))?");
    /** klist's "%x %X" in the C locale. */
    private static final Pattern TIME = Pattern.compile("\\d\\d/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d");

    private final Path directory;
    private final Path socket;
    private final Map<String, String> environment;
    private final List<KcmStep> steps = new ArrayList<>();
    private final Map<Integer, String> labels = new HashMap<>();
    private final Set<String> chosenNames = new HashSet<>();
    private final Map<String, String> generatedNames = new HashMap<>();
    private volatile boolean closed;

    private KcmClientScript(Path directory, Path socket) {
        this.directory = directory;
        this.socket = socket;
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KRB5_CONFIG", directory.resolve("krb5.conf").toString());
        env.put("LC_ALL", "C");
        env.put("TZ", "UTC");
        // Unset: the tools must use krb5.conf's KCM: default and nothing of the caller's.
        env.put("KRB5CCNAME", null);
        env.put("KRB5_TRACE", null);
        env.put("KRB5_CLIENT_KTNAME", null);
        env.put("KRB5_KTNAME", null);
        this.environment = java.util.Collections.unmodifiableMap(env);
    }

    /**
     * A script for the KCM server at {@code kcmSocket}, whose tools get tickets from the KDC at
     * {@code kdcHost:kdcPort} for {@code realm} (TCP).
     */
    public static KcmClientScript create(Path kcmSocket, String realm, String kdcHost, int kdcPort)
            throws PeerException {
        Path socket = kcmSocket.toAbsolutePath();
        word(socket.toString(), "socket path");
        word(realm, "realm");
        word(kdcHost, "KDC host");
        if (kdcPort < 1 || kdcPort > 65535) {
            throw new IllegalArgumentException("port out of range: " + kdcPort);
        }
        Commands.find("kinit", "krb5-user");
        Path directory = TempDirectory.create("openlsa-kcm-client-");
        try {
            // Other uids run the tools too: they must read krb5.conf.
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
            String hostPort = (kdcHost.indexOf(':') >= 0 ? "[" + kdcHost + "]" : kdcHost) + ":" + kdcPort;
            TempDirectory.write(directory.resolve("krb5.conf"), "[libdefaults]\n"
                    + " default_realm = " + realm + "\n"
                    + " default_ccache_name = KCM:\n"
                    + " kcm_socket = " + socket + "\n"
                    + " dns_lookup_kdc = false\n dns_lookup_realm = false\n rdns = false\n"
                    + " dns_canonicalize_hostname = false\n udp_preference_limit = 1\n"
                    + "[realms]\n " + realm + " = {\n  kdc = " + hostPort + "\n }\n");
            Files.setPosixFilePermissions(directory.resolve("krb5.conf"), PosixFilePermissions.fromString("rw-r--r--"));
        } catch (IOException | PeerException | RuntimeException e) {
            TempDirectory.deleteTree(directory);
            throw e instanceof PeerException pe ? pe : new PeerException("cannot write krb5.conf: " + e.getMessage(), e);
        }
        return new KcmClientScript(directory, socket);
    }

    /** {@code kinit [args]} as {@code as}, the password typed on stdin; args end with the principal. */
    public KcmStep kinit(UnixIdentity as, String password, String... args) throws PeerException {
        Objects.requireNonNull(password, "password");
        if (password.indexOf('\n') >= 0 || password.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("kinit reads a password as a line: it cannot contain newlines");
        }
        return runWithInput(as, password + "\n", "kinit", args);
    }

    /** {@code tool args} as {@code as}, nothing on stdin. */
    public KcmStep run(UnixIdentity as, String tool, String... args) throws PeerException {
        return runWithInput(as, null, tool, args);
    }

    /**
     * Runs one of kinit, klist, kswitch, kdestroy, kvno as {@code as} and records the step.
     *
     * @param stdin what to type, or null
     */
    public synchronized KcmStep runWithInput(UnixIdentity as, String stdin, String tool, String... args) throws PeerException {
        if (closed) {
            throw new IllegalStateException("script closed");
        }
        Objects.requireNonNull(as, "as");
        if (!TOOLS.contains(tool)) {
            throw new IllegalArgumentException("not a KCM client tool of this script: " + tool + " (one of " + TOOLS + ")");
        }
        String previous = labels.putIfAbsent(as.uid(), as.label());
        if (previous != null && !previous.equals(as.label())) {
            throw new IllegalArgumentException("uid " + as.uid() + " is already labelled " + previous);
        }
        List<String> given = new ArrayList<>();
        given.add(tool);
        for (String arg : args) {
            given.add(Objects.requireNonNull(arg, "argument"));
            Matcher m = KCM_NAME.matcher(arg);
            while (m.find()) {
                if (m.group(2) != null) {
                    chosenNames.add(m.group(2));
                }
            }
        }
        List<String> command = new ArrayList<>();
        if (!as.isRoot()) {
            command.addAll(List.of(Commands.find("setpriv", "util-linux").toString(), "--reuid",
                    Integer.toString(as.uid()), "--regid", Integer.toString(as.gid()), "--clear-groups", "--"));
        }
        command.add(Commands.find(tool, "krb5-user").toString());
        command.addAll(List.of(args));
        Commands.Separated out = Commands.runSeparated(command, environment, stdin, TOOL_TIMEOUT);
        String normalised = "[" + as.label() + "] " + normalise(String.join(" ", given), false) + "\nexit "
                + out.exitCode() + "\n" + stream("stdout", normalise(out.stdout(), tool.equals("klist")
                && List.of(args).contains("-l"))) + stream("stderr", normalise(out.stderr(), false));
        KcmStep step = new KcmStep(as, given, out.exitCode(), out.stdout(), out.stderr(), normalised);
        steps.add(step);
        return step;
    }

    private static String stream(String name, String text) {
        if (text.isBlank()) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        text.strip().lines().forEach(line -> b.append(name).append(": ").append(line.stripTrailing()).append('\n'));
        return b.toString();
    }

    private String normalise(String text, boolean collectionListing) {
        String timeless = TIME.matcher(text).replaceAll("<time>");
        Matcher m = KCM_NAME.matcher(timeless);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            int uid;
            try {
                uid = Integer.parseInt(m.group(1));
            } catch (NumberFormatException e) {
                uid = -1;
            }
            String who = labels.getOrDefault(uid, "uid?" + m.group(1));
            String name = m.group(2);
            String replacement = "KCM:<" + who + ">";
            if (name != null) {
                replacement += ":" + (chosenNames.contains(name) ? name
                        : generatedNames.computeIfAbsent(m.group(1) + ":" + name,
                                k -> "<new-" + (generatedNames.size() + 1) + ">"));
            }
            m.appendReplacement(b, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(b);
        String result = b.toString();
        if (!collectionListing) {
            return result;
        }
        // klist -l: two header lines, then one row per cache in the server's order.
        List<String> header = new ArrayList<>();
        List<String> rows = new ArrayList<>();
        for (String line : result.lines().toList()) {
            if (line.startsWith("Principal name") || line.startsWith("--------------")) {
                header.add(line);
            } else if (!line.isBlank()) {
                rows.add(line.strip().replaceAll("\\s+", " "));
            }
        }
        rows.sort(null);
        List<String> all = new ArrayList<>(header);
        all.addAll(rows);
        return String.join("\n", all);
    }

    /** The steps so far, in order. */
    public synchronized List<KcmStep> steps() {
        return List.copyOf(steps);
    }

    /** Every step's normalised text, in order: equal for two servers that behaved alike. */
    public synchronized String normalisedTranscript() {
        StringBuilder b = new StringBuilder();
        steps.forEach(s -> b.append(s.normalised()).append('\n'));
        return b.toString();
    }

    /** The KCM socket the tools use. */
    public Path socket() {
        return socket;
    }

    /** The krb5.conf the tools read. */
    public Path krb5Conf() {
        return directory.resolve("krb5.conf");
    }

    private static String word(String value, String what) {
        if (value == null || !WORD.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must be one word without spaces, '=', brackets or braces: "
                    + value);
        }
        return value;
    }

    /** Deletes the krb5.conf's directory; the server's caches are the server's business. */
    @Override
    public void close() {
        closed = true;
        TempDirectory.deleteTree(directory);
    }
}
