package org.openlsa.krb5;

import java.util.Objects;

/**
 * TransitedEncoding (RFC 4120 5.3): the realms a cross-realm ticket passed through, in the encoding named by
 * {@code trType}. A ticket issued within one realm has type {@link #DOMAIN_X500_COMPRESS} and empty contents.
 *
 * <pre>
 * TransitedEncoding       ::= SEQUENCE {
 *         tr-type         [0] Int32 -- must be registered --,
 *         contents        [1] OCTET STRING
 * }
 * </pre>
 */
public record TransitedEncoding(int trType, Bytes contents) {
    /** The only registered encoding (RFC 4120 3.3.3.2). */
    public static final int DOMAIN_X500_COMPRESS = 1;

    /** No realm transited. */
    public static final TransitedEncoding EMPTY = new TransitedEncoding(DOMAIN_X500_COMPRESS, Bytes.EMPTY);

    public TransitedEncoding {
        Objects.requireNonNull(contents, "contents");
    }
}
