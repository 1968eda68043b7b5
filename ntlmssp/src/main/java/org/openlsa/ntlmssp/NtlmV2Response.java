package org.openlsa.ntlmssp;

import java.util.Arrays;
import java.util.Objects;
import org.openlsa.ntlmssp.internal.Bytes;

/**
 * The parsed form of an NTLMv2 NtChallengeResponse (MS-NLMP 2.2.2.8 NTLMv2_RESPONSE): the 16-byte NTProofStr
 * ({@code Response}) followed by the NTLMv2_CLIENT_CHALLENGE of 2.2.2.7: {@code RespType (1) | HiRespType (1) |
 * Reserved1 (2) | Reserved2 (4) | TimeStamp (8) | ChallengeFromClient (8) | Reserved3 (4) | AvPairs}. An acceptor
 * reads the client's timestamp, MsvAvFlags (MIC present), channel bindings and target name from here; the proof
 * itself is checked over the raw response bytes, which {@link AuthenticateMessage} keeps.
 */
public record NtlmV2Response(byte[] ntProofStr, int respType, int hiRespType, long timeStamp,
                             byte[] challengeFromClient, TargetInfo avPairs) {
    /** NTProofStr plus the fixed part of NTLMv2_CLIENT_CHALLENGE: the shortest NTLMv2 response (without AvPairs). */
    public static final int MIN_BYTES = 16 + 28;

    public NtlmV2Response {
        ntProofStr = Bytes.copy(ntProofStr, "ntProofStr");
        challengeFromClient = Bytes.copy(challengeFromClient, "challengeFromClient");
        Objects.requireNonNull(avPairs, "avPairs");
        if (ntProofStr.length != 16 || challengeFromClient.length != 8) {
            throw new IllegalArgumentException("NTProofStr is 16 bytes and ChallengeFromClient 8");
        }
    }

    @Override
    public byte[] ntProofStr() {
        return ntProofStr.clone();
    }

    @Override
    public byte[] challengeFromClient() {
        return challengeFromClient.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NtlmV2Response r && Arrays.equals(r.ntProofStr, ntProofStr) && r.respType == respType
                && r.hiRespType == hiRespType && r.timeStamp == timeStamp
                && Arrays.equals(r.challengeFromClient, challengeFromClient) && r.avPairs.equals(avPairs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(ntProofStr), respType, hiRespType, timeStamp,
                Arrays.hashCode(challengeFromClient), avPairs);
    }

    @Override
    public String toString() {
        return "NtlmV2Response[timeStamp=" + timeStamp + ", avPairs=" + avPairs + "]";
    }
}
