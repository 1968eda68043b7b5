package org.openlsa.kerberos;

import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.engine.spi.logon.InteractiveLogon;
import org.openlsa.engine.spi.logon.InteractiveLogonCodec;

/**
 * KERB_INTERACTIVE_LOGON and KERB_INTERACTIVE_UNLOCK_LOGON (ntsecapi.h): the layout they share with their MSV1_0
 * twins ({@link InteractiveLogonCodec}, docs/msv1_0-structures.md: MessageType at 0, LogonDomainName at 8, UserName
 * at 24, Password at 40; the unlock form adds LogonId at 56) under the Kerberos submit types KerbInteractiveLogon (2)
 * and KerbWorkstationUnlockLogon (7). The values are the shared {@link InteractiveLogon}.
 */
public final class KerbInteractiveLogonCodec {
    private KerbInteractiveLogonCodec() {}

    /**
     * Decodes; a buffer too short or a string outside it is INVALID_PARAMETER, another MessageType is
     * BAD_VALIDATION_CLASS. The caller closes the result (it holds the password).
     */
    public static InteractiveLogon decode(byte[] buffer) throws LsaException {
        int type = InteractiveLogonCodec.messageType(buffer);
        boolean unlock = type == KerbLogonSubmitType.WORKSTATION_UNLOCK_LOGON.value();
        if (type != KerbLogonSubmitType.INTERACTIVE_LOGON.value() && !unlock) {
            throw new LsaException(NtStatus.BAD_VALIDATION_CLASS, "MessageType " + type
                    + " is not KerbInteractiveLogon (2) or KerbWorkstationUnlockLogon (7)");
        }
        return InteractiveLogonCodec.decode(buffer, unlock,
                unlock ? "KERB_INTERACTIVE_UNLOCK_LOGON" : "KERB_INTERACTIVE_LOGON");
    }

    /** {@link #decode(byte[])} of a buffer kept secret, without a copy of it. */
    public static InteractiveLogon decode(SecretBytes buffer) throws LsaException {
        return buffer.read(KerbInteractiveLogonCodec::decode);
    }

    /** Encodes into a secret that holds the password: the caller closes it. */
    public static SecretBytes encode(InteractiveLogon logon) {
        return InteractiveLogonCodec.encode(logon, logon.isUnlock()
                ? KerbLogonSubmitType.WORKSTATION_UNLOCK_LOGON.value() : KerbLogonSubmitType.INTERACTIVE_LOGON.value());
    }
}
