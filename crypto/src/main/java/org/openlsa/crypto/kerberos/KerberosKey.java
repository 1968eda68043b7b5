package org.openlsa.crypto.kerberos;

import java.util.Arrays;
import java.util.Objects;
import javax.security.auth.Destroyable;
import org.openlsa.crypto.SecretBytes;

/**
 * A Kerberos protocol key (RFC 4120 EncryptionKey): an {@link EncryptionType} and its key bytes, held in a
 * {@link SecretBytes}. There is no {@code equals}, {@code hashCode} or revealing {@code toString}; {@link #destroy()}
 * zeroes the bytes, after which every use of them throws {@link IllegalStateException} (the type stays readable:
 * it is not secret). A key cannot exist with the wrong length for its type.
 */
public final class KerberosKey implements Destroyable, AutoCloseable {
    private final EncryptionType type;
    private final SecretBytes secret;

    private KerberosKey(EncryptionType type, SecretBytes secret) {
        this.type = type;
        this.secret = secret;
    }

    /** A key holding a copy of {@code key}; the caller still owns (and should zero) its array. */
    public static KerberosKey copyOf(EncryptionType type, byte[] key) {
        checkLength(type, key);
        return new KerberosKey(type, SecretBytes.copyOf(key));
    }

    /**
     * A key that takes ownership of {@code key}: the caller must not use the array again. If the length is wrong
     * the array is zeroed before the {@link IllegalArgumentException}, since the caller has already given it up.
     */
    public static KerberosKey adopt(EncryptionType type, byte[] key) {
        try {
            checkLength(type, key);
        } catch (IllegalArgumentException e) {
            Arrays.fill(key, (byte) 0);
            throw e;
        }
        return new KerberosKey(type, SecretBytes.adopt(key));
    }

    private static void checkLength(EncryptionType type, byte[] key) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(key, "key");
        if (key.length != type.keyLength()) {
            throw new IllegalArgumentException(
                    type.mitName() + " keys are " + type.keyLength() + " bytes, not " + key.length);
        }
    }

    public EncryptionType type() {
        return type;
    }

    /** A copy of the key bytes; zero it when done ({@code Arrays.fill(copy, (byte) 0)}). */
    public byte[] copyBytes() {
        return secret.copyBytes();
    }

    /** The underlying secret itself, not a copy: destroying it destroys this key. */
    public SecretBytes secret() {
        if (secret.isDestroyed()) {
            throw new IllegalStateException("key already destroyed");
        }
        return secret;
    }

    @Override
    public void destroy() {
        secret.destroy();
    }

    @Override
    public boolean isDestroyed() {
        return secret.isDestroyed();
    }

    /** Same as {@link #destroy()}, for try-with-resources. */
    @Override
    public void close() {
        destroy();
    }

    @Override
    public String toString() {
        return "KerberosKey[" + type.mitName() + ", redacted]";
    }
}
