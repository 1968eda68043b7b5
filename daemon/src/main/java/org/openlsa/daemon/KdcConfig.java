package org.openlsa.daemon;

import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.Set;
import org.openlsa.host.StateLayout;

/**
 * Where the embedded KDC listens: {@code <state>/kdc.properties} (docs/kdc.md), whose every key is optional:
 * <pre>
 * enabled = true          # false: lsa serve runs no KDC
 * address = 127.0.0.1     # 0.0.0.0 (or ::) listens on every interface
 * port = 88               # UDP and TCP; 0 picks a free port (tests)
 * kpasswd_port = 464      # the password-change service (RFC 3244), same address; default 464 when port is 88,
 *                         # else 0 (a free port, published in kpasswd.endpoint and by lsa krb5conf)
 * udp_workers = 4         # UDP threads; default one per core
 * </pre>
 * Loopback is the default: a KDC answers anyone who can reach it (AS-REQs reveal which accounts exist and, for
 * accounts without pre-authentication, material for offline guessing), so reaching it from the network is a choice
 * the administrator makes explicitly. Unknown keys are refused, so a misspelt one does not silently fall back to a
 * default.
 *
 * @param udpWorkers empty: one per core ({@link org.openlsa.kdc.KdcServer.Options#defaults})
 * @param kpasswdPortSetting empty: {@link #kpasswdPort()} follows {@code port}
 */
public record KdcConfig(boolean enabled, InetAddress address, int port, OptionalInt udpWorkers,
                        OptionalInt kpasswdPortSetting) {
    /** The Kerberos port (RFC 4120 7.2.3). */
    public static final int DEFAULT_PORT = 88;
    /** The kpasswd port (RFC 3244 2). */
    public static final int DEFAULT_KPASSWD_PORT = 464;

    /** 127.0.0.1 itself: {@link InetAddress#getLoopbackAddress()} may be ::1, which IPv4-only clients miss. */
    private static final InetAddress IPV4_LOOPBACK;

    static {
        try {
            IPV4_LOOPBACK = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException impossible) {
            throw new ExceptionInInitializerError(impossible);
        }
    }

    private static final Set<String> KEYS = Set.of("enabled", "address", "port", "kpasswd_port", "udp_workers");
    /** No machine needs more; the bound keeps a typo from starting thousands of threads. */
    private static final int MAX_UDP_WORKERS = 256;

    public KdcConfig {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(udpWorkers, "udpWorkers");
        Objects.requireNonNull(kpasswdPortSetting, "kpasswdPortSetting");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("the KDC port must be 0..65535, not " + port);
        }
        if (kpasswdPortSetting.isPresent() && (kpasswdPortSetting.getAsInt() < 0
                || kpasswdPortSetting.getAsInt() > 65535)) {
            throw new IllegalArgumentException("the kpasswd port must be 0..65535, not "
                    + kpasswdPortSetting.getAsInt());
        }
        if (kpasswdPortSetting.isPresent() && kpasswdPortSetting.getAsInt() != 0
                && kpasswdPortSetting.getAsInt() == port) {
            throw new IllegalArgumentException("kpasswd_port must differ from port (" + port + ")");
        }
        if (udpWorkers.isPresent() && (udpWorkers.getAsInt() < 1 || udpWorkers.getAsInt() > MAX_UDP_WORKERS)) {
            throw new IllegalArgumentException("udp_workers must be 1.." + MAX_UDP_WORKERS + ", not "
                    + udpWorkers.getAsInt());
        }
    }

    /** Enabled, on 127.0.0.1 port 88, one UDP worker per core. */
    public static KdcConfig defaults() {
        return new KdcConfig(true, IPV4_LOOPBACK, DEFAULT_PORT, OptionalInt.empty(), OptionalInt.empty());
    }

    /**
     * Where kpasswd listens: {@code kpasswd_port} when set, else 464 beside the standard KDC port 88, else 0 (a free
     * port): a KDC moved off 88 (an unprivileged daemon, a test) must not need the privileged 464 either.
     */
    public int kpasswdPort() {
        return kpasswdPortSetting.orElse(port == DEFAULT_PORT ? DEFAULT_KPASSWD_PORT : 0);
    }

    /**
     * The state directory's configuration: {@link #defaults()} overridden by what {@code kdc.properties} says.
     *
     * @throws IllegalArgumentException naming the file and the key when a value is malformed or a key unknown
     * @throws IOException when the file exists but cannot be read
     */
    public static KdcConfig load(Path stateDirectory) throws IOException {
        Path file = StateLayout.of(stateDirectory).kdcConfig();
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            return defaults();
        }
        for (String key : p.stringPropertyNames()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException(file + ": unknown key '" + key + "' (known: enabled, address, port,"
                        + " kpasswd_port, udp_workers)");
            }
        }
        KdcConfig c = defaults();
        try {
            String enabled = p.getProperty("enabled");
            if (enabled != null) {
                c = c.withEnabled(parseBoolean(enabled.strip()));
            }
            String address = p.getProperty("address");
            if (address != null) {
                c = c.withAddress(parseAddress(address.strip()));
            }
            String port = p.getProperty("port");
            if (port != null) {
                c = c.withPort(parsePort(port.strip()));
            }
            String kpasswd = p.getProperty("kpasswd_port");
            if (kpasswd != null) {
                c = c.withKpasswdPort(parsePort(kpasswd.strip()));
            }
            String workers = p.getProperty("udp_workers");
            if (workers != null) {
                c = new KdcConfig(c.enabled, c.address, c.port, OptionalInt.of(parseInt(workers.strip(), "udp_workers")),
                        c.kpasswdPortSetting);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        return c;
    }

    public KdcConfig withEnabled(boolean v) {
        return new KdcConfig(v, address, port, udpWorkers, kpasswdPortSetting);
    }

    public KdcConfig withAddress(InetAddress v) {
        return new KdcConfig(enabled, v, port, udpWorkers, kpasswdPortSetting);
    }

    public KdcConfig withPort(int v) {
        return new KdcConfig(enabled, address, v, udpWorkers, kpasswdPortSetting);
    }

    public KdcConfig withKpasswdPort(int v) {
        return new KdcConfig(enabled, address, port, udpWorkers, OptionalInt.of(v));
    }

    /**
     * An address as the file and the command line give it: an IPv4 or IPv6 literal or a host name (resolved now).
     *
     * @throws IllegalArgumentException when it does not resolve
     */
    public static InetAddress parseAddress(String text) {
        if (text.isEmpty() || text.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("address '" + text + "' is not an IP address or host name");
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("address '" + text + "' does not resolve: " + e.getMessage(), e);
        }
    }

    /** @throws IllegalArgumentException unless 0..65535 */
    public static int parsePort(String text) {
        int port = parseInt(text, "port");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, not " + port);
        }
        return port;
    }

    private static int parseInt(String text, String key) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, not '" + text + "'");
        }
    }

    private static boolean parseBoolean(String text) {
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("enabled must be true or false, not '" + text + "'");
        };
    }
}
