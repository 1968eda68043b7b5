package org.openlsa.krb5.files;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.openlsa.krb5.files.internal.PrivateFiles;

/**
 * A keytab: the entries of an MIT FILE keytab, version 2 (doc/formats/keytab_file_format.rst), in file order.
 * Holes (deleted entries) are skipped when reading and not written back.
 *
 * <p>Keytabs are secrets: {@link #write} replaces the file atomically with a new one readable by its owner only
 * (0600), {@link #encode()} returns bytes the caller must zero, and {@link #close()} destroys every key.
 */
public record Keytab(List<KeytabEntry> entries) implements AutoCloseable {
    public Keytab {
        entries = List.copyOf(entries);
    }

    /**
     * Reads a keytab file.
     *
     * @throws Krb5FileFormatException when the file is not a well-formed version 2 keytab
     * @throws IOException when it cannot be read
     */
    public static Keytab read(Path path) throws IOException {
        return PrivateFiles.readSecret(path, Keytab::decode);
    }

    public static Keytab decode(byte[] file) throws Krb5FileFormatException {
        return KeytabCodec.decode(file);
    }

    /** The file's bytes; they hold the keys, so zero them when done. */
    public byte[] encode() {
        return KeytabCodec.encode(this);
    }

    /** Replaces {@code path} atomically with this keytab, owner-only permissions. */
    public void write(Path path) throws IOException {
        PrivateFiles.writeSecret(path, encode());
    }

    /** The entries for {@code principal} (components and realm; the name type is not compared, as in MIT). */
    public List<KeytabEntry> entriesFor(Principal principal) {
        Objects.requireNonNull(principal);
        return entries.stream().filter(e -> e.principal().components().equals(principal.components())
                && e.principal().realm().equals(principal.realm())).toList();
    }

    /** Destroys every key. */
    @Override
    public void close() {
        entries.forEach(e -> e.key().key().destroy());
    }
}
