package org.openlsa.kdc.client;

import java.io.IOException;
import java.util.List;

/** No KDC of a realm answered (every address timed out, refused the connection or could not be resolved). */
public final class KdcUnreachableException extends IOException {
    private final List<String> attempts;

    public KdcUnreachableException(String message, List<String> attempts) {
        super(message);
        this.attempts = List.copyOf(attempts);
    }

    /** One line per KDC tried: its address and why it failed. */
    public List<String> attempts() {
        return attempts;
    }
}
