package org.openlsa.daemon;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import org.openlsa.host.StateLayout;

/**
 * The KCM credential cache service of {@code lsa serve}: {@code <state>/kcm.properties} (docs/kcm.md), every key
 * optional:
 * <pre>
 * enabled = true                   # false: no KCM service; started processes get no KRB5CCNAME
 * socket = /run/.heim_org.h5l.kcm-socket   # default: kcm.sock in the state directory
 * tgt_session_key = expose         # keep: a logon session's TGT is listed without its session key, so the
 *                                  # session's processes get service tickets only through the LSA (RETRIEVE)
 * </pre>
 * Unknown keys are refused, so a misspelt one does not silently fall back to a default.
 *
 * @param socket empty path: the state directory's kcm.sock
 */
public record KcmConfig(boolean enabled, Path socket, boolean exposeTgtSessionKey) {
    /** Where MIT's and Heimdal's clients look when krb5.conf names no kcm_socket (MIT kcm.h). */
    public static final Path MIT_DEFAULT_SOCKET = Path.of("/var/run/.heim_org.h5l.kcm-socket");

    private static final Set<String> KEYS = Set.of("enabled", "socket", "tgt_session_key");

    public KcmConfig {
        Objects.requireNonNull(socket, "socket");
    }

    /** Enabled on the state directory's kcm.sock, TGT keys exposed as in any ccache. */
    public static KcmConfig defaults(Path stateDirectory) {
        return new KcmConfig(true, StateLayout.of(stateDirectory).kcmSocket(), true);
    }

    public KcmConfig withEnabled(boolean v) {
        return new KcmConfig(v, socket, exposeTgtSessionKey);
    }

    public KcmConfig withSocket(Path v) {
        return new KcmConfig(enabled, v, exposeTgtSessionKey);
    }

    public KcmConfig withExposeTgtSessionKey(boolean v) {
        return new KcmConfig(enabled, socket, v);
    }

    /**
     * The state directory's configuration: {@link #defaults} overridden by what {@code kcm.properties} says.
     *
     * @throws IllegalArgumentException naming the file and the key when a value is malformed or a key unknown
     * @throws IOException when the file exists but cannot be read
     */
    public static KcmConfig load(Path stateDirectory) throws IOException {
        Path file = StateLayout.of(stateDirectory).kcmConfig();
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            return defaults(stateDirectory);
        }
        for (String key : p.stringPropertyNames()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException(file + ": unknown key '" + key
                        + "' (known: enabled, socket, tgt_session_key)");
            }
        }
        KcmConfig c = defaults(stateDirectory);
        String enabled = p.getProperty("enabled");
        if (enabled != null) {
            c = c.withEnabled(switch (enabled.strip()) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new IllegalArgumentException(file + ": enabled must be true or false, not '"
                        + enabled.strip() + "'");
            });
        }
        String socket = p.getProperty("socket");
        if (socket != null) {
            Path s = Path.of(socket.strip());
            if (!s.isAbsolute()) {
                throw new IllegalArgumentException(file + ": socket must be an absolute path, not '" + socket + "'");
            }
            c = c.withSocket(s);
        }
        String tgt = p.getProperty("tgt_session_key");
        if (tgt != null) {
            c = c.withExposeTgtSessionKey(switch (tgt.strip()) {
                case "expose" -> true;
                case "keep" -> false;
                default -> throw new IllegalArgumentException(file + ": tgt_session_key must be expose or keep, not '"
                        + tgt.strip() + "'");
            });
        }
        return c;
    }
}
