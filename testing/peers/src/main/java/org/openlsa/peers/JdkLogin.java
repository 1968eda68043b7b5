package org.openlsa.peers;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The TGT the JDK's Krb5LoginModule obtained (a KerberosTicket).
 *
 * @param client            the client principal
 * @param server            krbtgt/REALM@REALM
 * @param sessionKeyEnctype the session key's enctype number
 * @param flags             RFC 4120 ticket flag names: "forwardable", "forwarded", "proxiable", "proxy",
 *                          "may-postdate", "postdated", "invalid", "renewable", "initial", "pre-authent",
 *                          "hw-authent", "transited-policy-checked", "ok-as-delegate", "enc-pa-rep", "anonymous"
 */
public record JdkLogin(String client, String server, int sessionKeyEnctype, Set<String> flags,
        Optional<Instant> authTime, Optional<Instant> startTime, Instant endTime, Optional<Instant> renewTill) {
    public JdkLogin {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(server, "server");
        flags = Set.copyOf(flags);
        Objects.requireNonNull(authTime, "authTime");
        Objects.requireNonNull(startTime, "startTime");
        Objects.requireNonNull(endTime, "endTime");
        Objects.requireNonNull(renewTill, "renewTill");
    }

    public Optional<Krb5Enctype> sessionKeyType() {
        return Krb5Enctype.fromNumber(sessionKeyEnctype);
    }
}
