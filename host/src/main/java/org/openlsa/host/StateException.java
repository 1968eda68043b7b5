package org.openlsa.host;

/**
 * A problem with a state directory or the store it names: missing, not initialized, not this user's, unsafe, damaged,
 * or no installed store for it. The CLI ends with its exit code for state problems (6) on one.
 */
public final class StateException extends Exception {
    private static final long serialVersionUID = 1L;

    public StateException(String message) {
        super(message);
    }

    public StateException(String message, Throwable cause) {
        super(message, cause);
    }
}
