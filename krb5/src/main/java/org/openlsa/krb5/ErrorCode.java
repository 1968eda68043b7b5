package org.openlsa.krb5;

import java.util.HashMap;
import java.util.Map;

/**
 * A KRB-ERROR error-code (RFC 4120 7.5.9, with the PKINIT (RFC 4556), FAST (RFC 6113), referral (RFC 6806) and
 * KDF (RFC 8636) additions). A record around the raw Int32 so a code this class does not know still round-trips;
 * the named constants carry their spec name and a one-line meaning for logs.
 */
public record ErrorCode(int code) {
    private record Known(String name, String meaning) {}

    private static final Map<Integer, Known> KNOWN = new HashMap<>();

    private static ErrorCode define(int code, String name, String meaning) {
        if (KNOWN.putIfAbsent(code, new Known(name, meaning)) != null) {
            throw new ExceptionInInitializerError("duplicate Kerberos error code " + code);
        }
        return new ErrorCode(code);
    }

    public static final ErrorCode KDC_ERR_NONE = define(0, "KDC_ERR_NONE", "No error");
    public static final ErrorCode KDC_ERR_NAME_EXP = define(1, "KDC_ERR_NAME_EXP", "Client's entry in database has expired");
    public static final ErrorCode KDC_ERR_SERVICE_EXP = define(2, "KDC_ERR_SERVICE_EXP", "Server's entry in database has expired");
    public static final ErrorCode KDC_ERR_BAD_PVNO = define(3, "KDC_ERR_BAD_PVNO", "Requested protocol version number not supported");
    public static final ErrorCode KDC_ERR_C_OLD_MAST_KVNO = define(4, "KDC_ERR_C_OLD_MAST_KVNO", "Client's key encrypted in old master key");
    public static final ErrorCode KDC_ERR_S_OLD_MAST_KVNO = define(5, "KDC_ERR_S_OLD_MAST_KVNO", "Server's key encrypted in old master key");
    public static final ErrorCode KDC_ERR_C_PRINCIPAL_UNKNOWN = define(6, "KDC_ERR_C_PRINCIPAL_UNKNOWN", "Client not found in Kerberos database");
    public static final ErrorCode KDC_ERR_S_PRINCIPAL_UNKNOWN = define(7, "KDC_ERR_S_PRINCIPAL_UNKNOWN", "Server not found in Kerberos database");
    public static final ErrorCode KDC_ERR_PRINCIPAL_NOT_UNIQUE = define(8, "KDC_ERR_PRINCIPAL_NOT_UNIQUE", "Multiple principal entries in database");
    public static final ErrorCode KDC_ERR_NULL_KEY = define(9, "KDC_ERR_NULL_KEY", "The client or server has a null key");
    public static final ErrorCode KDC_ERR_CANNOT_POSTDATE = define(10, "KDC_ERR_CANNOT_POSTDATE", "Ticket not eligible for postdating");
    public static final ErrorCode KDC_ERR_NEVER_VALID = define(11, "KDC_ERR_NEVER_VALID", "Requested starttime is later than end time");
    public static final ErrorCode KDC_ERR_POLICY = define(12, "KDC_ERR_POLICY", "KDC policy rejects request");
    public static final ErrorCode KDC_ERR_BADOPTION = define(13, "KDC_ERR_BADOPTION", "KDC cannot accommodate requested option");
    public static final ErrorCode KDC_ERR_ETYPE_NOSUPP = define(14, "KDC_ERR_ETYPE_NOSUPP", "KDC has no support for encryption type");
    public static final ErrorCode KDC_ERR_SUMTYPE_NOSUPP = define(15, "KDC_ERR_SUMTYPE_NOSUPP", "KDC has no support for checksum type");
    public static final ErrorCode KDC_ERR_PADATA_TYPE_NOSUPP = define(16, "KDC_ERR_PADATA_TYPE_NOSUPP", "KDC has no support for padata type");
    public static final ErrorCode KDC_ERR_TRTYPE_NOSUPP = define(17, "KDC_ERR_TRTYPE_NOSUPP", "KDC has no support for transited type");
    public static final ErrorCode KDC_ERR_CLIENT_REVOKED = define(18, "KDC_ERR_CLIENT_REVOKED", "Clients credentials have been revoked");
    public static final ErrorCode KDC_ERR_SERVICE_REVOKED = define(19, "KDC_ERR_SERVICE_REVOKED", "Credentials for server have been revoked");
    public static final ErrorCode KDC_ERR_TGT_REVOKED = define(20, "KDC_ERR_TGT_REVOKED", "TGT has been revoked");
    public static final ErrorCode KDC_ERR_CLIENT_NOTYET = define(21, "KDC_ERR_CLIENT_NOTYET", "Client not yet valid; try again later");
    public static final ErrorCode KDC_ERR_SERVICE_NOTYET = define(22, "KDC_ERR_SERVICE_NOTYET", "Server not yet valid; try again later");
    public static final ErrorCode KDC_ERR_KEY_EXPIRED = define(23, "KDC_ERR_KEY_EXPIRED", "Password has expired; change password to reset");
    public static final ErrorCode KDC_ERR_PREAUTH_FAILED = define(24, "KDC_ERR_PREAUTH_FAILED", "Pre-authentication information was invalid");
    public static final ErrorCode KDC_ERR_PREAUTH_REQUIRED = define(25, "KDC_ERR_PREAUTH_REQUIRED", "Additional pre-authentication required");
    public static final ErrorCode KDC_ERR_SERVER_NOMATCH = define(26, "KDC_ERR_SERVER_NOMATCH", "Requested server and ticket don't match");
    public static final ErrorCode KDC_ERR_MUST_USE_USER2USER = define(27, "KDC_ERR_MUST_USE_USER2USER", "Server principal valid for user2user only");
    public static final ErrorCode KDC_ERR_PATH_NOT_ACCEPTED = define(28, "KDC_ERR_PATH_NOT_ACCEPTED", "KDC Policy rejects transited path");
    public static final ErrorCode KDC_ERR_SVC_UNAVAILABLE = define(29, "KDC_ERR_SVC_UNAVAILABLE", "A service is not available");
    public static final ErrorCode KRB_AP_ERR_BAD_INTEGRITY = define(31, "KRB_AP_ERR_BAD_INTEGRITY", "Integrity check on decrypted field failed");
    public static final ErrorCode KRB_AP_ERR_TKT_EXPIRED = define(32, "KRB_AP_ERR_TKT_EXPIRED", "Ticket expired");
    public static final ErrorCode KRB_AP_ERR_TKT_NYV = define(33, "KRB_AP_ERR_TKT_NYV", "Ticket not yet valid");
    public static final ErrorCode KRB_AP_ERR_REPEAT = define(34, "KRB_AP_ERR_REPEAT", "Request is a replay");
    public static final ErrorCode KRB_AP_ERR_NOT_US = define(35, "KRB_AP_ERR_NOT_US", "The ticket isn't for us");
    public static final ErrorCode KRB_AP_ERR_BADMATCH = define(36, "KRB_AP_ERR_BADMATCH", "Ticket and authenticator don't match");
    public static final ErrorCode KRB_AP_ERR_SKEW = define(37, "KRB_AP_ERR_SKEW", "Clock skew too great");
    public static final ErrorCode KRB_AP_ERR_BADADDR = define(38, "KRB_AP_ERR_BADADDR", "Incorrect net address");
    public static final ErrorCode KRB_AP_ERR_BADVERSION = define(39, "KRB_AP_ERR_BADVERSION", "Protocol version mismatch");
    public static final ErrorCode KRB_AP_ERR_MSG_TYPE = define(40, "KRB_AP_ERR_MSG_TYPE", "Invalid msg type");
    public static final ErrorCode KRB_AP_ERR_MODIFIED = define(41, "KRB_AP_ERR_MODIFIED", "Message stream modified");
    public static final ErrorCode KRB_AP_ERR_BADORDER = define(42, "KRB_AP_ERR_BADORDER", "Message out of order");
    public static final ErrorCode KRB_AP_ERR_BADKEYVER = define(44, "KRB_AP_ERR_BADKEYVER", "Specified version of key is not available");
    public static final ErrorCode KRB_AP_ERR_NOKEY = define(45, "KRB_AP_ERR_NOKEY", "Service key not available");
    public static final ErrorCode KRB_AP_ERR_MUT_FAIL = define(46, "KRB_AP_ERR_MUT_FAIL", "Mutual authentication failed");
    public static final ErrorCode KRB_AP_ERR_BADDIRECTION = define(47, "KRB_AP_ERR_BADDIRECTION", "Incorrect message direction");
    public static final ErrorCode KRB_AP_ERR_METHOD = define(48, "KRB_AP_ERR_METHOD", "Alternative authentication method required");
    public static final ErrorCode KRB_AP_ERR_BADSEQ = define(49, "KRB_AP_ERR_BADSEQ", "Incorrect sequence number in message");
    public static final ErrorCode KRB_AP_ERR_INAPP_CKSUM = define(50, "KRB_AP_ERR_INAPP_CKSUM", "Inappropriate type of checksum in message");
    public static final ErrorCode KRB_AP_PATH_NOT_ACCEPTED = define(51, "KRB_AP_PATH_NOT_ACCEPTED", "Policy rejects transited path");
    public static final ErrorCode KRB_ERR_RESPONSE_TOO_BIG = define(52, "KRB_ERR_RESPONSE_TOO_BIG", "Response too big for UDP; retry with TCP");
    public static final ErrorCode KRB_ERR_GENERIC = define(60, "KRB_ERR_GENERIC", "Generic error (description in e-text)");
    public static final ErrorCode KRB_ERR_FIELD_TOOLONG = define(61, "KRB_ERR_FIELD_TOOLONG", "Field is too long for this implementation");
    public static final ErrorCode KDC_ERROR_CLIENT_NOT_TRUSTED = define(62, "KDC_ERROR_CLIENT_NOT_TRUSTED", "Client not trusted (PKINIT)");
    public static final ErrorCode KDC_ERROR_KDC_NOT_TRUSTED = define(63, "KDC_ERROR_KDC_NOT_TRUSTED", "KDC not trusted (PKINIT)");
    public static final ErrorCode KDC_ERROR_INVALID_SIG = define(64, "KDC_ERROR_INVALID_SIG", "Invalid signature (PKINIT)");
    public static final ErrorCode KDC_ERR_KEY_TOO_WEAK = define(65, "KDC_ERR_KEY_TOO_WEAK", "Key too weak (PKINIT)");
    public static final ErrorCode KDC_ERR_CERTIFICATE_MISMATCH = define(66, "KDC_ERR_CERTIFICATE_MISMATCH", "Certificate mismatch (PKINIT)");
    public static final ErrorCode KRB_AP_ERR_NO_TGT = define(67, "KRB_AP_ERR_NO_TGT", "No TGT available to validate USER-TO-USER");
    public static final ErrorCode KDC_ERR_WRONG_REALM = define(68, "KDC_ERR_WRONG_REALM", "Wrong realm (referral; RFC 6806)");
    public static final ErrorCode KRB_AP_ERR_USER_TO_USER_REQUIRED = define(69, "KRB_AP_ERR_USER_TO_USER_REQUIRED", "Ticket must be for USER-TO-USER");
    public static final ErrorCode KDC_ERR_CANT_VERIFY_CERTIFICATE = define(70, "KDC_ERR_CANT_VERIFY_CERTIFICATE", "Cannot verify certificate (PKINIT)");
    public static final ErrorCode KDC_ERR_INVALID_CERTIFICATE = define(71, "KDC_ERR_INVALID_CERTIFICATE", "Invalid certificate (PKINIT)");
    public static final ErrorCode KDC_ERR_REVOKED_CERTIFICATE = define(72, "KDC_ERR_REVOKED_CERTIFICATE", "Revoked certificate (PKINIT)");
    public static final ErrorCode KDC_ERR_REVOCATION_STATUS_UNKNOWN = define(73, "KDC_ERR_REVOCATION_STATUS_UNKNOWN", "Revocation status unknown (PKINIT)");
    public static final ErrorCode KDC_ERR_REVOCATION_STATUS_UNAVAILABLE = define(74, "KDC_ERR_REVOCATION_STATUS_UNAVAILABLE", "Revocation status unavailable (PKINIT)");
    public static final ErrorCode KDC_ERR_CLIENT_NAME_MISMATCH = define(75, "KDC_ERR_CLIENT_NAME_MISMATCH", "Client name mismatch (PKINIT)");
    public static final ErrorCode KDC_ERR_KDC_NAME_MISMATCH = define(76, "KDC_ERR_KDC_NAME_MISMATCH", "KDC name mismatch (PKINIT)");
    public static final ErrorCode KDC_ERR_INCONSISTENT_KEY_PURPOSE = define(77, "KDC_ERR_INCONSISTENT_KEY_PURPOSE", "Inconsistent key purpose (RFC 4556)");
    public static final ErrorCode KDC_ERR_DIGEST_IN_CERT_NOT_ACCEPTED = define(78, "KDC_ERR_DIGEST_IN_CERT_NOT_ACCEPTED", "Digest in certificate not accepted (RFC 4556)");
    public static final ErrorCode KDC_ERR_PA_CHECKSUM_MUST_BE_INCLUDED = define(79, "KDC_ERR_PA_CHECKSUM_MUST_BE_INCLUDED", "paChecksum must be included (RFC 4556)");
    public static final ErrorCode KDC_ERR_DIGEST_IN_SIGNED_DATA_NOT_ACCEPTED = define(80, "KDC_ERR_DIGEST_IN_SIGNED_DATA_NOT_ACCEPTED", "Digest in signed data not accepted (RFC 4556)");
    public static final ErrorCode KDC_ERR_PUBLIC_KEY_ENCRYPTION_NOT_SUPPORTED = define(81, "KDC_ERR_PUBLIC_KEY_ENCRYPTION_NOT_SUPPORTED", "Public key encryption not supported (RFC 4556)");
    public static final ErrorCode KDC_ERR_PREAUTH_EXPIRED = define(90, "KDC_ERR_PREAUTH_EXPIRED", "Pre-authentication data has expired (RFC 6113)");
    public static final ErrorCode KDC_ERR_MORE_PREAUTH_DATA_REQUIRED = define(91, "KDC_ERR_MORE_PREAUTH_DATA_REQUIRED", "More pre-authentication data is required (RFC 6113)");
    public static final ErrorCode KDC_ERR_PREAUTH_BAD_AUTHENTICATION_SET = define(92, "KDC_ERR_PREAUTH_BAD_AUTHENTICATION_SET", "Bad authentication set (RFC 6113)");
    public static final ErrorCode KDC_ERR_UNKNOWN_CRITICAL_FAST_OPTIONS = define(93, "KDC_ERR_UNKNOWN_CRITICAL_FAST_OPTIONS", "Unknown critical FAST options (RFC 6113)");
    public static final ErrorCode KDC_ERR_NO_ACCEPTABLE_KDF = define(100, "KDC_ERR_NO_ACCEPTABLE_KDF", "No acceptable KDF (RFC 8636)");
    public static final ErrorCode KDC_ERR_DH_KEY_PARAMETERS_NOT_ACCEPTED = define(109, "KDC_ERR_DH_KEY_PARAMETERS_NOT_ACCEPTED", "Diffie-Hellman parameters not accepted (RFC 4556)");

    /** The spec name ("KDC_ERR_PREAUTH_REQUIRED"), or "KRB5_ERROR_" and the number for an unknown code. */
    public String name() {
        Known k = KNOWN.get(code);
        return k != null ? k.name() : "KRB5_ERROR_" + code;
    }

    /** The one-line meaning from the spec, or "unknown error code". */
    public String meaning() {
        Known k = KNOWN.get(code);
        return k != null ? k.meaning() : "unknown error code";
    }

    public boolean isKnown() {
        return KNOWN.containsKey(code);
    }

    @Override
    public String toString() {
        return name() + "(" + code + ")";
    }
}
