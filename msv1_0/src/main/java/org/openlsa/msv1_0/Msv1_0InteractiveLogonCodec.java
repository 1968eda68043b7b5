package org.openlsa.msv1_0;

import java.util.Optional;
import org.openlsa.core.LsaException;
import org.openlsa.core.Luid;
import org.openlsa.core.NtStatus;
import org.openlsa.core.wire.WireReader;
import org.openlsa.core.wire.WireWriter;
import org.openlsa.crypto.SecretBytes;

/**
 * Codec of {@link Msv1_0InteractiveLogon} in the serialized 64-bit layout (docs/msv1_0-structures.md):
 * MessageType at 0 (4 bytes + 4 padding), LogonDomainName at 8, UserName at 24, Password at 40, each a 16-byte
 * UNICODE_STRING whose Buffer is an offset from the start of the structure; the unlock form adds LogonId at 56.
 * Strings follow the fixed part.
 */
public final class Msv1_0InteractiveLogonCodec {
    private Msv1_0InteractiveLogonCodec() {}

    static final int DOMAIN = 8;
    static final int USER = 24;
    static final int PASSWORD = 40;
    static final int LOGON_ID = 56;
    /** Fixed size of MSV1_0_INTERACTIVE_LOGON. */
    public static final int INTERACTIVE_SIZE = 56;
    /** Fixed size of MSV1_0_WORKSTATION_UNLOCK_LOGON. */
    public static final int UNLOCK_SIZE = 64;

    /** The MessageType of any MSV1_0 logon buffer; INVALID_PARAMETER when it is shorter than 4 bytes. */
    public static int messageType(byte[] buffer) throws LsaException {
        WireReader r = WireReader.over(buffer);
        r.requireLength(4, "an MSV1_0 logon structure");
        return r.u32(0);
    }

    /**
     * Decodes an interactive or unlock logon. A buffer too short for its fixed part, or a string outside it, is
     * INVALID_PARAMETER; any other MessageType is BAD_VALIDATION_CLASS.
     */
    public static Msv1_0InteractiveLogon decode(byte[] buffer) throws LsaException {
        int type = messageType(buffer);
        boolean unlock = type == Msv1_0SubmitType.WORKSTATION_UNLOCK_LOGON.value();
        if (type != Msv1_0SubmitType.INTERACTIVE_LOGON.value() && !unlock) {
            throw new LsaException(NtStatus.BAD_VALIDATION_CLASS, "MessageType " + type
                    + " is not MsV1_0InteractiveLogon (2) or MsV1_0WorkstationUnlockLogon (7)");
        }
        return decodeLayout(buffer, unlock, unlock ? "MSV1_0_WORKSTATION_UNLOCK_LOGON" : "MSV1_0_INTERACTIVE_LOGON");
    }

    /**
     * Decodes the layout without looking at MessageType: KERB_INTERACTIVE_LOGON and KERB_INTERACTIVE_UNLOCK_LOGON
     * share it, with the Kerberos submit types. INVALID_PARAMETER for a short buffer or a string outside it.
     */
    public static Msv1_0InteractiveLogon decodeLayout(byte[] buffer, boolean unlock, String structure)
            throws LsaException {
        int fixed = unlock ? UNLOCK_SIZE : INTERACTIVE_SIZE;
        WireReader r = WireReader.over(buffer);
        r.requireLength(fixed, structure);
        String domain = r.unicodeString(DOMAIN, fixed, "LogonDomainName");
        String user = r.unicodeString(USER, fixed, "UserName");
        SecretBytes password = SecretBytes.adopt(r.unicodeStringBytes(PASSWORD, fixed, "Password"));
        Optional<Luid> logonId = unlock ? Optional.of(new Luid(r.u64(LOGON_ID))) : Optional.empty();
        return new Msv1_0InteractiveLogon(domain, user, password, logonId);
    }

    /** Encodes; the returned buffer holds the password: zero it after use. */
    public static byte[] encode(Msv1_0InteractiveLogon logon) {
        return encodeLayout(logon, logon.submitType().value());
    }

    /** Encodes the layout with another package's MessageType (the Kerberos submit types); zero the result after use. */
    public static byte[] encodeLayout(Msv1_0InteractiveLogon logon, int messageType) {
        boolean unlock = logon.unlockLogonId().isPresent();
        WireWriter w = new WireWriter(unlock ? UNLOCK_SIZE : INTERACTIVE_SIZE);
        w.u32(0, messageType);
        w.unicodeString(DOMAIN, logon.logonDomainName());
        w.unicodeString(USER, logon.userName());
        byte[] pw = logon.password().copyBytes();
        try {
            w.unicodeString(PASSWORD, pw);
        } finally {
            java.util.Arrays.fill(pw, (byte) 0);
        }
        logon.unlockLogonId().ifPresent(id -> w.u64(LOGON_ID, id.value()));
        byte[] out = w.toBytes();
        w.wipe();
        return out;
    }
}
