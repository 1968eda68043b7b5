package org.openlsa.krb5;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * EncKrbCredPart (RFC 4120 5.8.1): one {@link KrbCredInfo} per ticket of the KRB-CRED, in the same order.
 * {@code nonce} is a UInt32 and {@code usec} Microseconds (0..999999).
 *
 * <pre>
 * EncKrbCredPart  ::= [APPLICATION 29] SEQUENCE {
 *         ticket-info     [0] SEQUENCE OF KrbCredInfo,
 *         nonce           [1] UInt32 OPTIONAL,
 *         timestamp       [2] KerberosTime OPTIONAL,
 *         usec            [3] Microseconds OPTIONAL,
 *         s-address       [4] HostAddress OPTIONAL,
 *         r-address       [5] HostAddress OPTIONAL
 * }
 * </pre>
 */
public record EncKrbCredPart(
        List<KrbCredInfo> ticketInfo,
        OptionalLong nonce,
        Optional<KerberosTime> timestamp,
        OptionalInt usec,
        Optional<HostAddress> sAddress,
        Optional<HostAddress> rAddress) {

    public EncKrbCredPart {
        ticketInfo = Checks.list(ticketInfo, "ticketInfo");
        Checks.uint32(nonce, "nonce");
        Checks.optional(timestamp, "timestamp");
        Checks.microseconds(usec, "usec");
        Checks.optional(sAddress, "sAddress");
        Checks.optional(rAddress, "rAddress");
    }
}
