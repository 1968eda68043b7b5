package org.openlsa.ipc;

import java.util.Objects;

/**
 * A decoded payload: the request id, the raw u16 opcode as it stood in the frame (for a response it carries
 * {@link Protocol#RESPONSE_BIT}), and the decoded body.
 */
public record Envelope<T>(int requestId, int opcode, T body) {
    public Envelope {
        Objects.requireNonNull(body, "body");
    }
}
