package org.openlsa.krb5;

import java.util.Objects;

/**
 * KRB_AP_REQ (RFC 4120 5.5.1): a ticket and an authenticator encrypted under the ticket's session key. In a TGS-REQ
 * it travels as the value of the PA-TGS-REQ padata. pvno (5) and msg-type (14) are implied.
 *
 * <pre>
 * AP-REQ          ::= [APPLICATION 14] SEQUENCE {
 *         pvno            [0] INTEGER (5),
 *         msg-type        [1] INTEGER (14),
 *         ap-options      [2] APOptions,
 *         ticket          [3] Ticket,
 *         authenticator   [4] EncryptedData -- Authenticator
 * }
 * </pre>
 */
public record ApReq(ApOptions apOptions, Ticket ticket, EncryptedData authenticator) {
    public ApReq {
        Objects.requireNonNull(apOptions, "apOptions");
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(authenticator, "authenticator");
    }
}
