package org.openlsa.ntlmssp.internal;

import java.util.Arrays;
import org.openlsa.core.LsaException;

/**
 * A strict, bounded reader of DER (X.690 10): single-byte tags only, definite lengths in their shortest form, every
 * length checked against the enclosing element, nesting limited to {@link #MAX_DEPTH}. It reads one known schema
 * (the caller names the tag it expects), so no input can make it recurse on its own. Every violation is
 * {@code LsaException(INVALID_PARAMETER)}.
 */
public final class DerReader {
    /** Deeper than any SPNEGO token nests (GSS framing, choice, sequence, tag, sequence of OIDs is 5). */
    public static final int MAX_DEPTH = 8;

    private final byte[] buf;
    private final int end;
    private final int depth;
    private final String what;
    private int pos;

    private DerReader(byte[] buf, int start, int end, int depth, String what) {
        this.buf = buf;
        this.pos = start;
        this.end = end;
        this.depth = depth;
        this.what = what;
    }

    /** A reader over all of {@code buf}, which it does not copy; {@code what} names the structure in messages. */
    public static DerReader over(byte[] buf, String what) {
        return new DerReader(buf, 0, buf.length, 0, what);
    }

    public boolean hasMore() {
        return pos < end;
    }

    /** The tag byte of the next element, or -1 at the end of this element's contents. */
    public int peekTag() {
        return pos < end ? buf[pos] & 0xFF : -1;
    }

    /** Reads the element with tag {@code tag} and returns a reader over its contents. */
    public DerReader readConstructed(int tag, String field) throws LsaException {
        if (depth + 1 > MAX_DEPTH) {
            throw Bytes.invalid(what + ": " + field + " nests deeper than " + MAX_DEPTH + " levels");
        }
        int length = readHeader(tag, field);
        DerReader inner = new DerReader(buf, pos, pos + length, depth + 1, what);
        pos += length;
        return inner;
    }

    /** Reads the element with tag {@code tag} and returns a copy of its contents. */
    public byte[] readPrimitive(int tag, String field) throws LsaException {
        int length = readHeader(tag, field);
        byte[] contents = Arrays.copyOfRange(buf, pos, pos + length);
        pos += length;
        return contents;
    }

    /** Fails unless every byte of this element's contents has been read (DER has no padding). */
    public void requireEnd(String field) throws LsaException {
        if (pos != end) {
            throw Bytes.invalid(what + ": " + (end - pos) + " unexpected bytes after " + field + " at offset " + pos);
        }
    }

    private int readHeader(int tag, String field) throws LsaException {
        if (pos >= end) {
            throw Bytes.invalid(what + ": " + field + " is missing (element ends at offset " + end + ")");
        }
        int actual = buf[pos] & 0xFF;
        if (actual != tag) {
            throw Bytes.invalid(what + ": " + field + " must have tag 0x" + Integer.toHexString(tag)
                    + ", found 0x" + Integer.toHexString(actual) + " at offset " + pos);
        }
        pos++;
        if (pos >= end) {
            throw Bytes.invalid(what + ": " + field + " has no length octet");
        }
        int first = buf[pos++] & 0xFF;
        long length;
        if (first < 0x80) {
            length = first;
        } else {
            int count = first & 0x7F;
            // 0x80 is BER's indefinite form; more than 4 octets cannot describe anything that fits in an array.
            if (count == 0 || count > 4) {
                throw Bytes.invalid(what + ": " + field + " has a " + (count == 0 ? "indefinite" : count + "-octet")
                        + " length; DER needs a definite length of at most 4 octets");
            }
            if (count > end - pos) {
                throw Bytes.invalid(what + ": " + field + " length octets run past the element end");
            }
            if (buf[pos] == 0) {
                throw Bytes.invalid(what + ": " + field + " length has a leading zero octet (not DER)");
            }
            length = 0;
            for (int i = 0; i < count; i++) {
                length = length << 8 | (buf[pos++] & 0xFF);
            }
            if (length < 0x80) {
                throw Bytes.invalid(what + ": " + field + " length " + length + " uses the long form (not DER)");
            }
        }
        if (length > end - pos) {
            throw Bytes.invalid(what + ": " + field + " length " + length + " exceeds the " + (end - pos)
                    + " bytes left in its enclosing element");
        }
        return (int) length;
    }
}
