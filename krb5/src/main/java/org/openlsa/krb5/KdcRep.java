package org.openlsa.krb5;

import java.util.List;
import java.util.Optional;

/**
 * KDC-REP (RFC 4120 5.4.2): the shape {@link AsRep} and {@link TgsRep} share; pvno (5) and msg-type are implied by
 * the record type. {@code encPart} holds an {@link EncKdcRepPart} encrypted under the reply key.
 *
 * <pre>
 * KDC-REP         ::= SEQUENCE {
 *         pvno            [0] INTEGER (5),
 *         msg-type        [1] INTEGER (11 -- AS -- | 13 -- TGS --),
 *         padata          [2] SEQUENCE OF PA-DATA OPTIONAL -- NOTE: not empty --,
 *         crealm          [3] Realm,
 *         cname           [4] PrincipalName,
 *         ticket          [5] Ticket,
 *         enc-part        [6] EncryptedData -- EncASRepPart or EncTGSRepPart, as appropriate
 * }
 * </pre>
 */
public sealed interface KdcRep permits AsRep, TgsRep {
    int PVNO = 5;

    /** {@link MessageType#AS_REP} or {@link MessageType#TGS_REP}. */
    int msgType();

    /** The padata elements; empty if the field is absent. */
    List<PaData> padata();

    String crealm();

    PrincipalName cname();

    Ticket ticket();

    EncryptedData encPart();

    /** The first padata element of type {@code padataType}, if any. */
    default Optional<PaData> findPadata(int padataType) {
        return PaData.find(padata(), padataType);
    }
}
