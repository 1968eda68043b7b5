package org.openlsa.peers;

import java.util.Objects;

/** One python3-gssapi initiator context; {@link #close()} lets the Python side drop it. */
public final class GssInitiator implements AutoCloseable {
    private final GssapiPeer peer;
    private final String id;
    private final GssStep firstStep;
    private boolean closed;

    GssInitiator(GssapiPeer peer, String id, GssStep firstStep) {
        this.peer = peer;
        this.id = id;
        this.firstStep = firstStep;
    }

    /** The first gss_init_sec_context result: the token for the acceptor, or MIT's failure text. */
    public GssStep firstStep() {
        return firstStep;
    }

    /** Feeds the acceptor's reply token (the AP-REP under mutual authentication). */
    public GssStep step(byte[] acceptorToken) throws PeerException {
        Objects.requireNonNull(acceptorToken, "acceptorToken");
        if (closed) {
            throw new IllegalStateException("initiator closed");
        }
        return peer.continueInitiator(id, acceptorToken);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            peer.forget(id);
        }
    }
}
