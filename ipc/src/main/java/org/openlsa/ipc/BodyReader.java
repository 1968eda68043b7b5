package org.openlsa.ipc;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.core.Sid;
import org.openlsa.core.wire.BoundedCursor;

/**
 * Reads the field types of docs/ipc.md ("Conventions") from one payload, on core's {@link BoundedCursor}: it never
 * trusts a length, every count is checked against the bytes that remain before anything is allocated, and every
 * violation is {@link LsaException} INVALID_PARAMETER naming the bound. The field rules (bool is 0 or 1, strict
 * UTF-8, a SID's byte count) are this reader's; the bounds are the cursor's.
 */
final class BodyReader {
    /** {@code sid}: 8 bytes for no sub-authority, 68 for the 15 a SID may have. */
    static final int MIN_SID_BYTES = 8;
    static final int MAX_SID_BYTES = 68;

    private final BoundedCursor<LsaException> cursor;

    BodyReader(byte[] buf) {
        this(buf, 0);
    }

    /** A reader of {@code buf} from {@code start}, which the caller has checked lies in it. */
    BodyReader(byte[] buf, int start) {
        this.cursor = BoundedCursor.over(buf, start, buf.length - start, BodyReader::invalid);
    }

    static LsaException invalid(String message) {
        return new LsaException(NtStatus.INVALID_PARAMETER, message);
    }

    int remaining() {
        return cursor.remaining();
    }

    int u8() throws LsaException {
        return cursor.u8("u8");
    }

    int u16() throws LsaException {
        return cursor.u16le("u16");
    }

    /** A u32, held in an int (compare unsigned where it matters). */
    int u32() throws LsaException {
        return cursor.u32le("u32");
    }

    long u64() throws LsaException {
        return cursor.u64le("u64");
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
        return cursor.bytes(n, field);
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
        ByteBuffer utf8 = cursor.view(n, field);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(utf8)
                    .toString();
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
        return cursor.count(Integer.toUnsignedLong(u32()), minElementBytes, field);
    }

    /** Fails unless every byte was consumed: a body decodes exactly or not at all. */
    void requireEnd() throws LsaException {
        cursor.requireEnd("the body");
    }
}
