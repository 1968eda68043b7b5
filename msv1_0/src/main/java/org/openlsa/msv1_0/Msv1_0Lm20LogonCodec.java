package org.openlsa.msv1_0;

import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.core.wire.WireReader;
import org.openlsa.core.wire.WireWriter;

/**
 * Codec of {@link Msv1_0Lm20Logon} in the serialized 64-bit layout (docs/msv1_0-structures.md): MessageType at 0
 * (4 bytes + 4 padding), LogonDomainName at 8, UserName at 24, Workstation at 40 (UNICODE_STRINGs), ChallengeToClient
 * at 56 (8 bytes), the NT response at 64 and the LM response at 80 (STRINGs: the same 16-byte descriptor, any byte
 * count), ParameterControl at 96, SubAuthPackageId at 100 (SUBAUTH only; padding otherwise); fixed size 104, the
 * strings after it.
 */
public final class Msv1_0Lm20LogonCodec {
    private Msv1_0Lm20LogonCodec() {}

    static final int DOMAIN = 8;
    static final int USER = 24;
    static final int WORKSTATION = 40;
    static final int CHALLENGE = 56;
    static final int NT_RESPONSE = 64;
    static final int LM_RESPONSE = 80;
    static final int PARAMETER_CONTROL = 96;
    static final int SUBAUTH_PACKAGE_ID = 100;
    /** Fixed size of MSV1_0_LM20_LOGON and MSV1_0_SUBAUTH_LOGON. */
    public static final int FIXED_SIZE = 104;

    /** Whether a MessageType is one this codec decodes. */
    public static boolean handles(int messageType) {
        return messageType == Msv1_0SubmitType.LM20_LOGON.value()
                || messageType == Msv1_0SubmitType.NETWORK_LOGON.value()
                || messageType == Msv1_0SubmitType.SUBAUTH_LOGON.value();
    }

    /**
     * Decodes. A buffer too short for the fixed part, or a string outside it, is INVALID_PARAMETER; a MessageType
     * other than LM20 (3), network (4) or subauth (5) is BAD_VALIDATION_CLASS.
     */
    public static Msv1_0Lm20Logon decode(byte[] buffer) throws LsaException {
        int type = Msv1_0InteractiveLogonCodec.messageType(buffer);
        if (!handles(type)) {
            throw new LsaException(NtStatus.BAD_VALIDATION_CLASS, "MessageType " + type
                    + " is not MsV1_0Lm20Logon (3), MsV1_0NetworkLogon (4) or MsV1_0SubAuthLogon (5)");
        }
        Msv1_0SubmitType submitType = Msv1_0SubmitType.fromValue(type).orElseThrow();
        WireReader r = WireReader.over(buffer);
        r.requireLength(FIXED_SIZE, submitType == Msv1_0SubmitType.SUBAUTH_LOGON ? "MSV1_0_SUBAUTH_LOGON"
                : "MSV1_0_LM20_LOGON");
        boolean subAuth = submitType == Msv1_0SubmitType.SUBAUTH_LOGON;
        return new Msv1_0Lm20Logon(submitType,
                r.unicodeString(DOMAIN, FIXED_SIZE, "LogonDomainName"),
                r.unicodeString(USER, FIXED_SIZE, "UserName"),
                r.unicodeString(WORKSTATION, FIXED_SIZE, "Workstation"),
                r.bytes(CHALLENGE, Msv1_0Lm20Logon.CHALLENGE_LENGTH),
                r.stringBytes(NT_RESPONSE, FIXED_SIZE, subAuth ? "AuthenticationInfo1" : "CaseSensitiveChallengeResponse"),
                r.stringBytes(LM_RESPONSE, FIXED_SIZE, subAuth ? "AuthenticationInfo2" : "CaseInsensitiveChallengeResponse"),
                r.u32(PARAMETER_CONTROL),
                subAuth ? r.u32(SUBAUTH_PACKAGE_ID) : 0);
    }

    /** Encodes; a cleartext logon's buffer holds the password: zero it after use. */
    public static byte[] encode(Msv1_0Lm20Logon logon) {
        WireWriter w = new WireWriter(FIXED_SIZE);
        w.u32(0, logon.submitType().value());
        w.unicodeString(DOMAIN, logon.logonDomainName());
        w.unicodeString(USER, logon.userName());
        w.unicodeString(WORKSTATION, logon.workstation());
        w.bytes(CHALLENGE, logon.challengeToClient());
        w.string(NT_RESPONSE, logon.ntResponse());
        w.string(LM_RESPONSE, logon.lmResponse());
        w.u32(PARAMETER_CONTROL, logon.parameterControl());
        w.u32(SUBAUTH_PACKAGE_ID, logon.subAuthPackageId());
        byte[] out = w.toBytes();
        w.wipe();
        return out;
    }
}
