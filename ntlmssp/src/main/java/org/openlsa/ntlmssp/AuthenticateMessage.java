package org.openlsa.ntlmssp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.openlsa.core.LsaException;
import org.openlsa.ntlmssp.internal.Bytes;
import org.openlsa.ntlmssp.internal.OemString;
import org.openlsa.ntlmssp.internal.PayloadWriter;

/**
 * AUTHENTICATE_MESSAGE (MS-NLMP 2.2.1.3), the client's last message: the LM and NT challenge responses, the
 * client's DomainName, UserName and Workstation (Unicode or OEM by NTLMSSP_NEGOTIATE_UNICODE), the
 * EncryptedRandomSessionKey, the flags, and optionally the Version and the 16-byte MIC.
 *
 * <p>Invariants, checked here so that no inconsistent message exists: LmChallengeResponse is empty, one byte
 * (anonymous, 3.1.5.1.2) or 24 bytes; NtChallengeResponse is empty, 24 bytes (NTLMv1) or a well-formed NTLMv2
 * response ({@link NtlmV2Response}); EncryptedRandomSessionKey is empty or 16 bytes; the MIC is present exactly when
 * the NTLMv2 response's AvPairs carry MsvAvFlags with bit 0x2 (3.2.5.1.2); a Version needs
 * NTLMSSP_NEGOTIATE_VERSION. On the wire the MIC always sits at {@link #MIC_OFFSET}, right after the Version field,
 * which is why a MIC can be checked over the received bytes with those 16 bytes zeroed.
 *
 * <p>The responses are offline-crackable material: {@link #toString()} shows their lengths only.
 */
public record AuthenticateMessage(byte[] lmChallengeResponse, byte[] ntChallengeResponse, String domainName,
                                  String userName, String workstation, byte[] encryptedRandomSessionKey,
                                  NegotiateFlags negotiateFlags, Optional<Version> version, Optional<byte[]> mic) {
    /** Where the MIC lies in an AUTHENTICATE_MESSAGE that has one: after the 64-byte header and the Version. */
    public static final int MIC_OFFSET = 72;
    public static final int MIC_BYTES = 16;
    /** The length of an NTLMv1 (and LMv1, LMv2) response. */
    public static final int V1_RESPONSE_BYTES = 24;
    public static final int SESSION_KEY_BYTES = 16;

    public AuthenticateMessage {
        lmChallengeResponse = Bytes.copy(lmChallengeResponse, "lmChallengeResponse");
        ntChallengeResponse = Bytes.copy(ntChallengeResponse, "ntChallengeResponse");
        encryptedRandomSessionKey = Bytes.copy(encryptedRandomSessionKey, "encryptedRandomSessionKey");
        Objects.requireNonNull(negotiateFlags, "negotiateFlags");
        requireString(domainName, negotiateFlags, "domainName");
        requireString(userName, negotiateFlags, "userName");
        requireString(workstation, negotiateFlags, "workstation");
        Objects.requireNonNull(version, "version");
        mic = Bytes.copy(mic, "mic");
        NegotiateMessage.requireVersionFlag(negotiateFlags, version);
        String problem = lengthProblem(lmChallengeResponse.length, encryptedRandomSessionKey.length);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        if (mic.isPresent() && mic.get().length != MIC_BYTES) {
            throw new IllegalArgumentException("the MIC is 16 bytes, not " + mic.get().length);
        }
        boolean micAnnounced;
        try {
            micAnnounced = NtlmsspCodec.parseNtChallengeResponse(ntChallengeResponse)
                    .map(r -> r.avPairs().micPresent()).orElse(false);
        } catch (LsaException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (micAnnounced != mic.isPresent()) {
            throw new IllegalArgumentException(micAnnounced
                    ? "MsvAvFlags announces a MIC but none is given"
                    : "a MIC needs an NTLMv2 response whose MsvAvFlags has bit 0x2");
        }
    }

    /** Why LM response / session key lengths are impossible, or null (shared with the decoder). */
    static String lengthProblem(int lmLength, int keyLength) {
        if (lmLength != 0 && lmLength != 1 && lmLength != V1_RESPONSE_BYTES) {
            return "LmChallengeResponse must be 0, 1 or 24 bytes, not " + lmLength;
        }
        if (keyLength != 0 && keyLength != SESSION_KEY_BYTES) {
            return "EncryptedRandomSessionKey must be 0 or 16 bytes, not " + keyLength;
        }
        return null;
    }

    /**
     * A payload string must have a wire form under the flags' character set: OEM characters only, or well-formed
     * UTF-16 (an unpaired surrogate would not survive the strict decoder); at most 65535 bytes either way.
     */
    static void requireString(String s, NegotiateFlags flags, String field) {
        Objects.requireNonNull(s, field);
        if (flags.unicode()) {
            boolean wellFormed = StandardCharsets.UTF_16LE.newEncoder().canEncode(s);
            if (!wellFormed || 2L * s.length() > PayloadWriter.MAX_FIELD_BYTES) {
                throw new IllegalArgumentException(field + " must be well-formed UTF-16 of at most 65535 bytes");
            }
        } else if (!OemString.canEncode(s) || s.length() > PayloadWriter.MAX_FIELD_BYTES) {
            throw new IllegalArgumentException(field + " must be an OEM string of at most 65535 bytes");
        }
    }

    /** A copy of this message with {@code mic} in place: how a client fills the MIC after computing it. */
    public AuthenticateMessage withMic(byte[] mic) {
        return new AuthenticateMessage(lmChallengeResponse, ntChallengeResponse, domainName, userName, workstation,
                encryptedRandomSessionKey, negotiateFlags, version, Optional.of(mic));
    }

    /** True when the NT response is an NTLMv2 response (longer than the 24 bytes of NTLMv1). */
    public boolean isNtlmV2() {
        return ntChallengeResponse.length > V1_RESPONSE_BYTES;
    }

    /** The parsed NTLMv2 response, when {@link #isNtlmV2()}. */
    public Optional<NtlmV2Response> ntlmV2Response() {
        try {
            return NtlmsspCodec.parseNtChallengeResponse(ntChallengeResponse);
        } catch (LsaException e) {
            throw new IllegalStateException("validated at construction", e);
        }
    }

    /**
     * True for the anonymous logon of MS-NLMP 3.2.5.1.2: empty user name, empty NT response, and an LM response
     * that is empty or the single zero byte Z(1).
     */
    public boolean isAnonymous() {
        return userName.isEmpty() && ntChallengeResponse.length == 0
                && (lmChallengeResponse.length == 0 || (lmChallengeResponse.length == 1 && lmChallengeResponse[0] == 0));
    }

    @Override
    public byte[] lmChallengeResponse() {
        return lmChallengeResponse.clone();
    }

    @Override
    public byte[] ntChallengeResponse() {
        return ntChallengeResponse.clone();
    }

    @Override
    public byte[] encryptedRandomSessionKey() {
        return encryptedRandomSessionKey.clone();
    }

    @Override
    public Optional<byte[]> mic() {
        return mic.map(byte[]::clone);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthenticateMessage a
                && Arrays.equals(a.lmChallengeResponse, lmChallengeResponse)
                && Arrays.equals(a.ntChallengeResponse, ntChallengeResponse)
                && a.domainName.equals(domainName) && a.userName.equals(userName)
                && a.workstation.equals(workstation)
                && Arrays.equals(a.encryptedRandomSessionKey, encryptedRandomSessionKey)
                && a.negotiateFlags.equals(negotiateFlags) && a.version.equals(version) && Bytes.equal(a.mic, mic);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(lmChallengeResponse), Arrays.hashCode(ntChallengeResponse), domainName,
                userName, workstation, Arrays.hashCode(encryptedRandomSessionKey), negotiateFlags, version,
                Bytes.hash(mic));
    }

    @Override
    public String toString() {
        return "AuthenticateMessage[domain=" + domainName + ", user=" + userName + ", workstation=" + workstation
                + ", lm=" + lmChallengeResponse.length + " bytes, nt=" + ntChallengeResponse.length
                + " bytes, encryptedRandomSessionKey=" + encryptedRandomSessionKey.length + " bytes, flags="
                + negotiateFlags.describe() + ", version=" + version + ", mic=" + mic.isPresent() + "]";
    }
}
