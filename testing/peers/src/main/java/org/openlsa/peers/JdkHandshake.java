package org.openlsa.peers;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A JGSS initiator (after a password login) talking to a JGSS acceptor (keys from a keytab) in one child JVM.
 *
 * @param initiatorSource      the client name as the initiator sees it
 * @param initiatorTarget      the service name as the initiator sees it
 * @param acceptorSource       the client name as the acceptor sees it
 * @param acceptorTarget       the service name as the acceptor sees it
 * @param mutual               whether mutual authentication took place (the AP-REP was verified)
 * @param credentialsDelegated whether the acceptor received delegated credentials
 * @param delegatedCredential  the delegated credential's name
 * @param sessionKeyEnctype    the context's session key enctype (KRB5_GET_SESSION_KEY_EX at the acceptor)
 * @param ticketFlags          the service ticket's flags (KRB5_GET_TKT_FLAGS), names as in {@link JdkLogin}
 * @param authzDataTypes       the ticket's authorization data types (KRB5_GET_AUTHZ_DATA; 128 is a PAC)
 * @param wrapRoundTrip        whether a message wrapped by the initiator unwrapped at the acceptor
 */
public record JdkHandshake(boolean initiatorEstablished, boolean acceptorEstablished, String initiatorSource,
        String initiatorTarget, String acceptorSource, String acceptorTarget, boolean mutual,
        boolean credentialsDelegated, Optional<String> delegatedCredential, int sessionKeyEnctype,
        Set<String> ticketFlags, List<Integer> authzDataTypes, boolean wrapRoundTrip) {
    public JdkHandshake {
        Objects.requireNonNull(initiatorSource, "initiatorSource");
        Objects.requireNonNull(initiatorTarget, "initiatorTarget");
        Objects.requireNonNull(acceptorSource, "acceptorSource");
        Objects.requireNonNull(acceptorTarget, "acceptorTarget");
        Objects.requireNonNull(delegatedCredential, "delegatedCredential");
        ticketFlags = Set.copyOf(ticketFlags);
        authzDataTypes = List.copyOf(authzDataTypes);
    }
}
