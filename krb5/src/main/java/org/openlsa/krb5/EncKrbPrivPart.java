package org.openlsa.krb5;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * EncKrbPrivPart (RFC 4120 5.7.1). RFC 4120 makes {@code s-address} mandatory, but MIT's encoder omits it when the
 * application set no local address, so it is optional here, in both directions. {@code userData} may be a secret
 * (a kpasswd request carries the new password): {@code toString} never shows it.
 *
 * <pre>
 * EncKrbPrivPart  ::= [APPLICATION 28] SEQUENCE {
 *         user-data       [0] OCTET STRING,
 *         timestamp       [1] KerberosTime OPTIONAL,
 *         usec            [2] Microseconds OPTIONAL,
 *         seq-number      [3] UInt32 OPTIONAL,
 *         s-address       [4] HostAddress -- sender's addr --,
 *         r-address       [5] HostAddress OPTIONAL -- recip's addr
 * }
 * </pre>
 */
public record EncKrbPrivPart(
        Bytes userData,
        Optional<KerberosTime> timestamp,
        OptionalInt usec,
        OptionalLong seqNumber,
        Optional<HostAddress> sAddress,
        Optional<HostAddress> rAddress) {

    public EncKrbPrivPart {
        Objects.requireNonNull(userData, "userData");
        Checks.optional(timestamp, "timestamp");
        Checks.microseconds(usec, "usec");
        Checks.uint32(seqNumber, "seqNumber");
        Checks.optional(sAddress, "sAddress");
        Checks.optional(rAddress, "rAddress");
    }

    @Override
    public String toString() {
        return "EncKrbPrivPart[userData=(" + userData.length() + " bytes), timestamp=" + timestamp + ", usec=" + usec
                + ", seqNumber=" + seqNumber + ", sAddress=" + sAddress + ", rAddress=" + rAddress + "]";
    }
}
