package org.openlsa.sam;

import java.util.Objects;
import org.openlsa.crypto.SecretBytes;

/**
 * One long-term Kerberos key of an account: its enctype, the salt it was made with (kept so that ETYPE-INFO2 can
 * announce it even after the account is renamed, RFC 4120 section 5.2.7.5) and the key itself.
 *
 * <p>Ownership: the entry takes over {@code key} (it does not copy it), so whoever owns the entry, usually through
 * its {@link KerberosKeySet}, destroys it. The salt is not secret and is copied in and out. Equality is identity,
 * and {@link #toString} shows no key material.
 *
 * @param enctype one of {@link KerberosKeys#SUPPORTED}
 * @param salt the string-to-key salt (empty for RC4-HMAC, which has none, or for a random key)
 * @param key exactly {@link KerberosKeys#keyLengthBytes} bytes for the enctype
 */
public record KerberosKeyEntry(int enctype, byte[] salt, SecretBytes key) {
    /** The salt is free text in practice; this bound only keeps a damaged row from becoming a huge allocation. */
    public static final int MAX_SALT_BYTES = 4096;

    public KerberosKeyEntry {
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(key, "key");
        int expected = KerberosKeys.keyLengthBytes(enctype);
        if (key.isDestroyed()) {
            throw new IllegalArgumentException("the key for enctype " + enctype + " is already destroyed");
        }
        if (key.length() != expected) {
            throw new IllegalArgumentException("a key for enctype " + enctype + " has " + expected + " bytes, not "
                    + key.length());
        }
        if (salt.length > MAX_SALT_BYTES) {
            throw new IllegalArgumentException("a salt has at most " + MAX_SALT_BYTES + " bytes, not " + salt.length);
        }
        salt = salt.clone();
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    /** An independent entry with a fresh copy of the key, for a caller that destroys its own. */
    public KerberosKeyEntry copy() {
        byte[] k = key.copyBytes();
        return new KerberosKeyEntry(enctype, salt, SecretBytes.adopt(k));
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public String toString() {
        return "KerberosKeyEntry[enctype=" + enctype + ", salt=" + salt.length + " bytes, key=redacted]";
    }
}
