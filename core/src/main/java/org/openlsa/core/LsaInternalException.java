package org.openlsa.core;

/**
 * A broken internal invariant: a bug in OpenLSA, not bad input. Bad input is always an {@link LsaException} with
 * a documented status.
 */
public final class LsaInternalException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LsaInternalException(String message) {
        super(message);
    }

    public LsaInternalException(String message, Throwable cause) {
        super(message, cause);
    }
}
