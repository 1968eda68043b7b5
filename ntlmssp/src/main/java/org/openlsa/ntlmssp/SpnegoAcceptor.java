package org.openlsa.ntlmssp;

import java.util.Optional;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;

/**
 * SPNEGO (RFC 4178) around an {@link NtlmAcceptor}: the server's side of a Negotiate exchange (HTTP
 * "Authorization: Negotiate", SMB session setup) in which NTLM is the only mechanism this acceptor offers.
 *
 * <ul>
 * <li>A NegTokenInit that does not offer NTLM is refused with a NegTokenResp {@code reject}: the client learns
 * cleanly that none of its mechanisms is acceptable.</li>
 * <li>NTLM offered first with an optimistic NEGOTIATE: the answer carries the CHALLENGE ({@code accept-incomplete},
 * supportedMech NTLM).</li>
 * <li>NTLM offered but not first (or without its token): {@code accept-incomplete} with supportedMech NTLM and no
 * token; the client then sends its NEGOTIATE (RFC 4178 3.2, the acceptor picking a mechanism other than the
 * initiator's preferred one), and a mechListMIC becomes mandatory.</li>
 * <li>The AUTHENTICATE: the logon; then {@code accept-completed}. A client mechListMIC is verified with the NTLM
 * session keys over the DER mechTypes list (failure: LOGON_FAILURE, the token closed); the answer carries the
 * server's own mechListMIC whenever the client sent one or the mechanism was not the preferred one.</li>
 * </ul>
 */
public final class SpnegoAcceptor {
    /** Where the exchange stands after a step. */
    public enum State { CONTINUE, COMPLETE, REJECTED }

    /**
     * @param responseToken the bytes to send back (a NegTokenResp)
     * @param accepted the established context, with COMPLETE
     */
    public record Step(State state, byte[] responseToken, Optional<NtlmAcceptor.Accepted> accepted) {
        public Step {
            responseToken = responseToken.clone();
        }

        @Override
        public byte[] responseToken() {
            return responseToken.clone();
        }
    }

    private final NtlmAcceptor ntlm;
    private byte[] mechTypeList;
    private boolean mechListMicRequired;
    private boolean negotiated;
    private boolean done;

    public SpnegoAcceptor(NtlmAcceptor ntlm) {
        this.ntlm = ntlm;
    }

    /**
     * Takes the client's next token.
     *
     * @throws LsaException INVALID_PARAMETER for malformed or out-of-order tokens; the NTLM acceptor's statuses
     */
    public Step accept(byte[] token) throws LsaException {
        if (done) {
            throw new LsaException(NtStatus.INVALID_PARAMETER, "this SPNEGO exchange is over");
        }
        NegotiationToken t = SpnegoCodec.decode(token);
        if (mechTypeList == null) {
            if (!(t instanceof NegTokenInit init)) {
                done = true;
                throw new LsaException(NtStatus.INVALID_PARAMETER, "a SPNEGO exchange starts with a NegTokenInit");
            }
            return first(init);
        }
        if (!(t instanceof NegTokenResp resp)) {
            done = true;
            throw new LsaException(NtStatus.INVALID_PARAMETER, "only the first SPNEGO token is a NegTokenInit");
        }
        byte[] inner = resp.responseToken().orElseThrow(() -> {
            done = true;
            return new LsaException(NtStatus.INVALID_PARAMETER, "the NegTokenResp carries no NTLM token");
        });
        if (!negotiated) {
            negotiated = true;
            return new Step(State.CONTINUE, SpnegoCodec.encode(NegTokenResp.acceptIncomplete(MechType.NTLMSSP,
                    Optional.of(challengeOrEnd(inner)))), Optional.empty());
        }
        done = true;
        return complete(inner, resp.mechListMIC());
    }

    private Step first(NegTokenInit init) throws LsaException {
        var position = init.positionOf(MechType.NTLMSSP);
        if (position.isEmpty()) {
            done = true;
            return new Step(State.REJECTED, SpnegoCodec.encode(NegTokenResp.reject()), Optional.empty());
        }
        mechTypeList = SpnegoCodec.encodeMechTypeList(init.mechTypes());
        Optional<byte[]> optimistic = init.mechTokenFor(MechType.NTLMSSP);
        if (position.getAsInt() != 0 || optimistic.isEmpty()) {
            // Not the client's preferred mechanism, or no token for it: select NTLM and wait for its NEGOTIATE.
            mechListMicRequired = position.getAsInt() != 0;
            return new Step(State.CONTINUE, SpnegoCodec.encode(NegTokenResp.acceptIncomplete(MechType.NTLMSSP,
                    Optional.empty())), Optional.empty());
        }
        negotiated = true;
        return new Step(State.CONTINUE, SpnegoCodec.encode(NegTokenResp.acceptIncomplete(MechType.NTLMSSP,
                Optional.of(challengeOrEnd(optimistic.get())))), Optional.empty());
    }

    private byte[] challengeOrEnd(byte[] negotiate) throws LsaException {
        try {
            return ntlm.challenge(negotiate);
        } catch (LsaException e) {
            done = true;
            throw e;
        }
    }

    private Step complete(byte[] authenticate, Optional<byte[]> clientMic) throws LsaException {
        NtlmAcceptor.Accepted accepted = ntlm.authenticate(authenticate);
        boolean ok = false;
        try {
            Optional<byte[]> serverMic = Optional.empty();
            if (clientMic.isPresent() || mechListMicRequired) {
                NtlmSessionSecurity security = accepted.sessionSecurity().orElseThrow(() -> new LsaException(
                        NtStatus.LOGON_FAILURE, "a mechListMIC needs NTLM extended session security"));
                if (clientMic.isEmpty() || !security.verify(mechTypeList, clientMic.get())) {
                    throw new LsaException(NtStatus.LOGON_FAILURE, clientMic.isEmpty()
                            ? "the client selected a non-preferred mechanism but sent no mechListMIC"
                            : "the SPNEGO mechListMIC does not verify: the mechanism list was altered");
                }
                serverMic = Optional.of(security.sign(mechTypeList));
            }
            ok = true;
            return new Step(State.COMPLETE, SpnegoCodec.encode(NegTokenResp.acceptCompleted(serverMic)),
                    Optional.of(accepted));
        } finally {
            if (!ok) {
                ntlm.discard(accepted);
            }
        }
    }

    /** The token that tells a client its exchange failed (send it with the failure status). */
    public static byte[] rejectToken() {
        return SpnegoCodec.encode(NegTokenResp.reject());
    }
}
