package org.openlsa.ntlmssp.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.openlsa.core.LsaException;
import org.openlsa.core.wire.BoundedCursor;

/**
 * Reads the fixed header and the {@code *Fields} descriptors of one NTLMSSP message (MS-NLMP 2.2.1:
 * {@code Len (2) | MaxLen (2) | BufferOffset (4)}, offsets from the start of the message). Nothing is trusted: a
 * non-empty field must lie wholly inside the message and after the fixed header. MaxLen is ignored on receipt, as
 * the spec allows; an empty field's offset is not checked because clients put anything there (curl writes 0).
 * Built on core's {@link BoundedCursor}: the bounds are its, the payload rule (after the header) is this reader's.
 */
public final class PayloadReader {
    /** The 8-byte descriptor of one payload field. */
    public record Field(String name, int length, long offset) {
        public boolean isEmpty() {
            return length == 0;
        }
    }

    private final BoundedCursor<LsaException> message;
    private final String what;

    public PayloadReader(byte[] message, String what) {
        this.message = BoundedCursor.over(message, Bytes::invalid);
        this.what = what;
    }

    public int length() {
        return message.length();
    }

    public int u8(int offset) throws LsaException {
        return message.u8At(offset, "byte");
    }

    public int u16(int offset) throws LsaException {
        return message.u16leAt(offset, "USHORT");
    }

    public int u32(int offset) throws LsaException {
        return message.u32leAt(offset, "ULONG");
    }

    public long u64(int offset) throws LsaException {
        return message.u64leAt(offset, "LARGE_INTEGER");
    }

    public byte[] bytes(int offset, int n) throws LsaException {
        return message.bytesAt(offset, n, n + "-byte field");
    }

    /** The descriptor at {@code descriptorOffset}; its bounds are checked by {@link #payload}. */
    public Field field(int descriptorOffset, String name) throws LsaException {
        return new Field(name, u16(descriptorOffset), Integer.toUnsignedLong(u32(descriptorOffset + 4)));
    }

    /**
     * Where the payload starts: the lowest offset of the non-empty {@code fields}, or the message length when all
     * are empty. The optional header parts (Version, MIC) exist only below this point.
     */
    public long payloadStart(Field... fields) {
        long start = message.length();
        for (Field f : fields) {
            if (!f.isEmpty()) {
                start = Math.min(start, f.offset());
            }
        }
        return start;
    }

    /** The bytes {@code field} describes; it must lie in {@code [headerEnd, message length)}. */
    public byte[] payload(Field field, int headerEnd) throws LsaException {
        if (field.isEmpty()) {
            return new byte[0];
        }
        if (field.offset() < headerEnd || field.offset() > message.length() - field.length()) {
            throw Bytes.invalid(what + ": " + field.name() + " at offset " + field.offset() + " (+" + field.length()
                    + ") lies outside the payload [" + headerEnd + ", " + message.length() + ")");
        }
        return message.bytesAt(field.offset(), field.length(), field.name());
    }

    /** A payload string: UTF-16LE (strict: even length, no unpaired surrogate) or the OEM form. */
    public String string(Field field, int headerEnd, boolean unicode) throws LsaException {
        byte[] raw = payload(field, headerEnd);
        return unicode ? unicode(raw, what + ": " + field.name()) : OemString.decode(raw);
    }

    /** Strict UTF-16LE: an odd length or an unpaired surrogate is malformed, never silently replaced. */
    public static String unicode(byte[] raw, String field) throws LsaException {
        if ((raw.length & 1) != 0) {
            throw Bytes.invalid(field + ": Unicode length " + raw.length + " is odd");
        }
        try {
            return StandardCharsets.UTF_16LE.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw))
                    .toString();
        } catch (CharacterCodingException e) {
            throw Bytes.invalid(field + ": not valid UTF-16LE (unpaired surrogate)");
        }
    }
}
