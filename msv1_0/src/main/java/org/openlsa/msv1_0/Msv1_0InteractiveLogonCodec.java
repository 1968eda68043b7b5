package org.openlsa.msv1_0;

import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.engine.spi.logon.InteractiveLogon;
import org.openlsa.engine.spi.logon.InteractiveLogonCodec;

/**
 * MSV1_0_INTERACTIVE_LOGON and MSV1_0_WORKSTATION_UNLOCK_LOGON: the shared {@link InteractiveLogon} layout
 * ({@link InteractiveLogonCodec}, docs/msv1_0-structures.md) under the MSV1_0 submit types MsV1_0InteractiveLogon (2)
 * and MsV1_0WorkstationUnlockLogon (7).
 */
public final class Msv1_0InteractiveLogonCodec {
    private Msv1_0InteractiveLogonCodec() {}

    /** Fixed size of MSV1_0_INTERACTIVE_LOGON. */
    public static final int INTERACTIVE_SIZE = InteractiveLogonCodec.INTERACTIVE_SIZE;
    /** Fixed size of MSV1_0_WORKSTATION_UNLOCK_LOGON. */
    public static final int UNLOCK_SIZE = InteractiveLogonCodec.UNLOCK_SIZE;

    /** The MessageType of any MSV1_0 logon buffer; INVALID_PARAMETER when it is shorter than 4 bytes. */
    public static int messageType(byte[] buffer) throws LsaException {
        return InteractiveLogonCodec.messageType(buffer);
    }

    /** The submit type {@code logon} is encoded with. */
    public static Msv1_0SubmitType submitType(InteractiveLogon logon) {
        return logon.isUnlock() ? Msv1_0SubmitType.WORKSTATION_UNLOCK_LOGON : Msv1_0SubmitType.INTERACTIVE_LOGON;
    }

    /**
     * Decodes an interactive or unlock logon. A buffer too short for its fixed part, or a string outside it, is
     * INVALID_PARAMETER; any other MessageType is BAD_VALIDATION_CLASS. The caller closes the result.
     */
    public static InteractiveLogon decode(byte[] buffer) throws LsaException {
        int type = messageType(buffer);
        boolean unlock = type == Msv1_0SubmitType.WORKSTATION_UNLOCK_LOGON.value();
        if (type != Msv1_0SubmitType.INTERACTIVE_LOGON.value() && !unlock) {
            throw new LsaException(NtStatus.BAD_VALIDATION_CLASS, "MessageType " + type
                    + " is not MsV1_0InteractiveLogon (2) or MsV1_0WorkstationUnlockLogon (7)");
        }
        return InteractiveLogonCodec.decode(buffer, unlock,
                unlock ? "MSV1_0_WORKSTATION_UNLOCK_LOGON" : "MSV1_0_INTERACTIVE_LOGON");
    }

    /** {@link #decode(byte[])} of a buffer kept secret, without a copy of it. */
    public static InteractiveLogon decode(SecretBytes buffer) throws LsaException {
        return buffer.read(Msv1_0InteractiveLogonCodec::decode);
    }

    /** Encodes into a secret that holds the password: the caller closes it. */
    public static SecretBytes encode(InteractiveLogon logon) {
        return InteractiveLogonCodec.encode(logon, submitType(logon).value());
    }
}
