package org.openlsa.krb5;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * EncTicketPart (RFC 4120 5.3): the encrypted part of a {@link Ticket}, readable by the server (and the KDC). An
 * empty {@code caddr} or {@code authorizationData} means the field is absent.
 *
 * <pre>
 * EncTicketPart   ::= [APPLICATION 3] SEQUENCE {
 *         flags                   [0] TicketFlags,
 *         key                     [1] EncryptionKey,
 *         crealm                  [2] Realm,
 *         cname                   [3] PrincipalName,
 *         transited               [4] TransitedEncoding,
 *         authtime                [5] KerberosTime,
 *         starttime               [6] KerberosTime OPTIONAL,
 *         endtime                 [7] KerberosTime,
 *         renew-till              [8] KerberosTime OPTIONAL,
 *         caddr                   [9] HostAddresses OPTIONAL,
 *         authorization-data      [10] AuthorizationData OPTIONAL
 * }
 * </pre>
 */
public record EncTicketPart(
        TicketFlags flags,
        EncryptionKey key,
        String crealm,
        PrincipalName cname,
        TransitedEncoding transited,
        KerberosTime authtime,
        Optional<KerberosTime> starttime,
        KerberosTime endtime,
        Optional<KerberosTime> renewTill,
        List<HostAddress> caddr,
        AuthorizationData authorizationData) {

    public EncTicketPart {
        Objects.requireNonNull(flags, "flags");
        Objects.requireNonNull(key, "key");
        Checks.string(crealm, "crealm");
        Objects.requireNonNull(cname, "cname");
        Objects.requireNonNull(transited, "transited");
        Objects.requireNonNull(authtime, "authtime");
        Checks.optional(starttime, "starttime");
        Objects.requireNonNull(endtime, "endtime");
        Checks.optional(renewTill, "renewTill");
        caddr = Checks.list(caddr, "caddr");
        Objects.requireNonNull(authorizationData, "authorizationData");
    }
}
