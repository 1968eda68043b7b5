package org.openlsa.crypto;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.security.auth.Destroyable;

/**
 * Secret material: a password in UTF-16LE, an NT hash, a key. It has no {@code equals}, {@code hashCode} or
 * revealing {@code toString}; the only comparison is {@link #equalsConstantTime}, whose time does not depend on
 * where the contents differ. {@link #destroy()} zeroes the bytes; every later use throws
 * {@link IllegalStateException}.
 *
 * <p>This is the one place that zeroes secret material. A secret moves between encodings (typed characters,
 * UTF-8, UTF-16LE) and into the structures that carry it (a serialized logon structure holding a password) as
 * another {@code SecretBytes}, derived here with every intermediate buffer zeroed here: {@link #adoptChars},
 * {@link #utf8ToUtf16le}, {@link #utf16leToUtf8}, {@link #readChars}; a codec reads the bytes through
 * {@link #read}/{@link #use} and writes a structure into {@link #allocate}d secret memory, so no plain copy exists
 * for anyone else to zero. {@link #copyBytes()} remains for APIs that insist on an array of their own; its caller
 * zeroes the copy.
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

    /**
     * A zeroed secret of {@code length} bytes for a codec to write a structure holding a secret into, through
     * {@link #use}: the structure is born inside the secret and never exists as a plain array.
     */
    public static SecretBytes allocate(int length) {
        return new SecretBytes(new byte[length]);
    }

    /**
     * Takes typed characters (from {@link java.io.Console#readPassword}, say), returns their UTF-16LE encoding and
     * zeroes {@code chars}: the caller must not use the array again. An unpaired surrogate becomes U+FFFD, as
     * {@link StandardCharsets#UTF_16LE} encodes it.
     */
    public static SecretBytes adoptChars(char[] chars) {
        try {
            return encode(CharBuffer.wrap(chars), StandardCharsets.UTF_16LE.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE));
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("REPLACE never throws", e);
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    public int length() {
        checkAlive();
        return bytes.length;
    }

    /** An independent secret with the same contents, for a second owner that closes its own. */
    public SecretBytes copy() {
        checkAlive();
        return new SecretBytes(bytes.clone());
    }

    /** A new secret holding bytes {@code [from, to)} of this one (a line read into a larger buffer, say). */
    public SecretBytes range(int from, int to) {
        checkAlive();
        return new SecretBytes(Arrays.copyOfRange(bytes, from, to));
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

    /** A function of the raw bytes that may throw {@code E}. */
    @FunctionalInterface
    public interface Reader<T, E extends Exception> {
        T read(byte[] bytes) throws E;
    }

    /** A function of the password's UTF-16 code units that may throw {@code E}. */
    @FunctionalInterface
    public interface CharsReader<T, E extends Exception> {
        T read(char[] chars) throws E;
    }

    /**
     * Gives the raw bytes to {@code reader} without a copy and returns its result (a codec decoding a structure, a
     * hash); the array must not escape the call.
     */
    public <T, E extends Exception> T read(Reader<T, E> reader) throws E {
        checkAlive();
        return reader.read(bytes);
    }

    /**
     * Gives this UTF-16LE secret to {@code reader} as UTF-16 code units (a trailing odd byte is ignored, an unpaired
     * surrogate kept), for rules that look at characters (the policy's complexity, LMOWF); the temporary array is
     * zeroed when the call returns.
     */
    public <T, E extends Exception> T readChars(CharsReader<T, E> reader) throws E {
        checkAlive();
        char[] chars = new char[bytes.length / 2];
        try {
            for (int i = 0; i < chars.length; i++) {
                chars[i] = (char) ((bytes[2 * i] & 0xFF) | (bytes[2 * i + 1] & 0xFF) << 8);
            }
            return reader.read(chars);
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    /**
     * This UTF-16LE secret re-encoded as UTF-8 (RFC 3962's string-to-key input); intermediate buffers are zeroed. A
     * trailing odd byte is ignored and an unpaired surrogate becomes {@code '?'}, the UTF-8 encoder's replacement.
     */
    public SecretBytes utf16leToUtf8() {
        return readChars(chars -> {
            try {
                return encode(CharBuffer.wrap(chars), StandardCharsets.UTF_8.newEncoder()
                        .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE));
            } catch (CharacterCodingException e) {
                throw new IllegalStateException("REPLACE never throws", e);
            }
        });
    }

    /**
     * This UTF-8 secret re-encoded as UTF-16LE; intermediate buffers are zeroed. With {@code strict}, input that is
     * not well-formed UTF-8 is a {@link CharacterCodingException} (what kpasswd refuses); otherwise each malformed
     * sequence becomes U+FFFD (what a password typed on a terminal in another encoding gets).
     */
    public SecretBytes utf8ToUtf16le(boolean strict) throws CharacterCodingException {
        checkAlive();
        CodingErrorAction action = strict ? CodingErrorAction.REPORT : CodingErrorAction.REPLACE;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(action)
                .onUnmappableCharacter(action);
        char[] chars = new char[bytes.length]; // UTF-8 never needs more UTF-16 units than it has bytes
        try {
            CharBuffer cb = CharBuffer.wrap(chars);
            CoderResult r = decoder.decode(ByteBuffer.wrap(bytes), cb, true);
            if (r.isError()) {
                r.throwException();
            }
            r = decoder.flush(cb);
            if (r.isError()) {
                r.throwException();
            }
            cb.flip();
            return encode(cb, StandardCharsets.UTF_16LE.newEncoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE));
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    /** Encodes {@code chars} into a secret of exactly the encoded length; the working buffer is zeroed. */
    private static SecretBytes encode(CharBuffer chars, CharsetEncoder encoder) throws CharacterCodingException {
        byte[] work = new byte[(int) Math.ceil(chars.remaining() * (double) encoder.maxBytesPerChar())];
        try {
            ByteBuffer out = ByteBuffer.wrap(work);
            CoderResult r = encoder.encode(chars, out, true);
            if (r.isError()) {
                r.throwException();
            }
            r = encoder.flush(out);
            if (r.isError()) {
                r.throwException();
            }
            return new SecretBytes(Arrays.copyOf(work, out.position()));
        } finally {
            Arrays.fill(work, (byte) 0);
        }
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
