package org.openlsa.kerberos;

import java.util.Optional;
import org.openlsa.core.LsaException;
import org.openlsa.core.Luid;
import org.openlsa.core.NtStatus;
import org.openlsa.core.wire.WireReader;
import org.openlsa.core.wire.WireWriter;

/**
 * Codecs of the Kerberos logon structures that are not password logons, in the serialized 64-bit layout
 * (docs/kerberos-package.md), every pointer an offset from the start of the structure:
 * <ul>
 *   <li>KERB_TICKET_LOGON: MessageType 0, Flags 4, ServiceTicketLength 8, TicketGrantingTicketLength 12,
 *       ServiceTicket 16, TicketGrantingTicket 24; 32 bytes. KERB_TICKET_UNLOCK_LOGON adds LogonId at 32; 40
 *       bytes.</li>
 *   <li>KERB_S4U_LOGON: MessageType 0, Flags 4, ClientUpn 8, ClientRealm 24 (UNICODE_STRINGs); 40 bytes.</li>
 * </ul>
 * A buffer too short for its fixed part, or a ticket or string outside it, is INVALID_PARAMETER; another
 * MessageType is BAD_VALIDATION_CLASS.
 */
public final class KerbLogonCodecs {
    private KerbLogonCodecs() {}

    public static final int TICKET_LOGON_SIZE = 32;
    public static final int TICKET_UNLOCK_LOGON_SIZE = 40;
    public static final int S4U_LOGON_SIZE = 40;

    private static final int FLAGS = 4;
    private static final int SERVICE_TICKET_LENGTH = 8;
    private static final int TGT_LENGTH = 12;
    private static final int SERVICE_TICKET = 16;
    private static final int TGT = 24;
    private static final int LOGON_ID = 32;
    private static final int CLIENT_UPN = 8;
    private static final int CLIENT_REALM = 24;

    public static KerbTicketLogon decodeTicketLogon(byte[] buffer) throws LsaException {
        WireReader r = WireReader.over(buffer);
        r.requireLength(4, "a Kerberos logon structure");
        int type = r.u32(0);
        boolean unlock = type == KerbLogonSubmitType.TICKET_UNLOCK_LOGON.value();
        if (type != KerbLogonSubmitType.TICKET_LOGON.value() && !unlock) {
            throw new LsaException(NtStatus.BAD_VALIDATION_CLASS, "MessageType " + type
                    + " is not KerbTicketLogon (10) or KerbTicketUnlockLogon (11)");
        }
        int fixed = unlock ? TICKET_UNLOCK_LOGON_SIZE : TICKET_LOGON_SIZE;
        r.requireLength(fixed, unlock ? "KERB_TICKET_UNLOCK_LOGON" : "KERB_TICKET_LOGON");
        byte[] service = r.region(r.u64(SERVICE_TICKET), Integer.toUnsignedLong(r.u32(SERVICE_TICKET_LENGTH)), fixed,
                "ServiceTicket");
        if (service.length == 0) {
            throw new LsaException(NtStatus.INVALID_PARAMETER, "ServiceTicket is required");
        }
        byte[] tgt = r.region(r.u64(TGT), Integer.toUnsignedLong(r.u32(TGT_LENGTH)), fixed, "TicketGrantingTicket");
        Optional<Luid> logonId = unlock ? Optional.of(new Luid(r.u64(LOGON_ID))) : Optional.empty();
        return new KerbTicketLogon(r.u32(FLAGS), service, tgt, logonId);
    }

    public static byte[] encode(KerbTicketLogon logon) {
        boolean unlock = logon.unlockLogonId().isPresent();
        WireWriter w = new WireWriter(unlock ? TICKET_UNLOCK_LOGON_SIZE : TICKET_LOGON_SIZE);
        w.u32(0, (unlock ? KerbLogonSubmitType.TICKET_UNLOCK_LOGON : KerbLogonSubmitType.TICKET_LOGON).value());
        w.u32(FLAGS, logon.flags());
        byte[] service = logon.serviceTicket();
        byte[] tgt = logon.ticketGrantingTicket();
        w.u32(SERVICE_TICKET_LENGTH, service.length);
        w.u64(SERVICE_TICKET, w.append(service));
        w.u32(TGT_LENGTH, tgt.length);
        w.u64(TGT, w.append(tgt));
        logon.unlockLogonId().ifPresent(id -> w.u64(LOGON_ID, id.value()));
        return w.toBytes();
    }

    public static KerbS4uLogon decodeS4uLogon(byte[] buffer) throws LsaException {
        WireReader r = WireReader.over(buffer);
        r.requireLength(4, "a Kerberos logon structure");
        int type = r.u32(0);
        if (type != KerbLogonSubmitType.S4U_LOGON.value()) {
            throw new LsaException(NtStatus.BAD_VALIDATION_CLASS, "MessageType " + type + " is not KerbS4ULogon (12)");
        }
        r.requireLength(S4U_LOGON_SIZE, "KERB_S4U_LOGON");
        return new KerbS4uLogon(r.u32(FLAGS), r.unicodeString(CLIENT_UPN, S4U_LOGON_SIZE, "ClientUpn"),
                r.unicodeString(CLIENT_REALM, S4U_LOGON_SIZE, "ClientRealm"));
    }

    public static byte[] encode(KerbS4uLogon logon) {
        WireWriter w = new WireWriter(S4U_LOGON_SIZE);
        w.u32(0, KerbLogonSubmitType.S4U_LOGON.value());
        w.u32(FLAGS, logon.flags());
        w.unicodeString(CLIENT_UPN, logon.clientUpn());
        w.unicodeString(CLIENT_REALM, logon.clientRealm());
        return w.toBytes();
    }
}
