package org.openlsa.krb5;

import java.util.List;
import java.util.Objects;

/**
 * TGS-REP ::= [APPLICATION 13] KDC-REP. The reply to a TGS-REQ; its enc-part is under the TGT session key or the
 * authenticator subkey. See {@link KdcRep} for the layout.
 */
public record TgsRep(List<PaData> padata, String crealm, PrincipalName cname, Ticket ticket, EncryptedData encPart)
        implements KdcRep {
    public TgsRep {
        padata = Checks.list(padata, "padata");
        Checks.string(crealm, "crealm");
        Objects.requireNonNull(cname, "cname");
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(encPart, "encPart");
    }

    @Override
    public int msgType() {
        return MessageType.TGS_REP;
    }
}
