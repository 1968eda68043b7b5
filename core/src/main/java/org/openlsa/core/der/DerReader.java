package org.openlsa.core.der;

import org.openlsa.core.wire.BoundedCursor;

/**
 * A strict, bounded reader of DER (X.690 10) for codecs that read one known schema: the caller names the tag it
 * expects at each step, so no input can make it recurse on its own. Single-byte tags only (the high-tag-number form
 * is refused), definite lengths in their shortest form, every length checked against the enclosing element,
 * nesting limited to the depth the format allows. The bounds are a {@link BoundedCursor}'s; a violation is the
 * format's own exception, made by the {@link BoundedCursor.Failure} given at creation (SPNEGO raises
 * {@code LsaException(INVALID_PARAMETER)}, Kerberos's fast path gives up and lets Bouncy Castle word the error).
 *
 * <p>{@link #overDefiniteBer} relaxes one rule for octets that must be kept exactly as a peer sent them (the
 * Kerberos req-body a checksum covers): a length may use the long form or leading zero octets, as BER allows, but
 * it must still be definite.
 *
 * @param <E> the exception of the format being read
 */
public final class DerReader<E extends Exception> {
    private static final int HIGH_TAG_NUMBER = 0x1F;
    private static final int MAX_LENGTH_OCTETS = 4;

    private final BoundedCursor<E> cursor;
    private final int depth;
    private final int maxDepth;
    private final boolean minimalLengths;
    private final String what;

    private DerReader(BoundedCursor<E> cursor, int depth, int maxDepth, boolean minimalLengths, String what) {
        this.cursor = cursor;
        this.depth = depth;
        this.maxDepth = maxDepth;
        this.minimalLengths = minimalLengths;
        this.what = what;
    }

    /**
     * A DER reader over all of {@code der}, which it does not copy; {@code what} names the structure in messages, and
     * at most {@code maxDepth} constructed elements may nest.
     */
    public static <E extends Exception> DerReader<E> over(byte[] der, int maxDepth, String what,
            BoundedCursor.Failure<E> failure) {
        return new DerReader<>(BoundedCursor.over(der, failure), 0, maxDepth, true, what);
    }

    /** As {@link #over}, but lengths need not be minimal (definite-length BER). */
    public static <E extends Exception> DerReader<E> overDefiniteBer(byte[] ber, int maxDepth, String what,
            BoundedCursor.Failure<E> failure) {
        return new DerReader<>(BoundedCursor.over(ber, failure), 0, maxDepth, false, what);
    }

    public boolean hasMore() {
        return cursor.hasRemaining();
    }

    /** The tag byte of the next element, or -1 at the end of this element's contents. */
    public int peekTag() {
        return cursor.peekU8();
    }

    /** Reads the element with tag {@code tag} and returns a reader over its contents, one level deeper. */
    public DerReader<E> readConstructed(int tag, String field) throws E {
        if (depth + 1 > maxDepth) {
            throw cursor.failure(what + ": " + field + " nests deeper than " + maxDepth + " levels");
        }
        int length = readHeader(tag, field);
        return new DerReader<>(cursor.slice(length, field), depth + 1, maxDepth, minimalLengths, what);
    }

    /**
     * Reads the element with tag {@code tag} and returns a copy of its contents: a primitive's value, or the
     * elements of a constructed one exactly as received.
     */
    public byte[] readContents(int tag, String field) throws E {
        int length = readHeader(tag, field);
        return cursor.bytes(length, field);
    }

    /** Reads past the element with tag {@code tag}. */
    public void skip(int tag, String field) throws E {
        int length = readHeader(tag, field);
        cursor.skip(length, field);
    }

    /** Fails unless every byte of this element's contents has been read (DER has no padding). */
    public void requireEnd(String field) throws E {
        if (cursor.hasRemaining()) {
            throw cursor.failure(what + ": " + cursor.remaining() + " unexpected bytes after " + field + " at offset "
                    + cursor.arrayOffset());
        }
    }

    /** Reads the identifier and length octets of the next element, which must have {@code tag}: its length. */
    private int readHeader(int tag, String field) throws E {
        if (!cursor.hasRemaining()) {
            throw cursor.failure(what + ": " + field + " is missing (element ends at offset "
                    + (cursor.arrayOffset()) + ")");
        }
        int actual = cursor.peekU8();
        if (actual != tag) {
            throw cursor.failure(what + ": " + field + " must have tag 0x" + Integer.toHexString(tag) + ", found 0x"
                    + Integer.toHexString(actual) + " at offset " + cursor.arrayOffset());
        }
        if ((tag & HIGH_TAG_NUMBER) == HIGH_TAG_NUMBER) {
            throw cursor.failure(what + ": " + field + " uses the high-tag-number form; only single-byte tags are read");
        }
        cursor.u8(field);
        if (!cursor.hasRemaining()) {
            throw cursor.failure(what + ": " + field + " has no length octet");
        }
        int first = cursor.u8(field);
        long length;
        if (first < 0x80) {
            length = first;
        } else {
            int count = first & 0x7F;
            // 0x80 is BER's indefinite form; more than 4 octets cannot describe anything that fits in an array.
            if (count == 0 || count > MAX_LENGTH_OCTETS) {
                throw cursor.failure(what + ": " + field + " has a " + (count == 0 ? "indefinite" : count + "-octet")
                        + " length; DER needs a definite length of at most " + MAX_LENGTH_OCTETS + " octets");
            }
            if (count > cursor.remaining()) {
                throw cursor.failure(what + ": " + field + " length octets run past the element end");
            }
            if (minimalLengths && cursor.peekU8() == 0) {
                throw cursor.failure(what + ": " + field + " length has a leading zero octet (not DER)");
            }
            length = 0;
            for (int i = 0; i < count; i++) {
                length = length << 8 | cursor.u8(field);
            }
            if (minimalLengths && length < 0x80) {
                throw cursor.failure(what + ": " + field + " length " + length + " uses the long form (not DER)");
            }
        }
        if (length > cursor.remaining()) {
            throw cursor.failure(what + ": " + field + " length " + length + " exceeds the " + cursor.remaining()
                    + " bytes left in its enclosing element");
        }
        return (int) length;
    }
}
