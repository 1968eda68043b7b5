package org.openlsa.ipc;

/**
 * A broken frame stream (docs/ipc.md, "Frames"): an empty or oversized frame, or a stream cut inside a frame. The
 * connection cannot be resynchronized; the server closes it.
 */
public final class ProtocolException extends Exception {
    private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
        super(message);
    }
}
