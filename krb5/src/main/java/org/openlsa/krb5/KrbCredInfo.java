package org.openlsa.krb5;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * KrbCredInfo (RFC 4120 5.8.1): the session key and, optionally, the parameters of one forwarded ticket. Empty
 * {@code caddr} means absent.
 *
 * <pre>
 * KrbCredInfo     ::= SEQUENCE {
 *         key             [0] EncryptionKey,
 *         prealm          [1] Realm OPTIONAL,
 *         pname           [2] PrincipalName OPTIONAL,
 *         flags           [3] TicketFlags OPTIONAL,
 *         authtime        [4] KerberosTime OPTIONAL,
 *         starttime       [5] KerberosTime OPTIONAL,
 *         endtime         [6] KerberosTime OPTIONAL,
 *         renew-till      [7] KerberosTime OPTIONAL,
 *         srealm          [8] Realm OPTIONAL,
 *         sname           [9] PrincipalName OPTIONAL,
 *         caddr           [10] HostAddresses OPTIONAL
 * }
 * </pre>
 */
public record KrbCredInfo(
        EncryptionKey key,
        Optional<String> prealm,
        Optional<PrincipalName> pname,
        Optional<TicketFlags> flags,
        Optional<KerberosTime> authtime,
        Optional<KerberosTime> starttime,
        Optional<KerberosTime> endtime,
        Optional<KerberosTime> renewTill,
        Optional<String> srealm,
        Optional<PrincipalName> sname,
        List<HostAddress> caddr) {

    public KrbCredInfo {
        Objects.requireNonNull(key, "key");
        Checks.optionalString(prealm, "prealm");
        Checks.optional(pname, "pname");
        Checks.optional(flags, "flags");
        Checks.optional(authtime, "authtime");
        Checks.optional(starttime, "starttime");
        Checks.optional(endtime, "endtime");
        Checks.optional(renewTill, "renewTill");
        Checks.optionalString(srealm, "srealm");
        Checks.optional(sname, "sname");
        caddr = Checks.list(caddr, "caddr");
    }
}
