package org.openlsa.pac;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openlsa.core.NtTime;
import org.openlsa.core.Sid;
import org.openlsa.core.SidAndAttributes;

/**
 * KERB_VALIDATION_INFO ([MS-PAC] 2.5, ulType 1): the user's logon information, the heart of the PAC. Components
 * carry the MS-PAC field names; ULONGs are unsigned 32-bit values held in ints, FILETIMEs are raw longs
 * ({@link #NEVER} = never, see {@link #toInstant}). Reserved1 and Reserved3 are not kept (written as zero).
 *
 * <p>Invariants: strings non-null and at most 32767 UTF-16 units (Length is a USHORT of bytes); LogonCount and
 * BadPasswordCount fit a USHORT; UserSessionKey is 16 bytes; LogonDomainId present; resource groups only with
 * their domain SID. UserFlags is kept as received; {@link Builder#build()} derives its {@link #LOGON_EXTRA_SIDS}
 * and {@link #LOGON_RESOURCE_GROUPS} bits from the lists.
 *
 * <p>UserSessionKey is meaningful only for NTLM and MUST be zero in a Kerberos PAC (MS-PAC 2.5); it is copied in
 * and out and never printed.
 */
public record KerbValidationInfo(
        long logonTime,
        long logoffTime,
        long kickOffTime,
        long passwordLastSet,
        long passwordCanChange,
        long passwordMustChange,
        String effectiveName,
        String fullName,
        String logonScript,
        String profilePath,
        String homeDirectory,
        String homeDirectoryDrive,
        int logonCount,
        int badPasswordCount,
        int userId,
        int primaryGroupId,
        List<GroupMembership> groupIds,
        int userFlags,
        byte[] userSessionKey,
        String logonServer,
        String logonDomainName,
        Sid logonDomainId,
        int userAccountControl,
        int subAuthStatus,
        long lastSuccessfulILogon,
        long lastFailedILogon,
        int failedILogonCount,
        List<SidAndAttributes> extraSids,
        Optional<Sid> resourceGroupDomainSid,
        List<GroupMembership> resourceGroupIds) implements PacBuffer {

    /** FILETIME "never" (0x7FFFFFFFFFFFFFFF), as in LogoffTime and KickOffTime of an account without limits. */
    public static final long NEVER = NtTime.NEVER;
    /** UserFlags bit D: ExtraSids is populated ([MS-PAC] 2.5, [MS-NRPC] 2.2.1.4.11 LOGON_EXTRA_SIDS). */
    public static final int LOGON_EXTRA_SIDS = 0x20;
    /** UserFlags bit H: ResourceGroupIds is populated (LOGON_RESOURCE_GROUPS). */
    public static final int LOGON_RESOURCE_GROUPS = 0x200;
    public static final int USER_SESSION_KEY_SIZE = 16;
    /** The longest string: Length is a USHORT count of bytes. */
    public static final int MAX_STRING_UNITS = 0x7FFF;

    public KerbValidationInfo {
        for (String s : new String[] {effectiveName, fullName, logonScript, profilePath, homeDirectory,
            homeDirectoryDrive, logonServer, logonDomainName}) {
            Objects.requireNonNull(s, "KERB_VALIDATION_INFO strings are never null (empty instead)");
            if (s.length() > MAX_STRING_UNITS) {
                throw new IllegalArgumentException("KERB_VALIDATION_INFO string exceeds " + MAX_STRING_UNITS
                        + " UTF-16 units: " + s.length());
            }
        }
        if ((logonCount & ~0xFFFF) != 0 || (badPasswordCount & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("LogonCount " + logonCount + " and BadPasswordCount " + badPasswordCount
                    + " must fit an unsigned 16-bit field");
        }
        if (userSessionKey.length != USER_SESSION_KEY_SIZE) {
            throw new IllegalArgumentException("UserSessionKey has 16 bytes, not " + userSessionKey.length);
        }
        userSessionKey = userSessionKey.clone();
        Objects.requireNonNull(logonDomainId, "LogonDomainId");
        groupIds = List.copyOf(groupIds);
        extraSids = List.copyOf(extraSids);
        Objects.requireNonNull(resourceGroupDomainSid, "resourceGroupDomainSid (Optional.empty() when absent)");
        resourceGroupIds = List.copyOf(resourceGroupIds);
        if (!resourceGroupIds.isEmpty() && resourceGroupDomainSid.isEmpty()) {
            throw new IllegalArgumentException("ResourceGroupIds without a ResourceGroupDomainSid");
        }
    }

    @Override
    public int type() {
        return LOGON_INFO;
    }

    @Override
    public byte[] userSessionKey() {
        return userSessionKey.clone();
    }

    /** The user's SID: LogonDomainId plus UserId. */
    public Sid userSid() {
        return logonDomainId.append(Integer.toUnsignedLong(userId));
    }

    /** The primary group's SID: LogonDomainId plus PrimaryGroupId. */
    public Sid primaryGroupSid() {
        return logonDomainId.append(Integer.toUnsignedLong(primaryGroupId));
    }

    /**
     * Every group SID the PAC grants, in wire order: GroupIds in the logon domain, ExtraSids, then ResourceGroupIds
     * in the resource domain ([MS-PAC] 2.5; [MS-KILE] 3.4.5.4 builds the token from these).
     */
    public List<SidAndAttributes> groupSids() {
        List<SidAndAttributes> out = new ArrayList<>(groupIds.size() + extraSids.size() + resourceGroupIds.size());
        for (GroupMembership g : groupIds) {
            out.add(new SidAndAttributes(logonDomainId.append(g.rid()), g.attributes()));
        }
        out.addAll(extraSids);
        resourceGroupDomainSid.ifPresent(domain -> {
            for (GroupMembership g : resourceGroupIds) {
                out.add(new SidAndAttributes(domain.append(g.rid()), g.attributes()));
            }
        });
        return List.copyOf(out);
    }

    /** True for the FILETIME "never" value. */
    public static boolean isNever(long fileTime) {
        return fileTime == NEVER;
    }

    /**
     * A FILETIME as an instant, for any value: 0 is 1601-01-01T00:00:00Z, {@link #NEVER} is in the year 30828.
     * Check {@link #isNever} first where "never" matters.
     */
    public static Instant toInstant(long fileTime) {
        long seconds = Math.floorDiv(fileTime, 10_000_000L) - 11_644_473_600L;
        return Instant.ofEpochSecond(seconds, Math.floorMod(fileTime, 10_000_000L) * 100);
    }

    /** An instant as a FILETIME (100 ns units since 1601). */
    public static long toFileTime(Instant instant) {
        return NtTime.fromInstant(instant);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public static Builder builder(Sid logonDomainId) {
        return new Builder(logonDomainId);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KerbValidationInfo v
                && logonTime == v.logonTime && logoffTime == v.logoffTime && kickOffTime == v.kickOffTime
                && passwordLastSet == v.passwordLastSet && passwordCanChange == v.passwordCanChange
                && passwordMustChange == v.passwordMustChange && effectiveName.equals(v.effectiveName)
                && fullName.equals(v.fullName) && logonScript.equals(v.logonScript) && profilePath.equals(v.profilePath)
                && homeDirectory.equals(v.homeDirectory) && homeDirectoryDrive.equals(v.homeDirectoryDrive)
                && logonCount == v.logonCount && badPasswordCount == v.badPasswordCount && userId == v.userId
                && primaryGroupId == v.primaryGroupId && groupIds.equals(v.groupIds) && userFlags == v.userFlags
                && Arrays.equals(userSessionKey, v.userSessionKey) && logonServer.equals(v.logonServer)
                && logonDomainName.equals(v.logonDomainName) && logonDomainId.equals(v.logonDomainId)
                && userAccountControl == v.userAccountControl && subAuthStatus == v.subAuthStatus
                && lastSuccessfulILogon == v.lastSuccessfulILogon && lastFailedILogon == v.lastFailedILogon
                && failedILogonCount == v.failedILogonCount && extraSids.equals(v.extraSids)
                && resourceGroupDomainSid.equals(v.resourceGroupDomainSid) && resourceGroupIds.equals(v.resourceGroupIds);
    }

    @Override
    public int hashCode() {
        return Objects.hash(logonTime, effectiveName, userId, logonDomainId, groupIds, extraSids, resourceGroupIds);
    }

    @Override
    public String toString() {
        return "KerbValidationInfo[effectiveName=" + effectiveName + ", fullName=" + fullName + ", userId="
                + Integer.toUnsignedString(userId) + ", primaryGroupId=" + Integer.toUnsignedString(primaryGroupId)
                + ", logonDomainName=" + logonDomainName + ", logonDomainId=" + logonDomainId + ", logonServer="
                + logonServer + ", userFlags=0x" + Integer.toHexString(userFlags) + ", userAccountControl=0x"
                + Integer.toHexString(userAccountControl) + ", logonTime=" + logonTime + ", logoffTime=" + logoffTime
                + ", kickOffTime=" + kickOffTime + ", passwordLastSet=" + passwordLastSet + ", passwordCanChange="
                + passwordCanChange + ", passwordMustChange=" + passwordMustChange + ", logonCount=" + logonCount
                + ", badPasswordCount=" + badPasswordCount + ", groupIds=" + groupIds + ", extraSids=" + extraSids
                + ", resourceGroupDomainSid=" + resourceGroupDomainSid + ", resourceGroupIds=" + resourceGroupIds
                + ", logonScript=" + logonScript + ", profilePath=" + profilePath + ", homeDirectory=" + homeDirectory
                + ", homeDirectoryDrive=" + homeDirectoryDrive + ", subAuthStatus=" + subAuthStatus
                + ", lastSuccessfulILogon=" + lastSuccessfulILogon + ", lastFailedILogon=" + lastFailedILogon
                + ", failedILogonCount=" + failedILogonCount + ", userSessionKey=<redacted>]";
    }

    /**
     * Builds a KERB_VALIDATION_INFO. Defaults: LogoffTime, KickOffTime and PasswordMustChange {@link #NEVER},
     * other times 0, strings empty, lists empty, a zero UserSessionKey. {@link #build()} sets or clears the
     * LOGON_EXTRA_SIDS and LOGON_RESOURCE_GROUPS bits of UserFlags to match the lists.
     */
    public static final class Builder {
        private long logonTime;
        private long logoffTime = NEVER;
        private long kickOffTime = NEVER;
        private long passwordLastSet;
        private long passwordCanChange;
        private long passwordMustChange = NEVER;
        private String effectiveName = "";
        private String fullName = "";
        private String logonScript = "";
        private String profilePath = "";
        private String homeDirectory = "";
        private String homeDirectoryDrive = "";
        private int logonCount;
        private int badPasswordCount;
        private int userId;
        private int primaryGroupId;
        private List<GroupMembership> groupIds = List.of();
        private int userFlags;
        private byte[] userSessionKey = new byte[USER_SESSION_KEY_SIZE];
        private String logonServer = "";
        private String logonDomainName = "";
        private Sid logonDomainId;
        private int userAccountControl;
        private int subAuthStatus;
        private long lastSuccessfulILogon;
        private long lastFailedILogon;
        private int failedILogonCount;
        private List<SidAndAttributes> extraSids = List.of();
        private Optional<Sid> resourceGroupDomainSid = Optional.empty();
        private List<GroupMembership> resourceGroupIds = List.of();

        private Builder(Sid logonDomainId) {
            this.logonDomainId = Objects.requireNonNull(logonDomainId, "logonDomainId");
        }

        private Builder(KerbValidationInfo v) {
            logonTime = v.logonTime;
            logoffTime = v.logoffTime;
            kickOffTime = v.kickOffTime;
            passwordLastSet = v.passwordLastSet;
            passwordCanChange = v.passwordCanChange;
            passwordMustChange = v.passwordMustChange;
            effectiveName = v.effectiveName;
            fullName = v.fullName;
            logonScript = v.logonScript;
            profilePath = v.profilePath;
            homeDirectory = v.homeDirectory;
            homeDirectoryDrive = v.homeDirectoryDrive;
            logonCount = v.logonCount;
            badPasswordCount = v.badPasswordCount;
            userId = v.userId;
            primaryGroupId = v.primaryGroupId;
            groupIds = v.groupIds;
            userFlags = v.userFlags;
            userSessionKey = v.userSessionKey.clone();
            logonServer = v.logonServer;
            logonDomainName = v.logonDomainName;
            logonDomainId = v.logonDomainId;
            userAccountControl = v.userAccountControl;
            subAuthStatus = v.subAuthStatus;
            lastSuccessfulILogon = v.lastSuccessfulILogon;
            lastFailedILogon = v.lastFailedILogon;
            failedILogonCount = v.failedILogonCount;
            extraSids = v.extraSids;
            resourceGroupDomainSid = v.resourceGroupDomainSid;
            resourceGroupIds = v.resourceGroupIds;
        }

        public Builder logonTime(long v) { logonTime = v; return this; }
        public Builder logoffTime(long v) { logoffTime = v; return this; }
        public Builder kickOffTime(long v) { kickOffTime = v; return this; }
        public Builder passwordLastSet(long v) { passwordLastSet = v; return this; }
        public Builder passwordCanChange(long v) { passwordCanChange = v; return this; }
        public Builder passwordMustChange(long v) { passwordMustChange = v; return this; }
        public Builder effectiveName(String v) { effectiveName = v; return this; }
        public Builder fullName(String v) { fullName = v; return this; }
        public Builder logonScript(String v) { logonScript = v; return this; }
        public Builder profilePath(String v) { profilePath = v; return this; }
        public Builder homeDirectory(String v) { homeDirectory = v; return this; }
        public Builder homeDirectoryDrive(String v) { homeDirectoryDrive = v; return this; }
        public Builder logonCount(int v) { logonCount = v; return this; }
        public Builder badPasswordCount(int v) { badPasswordCount = v; return this; }
        public Builder userId(int v) { userId = v; return this; }
        public Builder primaryGroupId(int v) { primaryGroupId = v; return this; }
        public Builder groupIds(List<GroupMembership> v) { groupIds = List.copyOf(v); return this; }
        public Builder userFlags(int v) { userFlags = v; return this; }
        public Builder userSessionKey(byte[] v) { userSessionKey = v.clone(); return this; }
        public Builder logonServer(String v) { logonServer = v; return this; }
        public Builder logonDomainName(String v) { logonDomainName = v; return this; }
        public Builder logonDomainId(Sid v) { logonDomainId = Objects.requireNonNull(v); return this; }
        public Builder userAccountControl(int v) { userAccountControl = v; return this; }
        public Builder subAuthStatus(int v) { subAuthStatus = v; return this; }
        public Builder lastSuccessfulILogon(long v) { lastSuccessfulILogon = v; return this; }
        public Builder lastFailedILogon(long v) { lastFailedILogon = v; return this; }
        public Builder failedILogonCount(int v) { failedILogonCount = v; return this; }
        public Builder extraSids(List<SidAndAttributes> v) { extraSids = List.copyOf(v); return this; }

        /** Resource groups of {@code domain} ([MS-PAC] 2.5; the domain-local groups of a resource domain). */
        public Builder resourceGroups(Sid domain, List<GroupMembership> groups) {
            resourceGroupDomainSid = Optional.of(domain);
            resourceGroupIds = List.copyOf(groups);
            return this;
        }

        public Builder noResourceGroups() {
            resourceGroupDomainSid = Optional.empty();
            resourceGroupIds = List.of();
            return this;
        }

        public KerbValidationInfo build() {
            int flags = userFlags & ~(LOGON_EXTRA_SIDS | LOGON_RESOURCE_GROUPS);
            if (!extraSids.isEmpty()) {
                flags |= LOGON_EXTRA_SIDS;
            }
            if (resourceGroupDomainSid.isPresent()) {
                flags |= LOGON_RESOURCE_GROUPS;
            }
            return new KerbValidationInfo(logonTime, logoffTime, kickOffTime, passwordLastSet, passwordCanChange,
                    passwordMustChange, effectiveName, fullName, logonScript, profilePath, homeDirectory,
                    homeDirectoryDrive, logonCount, badPasswordCount, userId, primaryGroupId, groupIds, flags,
                    userSessionKey, logonServer, logonDomainName, logonDomainId, userAccountControl, subAuthStatus,
                    lastSuccessfulILogon, lastFailedILogon, failedILogonCount, extraSids, resourceGroupDomainSid,
                    resourceGroupIds);
        }
    }
}
