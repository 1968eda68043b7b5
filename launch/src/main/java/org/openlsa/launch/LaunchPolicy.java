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
 * @param credentialCache where a started program finds its logon session's Kerberos tickets
 *     ({@code credential_cache}; docs/kcm.md)
 */
public record LaunchPolicy(Optional<String> pamService, CredentialCache credentialCache) {
    private static final Set<String> KEYS = Set.of("pam.service", "credential_cache");

    /** Where a started program's Kerberos library finds its logon session's tickets. */
    public enum CredentialCache {
        /** The daemon's KCM service ({@code KRB5CCNAME=KCM:}) when {@code lsa serve} runs one; else nothing. */
        KCM,
        /** A FILE ccache of the session's tickets, the uid's own (0600), kept fresh, removed at logoff. */
        FILE,
        /** No credential cache variables: the program finds none of the session's tickets. */
        NONE
    }

    /** No PAM; the KCM service when there is one. */
    public static final LaunchPolicy DEFAULT = new LaunchPolicy(Optional.empty(), CredentialCache.KCM);

    public LaunchPolicy(Optional<String> pamService) {
        this(pamService, CredentialCache.KCM);
    }

    public LaunchPolicy {
        Objects.requireNonNull(pamService, "pamService");
        Objects.requireNonNull(credentialCache, "credentialCache");
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
                throw new IllegalArgumentException(file + ": unknown key '" + key
                        + "' (known: pam.service, credential_cache)");
            }
        }
        String service = p.getProperty("pam.service", "").trim();
        String cache = p.getProperty("credential_cache", "kcm").trim();
        CredentialCache credentialCache = switch (cache) {
            case "kcm" -> CredentialCache.KCM;
            case "file" -> CredentialCache.FILE;
            case "none" -> CredentialCache.NONE;
            default -> throw new IllegalArgumentException(file + ": credential_cache must be kcm, file or none, not '"
                    + cache + "'");
        };
        try {
            return new LaunchPolicy(service.isEmpty() ? Optional.empty() : Optional.of(service), credentialCache);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }
}
