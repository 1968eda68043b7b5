package org.openlsa.kcm;

/** A request the service answers with a non-zero {@link KcmStatus}; the message is for the daemon's log only. */
public final class KcmException extends Exception {
    private final KcmStatus status;

    public KcmException(KcmStatus status, String message) {
        super(message);
        this.status = status;
    }

    public KcmException(KcmStatus status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public KcmStatus status() {
        return status;
    }
}
