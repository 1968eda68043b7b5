package org.openlsa.krb5;

import java.util.Objects;

/**
 * Ticket (RFC 4120 5.3): the server's name and realm in the clear, the rest ({@link EncTicketPart}) encrypted under
 * the server's long-term key (or, for user-to-user, a session key). tkt-vno is always 5 and not stored.
 *
 * <pre>
 * Ticket          ::= [APPLICATION 1] SEQUENCE {
 *         tkt-vno         [0] INTEGER (5),
 *         realm           [1] Realm,
 *         sname           [2] PrincipalName,
 *         enc-part        [3] EncryptedData -- EncTicketPart
 * }
 * </pre>
 */
public record Ticket(String realm, PrincipalName sname, EncryptedData encPart) {
    public static final int TKT_VNO = 5;

    public Ticket {
        Checks.string(realm, "realm");
        Objects.requireNonNull(sname, "sname");
        Objects.requireNonNull(encPart, "encPart");
    }
}
