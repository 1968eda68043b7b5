package org.openlsa.peers;

import java.util.Objects;

/**
 * What an NTLMv2 client computes for one challenge (MS-NLMP 3.3.2).
 *
 * @param ntResponse     NtChallengeResponse: NTProofStr (16 bytes) followed by the client blob
 * @param lmResponse     LmChallengeResponse: the 24-byte LMv2 response
 * @param sessionBaseKey SessionBaseKey = HMAC_MD5(NTOWFv2, NTProofStr), 16 bytes
 */
public record Ntlmv2Response(byte[] ntResponse, byte[] lmResponse, byte[] sessionBaseKey) {
    public Ntlmv2Response {
        Objects.requireNonNull(ntResponse, "ntResponse");
        Objects.requireNonNull(lmResponse, "lmResponse");
        Objects.requireNonNull(sessionBaseKey, "sessionBaseKey");
        if (ntResponse.length < 16 + 28 && ntResponse.length != 0) {
            throw new IllegalArgumentException("NTLMv2 response too short: " + ntResponse.length + " bytes");
        }
        ntResponse = ntResponse.clone();
        lmResponse = lmResponse.clone();
        sessionBaseKey = sessionBaseKey.clone();
    }

    @Override
    public byte[] ntResponse() {
        return ntResponse.clone();
    }

    @Override
    public byte[] lmResponse() {
        return lmResponse.clone();
    }

    @Override
    public byte[] sessionBaseKey() {
        return sessionBaseKey.clone();
    }

    /** The first 16 bytes of the NT response. */
    public byte[] ntProofStr() {
        return java.util.Arrays.copyOf(ntResponse, Math.min(16, ntResponse.length));
    }

    /** The request a server would verify for this response. */
    public NtlmRequest toRequest(String user, String domain, byte[] serverChallenge8) {
        return new NtlmRequest(user, domain, serverChallenge8, ntResponse, lmResponse);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ntlmv2Response r && java.util.Arrays.equals(ntResponse, r.ntResponse)
                && java.util.Arrays.equals(lmResponse, r.lmResponse)
                && java.security.MessageDigest.isEqual(sessionBaseKey, r.sessionBaseKey);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(ntResponse);
    }

    @Override
    public String toString() {
        return "Ntlmv2Response[nt " + ntResponse.length + " bytes, lm " + lmResponse.length + " bytes]";
    }
}
