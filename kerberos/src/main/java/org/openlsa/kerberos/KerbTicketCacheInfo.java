package org.openlsa.kerberos;

import java.util.Objects;

/**
 * One cached ticket as KERB_TICKET_CACHE_INFO_EX describes it (ntsecapi.h); KERB_TICKET_CACHE_INFO is the same
 * without the client names. Times are {@link org.openlsa.core.NtTime} values (0 when absent); TicketFlags is the
 * ticket's KerberosFlags as a 32-bit number with flag 0 in the top bit (KERB_TICKET_FLAGS_forwardable is
 * 0x40000000); EncryptionType is the session key's enctype.
 */
public record KerbTicketCacheInfo(String clientName, String clientRealm, String serverName, String serverRealm,
                                  long startTime, long endTime, long renewTime, int encryptionType,
                                  int ticketFlags) {
    public KerbTicketCacheInfo {
        Objects.requireNonNull(clientName, "clientName");
        Objects.requireNonNull(clientRealm, "clientRealm");
        Objects.requireNonNull(serverName, "serverName");
        Objects.requireNonNull(serverRealm, "serverRealm");
    }
}
