package org.openlsa.krb5;

import java.util.Objects;

/**
 * PA-S4U-X509-USER (MS-SFU 2.2.2), padata type 130 in a TGS-REQ or TGS-REP: an {@link S4uUserId} and a keyed
 * checksum over the DER of that S4UUserID.
 *
 * <pre>
 * PA-S4U-X509-USER::= SEQUENCE {
 *    user-id             [0] S4UUserID,
 *    checksum            [1] Checksum
 * }
 * </pre>
 *
 * <p>{@link #encodedUserId} is the DER of user-id exactly as it appears in the padata: for a decoded value, the
 * octets received, which are what the peer checksummed (MIT's KDC verifies over them first); for a value built
 * locally, the codec's encoding of {@link #userId}. As with {@link KdcReq#encodedReqBody}, the codec writes it
 * verbatim and refuses a record whose {@code encodedUserId} does not decode to {@code userId}.
 */
public record PaS4uX509User(S4uUserId userId, Checksum checksum, Bytes encodedUserId) {
    public PaS4uX509User {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(checksum, "checksum");
        Objects.requireNonNull(encodedUserId, "encodedUserId");
    }
}
