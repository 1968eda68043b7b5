package org.openlsa.krb5;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * EncAPRepPart (RFC 4120 5.5.2): echoes the authenticator's time so the client knows the server decrypted it.
 * {@code cusec} is Microseconds (0..999999) and {@code seqNumber} a UInt32.
 *
 * <pre>
 * EncAPRepPart    ::= [APPLICATION 27] SEQUENCE {
 *         ctime           [0] KerberosTime,
 *         cusec           [1] Microseconds,
 *         subkey          [2] EncryptionKey OPTIONAL,
 *         seq-number      [3] UInt32 OPTIONAL
 * }
 * </pre>
 */
public record EncApRepPart(KerberosTime ctime, int cusec, Optional<EncryptionKey> subkey, OptionalLong seqNumber) {
    public EncApRepPart {
        Objects.requireNonNull(ctime, "ctime");
        KerberosTime.requireMicroseconds(cusec, "cusec");
        Checks.optional(subkey, "subkey");
        Checks.uint32(seqNumber, "seqNumber");
    }
}
