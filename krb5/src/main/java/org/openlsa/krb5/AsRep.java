package org.openlsa.krb5;

import java.util.List;
import java.util.Objects;

/**
 * AS-REP ::= [APPLICATION 11] KDC-REP. The reply to an AS-REQ; its enc-part is under the client's long-term (or
 * pre-authentication) reply key. See {@link KdcRep} for the layout.
 */
public record AsRep(List<PaData> padata, String crealm, PrincipalName cname, Ticket ticket, EncryptedData encPart)
        implements KdcRep {
    public AsRep {
        padata = Checks.list(padata, "padata");
        Checks.string(crealm, "crealm");
        Objects.requireNonNull(cname, "cname");
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(encPart, "encPart");
    }

    @Override
    public int msgType() {
        return MessageType.AS_REP;
    }
}
