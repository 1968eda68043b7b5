package org.openlsa.krb5;

import java.util.Objects;

/**
 * Checksum (RFC 4120 5.2.9): a checksum type (RFC 3961) and the checksum value.
 *
 * <pre>
 * Checksum        ::= SEQUENCE {
 *         cksumtype       [0] Int32,
 *         checksum        [1] OCTET STRING
 * }
 * </pre>
 */
public record Checksum(int cksumtype, Bytes checksum) {
    /** KERB_CHECKSUM_HMAC_MD5 (RFC 4757; MS-SFU 2.2.1 requires it in PA-FOR-USER). */
    public static final int HMAC_MD5 = -138;

    public Checksum {
        Objects.requireNonNull(checksum, "checksum");
    }
}
