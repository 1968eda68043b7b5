package org.openlsa.ipc;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.core.Sid;

/**
 * A bounded cursor over one payload reading the field types of docs/ipc.md ("Conventions"). Like
 * {@link org.openlsa.core.wire.WireReader} it never trusts a length: every count is checked against the bytes that
 * remain before anything is allocated, and every violation is {@link LsaException} INVALID_PARAMETER naming the bound.
 */
final class BodyReader {
    /** {@code sid}: 8 bytes for no sub-authority, 68 for the 15 a SID may have. */
    static final int MIN_SID_BYTES = 8;
    static final int MAX_SID_BYTES = 68;

    private final byte[] buf;
    private int pos;

    BodyReader(byte[] buf) {
        this(buf, 0);
    }

    BodyReader(byte[] buf, int start) {
        this.buf = buf;
        this.pos = start;
    }

    static LsaException invalid(String message) {
        return new LsaException(NtStatus.INVALID_PARAMETER, message);
    }

    int remaining() {
        return buf.length - pos;
    }

    int position() {
        return pos;
    }

    private void need(int n, String what) throws LsaException {
        if (n > buf.length - pos) {
            throw invalid(what + " needs " + n + " bytes at offset " + pos + ", " + remaining() + " remain");
        }
    }

    int u8() throws LsaException {
        need(1, "u8");
        return buf[pos++] & 0xFF;
    }

    int u16() throws LsaException {
        need(2, "u16");
        int v = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8;
        pos += 2;
        return v;
    }

    /** A u32, held in an int (compare unsigned where it matters). */
    int u32() throws LsaException {
        need(4, "u32");
        int v = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8 | (buf[pos + 2] & 0xFF) << 16
                | (buf[pos + 3] & 0xFF) << 24;
        pos += 4;
        return v;
    }

    long u64() throws LsaException {
        need(8, "u64");
        long lo = Integer.toUnsignedLong(u32());
        return lo | (long) u32() << 32;
    }

    boolean bool(String field) throws LsaException {
        int v = u8();
        if (v > 1) {
            throw invalid(field + ": bool is 0 or 1, got " + v);
        }
        return v == 1;
    }

    NtStatus status() throws LsaException {
        return new NtStatus(u32());
    }

    /** Exactly {@code n} bytes without a count. */
    byte[] raw(int n, String field) throws LsaException {
        need(n, field);
        byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return out;
    }

    /** {@code bytes}: u32 count checked against the remaining bytes, then the bytes. */
    byte[] bytes(String field) throws LsaException {
        long n = Integer.toUnsignedLong(u32());
        if (n > remaining()) {
            throw invalid(field + ": byte count " + n + " exceeds the " + remaining() + " bytes that remain");
        }
        return raw((int) n, field);
    }

    /** {@code string}: strict UTF-8 (malformed or overlong sequences and encoded surrogates are refused). */
    String string(String field) throws LsaException {
        long n = Integer.toUnsignedLong(u32());
        if (n > remaining()) {
            throw invalid(field + ": string length " + n + " exceeds the " + remaining() + " bytes that remain");
        }
        try {
            String s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(buf, pos, (int) n))
                    .toString();
            pos += (int) n;
            return s;
        } catch (CharacterCodingException e) {
            throw invalid(field + ": malformed UTF-8");
        }
    }

    /** {@code sid}: u8 byte count 8..68, then a binary SID that fills it exactly. */
    Sid sid(String field) throws LsaException {
        int n = u8();
        if (n < MIN_SID_BYTES || n > MAX_SID_BYTES) {
            throw invalid(field + ": SID length " + n + " is outside " + MIN_SID_BYTES + ".." + MAX_SID_BYTES);
        }
        byte[] b = raw(n, field);
        try {
            return Sid.fromBytes(b);
        } catch (IllegalArgumentException e) {
            throw invalid(field + ": " + e.getMessage());
        }
    }

    /**
     * A u32 element count, refused when {@code count * minElementBytes} exceeds the bytes that remain (so a hostile
     * count allocates nothing).
     */
    int count(int minElementBytes, String field) throws LsaException {
        long n = Integer.toUnsignedLong(u32());
        if (n * minElementBytes > remaining()) {
            throw invalid(field + ": count " + n + " of at least " + minElementBytes + " bytes each exceeds the "
                    + remaining() + " bytes that remain");
        }
        return (int) n;
    }

    /** Fails unless every byte was consumed: a body decodes exactly or not at all. */
    void requireEnd() throws LsaException {
        if (pos != buf.length) {
            throw invalid((buf.length - pos) + " trailing bytes after the body at offset " + pos);
        }
    }
}
