package org.openlsa.krb5.files;

import java.time.Instant;
import java.util.Objects;
import org.openlsa.krb5.files.internal.BigEndianWriter;

/**
 * One keytab entry: a principal's key of one version and enctype, and when it was written.
 *
 * <p>{@code kvno} is the full key version (an unsigned 32-bit value in an int). The file keeps its low 8 bits in
 * the entry and, as MIT krb5 1.14 and later do, the whole value in a trailing 32-bit field. The record holds a
 * secret ({@link KeyBlock}), so it has no value equality.
 *
 * @param timestamp when the entry was written, whole seconds within the unsigned 32-bit range
 */
public record KeytabEntry(Principal principal, Instant timestamp, int kvno, KeyBlock key) {
    public KeytabEntry {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(key, "key");
        if (!BigEndianWriter.fitsTime(timestamp)) {
            throw new IllegalArgumentException("keytab timestamp must be whole seconds in 1970..2106: " + timestamp);
        }
        if (principal.components().size() > 0xFFFF) {
            throw new IllegalArgumentException("a keytab principal has at most 65535 components");
        }
        for (String s : principal.components()) {
            checkLength(s);
        }
        checkLength(principal.realm());
        if (key.key().length() > 0xFFFF) {
            throw new IllegalArgumentException("a keytab key has at most 65535 bytes");
        }
    }

    private static void checkLength(String s) {
        if (BigEndianWriter.utf8(s).length > 0xFFFF) {
            throw new IllegalArgumentException("a keytab principal string has at most 65535 UTF-8 bytes");
        }
    }

    @Override
    public String toString() {
        return "KeytabEntry[" + principal + ", kvno " + Integer.toUnsignedString(kvno) + ", enctype " + key.enctype()
                + ", " + timestamp + "]";
    }
}
