package org.openlsa.msv1_0;

/**
 * ParameterControl bits of MSV1_0_LM20_LOGON and MSV1_0_SUBAUTH_LOGON (ntsecapi.h MSV1_0_*). The top byte selects a
 * subauthentication package for LM20/network logons.
 */
public final class Msv1_0ParameterControl {
    private Msv1_0ParameterControl() {}

    /** A cleartext password may stand in the response fields when ChallengeToClient is all zero. */
    public static final int CLEARTEXT_PASSWORD_ALLOWED = 0x2;
    /** Update LastLogon and LogonCount (network logons leave them alone otherwise, as Windows does). */
    public static final int UPDATE_LOGON_STATISTICS = 0x4;
    /** Return the user's parameters in UserParameters. */
    public static final int RETURN_USER_PARAMETERS = 0x8;
    /** Never fall back to the Guest account for an unknown user. */
    public static final int DONT_TRY_GUEST_ACCOUNT = 0x10;
    /** Server and interdomain trust accounts may log on. */
    public static final int ALLOW_SERVER_TRUST_ACCOUNT = 0x20;
    /** LogoffTime carries the time the password must change. */
    public static final int RETURN_PASSWORD_EXPIRY = 0x40;
    /** The challenge is combined with the client challenge (NTLMv1 extended session security). */
    public static final int USE_CLIENT_CHALLENGE = 0x80;
    /** Log on to the Guest account only. */
    public static final int TRY_GUEST_ACCOUNT_ONLY = 0x100;
    /** Return the profile path in UserParameters (and set LOGON_PROFILE_PATH_RETURNED). */
    public static final int RETURN_PROFILE_PATH = 0x200;
    /** Do not pass the logon through to another domain (this LSA never does). */
    public static final int TRY_SPECIFIED_DOMAIN_ONLY = 0x400;
    /** Workstation trust accounts may log on. */
    public static final int ALLOW_WORKSTATION_TRUST_ACCOUNT = 0x800;
    /** The response fields hold a cleartext password (informational; CLEARTEXT_PASSWORD_ALLOWED decides). */
    public static final int CLEARTEXT_PASSWORD_SUPPLIED = 0x4000;
    /** The caller vouches for MS-CHAPv2: NTLMv1 is accepted under the MSCHAPV2_AND_NTLMV2_ONLY policy. */
    public static final int ALLOW_MSVCHAPV2 = 0x10000;
    /** The subauthentication package is called for every logon (not only on failure): always so here. */
    public static final int SUBAUTHENTICATION_DLL_EX = 0x100000;
    /** The subauthentication package index lives in the top byte. */
    public static final int SUBAUTHENTICATION_DLL_MASK = 0xFF000000;
    public static final int SUBAUTHENTICATION_DLL_SHIFT = 24;

    /** The subauthentication package id the top byte selects (0: none). */
    public static int subAuthPackageId(int parameterControl) {
        return (parameterControl & SUBAUTHENTICATION_DLL_MASK) >>> SUBAUTHENTICATION_DLL_SHIFT;
    }

    public static boolean has(int parameterControl, int bit) {
        return (parameterControl & bit) != 0;
    }
}
