package org.openlsa.kerberos;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * KERB_EXTERNAL_TICKET (ntsecapi.h), the answer to RetrieveTicket and RetrieveEncodedTicket: the names, the session
 * key (empty when the caller may not have it), flags, times and the DER-encoded Ticket.
 *
 * @param serviceName the server's name components (KERB_EXTERNAL_NAME) and its name type
 * @param encodedTicket the ASN.1 DER Ticket (RFC 4120 5.3), or a KRB-CRED when asked for one
 */
public record KerbExternalTicket(Name serviceName, Name targetName, Name clientName, String domainName,
                                 String targetDomainName, String altTargetDomainName,
                                 Optional<KerbCryptoKey> sessionKey, int ticketFlags, int flags,
                                 long keyExpirationTime, long startTime, long endTime, long renewUntil,
                                 long timeSkew, byte[] encodedTicket) {
    /** KERB_EXTERNAL_NAME {SHORT NameType; USHORT NameCount; UNICODE_STRING Names[]}. */
    public record Name(int nameType, List<String> names) {
        public Name {
            names = List.copyOf(names);
        }

        @Override
        public String toString() {
            return String.join("/", names);
        }
    }

    public KerbExternalTicket {
        Objects.requireNonNull(serviceName, "serviceName");
        Objects.requireNonNull(targetName, "targetName");
        Objects.requireNonNull(clientName, "clientName");
        Objects.requireNonNull(domainName, "domainName");
        Objects.requireNonNull(targetDomainName, "targetDomainName");
        Objects.requireNonNull(altTargetDomainName, "altTargetDomainName");
        Objects.requireNonNull(sessionKey, "sessionKey");
        encodedTicket = encodedTicket.clone();
    }

    @Override
    public byte[] encodedTicket() {
        return encodedTicket.clone();
    }
}
