package org.openlsa.core;

import java.util.Optional;

/**
 * The standard privileges (winnt.h SE_*_NAME) with the LUID Windows assigns each (SE_MIN_WELL_KNOWN_PRIVILEGE 2
 * to SE_MAX_WELL_KNOWN_PRIVILEGE 36) and the display name LookupPrivilegeDisplayName returns.
 */
public enum Privilege {
    SE_CREATE_TOKEN(2, "SeCreateTokenPrivilege", "Create a token object"),
    SE_ASSIGN_PRIMARY_TOKEN(3, "SeAssignPrimaryTokenPrivilege", "Replace a process level token"),
    SE_LOCK_MEMORY(4, "SeLockMemoryPrivilege", "Lock pages in memory"),
    SE_INCREASE_QUOTA(5, "SeIncreaseQuotaPrivilege", "Adjust memory quotas for a process"),
    SE_MACHINE_ACCOUNT(6, "SeMachineAccountPrivilege", "Add workstations to domain"),
    SE_TCB(7, "SeTcbPrivilege", "Act as part of the operating system"),
    SE_SECURITY(8, "SeSecurityPrivilege", "Manage auditing and security log"),
    SE_TAKE_OWNERSHIP(9, "SeTakeOwnershipPrivilege", "Take ownership of files or other objects"),
    SE_LOAD_DRIVER(10, "SeLoadDriverPrivilege", "Load and unload device drivers"),
    SE_SYSTEM_PROFILE(11, "SeSystemProfilePrivilege", "Profile system performance"),
    SE_SYSTEMTIME(12, "SeSystemtimePrivilege", "Change the system time"),
    SE_PROFILE_SINGLE_PROCESS(13, "SeProfileSingleProcessPrivilege", "Profile single process"),
    SE_INCREASE_BASE_PRIORITY(14, "SeIncreaseBasePriorityPrivilege", "Increase scheduling priority"),
    SE_CREATE_PAGEFILE(15, "SeCreatePagefilePrivilege", "Create a pagefile"),
    SE_CREATE_PERMANENT(16, "SeCreatePermanentPrivilege", "Create permanent shared objects"),
    SE_BACKUP(17, "SeBackupPrivilege", "Back up files and directories"),
    SE_RESTORE(18, "SeRestorePrivilege", "Restore files and directories"),
    SE_SHUTDOWN(19, "SeShutdownPrivilege", "Shut down the system"),
    SE_DEBUG(20, "SeDebugPrivilege", "Debug programs"),
    SE_AUDIT(21, "SeAuditPrivilege", "Generate security audits"),
    SE_SYSTEM_ENVIRONMENT(22, "SeSystemEnvironmentPrivilege", "Modify firmware environment values"),
    SE_CHANGE_NOTIFY(23, "SeChangeNotifyPrivilege", "Bypass traverse checking"),
    SE_REMOTE_SHUTDOWN(24, "SeRemoteShutdownPrivilege", "Force shutdown from a remote system"),
    SE_UNDOCK(25, "SeUndockPrivilege", "Remove computer from docking station"),
    SE_SYNC_AGENT(26, "SeSyncAgentPrivilege", "Synchronize directory service data"),
    SE_ENABLE_DELEGATION(27, "SeEnableDelegationPrivilege", "Enable computer and user accounts to be trusted for delegation"),
    SE_MANAGE_VOLUME(28, "SeManageVolumePrivilege", "Perform volume maintenance tasks"),
    SE_IMPERSONATE(29, "SeImpersonatePrivilege", "Impersonate a client after authentication"),
    SE_CREATE_GLOBAL(30, "SeCreateGlobalPrivilege", "Create global objects"),
    SE_TRUSTED_CRED_MAN_ACCESS(31, "SeTrustedCredManAccessPrivilege", "Access Credential Manager as a trusted caller"),
    SE_RELABEL(32, "SeRelabelPrivilege", "Modify an object label"),
    SE_INCREASE_WORKING_SET(33, "SeIncreaseWorkingSetPrivilege", "Increase a process working set"),
    SE_TIME_ZONE(34, "SeTimeZonePrivilege", "Change the time zone"),
    SE_CREATE_SYMBOLIC_LINK(35, "SeCreateSymbolicLinkPrivilege", "Create symbolic links"),
    SE_DELEGATE_SESSION_USER_IMPERSONATE(36, "SeDelegateSessionUserImpersonatePrivilege", "Obtain an impersonation token for another user in the same session");

    private static final Privilege[] BY_LUID = new Privilege[37];

    static {
        for (Privilege p : values()) {
            BY_LUID[p.luidValue] = p;
        }
    }

    private final int luidValue;
    private final String privilegeName;
    private final String displayName;

    Privilege(int luid, String name, String displayName) {
        this.luidValue = luid;
        this.privilegeName = name;
        this.displayName = displayName;
    }

    public Luid luid() {
        return new Luid(luidValue);
    }

    /** The programmatic name, {@code SeTcbPrivilege}. */
    public String privilegeName() {
        return privilegeName;
    }

    public String displayName() {
        return displayName;
    }

    /** LookupPrivilegeValue: the name is matched case-insensitively, as Windows does. */
    public static Optional<Privilege> byName(String name) {
        for (Privilege p : values()) {
            if (p.privilegeName.equalsIgnoreCase(name)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    public static Optional<Privilege> byLuid(Luid luid) {
        long v = luid.value();
        return v >= 0 && v < BY_LUID.length ? Optional.ofNullable(BY_LUID[(int) v]) : Optional.empty();
    }

    @Override
    public String toString() {
        return privilegeName;
    }
}
