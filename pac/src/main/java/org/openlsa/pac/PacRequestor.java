package org.openlsa.pac;

import java.util.Objects;
import org.openlsa.core.Sid;

/**
 * PAC_REQUESTOR ([MS-PAC] 2.15, ulType 18): the SID of the client the TGT was issued to, which the KDC compares
 * with the account on later TGS requests (the CVE-2021-42287 fix). On the wire: the binary SID filling the buffer.
 */
public record PacRequestor(Sid sid) implements PacBuffer {
    public PacRequestor {
        Objects.requireNonNull(sid, "sid");
    }

    @Override
    public int type() {
        return REQUESTOR;
    }
}
