package org.openlsa.msv1_0;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * MSV1_0_LM20_LOGON (MessageType MsV1_0Lm20Logon or MsV1_0NetworkLogon) or MSV1_0_SUBAUTH_LOGON (ntsecapi.h):
 * <pre>
 * typedef struct _MSV1_0_LM20_LOGON {
 *   MSV1_0_LOGON_SUBMIT_TYPE MessageType;
 *   UNICODE_STRING           LogonDomainName;
 *   UNICODE_STRING           UserName;
 *   UNICODE_STRING           Workstation;
 *   UCHAR                    ChallengeToClient[MSV1_0_CHALLENGE_LENGTH];
 *   STRING                   CaseSensitiveChallengeResponse;    // the NT response (AuthenticationInfo1)
 *   STRING                   CaseInsensitiveChallengeResponse;  // the LM response (AuthenticationInfo2)
 *   ULONG                    ParameterControl;
 * } MSV1_0_LM20_LOGON;                                          // SUBAUTH adds: ULONG SubAuthPackageId;
 * </pre>
 * The responses prove knowledge of a password but are not the password; with CLEARTEXT_PASSWORD_ALLOWED and an
 * all-zero challenge they ARE the password, so {@link #wipe()} zeroes them once the logon is done.
 *
 * @param submitType LM20_LOGON, NETWORK_LOGON or SUBAUTH_LOGON
 * @param challengeToClient the 8-byte server challenge the responses answer
 * @param ntResponse CaseSensitiveChallengeResponse (for SUBAUTH: AuthenticationInfo1)
 * @param lmResponse CaseInsensitiveChallengeResponse (for SUBAUTH: AuthenticationInfo2)
 * @param subAuthPackageId the SUBAUTH structure's SubAuthPackageId; 0 for the other forms, whose package (if any)
 *     is the top byte of ParameterControl (see {@link #effectiveSubAuthPackageId()})
 */
public record Msv1_0Lm20Logon(Msv1_0SubmitType submitType, String logonDomainName, String userName,
                              String workstation, byte[] challengeToClient, byte[] ntResponse, byte[] lmResponse,
                              int parameterControl, int subAuthPackageId) {
    public static final int CHALLENGE_LENGTH = 8;

    public Msv1_0Lm20Logon {
        Objects.requireNonNull(submitType, "submitType");
        if (submitType != Msv1_0SubmitType.LM20_LOGON && submitType != Msv1_0SubmitType.NETWORK_LOGON
                && submitType != Msv1_0SubmitType.SUBAUTH_LOGON) {
            throw new IllegalArgumentException(submitType + " is not an LM20, network or subauth logon");
        }
        Objects.requireNonNull(logonDomainName, "logonDomainName");
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(workstation, "workstation");
        if (challengeToClient.length != CHALLENGE_LENGTH) {
            throw new IllegalArgumentException("ChallengeToClient has 8 bytes, not " + challengeToClient.length);
        }
        challengeToClient = challengeToClient.clone();
        ntResponse = ntResponse.clone();
        lmResponse = lmResponse.clone();
        if (submitType != Msv1_0SubmitType.SUBAUTH_LOGON && subAuthPackageId != 0) {
            throw new IllegalArgumentException("only MSV1_0_SUBAUTH_LOGON carries a SubAuthPackageId");
        }
    }

    /** A network logon (MsV1_0NetworkLogon) with no subauthentication. */
    public static Msv1_0Lm20Logon network(String domain, String user, String workstation, byte[] challenge,
                                          byte[] ntResponse, byte[] lmResponse, int parameterControl) {
        return new Msv1_0Lm20Logon(Msv1_0SubmitType.NETWORK_LOGON, domain, user, workstation, challenge, ntResponse,
                lmResponse, parameterControl, 0);
    }

    @Override
    public byte[] challengeToClient() {
        return challengeToClient.clone();
    }

    @Override
    public byte[] ntResponse() {
        return ntResponse.clone();
    }

    @Override
    public byte[] lmResponse() {
        return lmResponse.clone();
    }

    /** The subauthentication package this logon names: SubAuthPackageId, or the top byte of ParameterControl. */
    public int effectiveSubAuthPackageId() {
        return submitType == Msv1_0SubmitType.SUBAUTH_LOGON ? subAuthPackageId
                : Msv1_0ParameterControl.subAuthPackageId(parameterControl);
    }

    /** An anonymous logon: no user name and no NT response, the LM response empty or one zero byte. */
    public boolean isAnonymous() {
        return userName.isEmpty() && ntResponse.length == 0
                && (lmResponse.length == 0 || (lmResponse.length == 1 && lmResponse[0] == 0));
    }

    /** Zeroes this value's copies of the responses (they are the password in a cleartext logon). */
    public void wipe() {
        Arrays.fill(ntResponse, (byte) 0);
        Arrays.fill(lmResponse, (byte) 0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Msv1_0Lm20Logon l && submitType == l.submitType && logonDomainName.equals(l.logonDomainName)
                && userName.equals(l.userName) && workstation.equals(l.workstation)
                && Arrays.equals(challengeToClient, l.challengeToClient) && Arrays.equals(ntResponse, l.ntResponse)
                && Arrays.equals(lmResponse, l.lmResponse) && parameterControl == l.parameterControl
                && subAuthPackageId == l.subAuthPackageId;
    }

    @Override
    public int hashCode() {
        return Objects.hash(submitType, logonDomainName, userName, workstation, Arrays.hashCode(challengeToClient),
                parameterControl, subAuthPackageId);
    }

    /** Names and sizes only: a cleartext logon's response fields are a password. */
    @Override
    public String toString() {
        return "Msv1_0Lm20Logon[" + submitType + " " + logonDomainName + "\\" + userName + " from '" + workstation
                + "', challenge " + HexFormat.of().formatHex(challengeToClient) + ", NT response " + ntResponse.length
                + " bytes, LM response " + lmResponse.length + " bytes, ParameterControl 0x"
                + Integer.toHexString(parameterControl) + ", SubAuthPackageId " + subAuthPackageId + "]";
    }
}
