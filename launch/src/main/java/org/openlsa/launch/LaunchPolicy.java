package org.openlsa.launch;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The administrator's choices for every launch, from the state directory's optional {@code launch.properties}
 * (docs/launch.md, "Configuration"), read at each start as {@code idmap.properties} is, so an edit counts at once.
 *
 * @param pamService the PAM service whose account and session stacks every launched program runs under
 *     ({@code pam.service}, a file in /etc/pam.d); empty: no PAM (the default)
 */
public record LaunchPolicy(Optional<String> pamService) {
    private static final Set<String> KEYS = Set.of("pam.service");

    /** No PAM. */
    public static final LaunchPolicy DEFAULT = new LaunchPolicy(Optional.empty());

    public LaunchPolicy {
        Objects.requireNonNull(pamService, "pamService");
        pamService.ifPresent(s -> {
            // A service name is a file name under /etc/pam.d: no path, nothing PAM would read differently.
            if (!s.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
                throw new IllegalArgumentException("pam.service must be a file name in /etc/pam.d"
                        + " (letters, digits, '.', '_', '-'), not '" + s + "'");
            }
        });
    }

    /**
     * The policy in {@code file}, or {@link #DEFAULT} when there is no such file.
     *
     * @throws IllegalArgumentException naming the file and the key when a key is unknown or a value unusable
     */
    public static LaunchPolicy read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            return DEFAULT;
        }
        for (String key : p.stringPropertyNames()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException(file + ": unknown key '" + key + "' (known: pam.service)");
            }
        }
        String service = p.getProperty("pam.service", "").trim();
        try {
            return new LaunchPolicy(service.isEmpty() ? Optional.empty() : Optional.of(service));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }
}
