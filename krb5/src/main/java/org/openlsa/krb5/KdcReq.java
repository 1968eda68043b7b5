package org.openlsa.krb5;

import java.util.List;
import java.util.Optional;

/**
 * KDC-REQ (RFC 4120 5.4.1): the shape {@link AsReq} and {@link TgsReq} share; pvno (5) and msg-type are implied by
 * the record type.
 *
 * <pre>
 * KDC-REQ         ::= SEQUENCE {
 *         -- NOTE: first tag is [1], not [0]
 *         pvno            [1] INTEGER (5) ,
 *         msg-type        [2] INTEGER (10 -- AS -- | 12 -- TGS --),
 *         padata          [3] SEQUENCE OF PA-DATA OPTIONAL,
 *         req-body        [4] KDC-REQ-BODY
 * }
 * </pre>
 *
 * <p>{@link #encodedReqBody} is the DER of req-body exactly as it appears in the message: for a decoded request, the
 * octets received (RFC 4120 7.2.2 checksums and MIT's KDC verify over the received encoding, never a re-encoding);
 * for a request built locally, the codec's encoding of {@link #reqBody}. The codec writes it verbatim, and its
 * encoder refuses a record whose {@code encodedReqBody} does not decode to {@code reqBody}.
 */
public sealed interface KdcReq permits AsReq, TgsReq {
    int PVNO = 5;

    /** {@link MessageType#AS_REQ} or {@link MessageType#TGS_REQ}. */
    int msgType();

    /** The padata elements in received order; empty if the field is absent. */
    List<PaData> padata();

    KdcReqBody reqBody();

    Bytes encodedReqBody();

    /** The first padata element of type {@code padataType}, if any. */
    default Optional<PaData> findPadata(int padataType) {
        return PaData.find(padata(), padataType);
    }
}
