package org.openlsa.krb5;

import java.util.Objects;

/**
 * KRB_AP_REP (RFC 4120 5.5.2): the server's answer to a mutual-authentication AP-REQ; {@code encPart} holds an
 * {@link EncApRepPart} under the session key. pvno (5) and msg-type (15) are implied.
 *
 * <pre>
 * AP-REP          ::= [APPLICATION 15] SEQUENCE {
 *         pvno            [0] INTEGER (5),
 *         msg-type        [1] INTEGER (15),
 *         enc-part        [2] EncryptedData -- EncAPRepPart
 * }
 * </pre>
 */
public record ApRep(EncryptedData encPart) {
    public ApRep {
        Objects.requireNonNull(encPart, "encPart");
    }
}
