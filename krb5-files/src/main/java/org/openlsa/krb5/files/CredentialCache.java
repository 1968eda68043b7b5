package org.openlsa.krb5.files;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openlsa.krb5.files.internal.PrivateFiles;

/**
 * A FILE credential cache, version 4 (MIT doc/formats/ccache_file_format.rst): the KDC time offset from the
 * header, the default principal, and the credentials in file order, configuration entries included (they are
 * credentials whose server realm is {@value Credential#CONFIG_REALM}, kept and written back like the others).
 * Header fields other than the time offset are ignored, as the format asks.
 *
 * <p>A ccache holds session keys: {@link #write} replaces the file atomically with an owner-only (0600) file,
 * {@link #encode()} returns bytes the caller must zero, {@link #close()} destroys the keys.
 */
public record CredentialCache(Optional<KdcTimeOffset> kdcTimeOffset, Principal defaultPrincipal,
        List<Credential> credentials) implements AutoCloseable {

    public CredentialCache {
        Objects.requireNonNull(kdcTimeOffset, "kdcTimeOffset (Optional.empty() when unknown)");
        Objects.requireNonNull(defaultPrincipal, "defaultPrincipal");
        credentials = List.copyOf(credentials);
    }

    /**
     * Reads a ccache file.
     *
     * @throws Krb5FileFormatException when the file is not a well-formed version 4 ccache
     * @throws IOException when it cannot be read
     */
    public static CredentialCache read(Path path) throws IOException {
        return PrivateFiles.readSecret(path, CredentialCache::decode);
    }

    public static CredentialCache decode(byte[] file) throws Krb5FileFormatException {
        return CredentialCacheCodec.decode(file);
    }

    /** The file's bytes; they hold session keys, so zero them when done. */
    public byte[] encode() {
        return CredentialCacheCodec.encode(this);
    }

    /** Replaces {@code path} atomically with this ccache, owner-only permissions. */
    public void write(Path path) throws IOException {
        PrivateFiles.writeSecret(path, encode());
    }

    /** The credentials that are tickets (not configuration entries). */
    public List<Credential> tickets() {
        return credentials.stream().filter(c -> !c.isConfigEntry()).toList();
    }

    /** The value of configuration key {@code key} (the first entry with it), if any. */
    public Optional<byte[]> config(String key) {
        return credentials.stream().filter(c -> c.configKey().filter(key::equals).isPresent()).findFirst()
                .map(Credential::ticket);
    }

    /** Destroys every session key. */
    @Override
    public void close() {
        credentials.forEach(c -> c.key().key().destroy());
    }
}
