package org.openlsa.peers;

import java.util.Objects;
import java.util.Optional;

/**
 * One gss_init_sec_context call of the python3-gssapi initiator.
 *
 * @param error    MIT's GSS failure text when the call failed (e.g. a KDC refusal while getting the service
 *                 ticket); then the token is empty
 * @param token    the token to send to the acceptor (empty when none)
 * @param complete whether the initiator's context is established
 */
public record GssStep(Optional<String> error, byte[] token, boolean complete) {
    public GssStep {
        Objects.requireNonNull(error, "error");
        token = token.clone();
    }

    @Override
    public byte[] token() {
        return token.clone();
    }

    public boolean succeeded() {
        return error.isEmpty();
    }
}
