package org.openlsa.krb5.der;

/**
 * Checks the TLV skeleton of an encoding before Bouncy Castle parses it: Bouncy Castle's ASN1InputStream recurses
 * once per constructed level and has no depth limit, so a megabyte of nested headers would overflow the stack.
 * This walk is iterative; it reads only identifier and length octets (BER, so indefinite lengths and their
 * end-of-contents octets are followed) and fails on nesting deeper than the limit, on a length running past its
 * container, or on octets after the first top-level element. Value decoding stays with Bouncy Castle.
 *
 * <p>Not built on core's {@code DerReader} or {@code BoundedCursor}: it must walk BER (indefinite lengths closed by
 * end-of-contents octets, high tag numbers), which the strict DER reader refuses by design, and it must not recurse
 * or allocate per level, because its input is the unchecked nesting that a recursive reader would overflow on. Its
 * one stack of container ends is its bounds check.
 */
final class NestingGuard {
    private NestingGuard() {}

    private static final int INDEFINITE = -1;

    static void check(byte[] b, int maxDepth, String what) throws KrbDecodeException {
        int[] ends = new int[maxDepth + 1];
        int depth = 0;
        ends[0] = b.length;
        int pos = 0;
        while (true) {
            if (depth == 0 && pos > 0) {
                // One complete top-level element has been walked.
                if (pos < b.length) {
                    throw new KrbDecodeException(
                            what + ": " + (b.length - pos) + " octets after the end of the element");
                }
                return;
            }
            int end = ends[depth];
            if (end != INDEFINITE && pos == end && depth > 0) {
                depth--;
                continue;
            }
            int limit = end == INDEFINITE ? b.length : end;
            if (pos >= limit) {
                throw truncated(what);
            }
            int identifier = b[pos++] & 0xFF;
            if (end == INDEFINITE && identifier == 0 && pos < b.length && b[pos] == 0) {
                pos++; // end-of-contents closes the indefinite-length container
                depth--;
                continue;
            }
            if ((identifier & 0x1F) == 0x1F) {
                do {
                    if (pos >= limit) {
                        throw truncated(what);
                    }
                } while ((b[pos++] & 0x80) != 0);
            }
            if (pos >= limit) {
                throw truncated(what);
            }
            int first = b[pos++] & 0xFF;
            long length;
            if (first < 0x80) {
                length = first;
            } else if (first == 0x80) {
                length = INDEFINITE;
            } else {
                int n = first & 0x7F;
                if (n > 4) {
                    throw new KrbDecodeException(what + ": a length of " + n + " octets, at most 4 are supported");
                }
                length = 0;
                for (int i = 0; i < n; i++) {
                    if (pos >= limit) {
                        throw truncated(what);
                    }
                    length = (length << 8) | (b[pos++] & 0xFF);
                }
            }
            boolean constructed = (identifier & 0x20) != 0;
            if (length != INDEFINITE && length > limit - pos) {
                throw new KrbDecodeException(what + ": a length of " + length + " runs past the end of its container");
            }
            if (constructed) {
                if (depth == maxDepth) {
                    throw new KrbDecodeException(what + ": nested deeper than " + maxDepth + " levels");
                }
                ends[++depth] = length == INDEFINITE ? INDEFINITE : (int) (pos + length);
            } else if (length == INDEFINITE) {
                throw new KrbDecodeException(what + ": a primitive encoding with indefinite length");
            } else {
                pos += (int) length;
            }
        }
    }

    private static KrbDecodeException truncated(String what) {
        return new KrbDecodeException(what + ": truncated");
    }
}
