package org.openlsa.peers;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A credential cache as {@code klist -e -f} lists it; configuration entries (X-CACHECONF:) are not shown by klist.
 *
 * @param result           the klist run (exit 1 and "No credentials cache found" for an empty cache)
 * @param defaultPrincipal the cache's client principal
 * @param tickets          the credentials in cache order
 */
public record Klist(ToolResult result, Optional<String> defaultPrincipal, List<KlistTicket> tickets) {
    public Klist {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(defaultPrincipal, "defaultPrincipal");
        tickets = List.copyOf(tickets);
    }

    /** The first ticket for exactly {@code server} (with realm, as klist prints it). */
    public Optional<KlistTicket> ticketFor(String server) {
        return tickets.stream().filter(t -> t.server().equals(server)).findFirst();
    }

    /** The first krbtgt ticket. */
    public Optional<KlistTicket> tgt() {
        return tickets.stream().filter(KlistTicket::isTgt).findFirst();
    }
}
