package org.openlsa.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The well-known SIDs a token can carry (MS-DTYP 2.4.2.4) with the names Windows gives them, plus the Samba
 * convention for Unix identities without an account (S-1-22-1-uid, S-1-22-2-gid).
 */
public final class WellKnownSids {
    private WellKnownSids() {}

    private static final List<WellKnownSid> ALL = new ArrayList<>();
    private static final Map<Sid, WellKnownSid> BY_SID = new HashMap<>();

    private static Sid define(String sid, String domain, String name) {
        WellKnownSid w = new WellKnownSid(Sid.parse(sid), domain, name);
        ALL.add(w);
        BY_SID.put(w.sid(), w);
        return w.sid();
    }

    public static final String NT_AUTHORITY = "NT AUTHORITY";
    public static final String BUILTIN_DOMAIN = "BUILTIN";

    public static final Sid NULL = define("S-1-0-0", "", "NULL SID");
    public static final Sid WORLD = define("S-1-1-0", "", "Everyone");
    public static final Sid LOCAL = define("S-1-2-0", "", "LOCAL");
    public static final Sid CONSOLE_LOGON = define("S-1-2-1", "", "CONSOLE LOGON");
    public static final Sid CREATOR_OWNER = define("S-1-3-0", "", "CREATOR OWNER");
    public static final Sid CREATOR_GROUP = define("S-1-3-1", "", "CREATOR GROUP");
    public static final Sid OWNER_RIGHTS = define("S-1-3-4", "", "OWNER RIGHTS");
    public static final Sid NT_AUTHORITY_SID = define("S-1-5", "", "NT Pseudo Domain");
    public static final Sid DIALUP = define("S-1-5-1", NT_AUTHORITY, "DIALUP");
    public static final Sid NETWORK = define("S-1-5-2", NT_AUTHORITY, "NETWORK");
    public static final Sid BATCH = define("S-1-5-3", NT_AUTHORITY, "BATCH");
    public static final Sid INTERACTIVE = define("S-1-5-4", NT_AUTHORITY, "INTERACTIVE");
    public static final Sid SERVICE = define("S-1-5-6", NT_AUTHORITY, "SERVICE");
    public static final Sid ANONYMOUS = define("S-1-5-7", NT_AUTHORITY, "ANONYMOUS LOGON");
    public static final Sid PROXY = define("S-1-5-8", NT_AUTHORITY, "PROXY");
    public static final Sid ENTERPRISE_DOMAIN_CONTROLLERS = define("S-1-5-9", NT_AUTHORITY, "ENTERPRISE DOMAIN CONTROLLERS");
    public static final Sid SELF = define("S-1-5-10", NT_AUTHORITY, "SELF");
    public static final Sid AUTHENTICATED_USERS = define("S-1-5-11", NT_AUTHORITY, "Authenticated Users");
    public static final Sid RESTRICTED = define("S-1-5-12", NT_AUTHORITY, "RESTRICTED");
    public static final Sid TERMINAL_SERVER_USER = define("S-1-5-13", NT_AUTHORITY, "TERMINAL SERVER USER");
    public static final Sid REMOTE_INTERACTIVE_LOGON = define("S-1-5-14", NT_AUTHORITY, "REMOTE INTERACTIVE LOGON");
    public static final Sid THIS_ORGANIZATION = define("S-1-5-15", NT_AUTHORITY, "This Organization");
    public static final Sid IUSR = define("S-1-5-17", NT_AUTHORITY, "IUSR");
    public static final Sid LOCAL_SYSTEM = define("S-1-5-18", NT_AUTHORITY, "SYSTEM");
    public static final Sid LOCAL_SERVICE = define("S-1-5-19", NT_AUTHORITY, "LOCAL SERVICE");
    public static final Sid NETWORK_SERVICE = define("S-1-5-20", NT_AUTHORITY, "NETWORK SERVICE");
    public static final Sid BUILTIN = define("S-1-5-32", "", BUILTIN_DOMAIN);
    public static final Sid BUILTIN_ADMINISTRATORS = define("S-1-5-32-544", BUILTIN_DOMAIN, "Administrators");
    public static final Sid BUILTIN_USERS = define("S-1-5-32-545", BUILTIN_DOMAIN, "Users");
    public static final Sid BUILTIN_GUESTS = define("S-1-5-32-546", BUILTIN_DOMAIN, "Guests");
    public static final Sid BUILTIN_POWER_USERS = define("S-1-5-32-547", BUILTIN_DOMAIN, "Power Users");
    public static final Sid BUILTIN_ACCOUNT_OPERATORS = define("S-1-5-32-548", BUILTIN_DOMAIN, "Account Operators");
    public static final Sid BUILTIN_SERVER_OPERATORS = define("S-1-5-32-549", BUILTIN_DOMAIN, "Server Operators");
    public static final Sid BUILTIN_PRINT_OPERATORS = define("S-1-5-32-550", BUILTIN_DOMAIN, "Print Operators");
    public static final Sid BUILTIN_BACKUP_OPERATORS = define("S-1-5-32-551", BUILTIN_DOMAIN, "Backup Operators");
    public static final Sid BUILTIN_REPLICATOR = define("S-1-5-32-552", BUILTIN_DOMAIN, "Replicator");
    public static final Sid BUILTIN_REMOTE_DESKTOP_USERS = define("S-1-5-32-555", BUILTIN_DOMAIN, "Remote Desktop Users");
    public static final Sid BUILTIN_NETWORK_CONFIGURATION_OPERATORS = define("S-1-5-32-556", BUILTIN_DOMAIN, "Network Configuration Operators");
    public static final Sid BUILTIN_PERFORMANCE_MONITOR_USERS = define("S-1-5-32-558", BUILTIN_DOMAIN, "Performance Monitor Users");
    public static final Sid BUILTIN_PERFORMANCE_LOG_USERS = define("S-1-5-32-559", BUILTIN_DOMAIN, "Performance Log Users");
    public static final Sid BUILTIN_IIS_IUSRS = define("S-1-5-32-568", BUILTIN_DOMAIN, "IIS_IUSRS");
    public static final Sid BUILTIN_EVENT_LOG_READERS = define("S-1-5-32-573", BUILTIN_DOMAIN, "Event Log Readers");
    public static final Sid NTLM_AUTHENTICATION = define("S-1-5-64-10", NT_AUTHORITY, "NTLM Authentication");
    public static final Sid SCHANNEL_AUTHENTICATION = define("S-1-5-64-14", NT_AUTHORITY, "SChannel Authentication");
    public static final Sid DIGEST_AUTHENTICATION = define("S-1-5-64-21", NT_AUTHORITY, "Digest Authentication");
    public static final Sid ALL_SERVICES = define("S-1-5-80-0", "NT SERVICE", "ALL SERVICES");
    public static final Sid OTHER_ORGANIZATION = define("S-1-5-1000", NT_AUTHORITY, "Other Organization");
    public static final Sid LOCAL_ACCOUNT = define("S-1-5-113", NT_AUTHORITY, "Local account");
    public static final Sid LOCAL_ACCOUNT_AND_ADMINISTRATOR = define("S-1-5-114", NT_AUTHORITY, "Local account and member of Administrators group");
    public static final Sid AUTHENTICATION_AUTHORITY_ASSERTED = define("S-1-18-1", "", "Authentication authority asserted identity");
    public static final Sid SERVICE_ASSERTED = define("S-1-18-2", "", "Service asserted identity");
    public static final Sid UNTRUSTED_MANDATORY_LEVEL = define("S-1-16-0", "Mandatory Label", "Untrusted Mandatory Level");
    public static final Sid LOW_MANDATORY_LEVEL = define("S-1-16-4096", "Mandatory Label", "Low Mandatory Level");
    public static final Sid MEDIUM_MANDATORY_LEVEL = define("S-1-16-8192", "Mandatory Label", "Medium Mandatory Level");
    public static final Sid HIGH_MANDATORY_LEVEL = define("S-1-16-12288", "Mandatory Label", "High Mandatory Level");
    public static final Sid SYSTEM_MANDATORY_LEVEL = define("S-1-16-16384", "Mandatory Label", "System Mandatory Level");

    /** Authority 22 and its sub-authority 1/2: Samba's SIDs for Unix users and groups without an account. */
    public static final String UNIX_USER_DOMAIN = "Unix User";
    public static final String UNIX_GROUP_DOMAIN = "Unix Group";

    /** Every well-known SID above, in definition order; unmodifiable. */
    public static List<WellKnownSid> all() {
        return Collections.unmodifiableList(ALL);
    }

    /** The name of a well-known SID, a logon SID ({@code NT AUTHORITY\LogonSessionId_X_Y}) or a Unix SID. */
    public static Optional<WellKnownSid> lookup(Sid sid) {
        WellKnownSid w = BY_SID.get(sid);
        if (w != null) {
            return Optional.of(w);
        }
        if (isLogonSid(sid)) {
            return Optional.of(new WellKnownSid(sid, NT_AUTHORITY,
                    "LogonSessionId_" + sid.subAuthority(1) + "_" + sid.subAuthority(2)));
        }
        if (sid.identifierAuthority() == 22 && sid.subAuthorityCount() == 2) {
            long kind = sid.subAuthority(0);
            if (kind == 1 || kind == 2) {
                return Optional.of(new WellKnownSid(sid, kind == 1 ? UNIX_USER_DOMAIN : UNIX_GROUP_DOMAIN,
                        Long.toString(sid.subAuthority(1))));
            }
        }
        return Optional.empty();
    }

    /** A logon SID S-1-5-5-X-Y, which names one logon session. */
    public static boolean isLogonSid(Sid sid) {
        return sid.identifierAuthority() == 5 && sid.subAuthorityCount() == 3 && sid.subAuthority(0) == 5;
    }

    /** The logon SID S-1-5-5-X-Y for a logon session: X the high part, Y the low part of its LUID. */
    public static Sid logonSid(Luid luid) {
        return Sid.of(5, 5, luid.highPart(), luid.lowPart());
    }

    /** S-1-22-1-uid. */
    public static Sid unixUser(long uid) {
        return Sid.of(22, 1).append(uid);
    }

    /** S-1-22-2-gid. */
    public static Sid unixGroup(long gid) {
        return Sid.of(22, 2).append(gid);
    }
}
