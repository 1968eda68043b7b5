package org.openlsa.krb5.files;

import java.util.Objects;
import org.openlsa.crypto.SecretBytes;

/**
 * A key with its encryption type (RFC 4120 EncryptionKey; MIT's keyblock). The enctype is stored in 16 bits by
 * both formats and read as an unsigned value. The key is a secret: this record has no value equality (compare
 * {@link #key()} with {@link SecretBytes#equalsConstantTime}) and never prints it.
 */
public record KeyBlock(int enctype, SecretBytes key) {
    public KeyBlock {
        if ((enctype & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("enctype must fit the 16 bits of the file formats: " + enctype);
        }
        Objects.requireNonNull(key, "key");
    }

    /** The empty key of a configuration entry (enctype 0, no bytes). */
    public static KeyBlock empty() {
        return new KeyBlock(0, SecretBytes.copyOf(new byte[0]));
    }

    @Override
    public String toString() {
        return "KeyBlock[enctype=" + enctype + ", key=<redacted>]";
    }
}
