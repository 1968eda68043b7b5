package org.openlsa.ntlmssp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.openlsa.core.LsaException;
import org.openlsa.core.wire.WireReader;
import org.openlsa.ntlmssp.internal.Bytes;
import org.openlsa.ntlmssp.internal.OemString;
import org.openlsa.ntlmssp.internal.PayloadReader;
import org.openlsa.ntlmssp.internal.PayloadReader.Field;
import org.openlsa.ntlmssp.internal.PayloadWriter;

/**
 * The wire codec of the three NTLMSSP messages (MS-NLMP 2.2.1) and of AV_PAIR lists (2.2.2.1). Layouts, all
 * little-endian, every {@code *Fields} being {@code Len (2) | MaxLen (2) | BufferOffset (4)}:
 *
 * <pre>
 * NEGOTIATE_MESSAGE     0 Signature "NTLMSSP\0" | 8 MessageType 1 | 12 NegotiateFlags | 16 DomainNameFields |
 *                      24 WorkstationFields | 32 Version (optional) | Payload
 * CHALLENGE_MESSAGE     0 Signature | 8 MessageType 2 | 12 TargetNameFields | 20 NegotiateFlags |
 *                      24 ServerChallenge (8) | 32 Reserved (8) | 40 TargetInfoFields | 48 Version (optional) | Payload
 * AUTHENTICATE_MESSAGE  0 Signature | 8 MessageType 3 | 12 LmChallengeResponseFields | 20 NtChallengeResponseFields |
 *                      28 DomainNameFields | 36 UserNameFields | 44 WorkstationFields |
 *                      52 EncryptedRandomSessionKeyFields | 60 NegotiateFlags | 64 Version (optional) |
 *                      72 MIC (16, optional) | Payload
 * </pre>
 *
 * <p>The optional header parts exist only below the lowest offset of a non-empty payload field; that is how
 * messages without them are read: curl's 32-byte NEGOTIATE_MESSAGE, NTLMv1 clients' 64-byte AUTHENTICATE header.
 * Version is read only when NTLMSSP_NEGOTIATE_VERSION is set. The MIC is read exactly when the NTLMv2 response's
 * MsvAvFlags has bit 0x2 (3.2.5.1.2), and then the payload must start at or after 88. The pre-2003 short forms
 * are accepted where they are unambiguous: a 16-byte NEGOTIATE_MESSAGE (flags only) and a 32- or 40-byte
 * CHALLENGE_MESSAGE (no TargetInfo).
 *
 * <p>Decoding never trusts a length: every malformed input (truncated, a field outside the message or inside the
 * header, a wrong signature or message type, an odd Unicode length or unpaired surrogate, AV pairs without
 * MsvAvEOL or overrunning their buffer, impossible response lengths) raises {@code LsaException} with
 * {@code INVALID_PARAMETER} and a message naming the violated bound, and nothing else. Encoding is total over
 * valid records and deterministic: payload fields are laid out in Windows' order, MaxLen = Len.
 */
public final class NtlmsspCodec {
    private NtlmsspCodec() {}

    private static final byte[] SIGNATURE = "NTLMSSP\0".getBytes(StandardCharsets.US_ASCII);
    /** Signature and MessageType: the part {@link #messageType} reads. */
    private static final int COMMON_HEADER_BYTES = 12;

    private static final int NEGOTIATE_MINIMAL_BYTES = 16;
    private static final int NEGOTIATE_HEADER_BYTES = 32;
    private static final int CHALLENGE_SHORT_HEADER_BYTES = 32;
    private static final int CHALLENGE_HEADER_BYTES = 48;
    private static final int AUTHENTICATE_HEADER_BYTES = 64;
    private static final int AV_PAIR_HEADER_BYTES = 4;

    /** The MessageType of an NTLMSSP message, after checking its signature. */
    public static MessageType messageType(byte[] message) throws LsaException {
        if (message.length < COMMON_HEADER_BYTES) {
            throw Bytes.invalid("NTLMSSP message: " + message.length + " bytes, the header alone needs "
                    + COMMON_HEADER_BYTES);
        }
        if (!Arrays.equals(message, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
            throw Bytes.invalid("NTLMSSP message: the Signature is not \"NTLMSSP\\0\"");
        }
        int type = WireReader.over(message).u32(8);
        for (MessageType t : MessageType.values()) {
            if (t.value() == type) {
                return t;
            }
        }
        throw Bytes.invalid("NTLMSSP message: unknown MessageType " + Integer.toUnsignedString(type));
    }

    private static void requireType(byte[] message, MessageType expected) throws LsaException {
        MessageType actual = messageType(message);
        if (actual != expected) {
            throw Bytes.invalid("expected an NTLMSSP " + expected + " message, got " + actual);
        }
    }

    // ---- NEGOTIATE_MESSAGE ----

    public static NegotiateMessage decodeNegotiate(byte[] message) throws LsaException {
        requireType(message, MessageType.NtLmNegotiate);
        PayloadReader r = new PayloadReader(message, "NEGOTIATE_MESSAGE");
        if (message.length < NEGOTIATE_MINIMAL_BYTES
                || (message.length > NEGOTIATE_MINIMAL_BYTES && message.length < NEGOTIATE_HEADER_BYTES)) {
            throw Bytes.invalid("NEGOTIATE_MESSAGE: " + message.length + " bytes; it needs 16 (flags only) or at least "
                    + NEGOTIATE_HEADER_BYTES);
        }
        NegotiateFlags flags = new NegotiateFlags(r.u32(12));
        if (message.length == NEGOTIATE_MINIMAL_BYTES) {
            return new NegotiateMessage(flags, "", "", Optional.empty());
        }
        Field domainField = r.field(16, "DomainNameFields");
        Field workstationField = r.field(24, "WorkstationFields");
        long payloadStart = r.payloadStart(domainField, workstationField);
        Optional<Version> version = Optional.empty();
        int headerEnd = NEGOTIATE_HEADER_BYTES;
        if (flags.has(NegotiateFlags.NTLMSSP_NEGOTIATE_VERSION) && payloadStart >= headerEnd + Version.BYTES) {
            version = Optional.of(readVersion(r, headerEnd));
            headerEnd += Version.BYTES;
        }
        // Both fields are bounds-checked even when their flag is clear; only a flagged one is taken (2.2.1.1).
        String domain = OemString.decode(r.payload(domainField, headerEnd));
        String workstation = OemString.decode(r.payload(workstationField, headerEnd));
        return new NegotiateMessage(flags,
                flags.has(NegotiateFlags.NTLMSSP_NEGOTIATE_OEM_DOMAIN_SUPPLIED) ? domain : "",
                flags.has(NegotiateFlags.NTLMSSP_NEGOTIATE_OEM_WORKSTATION_SUPPLIED) ? workstation : "",
                version);
    }

    public static byte[] encode(NegotiateMessage m) {
        int headerSize = NEGOTIATE_HEADER_BYTES + (m.version().isPresent() ? Version.BYTES : 0);
        PayloadWriter w = start(headerSize, MessageType.NtLmNegotiate);
        w.u32(12, m.negotiateFlags().value());
        w.field(16, OemString.encode(m.domainName()));
        w.field(24, OemString.encode(m.workstation()));
        m.version().ifPresent(v -> writeVersion(w, NEGOTIATE_HEADER_BYTES, v));
        return w.toBytes();
    }

    // ---- CHALLENGE_MESSAGE ----

    public static ChallengeMessage decodeChallenge(byte[] message) throws LsaException {
        requireType(message, MessageType.NtLmChallenge);
        PayloadReader r = new PayloadReader(message, "CHALLENGE_MESSAGE");
        if (message.length < CHALLENGE_SHORT_HEADER_BYTES) {
            throw Bytes.invalid("CHALLENGE_MESSAGE: " + message.length + " bytes, the header needs at least "
                    + CHALLENGE_SHORT_HEADER_BYTES);
        }
        Field targetNameField = r.field(12, "TargetNameFields");
        NegotiateFlags flags = new NegotiateFlags(r.u32(20));
        byte[] serverChallenge = r.bytes(24, ChallengeMessage.SERVER_CHALLENGE_BYTES);
        // TargetInfoFields exist when the message is long enough and TargetName does not start before them.
        boolean hasTargetInfoFields = message.length >= CHALLENGE_HEADER_BYTES
                && (targetNameField.isEmpty() || targetNameField.offset() >= CHALLENGE_HEADER_BYTES);
        Field targetInfoField = hasTargetInfoFields
                ? r.field(40, "TargetInfoFields") : new Field("TargetInfoFields", 0, 0);
        int headerEnd = hasTargetInfoFields ? CHALLENGE_HEADER_BYTES : CHALLENGE_SHORT_HEADER_BYTES;
        Optional<Version> version = Optional.empty();
        if (hasTargetInfoFields && flags.has(NegotiateFlags.NTLMSSP_NEGOTIATE_VERSION)
                && r.payloadStart(targetNameField, targetInfoField) >= headerEnd + Version.BYTES) {
            version = Optional.of(readVersion(r, headerEnd));
            headerEnd += Version.BYTES;
        }
        String targetName = r.string(targetNameField, headerEnd, flags.unicode());
        Optional<TargetInfo> targetInfo = targetInfoField.isEmpty() ? Optional.empty()
                : Optional.of(decodeTargetInfo(r.payload(targetInfoField, headerEnd), "CHALLENGE_MESSAGE TargetInfo",
                        false));
        return new ChallengeMessage(targetName, flags, serverChallenge, targetInfo, version);
    }

    public static byte[] encode(ChallengeMessage m) {
        int headerSize = CHALLENGE_HEADER_BYTES + (m.version().isPresent() ? Version.BYTES : 0);
        PayloadWriter w = start(headerSize, MessageType.NtLmChallenge);
        w.field(12, string(m.targetName(), m.negotiateFlags()));
        w.u32(20, m.negotiateFlags().value());
        w.bytes(24, m.serverChallenge());
        m.targetInfo().ifPresent(t -> w.field(40, encode(t)));
        m.version().ifPresent(v -> writeVersion(w, CHALLENGE_HEADER_BYTES, v));
        return w.toBytes();
    }

    // ---- AUTHENTICATE_MESSAGE ----

    public static AuthenticateMessage decodeAuthenticate(byte[] message) throws LsaException {
        requireType(message, MessageType.NtLmAuthenticate);
        PayloadReader r = new PayloadReader(message, "AUTHENTICATE_MESSAGE");
        if (message.length < AUTHENTICATE_HEADER_BYTES) {
            throw Bytes.invalid("AUTHENTICATE_MESSAGE: " + message.length + " bytes, the header needs at least "
                    + AUTHENTICATE_HEADER_BYTES);
        }
        Field lm = r.field(12, "LmChallengeResponseFields");
        Field nt = r.field(20, "NtChallengeResponseFields");
        Field domain = r.field(28, "DomainNameFields");
        Field user = r.field(36, "UserNameFields");
        Field workstation = r.field(44, "WorkstationFields");
        Field key = r.field(52, "EncryptedRandomSessionKeyFields");
        NegotiateFlags flags = new NegotiateFlags(r.u32(60));
        long payloadStart = r.payloadStart(lm, nt, domain, user, workstation, key);

        byte[] ntResponse = r.payload(nt, AUTHENTICATE_HEADER_BYTES);
        boolean micPresent = parseNtChallengeResponse(ntResponse).map(v2 -> v2.avPairs().micPresent()).orElse(false);
        int headerEnd = AUTHENTICATE_HEADER_BYTES;
        Optional<Version> version = Optional.empty();
        if (flags.has(NegotiateFlags.NTLMSSP_NEGOTIATE_VERSION) && payloadStart >= headerEnd + Version.BYTES) {
            version = Optional.of(readVersion(r, headerEnd));
        }
        Optional<byte[]> mic = Optional.empty();
        if (micPresent) {
            if (payloadStart < AuthenticateMessage.MIC_OFFSET + AuthenticateMessage.MIC_BYTES) {
                throw Bytes.invalid("AUTHENTICATE_MESSAGE: MsvAvFlags announces a MIC at offset "
                        + AuthenticateMessage.MIC_OFFSET + " but the payload starts at " + payloadStart);
            }
            mic = Optional.of(r.bytes(AuthenticateMessage.MIC_OFFSET, AuthenticateMessage.MIC_BYTES));
            headerEnd = AuthenticateMessage.MIC_OFFSET + AuthenticateMessage.MIC_BYTES;
        } else if (version.isPresent()) {
            headerEnd += Version.BYTES;
        }
        byte[] lmResponse = r.payload(lm, headerEnd);
        r.payload(nt, headerEnd); // re-checked against the final header size
        byte[] encryptedKey = r.payload(key, headerEnd);
        String problem = AuthenticateMessage.lengthProblem(lmResponse.length, encryptedKey.length);
        if (problem != null) {
            throw Bytes.invalid("AUTHENTICATE_MESSAGE: " + problem);
        }
        boolean unicode = flags.unicode();
        return new AuthenticateMessage(lmResponse, ntResponse, r.string(domain, headerEnd, unicode),
                r.string(user, headerEnd, unicode), r.string(workstation, headerEnd, unicode), encryptedKey, flags,
                version, mic);
    }

    public static byte[] encode(AuthenticateMessage m) {
        boolean mic = m.mic().isPresent();
        int headerSize = mic ? AuthenticateMessage.MIC_OFFSET + AuthenticateMessage.MIC_BYTES
                : AUTHENTICATE_HEADER_BYTES + (m.version().isPresent() ? Version.BYTES : 0);
        PayloadWriter w = start(headerSize, MessageType.NtLmAuthenticate);
        NegotiateFlags flags = m.negotiateFlags();
        // Windows' payload order (MS-NLMP 4.2.4.3): names first, then responses, then the session key.
        w.field(28, string(m.domainName(), flags));
        w.field(36, string(m.userName(), flags));
        w.field(44, string(m.workstation(), flags));
        w.field(12, m.lmChallengeResponse());
        w.field(20, m.ntChallengeResponse());
        w.field(52, m.encryptedRandomSessionKey());
        w.u32(60, flags.value());
        m.version().ifPresent(v -> writeVersion(w, AUTHENTICATE_HEADER_BYTES, v));
        m.mic().ifPresent(b -> w.bytes(AuthenticateMessage.MIC_OFFSET, b));
        return w.toBytes();
    }

    /**
     * The NtChallengeResponse parsed as NTLMv2 (2.2.2.8), or empty for the 0- and 24-byte forms (none, NTLMv1).
     * The AvPairs must end in MsvAvEOL; the bytes after it (Z(4) in 3.3.2's {@code temp}) are not part of them.
     */
    public static Optional<NtlmV2Response> parseNtChallengeResponse(byte[] ntChallengeResponse) throws LsaException {
        int n = ntChallengeResponse.length;
        if (n == 0 || n == AuthenticateMessage.V1_RESPONSE_BYTES) {
            return Optional.empty();
        }
        if (n < NtlmV2Response.MIN_BYTES) {
            throw Bytes.invalid("NtChallengeResponse: " + n + " bytes is neither NTLMv1 (24) nor NTLMv2 (at least "
                    + NtlmV2Response.MIN_BYTES + ")");
        }
        WireReader r = WireReader.over(ntChallengeResponse);
        TargetInfo avPairs = decodeTargetInfo(
                Arrays.copyOfRange(ntChallengeResponse, NtlmV2Response.MIN_BYTES, n), "NTLMv2 response AvPairs", true);
        return Optional.of(new NtlmV2Response(r.bytes(0, 16), r.u8(16), r.u8(17), r.u64(24), r.bytes(32, 8), avPairs));
    }

    // ---- AV_PAIR lists ----

    /** Decodes an AV_PAIR list that must end exactly with MsvAvEOL. */
    public static TargetInfo decodeTargetInfo(byte[] avPairs) throws LsaException {
        return decodeTargetInfo(avPairs, "TargetInfo", false);
    }

    private static TargetInfo decodeTargetInfo(byte[] bytes, String what, boolean trailingAllowed)
            throws LsaException {
        WireReader r = WireReader.over(bytes);
        List<AvPair> pairs = new ArrayList<>();
        int pos = 0;
        while (true) {
            if (bytes.length - pos < AV_PAIR_HEADER_BYTES) {
                throw Bytes.invalid(what + ": no MsvAvEOL before the end of the " + bytes.length + "-byte buffer");
            }
            int id = r.u16(pos);
            int length = r.u16(pos + 2);
            pos += AV_PAIR_HEADER_BYTES;
            if (length > bytes.length - pos) {
                throw Bytes.invalid(what + ": AV_PAIR " + id + " at offset " + (pos - AV_PAIR_HEADER_BYTES)
                        + " has AvLen " + length + ", past the end of the " + bytes.length + "-byte buffer");
            }
            if (id == AvId.MsvAvEOL.value()) {
                if (length != 0) {
                    throw Bytes.invalid(what + ": MsvAvEOL must have AvLen 0, not " + length);
                }
                break;
            }
            String problem = AvPair.problem(id, length);
            if (problem != null) {
                throw Bytes.invalid(what + ": " + problem);
            }
            pairs.add(new AvPair(id, r.bytes(pos, length)));
            pos += length;
        }
        if (!trailingAllowed && pos != bytes.length) {
            throw Bytes.invalid(what + ": " + (bytes.length - pos) + " bytes after MsvAvEOL");
        }
        return new TargetInfo(pairs);
    }

    /** The AV_PAIR list followed by MsvAvEOL. */
    public static byte[] encode(TargetInfo targetInfo) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (AvPair p : targetInfo.pairs()) {
            writeAvHeader(out, p.avId(), p.value().length);
            out.writeBytes(p.value());
        }
        writeAvHeader(out, AvId.MsvAvEOL.value(), 0);
        return out.toByteArray();
    }

    private static void writeAvHeader(ByteArrayOutputStream out, int id, int length) {
        out.write(id);
        out.write(id >>> 8);
        out.write(length);
        out.write(length >>> 8);
    }

    // ---- shared pieces ----

    private static PayloadWriter start(int headerSize, MessageType type) {
        return new PayloadWriter(headerSize).bytes(0, SIGNATURE).u32(8, type.value());
    }

    private static Version readVersion(PayloadReader r, int offset) throws LsaException {
        return new Version(r.u8(offset), r.u8(offset + 1), r.u16(offset + 2), r.u8(offset + 7));
    }

    private static void writeVersion(PayloadWriter w, int offset, Version v) {
        w.bytes(offset, new byte[] {(byte) v.productMajorVersion(), (byte) v.productMinorVersion()});
        w.u16(offset + 2, v.productBuild());
        w.bytes(offset + 7, new byte[] {(byte) v.ntlmRevisionCurrent()});
    }

    private static byte[] string(String s, NegotiateFlags flags) {
        return flags.unicode() ? s.getBytes(StandardCharsets.UTF_16LE) : OemString.encode(s);
    }
}
