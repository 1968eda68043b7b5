package org.openlsa.peers;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One credential as {@code klist -e -f} shows it.
 *
 * @param server            the service principal (for a TGT {@code krbtgt/REALM@REALM})
 * @param forClient         the ticket's client when it is not the cache's default principal (klist's
 *                          "for client X": an S4U2Self ticket, for example)
 * @param validStarting     start time (klist shows whole seconds)
 * @param expires           end time
 * @param renewUntil        renew-till time, for renewable tickets
 * @param flags             klist's flag letters, e.g. "FRIA" (F forwardable, f forwarded, P proxiable, p proxy,
 *                          D may-postdate, d postdated, R renewable, I initial, i invalid, H hw-authenticated,
 *                          A pre-authenticated, T transited-policy-checked, O ok-as-delegate, a anonymous)
 * @param sessionKeyEnctype the session key's enctype name ("skey")
 * @param ticketEnctype     the enctype of the ticket's encrypted part ("tkt": the service key's enctype)
 */
public record KlistTicket(String server, Optional<String> forClient, Instant validStarting, Instant expires, Optional<Instant> renewUntil,
        String flags, String sessionKeyEnctype, String ticketEnctype) {
    public KlistTicket {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(forClient, "forClient");
        Objects.requireNonNull(validStarting, "validStarting");
        Objects.requireNonNull(expires, "expires");
        Objects.requireNonNull(renewUntil, "renewUntil");
        Objects.requireNonNull(flags, "flags");
        Objects.requireNonNull(sessionKeyEnctype, "sessionKeyEnctype");
        Objects.requireNonNull(ticketEnctype, "ticketEnctype");
    }

    public boolean hasFlag(char letter) {
        return flags.indexOf(letter) >= 0;
    }

    /** True for {@code krbtgt/...} tickets. */
    public boolean isTgt() {
        return server.startsWith("krbtgt/");
    }

    public Optional<Krb5Enctype> sessionKeyType() {
        return Krb5Enctype.fromMitName(sessionKeyEnctype);
    }

    public Optional<Krb5Enctype> ticketType() {
        return Krb5Enctype.fromMitName(ticketEnctype);
    }
}
