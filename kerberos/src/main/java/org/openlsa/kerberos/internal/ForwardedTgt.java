package org.openlsa.kerberos.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.crypto.kerberos.EncryptionType;
import org.openlsa.crypto.kerberos.KerberosCrypto;
import org.openlsa.crypto.kerberos.KerberosCryptoException;
import org.openlsa.crypto.kerberos.KerberosKey;
import org.openlsa.kdc.client.KdcClient.Credential;
import org.openlsa.krb5.EncKdcRepPart;
import org.openlsa.krb5.EncKrbCredPart;
import org.openlsa.krb5.EncTicketPart;
import org.openlsa.krb5.EncryptedData;
import org.openlsa.krb5.EncryptionKey;
import org.openlsa.krb5.KerberosTime;
import org.openlsa.krb5.KrbCred;
import org.openlsa.krb5.KrbCredInfo;
import org.openlsa.krb5.LastReq;
import org.openlsa.krb5.PrincipalName;
import org.openlsa.krb5.Ticket;
import org.openlsa.krb5.TicketFlags;
import org.openlsa.krb5.der.KrbCodec;
import org.openlsa.krb5.der.KrbDecodeException;

/**
 * The TicketGrantingTicket of a KERB_TICKET_LOGON: the client's forwarded TGT, delivered as a KRB-CRED, turned into
 * a credential for the new session's cache. Anything wrong with it is INVALID_PARAMETER.
 */
public final class ForwardedTgt {
    private ForwardedTgt() {}

    /** Key usage of an encrypted KRB-CRED part (RFC 4120 7.5.1). */
    private static final int USAGE_KRB_CRED = 14;

    /**
     * The client's TGT from a KRB-CRED (RFC 4120 5.8): its EncKrbCredPart in the clear (etype 0, as impacket and a protected
     * channel send it) or encrypted in the service ticket's session key (as a GSS-API initiator delegating
     * through that ticket does). It must be one forwarded TGT of the service ticket's client and realm.
     */
    public static Credential open(byte[] encoded, EncTicketPart service) throws LsaException {
        KrbCred cred;
        EncKrbCredPart part;
        try {
            cred = KrbCodec.decodeKrbCred(encoded);
            EncryptedData enc = cred.encPart();
            if (enc.etype() == 0) {
                part = KrbCodec.decodeEncKrbCredPart(enc.cipher().toByteArray());
            } else {
                EncryptionKey k = service.key();
                EncryptionType type = EncryptionType.of(k.keytype()).filter(t -> t.id() == enc.etype())
                        .orElseThrow(() -> new LsaException(NtStatus.INVALID_PARAMETER, "TicketGrantingTicket is "
                                + "encrypted in enctype " + enc.etype() + ", not in the service ticket's session key"));
                byte[] plain;
                try (KerberosKey key = KerberosKey.copyOf(type, k.keyvalue().toByteArray())) {
                    plain = KerberosCrypto.decrypt(key, USAGE_KRB_CRED, enc.cipher().toByteArray());
                }
                try {
                    part = KrbCodec.decodeEncKrbCredPart(plain);
                } finally {
                    Arrays.fill(plain, (byte) 0);
                }
            }
        } catch (KrbDecodeException e) {
            throw new LsaException(NtStatus.INVALID_PARAMETER, "TicketGrantingTicket is not a KRB-CRED: "
                    + e.getMessage());
        } catch (KerberosCryptoException e) {
            throw new LsaException(NtStatus.INVALID_PARAMETER, "TicketGrantingTicket does not decrypt with the "
                    + "service ticket's session key");
        }
        if (cred.tickets().size() != 1 || part.ticketInfo().size() != 1) {
            throw new LsaException(NtStatus.INVALID_PARAMETER, "TicketGrantingTicket must carry exactly one ticket, "
                    + "not " + cred.tickets().size());
        }
        Ticket tgt = cred.tickets().getFirst();
        KrbCredInfo info = part.ticketInfo().getFirst();
        String realm = info.prealm().orElse(service.crealm());
        PrincipalName client = info.pname().orElse(service.cname());
        if (!tgt.sname().isKrbtgt() || !tgt.sname().nameString().get(1).equalsIgnoreCase(tgt.realm())) {
            throw new LsaException(NtStatus.INVALID_PARAMETER, "TicketGrantingTicket holds a ticket for "
                    + tgt.sname().format(tgt.realm()) + ", not a TGT");
        }
        if (!realm.equalsIgnoreCase(service.crealm()) || !client.sameNameAs(service.cname())
                || !tgt.realm().equalsIgnoreCase(service.crealm())) {
            throw new LsaException(NtStatus.INVALID_PARAMETER, "TicketGrantingTicket belongs to "
                    + client.format(realm) + ", the service ticket to " + service.cname().format(service.crealm()));
        }
        TicketFlags flags = info.flags().orElse(TicketFlags.NONE);
        if (!flags.has(TicketFlags.FORWARDED)) {
            throw new LsaException(NtStatus.INVALID_PARAMETER, "TicketGrantingTicket is not a forwarded TGT (its "
                    + "FORWARDED flag is clear)");
        }
        KerberosTime endtime = info.endtime().orElseThrow(() -> new LsaException(NtStatus.INVALID_PARAMETER,
                "TicketGrantingTicket's KrbCredInfo has no endtime"));
        EncryptionType keyType = EncryptionType.of(info.key().keytype()).orElseThrow(() -> new LsaException(
                NtStatus.INVALID_PARAMETER, "TicketGrantingTicket's key type " + info.key().keytype()
                + " is not supported"));
        EncKdcRepPart asIfReplied = new EncKdcRepPart(info.key(), LastReq.EMPTY, 0, Optional.empty(), flags,
                info.authtime().orElse(info.starttime().orElse(service.authtime())), info.starttime(), endtime,
                info.renewTill(), tgt.realm(), tgt.sname(), info.caddr(), List.of());
        return new Credential(tgt, KerberosKey.copyOf(keyType, info.key().keyvalue().toByteArray()), asIfReplied,
                service.crealm(), service.cname(), List.of());
    }
}
