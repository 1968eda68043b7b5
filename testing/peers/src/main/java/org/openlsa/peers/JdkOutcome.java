package org.openlsa.peers;

import java.util.Objects;
import java.util.Optional;

/**
 * What one JDK peer operation gave: a value, or the JDK's exception (a verdict, not a harness failure).
 *
 * @param value the operation's result, when it succeeded
 * @param error the JDK's exception, when it failed
 * @param log   the child JVM's stderr (the JDK's Kerberos debug output when debug is on)
 */
public record JdkOutcome<T>(Optional<T> value, Optional<JdkError> error, String log) {
    public JdkOutcome {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(log, "log");
        if (value.isPresent() == error.isPresent()) {
            throw new IllegalArgumentException("exactly one of value and error");
        }
    }

    public boolean succeeded() {
        return value.isPresent();
    }

    /** The value, or a PeerException carrying the JDK's error and the log's tail (handy in tests). */
    public T orThrow() throws PeerException {
        if (value.isPresent()) {
            return value.get();
        }
        String tail = log.length() > 4000 ? log.substring(log.length() - 4000) : log;
        throw new PeerException("JDK Kerberos failed: " + error.get() + (tail.isBlank() ? "" : "\n" + tail));
    }
}
