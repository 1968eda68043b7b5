package org.openlsa.peers;

import java.util.Objects;
import java.util.Optional;

/**
 * A whole python3-gssapi handshake: initiator token, acceptor verdict, and (under mutual authentication) the
 * initiator's processing of the acceptor's reply.
 *
 * @param initiation the initiator's first step
 * @param acceptance the acceptor's verdict, absent if the initiator failed
 * @param completion the initiator's step over the reply token, present when the acceptor sent one
 */
public record GssExchange(GssStep initiation, Optional<GssAcceptance> acceptance, Optional<GssStep> completion) {
    public GssExchange {
        Objects.requireNonNull(initiation, "initiation");
        Objects.requireNonNull(acceptance, "acceptance");
        Objects.requireNonNull(completion, "completion");
    }

    /** Both sides established, and the initiator accepted the AP-REP if one came. */
    public boolean succeeded() {
        return initiation.succeeded() && acceptance.map(GssAcceptance::succeeded).orElse(false)
                && completion.map(c -> c.succeeded() && c.complete()).orElse(initiation.complete());
    }
}
