package org.openlsa.kerberos;

import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.msv1_0.Msv1_0InteractiveLogon;
import org.openlsa.msv1_0.Msv1_0InteractiveLogonCodec;

/**
 * KERB_INTERACTIVE_LOGON and KERB_INTERACTIVE_UNLOCK_LOGON (ntsecapi.h). They have the layout of their MSV1_0
 * twins (docs/msv1_0-structures.md: MessageType at 0, LogonDomainName at 8, UserName at 24, Password at 40; the
 * unlock form adds LogonId at 56), with the Kerberos submit types KerbInteractiveLogon (2) and
 * KerbWorkstationUnlockLogon (7), so the values are shared: {@link Msv1_0InteractiveLogon}.
 */
public final class KerbInteractiveLogonCodec {
    private KerbInteractiveLogonCodec() {}

    /**
     * Decodes; a buffer too short or a string outside it is INVALID_PARAMETER, another MessageType is
     * BAD_VALIDATION_CLASS. The caller closes the result (it holds the password).
     */
    public static Msv1_0InteractiveLogon decode(byte[] buffer) throws LsaException {
        int type = Msv1_0InteractiveLogonCodec.messageType(buffer);
        boolean unlock = type == KerbLogonSubmitType.WORKSTATION_UNLOCK_LOGON.value();
        if (type != KerbLogonSubmitType.INTERACTIVE_LOGON.value() && !unlock) {
            throw new LsaException(NtStatus.BAD_VALIDATION_CLASS, "MessageType " + type
                    + " is not KerbInteractiveLogon (2) or KerbWorkstationUnlockLogon (7)");
        }
        return Msv1_0InteractiveLogonCodec.decodeLayout(buffer, unlock,
                unlock ? "KERB_INTERACTIVE_UNLOCK_LOGON" : "KERB_INTERACTIVE_LOGON");
    }

    /** Encodes; the result holds the password: zero it after use. */
    public static byte[] encode(Msv1_0InteractiveLogon logon) {
        return Msv1_0InteractiveLogonCodec.encodeLayout(logon, logon.unlockLogonId().isPresent()
                ? KerbLogonSubmitType.WORKSTATION_UNLOCK_LOGON.value() : KerbLogonSubmitType.INTERACTIVE_LOGON.value());
    }
}
