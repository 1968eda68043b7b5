package org.openlsa.ntlmssp;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.openlsa.ntlmssp.internal.Bytes;

/**
 * CHALLENGE_MESSAGE (MS-NLMP 2.2.1.2), the server's answer to a NEGOTIATE_MESSAGE: the flags it selected, the
 * 8-byte ServerChallenge, TargetName (Unicode or OEM by NTLMSSP_NEGOTIATE_UNICODE) and, for NTLMv2, TargetInfo.
 * Version is present only with NTLMSSP_NEGOTIATE_VERSION. The 8-byte Reserved field is written as zeros and
 * ignored on receipt.
 */
public record ChallengeMessage(String targetName, NegotiateFlags negotiateFlags, byte[] serverChallenge,
                               Optional<TargetInfo> targetInfo, Optional<Version> version) {
    public static final int SERVER_CHALLENGE_BYTES = 8;

    public ChallengeMessage {
        Objects.requireNonNull(negotiateFlags, "negotiateFlags");
        AuthenticateMessage.requireString(targetName, negotiateFlags, "targetName");
        serverChallenge = Bytes.copy(serverChallenge, "serverChallenge");
        if (serverChallenge.length != SERVER_CHALLENGE_BYTES) {
            throw new IllegalArgumentException("ServerChallenge must be 8 bytes, not " + serverChallenge.length);
        }
        Objects.requireNonNull(targetInfo, "targetInfo");
        Objects.requireNonNull(version, "version");
        NegotiateMessage.requireVersionFlag(negotiateFlags, version);
    }

    @Override
    public byte[] serverChallenge() {
        return serverChallenge.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChallengeMessage c && c.targetName.equals(targetName)
                && c.negotiateFlags.equals(negotiateFlags) && Arrays.equals(c.serverChallenge, serverChallenge)
                && c.targetInfo.equals(targetInfo) && c.version.equals(version);
    }

    @Override
    public int hashCode() {
        return Objects.hash(targetName, negotiateFlags, Arrays.hashCode(serverChallenge), targetInfo, version);
    }

    @Override
    public String toString() {
        return "ChallengeMessage[targetName=" + targetName + ", flags=" + negotiateFlags.describe()
                + ", serverChallenge=" + Bytes.hex(serverChallenge) + ", targetInfo=" + targetInfo
                + ", version=" + version + "]";
    }
}
