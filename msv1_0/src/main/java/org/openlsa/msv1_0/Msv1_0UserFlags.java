package org.openlsa.msv1_0;

/** UserFlags bits of the MSV1_0 profiles (ntsecapi.h LOGON_*). */
public final class Msv1_0UserFlags {
    private Msv1_0UserFlags() {}

    public static final int GUEST = 0x01;
    public static final int NOENCRYPTION = 0x02;
    public static final int CACHED_ACCOUNT = 0x04;
    public static final int USED_LM_PASSWORD = 0x08;
    public static final int EXTRA_SIDS = 0x20;
    public static final int SUBAUTH_SESSION_KEY = 0x40;
    public static final int NTLMV2_ENABLED = 0x100;
    public static final int RESOURCE_GROUPS = 0x200;
    public static final int PROFILE_PATH_RETURNED = 0x400;
    public static final int GRACE_LOGON = 0x01000000;
}
