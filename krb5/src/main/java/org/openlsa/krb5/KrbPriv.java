package org.openlsa.krb5;

import java.util.Objects;

/**
 * KRB-PRIV (RFC 4120 5.7.1): application data encrypted in a key both sides share (the kpasswd protocol of
 * RFC 3244 carries its request and reply in one). {@code encPart} holds an {@link EncKrbPrivPart}, under key usage
 * 13. pvno (5) and msg-type (21) are implied.
 *
 * <pre>
 * KRB-PRIV        ::= [APPLICATION 21] SEQUENCE {
 *         pvno            [0] INTEGER (5),
 *         msg-type        [1] INTEGER (21),
 *                         -- NOTE: there is no [2] tag
 *         enc-part        [3] EncryptedData -- EncKrbPrivPart
 * }
 * </pre>
 */
public record KrbPriv(EncryptedData encPart) {
    /** Key usage of the EncKrbPrivPart (RFC 4120 7.5.1). */
    public static final int USAGE_ENC_PART = 13;

    public KrbPriv {
        Objects.requireNonNull(encPart, "encPart");
    }
}
