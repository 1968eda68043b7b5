package org.openlsa.krb5;

import java.util.List;
import java.util.Objects;

/**
 * KRB-CRED (RFC 4120 5.8.1): tickets with their session keys, for forwarding credentials (GSS delegation, MS-KILE
 * 3.2.5.8) or exporting them; {@code encPart} holds an {@link EncKrbCredPart}, often unencrypted (etype 0) inside
 * an already protected channel. pvno (5) and msg-type (22) are implied.
 *
 * <pre>
 * KRB-CRED        ::= [APPLICATION 22] SEQUENCE {
 *         pvno            [0] INTEGER (5),
 *         msg-type        [1] INTEGER (22),
 *         tickets         [2] SEQUENCE OF Ticket,
 *         enc-part        [3] EncryptedData -- EncKrbCredPart
 * }
 * </pre>
 */
public record KrbCred(List<Ticket> tickets, EncryptedData encPart) {
    public KrbCred {
        tickets = Checks.list(tickets, "tickets");
        Objects.requireNonNull(encPart, "encPart");
    }
}
