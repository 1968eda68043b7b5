package org.openlsa.ntlmssp;

import java.util.Objects;
import java.util.Optional;
import org.openlsa.ntlmssp.internal.Bytes;

/**
 * Every later SPNEGO token, both ways (RFC 4178 4.2.2):
 *
 * <pre>
 * NegTokenResp ::= SEQUENCE {
 *     negState       [0] ENUMERATED { accept-completed (0), accept-incomplete (1), reject (2), request-mic (3) }
 *                                      OPTIONAL,
 *     supportedMech  [1] MechType      OPTIONAL,
 *     responseToken  [2] OCTET STRING  OPTIONAL,
 *     mechListMIC    [3] OCTET STRING  OPTIONAL,
 *     ...
 * }
 * </pre>
 *
 * <p>An acceptor's first reply carries negState and supportedMech; the initiator's follow-ups usually carry only a
 * responseToken (and mechListMIC).
 */
public record NegTokenResp(Optional<NegState> negState, Optional<MechType> supportedMech,
                           Optional<byte[]> responseToken, Optional<byte[]> mechListMIC) implements NegotiationToken {
    public NegTokenResp {
        Objects.requireNonNull(negState, "negState");
        Objects.requireNonNull(supportedMech, "supportedMech");
        responseToken = Bytes.copy(responseToken, "responseToken");
        mechListMIC = Bytes.copy(mechListMIC, "mechListMIC");
    }

    /** The acceptor's refusal: negState reject and nothing else (no common mechanism, or it failed). */
    public static NegTokenResp reject() {
        return new NegTokenResp(Optional.of(NegState.REJECT), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The acceptor's first reply choosing {@code mech}: accept-incomplete with the mechanism's token, if any. */
    public static NegTokenResp acceptIncomplete(MechType mech, Optional<byte[]> responseToken) {
        return new NegTokenResp(Optional.of(NegState.ACCEPT_INCOMPLETE), Optional.of(mech), responseToken,
                Optional.empty());
    }

    /** The acceptor's last reply: accept-completed with its mechListMIC, if one is exchanged. */
    public static NegTokenResp acceptCompleted(Optional<byte[]> mechListMIC) {
        return new NegTokenResp(Optional.of(NegState.ACCEPT_COMPLETED), Optional.empty(), Optional.empty(),
                mechListMIC);
    }

    @Override
    public Optional<byte[]> responseToken() {
        return responseToken.map(byte[]::clone);
    }

    @Override
    public Optional<byte[]> mechListMIC() {
        return mechListMIC.map(byte[]::clone);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NegTokenResp t && t.negState.equals(negState) && t.supportedMech.equals(supportedMech)
                && Bytes.equal(t.responseToken, responseToken) && Bytes.equal(t.mechListMIC, mechListMIC);
    }

    @Override
    public int hashCode() {
        return Objects.hash(negState, supportedMech, Bytes.hash(responseToken), Bytes.hash(mechListMIC));
    }

    @Override
    public String toString() {
        return "NegTokenResp[negState=" + negState + ", supportedMech=" + supportedMech + ", responseToken="
                + responseToken.map(b -> b.length + " bytes").orElse("none") + ", mechListMIC="
                + mechListMIC.map(b -> b.length + " bytes").orElse("none") + "]";
    }
}
