package org.openlsa.msv1_0;

import java.util.Arrays;
import java.util.HexFormat;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.core.wire.WireReader;
import org.openlsa.core.wire.WireWriter;

/**
 * MSV1_0_LM20_CHALLENGE_RESPONSE (ntsecapi.h), the answer to MsV1_0Lm20ChallengeRequest:
 * {@code {MSV1_0_PROTOCOL_MESSAGE_TYPE MessageType; UCHAR ChallengeToClient[8];}}, 12 bytes (MessageType at 0, the
 * challenge at 4). The request is the 4-byte MSV1_0_LM20_CHALLENGE_REQUEST {MessageType}.
 */
public record Msv1_0Lm20ChallengeResponse(byte[] challengeToClient) {
    public static final int SIZE = 12;

    public Msv1_0Lm20ChallengeResponse {
        if (challengeToClient.length != Msv1_0Lm20Logon.CHALLENGE_LENGTH) {
            throw new IllegalArgumentException("a challenge has 8 bytes");
        }
        challengeToClient = challengeToClient.clone();
    }

    @Override
    public byte[] challengeToClient() {
        return challengeToClient.clone();
    }

    public byte[] encode() {
        return new WireWriter(SIZE).u32(0, Msv1_0ProtocolMessageType.LM20_CHALLENGE_REQUEST.value())
                .bytes(4, challengeToClient).toBytes();
    }

    /** INVALID_PARAMETER when short or of another MessageType. */
    public static Msv1_0Lm20ChallengeResponse decode(byte[] buffer) throws LsaException {
        WireReader r = WireReader.over(buffer);
        r.requireLength(SIZE, "MSV1_0_LM20_CHALLENGE_RESPONSE");
        int type = r.u32(0);
        if (type != Msv1_0ProtocolMessageType.LM20_CHALLENGE_REQUEST.value()) {
            throw new LsaException(NtStatus.INVALID_PARAMETER, "MessageType " + type + " is not MsV1_0Lm20ChallengeRequest");
        }
        return new Msv1_0Lm20ChallengeResponse(r.bytes(4, Msv1_0Lm20Logon.CHALLENGE_LENGTH));
    }

    /** The 4-byte request. */
    public static byte[] request() {
        return new WireWriter(4).u32(0, Msv1_0ProtocolMessageType.LM20_CHALLENGE_REQUEST.value()).toBytes();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Msv1_0Lm20ChallengeResponse r && Arrays.equals(challengeToClient, r.challengeToClient);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(challengeToClient);
    }

    @Override
    public String toString() {
        return "Msv1_0Lm20ChallengeResponse[" + HexFormat.of().formatHex(challengeToClient) + "]";
    }
}
