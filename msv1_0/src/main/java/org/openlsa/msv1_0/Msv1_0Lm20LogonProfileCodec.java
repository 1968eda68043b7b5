package org.openlsa.msv1_0;

import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.core.wire.WireReader;
import org.openlsa.core.wire.WireWriter;

/**
 * Codec of {@link Msv1_0Lm20LogonProfile} in the serialized 64-bit layout (docs/msv1_0-structures.md): MessageType
 * 0, KickOffTime 8, LogoffTime 16, UserFlags 24, UserSessionKey 28..44, LogonDomainName 48, LanmanSessionKey 64,
 * LogonServer 72, UserParameters 88; fixed size 104, strings after it.
 */
public final class Msv1_0Lm20LogonProfileCodec {
    private Msv1_0Lm20LogonProfileCodec() {}

    public static final int FIXED_SIZE = 104;
    private static final int KICK_OFF = 8;
    private static final int LOGOFF = 16;
    private static final int USER_FLAGS = 24;
    private static final int USER_SESSION_KEY = 28;
    private static final int DOMAIN = 48;
    private static final int LANMAN_SESSION_KEY = 64;
    private static final int SERVER = 72;
    private static final int USER_PARAMETERS = 88;

    /** Encodes; the buffer holds the session keys: the receiver zeroes it when done. */
    public static byte[] encode(Msv1_0Lm20LogonProfile p) {
        WireWriter w = new WireWriter(FIXED_SIZE);
        w.u32(0, Msv1_0Lm20LogonProfile.MESSAGE_TYPE).u64(KICK_OFF, p.kickOffTime()).u64(LOGOFF, p.logoffTime())
                .u32(USER_FLAGS, p.userFlags());
        byte[] user = p.userSessionKey();
        byte[] lanman = p.lanmanSessionKey();
        w.bytes(USER_SESSION_KEY, user).bytes(LANMAN_SESSION_KEY, lanman);
        java.util.Arrays.fill(user, (byte) 0);
        java.util.Arrays.fill(lanman, (byte) 0);
        w.unicodeString(DOMAIN, p.logonDomainName()).unicodeString(SERVER, p.logonServer())
                .unicodeString(USER_PARAMETERS, p.userParameters());
        byte[] out = w.toBytes();
        w.wipe();
        return out;
    }

    /** Decodes; INVALID_PARAMETER for a short buffer or a string outside it, BAD_VALIDATION_CLASS for another type. */
    public static Msv1_0Lm20LogonProfile decode(byte[] buffer) throws LsaException {
        WireReader r = WireReader.over(buffer);
        r.requireLength(FIXED_SIZE, "MSV1_0_LM20_LOGON_PROFILE");
        int type = r.u32(0);
        if (type != Msv1_0Lm20LogonProfile.MESSAGE_TYPE) {
            throw new LsaException(NtStatus.BAD_VALIDATION_CLASS, "profile MessageType " + type
                    + " is not MsV1_0Lm20LogonProfile (3)");
        }
        return new Msv1_0Lm20LogonProfile(r.u64(KICK_OFF), r.u64(LOGOFF), r.u32(USER_FLAGS),
                r.bytes(USER_SESSION_KEY, Msv1_0Lm20LogonProfile.USER_SESSION_KEY_LENGTH),
                r.unicodeString(DOMAIN, FIXED_SIZE, "LogonDomainName"),
                r.bytes(LANMAN_SESSION_KEY, Msv1_0Lm20LogonProfile.LANMAN_SESSION_KEY_LENGTH),
                r.unicodeString(SERVER, FIXED_SIZE, "LogonServer"),
                r.unicodeString(USER_PARAMETERS, FIXED_SIZE, "UserParameters"));
    }
}
