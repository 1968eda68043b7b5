package org.openlsa.krb5;

import java.util.List;
import java.util.Objects;

/**
 * TGS-REQ ::= [APPLICATION 12] KDC-REQ. A request made with a ticket (RFC 4120 3.3.1), authenticated by the AP-REQ
 * in its PA-TGS-REQ padata. See {@link KdcReq} for the layout and the meaning of {@link #encodedReqBody}.
 */
public record TgsReq(List<PaData> padata, KdcReqBody reqBody, Bytes encodedReqBody) implements KdcReq {
    public TgsReq {
        padata = Checks.list(padata, "padata");
        Objects.requireNonNull(reqBody, "reqBody");
        Objects.requireNonNull(encodedReqBody, "encodedReqBody");
    }

    @Override
    public int msgType() {
        return MessageType.TGS_REQ;
    }
}
