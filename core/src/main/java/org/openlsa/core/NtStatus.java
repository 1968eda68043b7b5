package org.openlsa.core;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An NTSTATUS value. A record around the raw 32-bit code, so a code this class has never heard of (one arriving
 * from the wire, say) still round-trips unchanged; the named constants carry their symbolic name, a one-line
 * meaning and their Win32 error code as {@code RtlNtStatusToDosError} / {@code LsaNtStatusToWinError} give it.
 *
 * <p>Codes and Win32 mappings: MS-ERREF 2.3 and the NTSTATUS table of Wine's ntdll (error.c).
 */
public record NtStatus(int code) {

    /** Win32 ERROR_MR_MID_NOT_FOUND: what the mapping returns for a status it does not know. */
    public static final int ERROR_MR_MID_NOT_FOUND = 317;

    private record Known(String name, String meaning, int win32) {}

    private static final Map<Integer, Known> KNOWN = new LinkedHashMap<>();

    private static NtStatus define(int code, String name, int win32, String meaning) {
        if (KNOWN.putIfAbsent(code, new Known(name, meaning, win32)) != null) {
            throw new ExceptionInInitializerError("duplicate NTSTATUS 0x" + Integer.toHexString(code));
        }
        return new NtStatus(code);
    }

    public static final NtStatus SUCCESS = define(0x00000000, "STATUS_SUCCESS", 0, "The operation completed successfully.");
    /** A success that returned part of a list: more entries follow (MS-ERREF 2.3.1; ERROR_MORE_DATA). */
    public static final NtStatus MORE_ENTRIES = define(0x00000105, "STATUS_MORE_ENTRIES", 234, "Returned buffer contains only a subset of data.");
    /** LsaLookupSids / LsaLookupNames: a success in which some entries were not translated (MS-LSAT 3.1.4). */
    public static final NtStatus SOME_NOT_MAPPED = define(0x00000107, "STATUS_SOME_NOT_MAPPED", 1301, "Some of the information to be translated has not been translated.");
    public static final NtStatus UNSUCCESSFUL = define(0xC0000001, "STATUS_UNSUCCESSFUL", 31, "The requested operation was unsuccessful.");
    public static final NtStatus NOT_IMPLEMENTED = define(0xC0000002, "STATUS_NOT_IMPLEMENTED", 1, "The requested operation is not implemented.");
    public static final NtStatus INVALID_INFO_CLASS = define(0xC0000003, "STATUS_INVALID_INFO_CLASS", 87, "The specified information class is not a valid information class for the object.");
    public static final NtStatus INFO_LENGTH_MISMATCH = define(0xC0000004, "STATUS_INFO_LENGTH_MISMATCH", 24, "The specified information record length does not match the length required.");
    public static final NtStatus INVALID_HANDLE = define(0xC0000008, "STATUS_INVALID_HANDLE", 6, "An invalid handle was specified.");
    public static final NtStatus INVALID_PARAMETER = define(0xC000000D, "STATUS_INVALID_PARAMETER", 87, "An invalid parameter was passed to a service or function.");
    public static final NtStatus NO_MEMORY = define(0xC0000017, "STATUS_NO_MEMORY", 8, "Not enough virtual memory or paging file quota is available.");
    public static final NtStatus ACCESS_DENIED = define(0xC0000022, "STATUS_ACCESS_DENIED", 5, "A process has requested access to an object but has not been granted those access rights.");
    public static final NtStatus BUFFER_TOO_SMALL = define(0xC0000023, "STATUS_BUFFER_TOO_SMALL", 122, "The buffer is too small to contain the entry.");
    public static final NtStatus OBJECT_NAME_NOT_FOUND = define(0xC0000034, "STATUS_OBJECT_NAME_NOT_FOUND", 2, "The object name is not found.");
    public static final NtStatus OBJECT_NAME_COLLISION = define(0xC0000035, "STATUS_OBJECT_NAME_COLLISION", 183, "The object name already exists.");
    /** The LSA's port (here: the daemon's socket) went away mid-call. */
    public static final NtStatus PORT_DISCONNECTED = define(0xC0000037, "STATUS_PORT_DISCONNECTED", 6, "Attempt to send a message to a disconnected communication port.");
    /** Nobody accepted the connection to the LSA's port (no daemon listening). */
    public static final NtStatus PORT_CONNECTION_REFUSED = define(0xC0000041, "STATUS_PORT_CONNECTION_REFUSED", 5, "The connection to the port was refused.");
    public static final NtStatus QUOTA_EXCEEDED = define(0xC0000044, "STATUS_QUOTA_EXCEEDED", 1816, "Not enough quota is available to process this command.");
    public static final NtStatus NO_LOGON_SERVERS = define(0xC000005E, "STATUS_NO_LOGON_SERVERS", 1311, "No logon servers are currently available to service the logon request.");
    public static final NtStatus NO_SUCH_LOGON_SESSION = define(0xC000005F, "STATUS_NO_SUCH_LOGON_SESSION", 1312, "A specified logon session does not exist. It may already have been terminated.");
    public static final NtStatus NO_SUCH_PRIVILEGE = define(0xC0000060, "STATUS_NO_SUCH_PRIVILEGE", 1313, "A specified privilege does not exist.");
    public static final NtStatus PRIVILEGE_NOT_HELD = define(0xC0000061, "STATUS_PRIVILEGE_NOT_HELD", 1314, "A required privilege is not held by the client.");
    public static final NtStatus INVALID_ACCOUNT_NAME = define(0xC0000062, "STATUS_INVALID_ACCOUNT_NAME", 1315, "The name provided is not a properly formed account name.");
    public static final NtStatus USER_EXISTS = define(0xC0000063, "STATUS_USER_EXISTS", 1316, "The specified account already exists.");
    public static final NtStatus NO_SUCH_USER = define(0xC0000064, "STATUS_NO_SUCH_USER", 1317, "The specified account does not exist.");
    public static final NtStatus GROUP_EXISTS = define(0xC0000065, "STATUS_GROUP_EXISTS", 1318, "The specified group already exists.");
    public static final NtStatus NO_SUCH_GROUP = define(0xC0000066, "STATUS_NO_SUCH_GROUP", 1319, "The specified group does not exist.");
    public static final NtStatus MEMBER_IN_GROUP = define(0xC0000067, "STATUS_MEMBER_IN_GROUP", 1320, "The specified user account is already in the specified group account.");
    public static final NtStatus MEMBER_NOT_IN_GROUP = define(0xC0000068, "STATUS_MEMBER_NOT_IN_GROUP", 1321, "The specified user account is not a member of the specified group account.");
    public static final NtStatus LAST_ADMIN = define(0xC0000069, "STATUS_LAST_ADMIN", 1322, "The requested operation would disable or delete the last remaining administration account.");
    public static final NtStatus WRONG_PASSWORD = define(0xC000006A, "STATUS_WRONG_PASSWORD", 86, "The value provided as the current password is not correct.");
    public static final NtStatus ILL_FORMED_PASSWORD = define(0xC000006B, "STATUS_ILL_FORMED_PASSWORD", 1324, "The value provided for the new password contains values that are not allowed in passwords.");
    public static final NtStatus PASSWORD_RESTRICTION = define(0xC000006C, "STATUS_PASSWORD_RESTRICTION", 1325, "The password does not meet the password policy requirements.");
    public static final NtStatus LOGON_FAILURE = define(0xC000006D, "STATUS_LOGON_FAILURE", 1326, "The attempted logon is invalid: either a bad user name or bad authentication information.");
    public static final NtStatus ACCOUNT_RESTRICTION = define(0xC000006E, "STATUS_ACCOUNT_RESTRICTION", 1327, "A user account restriction has prevented successful authentication.");
    public static final NtStatus INVALID_LOGON_HOURS = define(0xC000006F, "STATUS_INVALID_LOGON_HOURS", 1328, "The user account has time restrictions and may not be logged onto at this time.");
    public static final NtStatus INVALID_WORKSTATION = define(0xC0000070, "STATUS_INVALID_WORKSTATION", 1329, "The user account is restricted so that it may not be used to log on from the source workstation.");
    public static final NtStatus PASSWORD_EXPIRED = define(0xC0000071, "STATUS_PASSWORD_EXPIRED", 1330, "The user account password has expired.");
    public static final NtStatus ACCOUNT_DISABLED = define(0xC0000072, "STATUS_ACCOUNT_DISABLED", 1331, "The referenced account is currently disabled and may not be logged on to.");
    public static final NtStatus NONE_MAPPED = define(0xC0000073, "STATUS_NONE_MAPPED", 1332, "None of the information to be translated has been translated.");
    public static final NtStatus INVALID_SID = define(0xC0000078, "STATUS_INVALID_SID", 1337, "The SID structure is not valid.");
    public static final NtStatus INVALID_SECURITY_DESCR = define(0xC0000079, "STATUS_INVALID_SECURITY_DESCR", 1338, "The SECURITY_DESCRIPTOR structure is not valid.");
    public static final NtStatus NO_TOKEN = define(0xC000007C, "STATUS_NO_TOKEN", 1008, "An attempt was made to reference a token that does not exist.");
    public static final NtStatus INSUFFICIENT_RESOURCES = define(0xC000009A, "STATUS_INSUFFICIENT_RESOURCES", 1450, "Insufficient system resources exist to complete the API.");
    /** The LSA did not answer in time. */
    public static final NtStatus IO_TIMEOUT = define(0xC00000B5, "STATUS_IO_TIMEOUT", 121, "The specified I/O operation was not completed before the time-out period expired.");
    public static final NtStatus BAD_IMPERSONATION_LEVEL = define(0xC00000A5, "STATUS_BAD_IMPERSONATION_LEVEL", 1346, "A specified impersonation level is invalid.");
    /** OpenThreadToken under an anonymous-level impersonation: the server may not learn who its client is. */
    public static final NtStatus CANT_OPEN_ANONYMOUS = define(0xC00000A6, "STATUS_CANT_OPEN_ANONYMOUS", 1347, "An attempt has been made to open a token of anonymous level; such tokens cannot be opened.");
    public static final NtStatus BAD_VALIDATION_CLASS = define(0xC00000A7, "STATUS_BAD_VALIDATION_CLASS", 1348, "The validation information class requested was invalid.");
    public static final NtStatus BAD_TOKEN_TYPE = define(0xC00000A8, "STATUS_BAD_TOKEN_TYPE", 1349, "The type of a token object is inappropriate for its attempted use.");
    public static final NtStatus NOT_SUPPORTED = define(0xC00000BB, "STATUS_NOT_SUPPORTED", 50, "The request is not supported.");
    public static final NtStatus NO_SUCH_DOMAIN = define(0xC00000DF, "STATUS_NO_SUCH_DOMAIN", 1355, "The specified domain did not exist.");
    public static final NtStatus INTERNAL_ERROR = define(0xC00000E5, "STATUS_INTERNAL_ERROR", 1359, "An internal error occurred.");
    public static final NtStatus NO_SUCH_PACKAGE = define(0xC00000FE, "STATUS_NO_SUCH_PACKAGE", 1364, "A specified authentication package is unknown.");
    public static final NtStatus LOGON_SESSION_COLLISION = define(0xC0000105, "STATUS_LOGON_SESSION_COLLISION", 1366, "The logon session ID is already in use.");
    public static final NtStatus SPECIAL_ACCOUNT = define(0xC0000124, "STATUS_SPECIAL_ACCOUNT", 1371, "The operation cannot be performed on a built-in account.");
    public static final NtStatus TIME_DIFFERENCE_AT_DC = define(0xC0000133, "STATUS_TIME_DIFFERENCE_AT_DC", 1398, "The time at the primary domain controller is different from the time at the backup domain controller or member server by too large an amount.");
    public static final NtStatus NO_SUCH_ALIAS = define(0xC0000151, "STATUS_NO_SUCH_ALIAS", 1376, "The specified local group does not exist.");
    public static final NtStatus MEMBER_NOT_IN_ALIAS = define(0xC0000152, "STATUS_MEMBER_NOT_IN_ALIAS", 1377, "The specified account name is not a member of the group.");
    public static final NtStatus MEMBER_IN_ALIAS = define(0xC0000153, "STATUS_MEMBER_IN_ALIAS", 1378, "The specified account name is already a member of the group.");
    public static final NtStatus ALIAS_EXISTS = define(0xC0000154, "STATUS_ALIAS_EXISTS", 1379, "The specified local group already exists.");
    public static final NtStatus LOGON_NOT_GRANTED = define(0xC0000155, "STATUS_LOGON_NOT_GRANTED", 1380, "A requested type of logon (for example, interactive, network, and service) is not granted by the local security policy of the target system.");
    public static final NtStatus LOGON_TYPE_NOT_GRANTED = define(0xC000015B, "STATUS_LOGON_TYPE_NOT_GRANTED", 1385, "The user has not been granted the requested logon type at this machine.");
    public static final NtStatus TRUSTED_RELATIONSHIP_FAILURE = define(0xC000018D, "STATUS_TRUSTED_RELATIONSHIP_FAILURE", 1789, "The logon request failed because the trust relationship between this workstation and the primary domain failed.");
    public static final NtStatus ACCOUNT_EXPIRED = define(0xC0000193, "STATUS_ACCOUNT_EXPIRED", 1793, "The user account has expired.");
    public static final NtStatus NOLOGON_INTERDOMAIN_TRUST_ACCOUNT = define(0xC0000198, "STATUS_NOLOGON_INTERDOMAIN_TRUST_ACCOUNT", 1807, "The account used is an interdomain trust account. Use your global user account or local user account to access this server.");
    public static final NtStatus NOLOGON_WORKSTATION_TRUST_ACCOUNT = define(0xC0000199, "STATUS_NOLOGON_WORKSTATION_TRUST_ACCOUNT", 1808, "The account used is a computer account. Use your global user account or local user account to access this server.");
    public static final NtStatus NOLOGON_SERVER_TRUST_ACCOUNT = define(0xC000019A, "STATUS_NOLOGON_SERVER_TRUST_ACCOUNT", 1809, "The account used is a server trust account. Use your global user account or local user account to access this server.");
    public static final NtStatus PASSWORD_MUST_CHANGE = define(0xC0000224, "STATUS_PASSWORD_MUST_CHANGE", 1907, "The user password must be changed before logging on the first time.");
    public static final NtStatus ACCOUNT_LOCKED_OUT = define(0xC0000234, "STATUS_ACCOUNT_LOCKED_OUT", 1909, "The user account has been automatically locked because too many invalid logon attempts or password change attempts have been requested.");
    public static final NtStatus SMARTCARD_LOGON_REQUIRED = define(0xC00002FA, "STATUS_SMARTCARD_LOGON_REQUIRED", 0x8009033E, "Smart card logon is required and was not used.");
    public static final NtStatus PKINIT_FAILURE = define(0xC0000320, "STATUS_PKINIT_FAILURE", 1263, "The Kerberos protocol encountered an error while validating the KDC certificate during smart card logon.");
    public static final NtStatus PKINIT_CLIENT_FAILURE = define(0xC000038C, "STATUS_PKINIT_CLIENT_FAILURE", 0x80090354, "The smart card certificate used for authentication was not trusted.");
    public static final NtStatus NTLM_BLOCKED = define(0xC0000418, "STATUS_NTLM_BLOCKED", 1937, "The authentication failed because NTLM was blocked.");

    /** Named constants, in code order of definition. */
    public static Collection<NtStatus> known() {
        return KNOWN.keySet().stream().map(NtStatus::new).toList();
    }

    /** Severity bits 31..30: 0 success, 1 informational, 2 warning, 3 error. */
    public int severity() {
        return code >>> 30;
    }

    /** NT_SUCCESS(): success and informational codes. */
    public boolean isSuccess() {
        return code >= 0;
    }

    public boolean isError() {
        return severity() == 3;
    }

    /** {@code STATUS_LOGON_FAILURE}, or empty for a code no table here names. */
    public Optional<String> symbolicName() {
        Known k = KNOWN.get(code);
        return k == null ? Optional.empty() : Optional.of(k.name());
    }

    /** The one-line meaning from MS-ERREF, or empty for an unknown code. */
    public Optional<String> meaning() {
        Known k = KNOWN.get(code);
        return k == null ? Optional.empty() : Optional.of(k.meaning());
    }

    /**
     * LsaNtStatusToWinError / RtlNtStatusToDosError. Rules (Wine ntdll): success and customer-defined codes
     * (bit 29) pass through; 0xDxxxxxxx is read as 0xCxxxxxxx; codes of facility Win32 (0xC007xxxx, 0x8007xxxx)
     * and RPC (0xC001xxxx) carry their Win32 code in the low 16 bits; an unmapped code gives
     * ERROR_MR_MID_NOT_FOUND (317).
     */
    public int toWin32Error() {
        if (code == 0 || (code & 0x20000000) != 0) {
            return code;
        }
        int c = (code & 0xF0000000) == 0xD0000000 ? code & 0xCFFFFFFF : code;
        int facilityHigh = c >>> 16;
        if (facilityHigh == 0xC001 || facilityHigh == 0x8007 || facilityHigh == 0xC007) {
            return c & 0xFFFF;
        }
        Known k = KNOWN.get(c);
        return k == null ? ERROR_MR_MID_NOT_FOUND : k.win32();
    }

    /** "0xC000006D". */
    public String hex() {
        return String.format(Locale.ROOT, "0x%08X", code);
    }

    /**
     * Parses what a person types: {@code 0xC000006D}, {@code C000006D}, {@code STATUS_LOGON_FAILURE},
     * {@code LOGON_FAILURE} or a signed decimal (-1073741715).
     *
     * @throws IllegalArgumentException naming the input when it is none of these
     */
    public static NtStatus parse(String text) {
        String t = text.strip();
        String upper = t.toUpperCase(Locale.ROOT);
        String wanted = upper.startsWith("STATUS_") ? upper : "STATUS_" + upper;
        for (Map.Entry<Integer, Known> e : KNOWN.entrySet()) {
            if (e.getValue().name().equals(wanted)) {
                return new NtStatus(e.getKey());
            }
        }
        try {
            if (upper.startsWith("0X")) {
                return new NtStatus(Integer.parseUnsignedInt(t.substring(2), 16));
            }
            if (upper.matches("[0-9A-F]{8}")) {
                return new NtStatus(Integer.parseUnsignedInt(t, 16));
            }
            long v = Long.parseLong(t);
            if (v >= Integer.MIN_VALUE && v <= 0xFFFFFFFFL) {
                return new NtStatus((int) v);
            }
        } catch (NumberFormatException ignored) {
            // fall through to the error below, which names the input
        }
        throw new IllegalArgumentException("not an NTSTATUS name or 32-bit code: '" + text + "'");
    }

    /** All named codes with their names; unmodifiable. */
    public static Map<NtStatus, String> names() {
        Map<NtStatus, String> m = new LinkedHashMap<>();
        KNOWN.forEach((c, k) -> m.put(new NtStatus(c), k.name()));
        return Collections.unmodifiableMap(m);
    }

    @Override
    public String toString() {
        return symbolicName().map(n -> n + " (" + hex() + ")").orElse(hex());
    }
}
