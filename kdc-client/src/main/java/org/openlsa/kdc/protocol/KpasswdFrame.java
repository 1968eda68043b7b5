package org.openlsa.kdc.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.openlsa.krb5.Bytes;

/**
 * The outer framing of the kpasswd protocol (RFC 3244 2), the same for a request and a reply:
 * <pre>
 * message length (2) | protocol version (2) | AP-REQ or AP-REP length (2) | AP-REQ / AP-REP | KRB-PRIV or KRB-ERROR
 * </pre>
 * All big-endian; the message length counts the whole frame, itself included. Over TCP the frame goes inside the
 * usual 4-byte length prefix, as a KDC message does. A reply with an empty AP-REP carries a KRB-ERROR whose e-data
 * is the result (code and text, as {@link #result}). A request's version says what its KRB-PRIV carries: the new
 * password itself ({@link #VERSION_CHANGE}) or a ChangePasswdData ({@link #VERSION_SET}); replies carry
 * {@link #VERSION_CHANGE} either way (MIT, Heimdal and Samba all answer 1).
 *
 * @param version the protocol version
 * @param ap the AP-REQ (a request) or AP-REP (a reply; empty when the reply is an error)
 * @param message the KRB-PRIV, or the KRB-ERROR of an error reply
 */
public record KpasswdFrame(int version, Bytes ap, Bytes message) {
    /** Change password: the KRB-PRIV's user-data is the new password (RFC 3244 calls it the old protocol). */
    public static final int VERSION_CHANGE = 0x0001;
    /** Set password: the user-data is a ChangePasswdData, which may name another principal. */
    public static final int VERSION_SET = 0xff80;
    /** The frame's length field is 16 bits: no frame is longer. */
    public static final int MAX_FRAME = 0xffff;
    private static final int HEADER = 6;

    public KpasswdFrame {
        Objects.requireNonNull(ap, "ap");
        Objects.requireNonNull(message, "message");
        if (version < 0 || version > 0xffff) {
            throw new IllegalArgumentException("a kpasswd version is 16 bits, not " + version);
        }
        if (HEADER + ap.length() + message.length() > MAX_FRAME) {
            throw new IllegalArgumentException("a kpasswd frame is at most " + MAX_FRAME + " bytes");
        }
    }

    /** A malformed frame: the reason names the field. */
    public static final class MalformedFrameException extends Exception {
        public MalformedFrameException(String message) {
            super(message);
        }
    }

    /**
     * Parses a frame, checking every length against the bytes present.
     *
     * @throws MalformedFrameException when the frame is shorter than its header, its length field disagrees with
     *         the bytes received, or the AP length runs past the end
     */
    public static KpasswdFrame decode(byte[] frame) throws MalformedFrameException {
        if (frame.length < HEADER) {
            throw new MalformedFrameException("a kpasswd message is at least " + HEADER + " bytes, not " + frame.length);
        }
        ByteBuffer b = ByteBuffer.wrap(frame);
        int length = Short.toUnsignedInt(b.getShort());
        if (length != frame.length) {
            throw new MalformedFrameException("the message length field says " + length + " bytes, " + frame.length
                    + " arrived");
        }
        int version = Short.toUnsignedInt(b.getShort());
        int apLength = Short.toUnsignedInt(b.getShort());
        if (apLength > frame.length - HEADER) {
            throw new MalformedFrameException("the AP message length " + apLength + " runs past the end of the message");
        }
        return new KpasswdFrame(version, Bytes.of(frame, HEADER, HEADER + apLength),
                Bytes.of(frame, HEADER + apLength, frame.length));
    }

    public byte[] encode() {
        int length = HEADER + ap.length() + message.length();
        return ByteBuffer.allocate(length).putShort((short) length).putShort((short) version)
                .putShort((short) ap.length()).put(ap.toByteArray()).put(message.toByteArray()).array();
    }

    /**
     * A result as it travels in a reply's user-data or an error's e-data: the code in two octets, then the text.
     * The text is UTF-8 without a terminating NUL (MIT's client prints a generic message for one with a NUL).
     */
    public static byte[] result(int code, byte[] text) {
        return ByteBuffer.allocate(2 + text.length).putShort((short) code).put(text).array();
    }

    /** {@link #result(int, byte[])} with a human-readable text. */
    public static byte[] result(KpasswdResult code, String text) {
        return result(code.code(), text.getBytes(StandardCharsets.UTF_8));
    }

    /** The code of an encoded result; MalformedFrameException when it has fewer than two octets. */
    public static int resultCode(byte[] result) throws MalformedFrameException {
        if (result.length < 2) {
            throw new MalformedFrameException("a kpasswd result is at least 2 bytes, not " + result.length);
        }
        return (result[0] & 0xff) << 8 | result[1] & 0xff;
    }

    /** The text after the code (possibly an Active Directory policy blob, see {@link KpasswdPolicyInfo}). */
    public static byte[] resultText(byte[] result) {
        return result.length < 2 ? new byte[0] : Arrays.copyOfRange(result, 2, result.length);
    }
}
