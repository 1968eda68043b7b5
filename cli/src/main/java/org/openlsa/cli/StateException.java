package org.openlsa.cli;

/** A problem with the state directory: exit code {@link ExitCode#STATE}. */
final class StateException extends Exception {
    private static final long serialVersionUID = 1L;

    StateException(String message) {
        super(message);
    }

    StateException(String message, Throwable cause) {
        super(message, cause);
    }
}
