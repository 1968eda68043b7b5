package org.openlsa.peers;

import java.util.Objects;
import java.util.Optional;

/**
 * S4U2Self by the JDK ({@code ExtendedGSSCredential.impersonate}) and an initiation with the result.
 *
 * @param serviceTgt          the service's own TGT from its keytab login (must be forwardable for S4U)
 * @param impersonatedName    the impersonated credential's name, e.g. "alice@TEST.LOCAL"
 * @param initiationError     why initiating with the impersonated credential failed (to another target that
 *                            means S4U2Proxy, which MIT's db2 KDC refuses)
 * @param acceptedAs          when the target was the service itself: the client name its own keytab acceptor saw
 */
public record JdkImpersonation(JdkLogin serviceTgt, String impersonatedName, Optional<JdkError> initiationError,
        Optional<String> acceptedAs) {
    public JdkImpersonation {
        Objects.requireNonNull(serviceTgt, "serviceTgt");
        Objects.requireNonNull(impersonatedName, "impersonatedName");
        Objects.requireNonNull(initiationError, "initiationError");
        Objects.requireNonNull(acceptedAs, "acceptedAs");
    }

    public boolean initiated() {
        return initiationError.isEmpty();
    }
}
