package org.openlsa.kerberos.internal;

import java.util.OptionalInt;
import java.util.Set;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.kdc.client.KdcClient.KdcRefusal;
import org.openlsa.krb5.ErrorCode;

/**
 * A KDC's refusal as the LSA reports it (lsa-semantics 3). The KERB-EXT-ERROR status, when the KDC sends one (this
 * one and Active Directory do), is the precise reason; MIT sends none, and the error code alone decides. Bad
 * credentials are LOGON_FAILURE with the reason as SubStatus (hidden from untrusted callers by the engine); account
 * restrictions are ACCOUNT_RESTRICTION with their SubStatus.
 */
public final class KdcStatus {
    private KdcStatus() {}

    private static final Set<NtStatus> RESTRICTIONS = Set.of(NtStatus.ACCOUNT_DISABLED, NtStatus.ACCOUNT_LOCKED_OUT,
            NtStatus.ACCOUNT_EXPIRED, NtStatus.PASSWORD_EXPIRED, NtStatus.PASSWORD_MUST_CHANGE,
            NtStatus.INVALID_LOGON_HOURS, NtStatus.INVALID_WORKSTATION);

    public static LsaException of(KdcRefusal refusal) {
        ErrorCode code = refusal.error().errorCode();
        String what = "the KDC refused: " + refusal.getMessage();
        OptionalInt ext = refusal.extendedStatus();
        if (ext.isPresent()) {
            NtStatus s = new NtStatus(ext.getAsInt());
            if (RESTRICTIONS.contains(s)) {
                return new LsaException(NtStatus.ACCOUNT_RESTRICTION, s, what);
            }
            if (s.equals(NtStatus.WRONG_PASSWORD) || s.equals(NtStatus.NO_SUCH_USER)) {
                return new LsaException(NtStatus.LOGON_FAILURE, s, what);
            }
            if (s.equals(NtStatus.LOGON_TYPE_NOT_GRANTED) || s.equals(NtStatus.SMARTCARD_LOGON_REQUIRED)) {
                return new LsaException(s, what);
            }
        }
        if (code.equals(ErrorCode.KDC_ERR_C_PRINCIPAL_UNKNOWN)) {
            return new LsaException(NtStatus.LOGON_FAILURE, NtStatus.NO_SUCH_USER, what);
        }
        if (code.equals(ErrorCode.KDC_ERR_PREAUTH_FAILED) || code.equals(ErrorCode.KRB_AP_ERR_BAD_INTEGRITY)) {
            return new LsaException(NtStatus.LOGON_FAILURE, NtStatus.WRONG_PASSWORD, what);
        }
        if (code.equals(ErrorCode.KDC_ERR_CLIENT_REVOKED)) {
            // MIT says this for a principal without allow_tix and for a locked-out one alike.
            return new LsaException(NtStatus.ACCOUNT_RESTRICTION, NtStatus.ACCOUNT_DISABLED, what);
        }
        if (code.equals(ErrorCode.KDC_ERR_KEY_EXPIRED)) {
            return new LsaException(NtStatus.ACCOUNT_RESTRICTION, NtStatus.PASSWORD_EXPIRED, what);
        }
        if (code.equals(ErrorCode.KDC_ERR_NAME_EXP) || code.equals(ErrorCode.KDC_ERR_CLIENT_NOTYET)) {
            return new LsaException(NtStatus.ACCOUNT_RESTRICTION, NtStatus.ACCOUNT_EXPIRED, what);
        }
        if (code.equals(ErrorCode.KDC_ERR_POLICY)) {
            return new LsaException(NtStatus.ACCOUNT_RESTRICTION, what);
        }
        if (code.equals(ErrorCode.KRB_AP_ERR_SKEW)) {
            return new LsaException(NtStatus.TIME_DIFFERENCE_AT_DC, what);
        }
        return new LsaException(NtStatus.LOGON_FAILURE, what);
    }
}
