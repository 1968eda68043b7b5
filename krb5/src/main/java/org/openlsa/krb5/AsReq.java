package org.openlsa.krb5;

import java.util.List;
import java.util.Objects;

/**
 * AS-REQ ::= [APPLICATION 10] KDC-REQ. The initial request (RFC 4120 3.1.1): a client asks for a ticket, usually a
 * TGT, for itself. See {@link KdcReq} for the layout and the meaning of {@link #encodedReqBody}.
 */
public record AsReq(List<PaData> padata, KdcReqBody reqBody, Bytes encodedReqBody) implements KdcReq {
    public AsReq {
        padata = Checks.list(padata, "padata");
        Objects.requireNonNull(reqBody, "reqBody");
        Objects.requireNonNull(encodedReqBody, "encodedReqBody");
    }

    @Override
    public int msgType() {
        return MessageType.AS_REQ;
    }
}
