package org.openlsa.krb5;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * PA-ENC-TS-ENC (RFC 4120 5.2.7.2): the client's current time, encrypted under its long-term key as the
 * PA-ENC-TIMESTAMP padata (key usage 1). {@code pausec} is Microseconds (0..999999).
 *
 * <pre>
 * PA-ENC-TS-ENC           ::= SEQUENCE {
 *         patimestamp     [0] KerberosTime -- client's time --,
 *         pausec          [1] Microseconds OPTIONAL
 * }
 * </pre>
 */
public record PaEncTsEnc(KerberosTime patimestamp, OptionalInt pausec) {
    public PaEncTsEnc {
        Objects.requireNonNull(patimestamp, "patimestamp");
        Checks.microseconds(pausec, "pausec");
    }
}
