package org.openlsa.peers;

import java.io.Serial;

/**
 * A peer could not be started or did not answer as its protocol says: a binary or package is missing, a command
 * failed, a reply was malformed or did not come in time. Tests must let it propagate: a missing peer is a failure,
 * never a skip.
 */
public final class PeerException extends Exception {
    @Serial
    private static final long serialVersionUID = 1L;

    public PeerException(String message) {
        super(message);
    }

    public PeerException(String message, Throwable cause) {
        super(message, cause);
    }
}
