package org.openlsa.msv1_0;

import java.util.Arrays;
import java.util.Objects;

/**
 * MSV1_0_LM20_LOGON_PROFILE (ntsecapi.h), the profile of a network logon:
 * <pre>
 * typedef struct _MSV1_0_LM20_LOGON_PROFILE {
 *   MSV1_0_PROFILE_BUFFER_TYPE MessageType;        // MsV1_0Lm20LogonProfile (3)
 *   LARGE_INTEGER              KickOffTime;
 *   LARGE_INTEGER              LogoffTime;
 *   ULONG                      UserFlags;
 *   UCHAR                      UserSessionKey[16];
 *   UNICODE_STRING             LogonDomainName;
 *   UCHAR                      LanmanSessionKey[8];
 *   UNICODE_STRING             LogonServer;
 *   UNICODE_STRING             UserParameters;
 * } MSV1_0_LM20_LOGON_PROFILE;
 * </pre>
 * The session keys are secrets: the caller that receives the profile (a server's NTLMSSP layer) derives its keys
 * from them and zeroes the buffer; {@link #toString()} never shows them.
 */
public record Msv1_0Lm20LogonProfile(long kickOffTime, long logoffTime, int userFlags, byte[] userSessionKey,
                                     String logonDomainName, byte[] lanmanSessionKey, String logonServer,
                                     String userParameters) {
    public static final int MESSAGE_TYPE = 3;
    public static final int USER_SESSION_KEY_LENGTH = 16;
    public static final int LANMAN_SESSION_KEY_LENGTH = 8;

    public Msv1_0Lm20LogonProfile {
        if (userSessionKey.length != USER_SESSION_KEY_LENGTH || lanmanSessionKey.length != LANMAN_SESSION_KEY_LENGTH) {
            throw new IllegalArgumentException("session keys are 16 and 8 bytes");
        }
        userSessionKey = userSessionKey.clone();
        lanmanSessionKey = lanmanSessionKey.clone();
        Objects.requireNonNull(logonDomainName, "logonDomainName");
        Objects.requireNonNull(logonServer, "logonServer");
        Objects.requireNonNull(userParameters, "userParameters");
    }

    @Override
    public byte[] userSessionKey() {
        return userSessionKey.clone();
    }

    @Override
    public byte[] lanmanSessionKey() {
        return lanmanSessionKey.clone();
    }

    /** Zeroes this value's copies of the session keys. */
    public void wipe() {
        Arrays.fill(userSessionKey, (byte) 0);
        Arrays.fill(lanmanSessionKey, (byte) 0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Msv1_0Lm20LogonProfile p && kickOffTime == p.kickOffTime && logoffTime == p.logoffTime
                && userFlags == p.userFlags && Arrays.equals(userSessionKey, p.userSessionKey)
                && logonDomainName.equals(p.logonDomainName) && Arrays.equals(lanmanSessionKey, p.lanmanSessionKey)
                && logonServer.equals(p.logonServer) && userParameters.equals(p.userParameters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kickOffTime, logoffTime, userFlags, logonDomainName, logonServer, userParameters);
    }

    @Override
    public String toString() {
        return "Msv1_0Lm20LogonProfile[kickOff " + kickOffTime + ", logoff " + logoffTime + ", UserFlags 0x"
                + Integer.toHexString(userFlags) + ", domain " + logonDomainName + ", server " + logonServer
                + ", session keys hidden]";
    }
}
