package org.openlsa.kerberos;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.openlsa.core.Luid;

/**
 * KERB_TICKET_LOGON and KERB_TICKET_UNLOCK_LOGON (ntsecapi.h): a network logon with a service ticket for this host
 * (an ASN.1 Ticket, RFC 4120 5.3) and, optionally, the client's forwarded TGT as a KRB-CRED (RFC 4120 5.8.1) for the
 * new session's cache. The unlock form names the session whose tickets it refreshes.
 *
 * @param ticketGrantingTicket the KRB-CRED, empty when the client forwarded none
 */
public record KerbTicketLogon(int flags, byte[] serviceTicket, byte[] ticketGrantingTicket,
                              Optional<Luid> unlockLogonId) {
    /** KERB_LOGON_FLAG_ALLOW_EXPIRED_TICKET: an expired service ticket still logs on (a locked workstation's). */
    public static final int ALLOW_EXPIRED_TICKET = 0x1;

    public KerbTicketLogon {
        serviceTicket = serviceTicket.clone();
        ticketGrantingTicket = ticketGrantingTicket.clone();
        Objects.requireNonNull(unlockLogonId, "unlockLogonId");
    }

    public boolean allowExpiredTicket() {
        return (flags & ALLOW_EXPIRED_TICKET) != 0;
    }

    @Override
    public byte[] serviceTicket() {
        return serviceTicket.clone();
    }

    @Override
    public byte[] ticketGrantingTicket() {
        return ticketGrantingTicket.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KerbTicketLogon t && flags == t.flags && Arrays.equals(serviceTicket, t.serviceTicket)
                && Arrays.equals(ticketGrantingTicket, t.ticketGrantingTicket) && unlockLogonId.equals(t.unlockLogonId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(flags, Arrays.hashCode(serviceTicket), Arrays.hashCode(ticketGrantingTicket),
                unlockLogonId);
    }

    @Override
    public String toString() {
        return "KerbTicketLogon[flags=0x" + Integer.toHexString(flags) + ", serviceTicket=" + serviceTicket.length
                + " bytes, ticketGrantingTicket=" + ticketGrantingTicket.length + " bytes, unlockLogonId="
                + unlockLogonId + "]";
    }
}
