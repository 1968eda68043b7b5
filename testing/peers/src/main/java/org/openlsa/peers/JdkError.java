package org.openlsa.peers;

import java.util.List;
import java.util.Objects;

/**
 * An exception the JDK's Kerberos threw in the child JVM, e.g. {@code javax.security.auth.login.LoginException}
 * "Pre-authentication information was invalid (24)".
 *
 * @param exceptionClass the exception's class name
 * @param message        its message ("" if none)
 * @param causes         the cause chain as "class: message", outermost first
 */
public record JdkError(String exceptionClass, String message, List<String> causes) {
    public JdkError {
        Objects.requireNonNull(exceptionClass, "exceptionClass");
        Objects.requireNonNull(message, "message");
        causes = List.copyOf(causes);
    }

    @Override
    public String toString() {
        return exceptionClass + ": " + message + (causes.isEmpty() ? "" : " caused by " + causes);
    }
}
