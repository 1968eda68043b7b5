package org.openlsa.crypto;

import java.security.MessageDigest;
import java.util.Arrays;
import javax.security.auth.Destroyable;

/**
 * Secret material: a password in UTF-16LE, an NT hash, a key. It has no {@code equals}, {@code hashCode} or
 * revealing {@code toString}; the only comparison is {@link #equalsConstantTime}, whose time does not depend on
 * where the contents differ. {@link #destroy()} zeroes the bytes; every later use throws
 * {@link IllegalStateException}. The raw bytes leave only through {@link #copyBytes()}, whose caller zeroes the
 * copy when done.
 */
public final class SecretBytes implements Destroyable, AutoCloseable {
    private final byte[] bytes;
    private volatile boolean destroyed;

    private SecretBytes(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A secret holding a copy of {@code bytes}; the caller still owns (and should zero) its array. */
    public static SecretBytes copyOf(byte[] bytes) {
        return new SecretBytes(bytes.clone());
    }

    /** A secret that takes ownership of {@code bytes}: the caller must not use the array again. */
    public static SecretBytes adopt(byte[] bytes) {
        return new SecretBytes(bytes);
    }

    public int length() {
        checkAlive();
        return bytes.length;
    }

    /** A copy of the secret; zero it when done ({@code Arrays.fill(copy, (byte) 0)}). */
    public byte[] copyBytes() {
        checkAlive();
        return bytes.clone();
    }

    /**
     * Constant-time equality of contents. Lengths are not secret: different lengths compare unequal at once,
     * never as a match (the bug of treating a length mismatch as equal is the one to avoid here).
     */
    public boolean equalsConstantTime(SecretBytes other) {
        checkAlive();
        other.checkAlive();
        return MessageDigest.isEqual(bytes, other.bytes);
    }

    /** Constant-time comparison against plain bytes (a response on the wire, say). */
    public boolean equalsConstantTime(byte[] other) {
        checkAlive();
        return MessageDigest.isEqual(bytes, other);
    }

    /** Gives the raw bytes to {@code user} without a copy; they must not escape the call. */
    public void use(java.util.function.Consumer<byte[]> user) {
        checkAlive();
        user.accept(bytes);
    }

    @Override
    public void destroy() {
        Arrays.fill(bytes, (byte) 0);
        destroyed = true;
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    /** Same as {@link #destroy()}, for try-with-resources. */
    @Override
    public void close() {
        destroy();
    }

    private void checkAlive() {
        if (destroyed) {
            throw new IllegalStateException("secret already destroyed");
        }
    }

    @Override
    public String toString() {
        return "SecretBytes[redacted]";
    }
}
