package org.openlsa.sam;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.openlsa.core.Sid;

/**
 * A user account of the SAM (MS-SAMR USER_ALL_INFORMATION, the fields a logon needs). Immutable and validated; the
 * NT hash is deliberately not part of it (see {@link AccountStore#ntHash}).
 *
 * @param rid relative identifier; user RIDs the store allocates start at 1000, 500-502 are the built-ins
 * @param workstations names the account may log on from; empty means any
 * @param primaryGroupRid RID of the primary global group (513, Domain Users, by default)
 * @param unixUid the Unix uid this account is linked to, if any
 */
public record UserAccount(long rid, Sid sid, String name, String fullName, String description, Set<AccountFlag> flags,
                          Optional<Instant> accountExpires, Optional<Instant> passwordLastSet, LogonHours logonHours,
                          List<String> workstations, String homeDirectory, String homeDirectoryDrive,
                          String profilePath, String logonScript, long primaryGroupRid, OptionalLong unixUid,
                          LogonState logonState) {

    public static final long RID_ADMINISTRATOR = 500;
    public static final long RID_GUEST = 501;
    /** The KDC's own account, whose keys encrypt ticket-granting tickets (DOMAIN_USER_RID_KRBTGT). */
    public static final long RID_KRBTGT = 502;
    public static final long RID_DOMAIN_ADMINS = 512;
    public static final long RID_DOMAIN_USERS = 513;
    public static final long RID_DOMAIN_GUESTS = 514;
    public static final long FIRST_USER_RID = 1000;
    private static final int MAX_STRING = 32767;

    public UserAccount {
        Objects.requireNonNull(sid, "sid");
        AccountNames.requireValid(name, AccountNames.MAX_USER_NAME, "user");
        fullName = checkedString(fullName, "full name");
        description = checkedString(description, "description");
        flags = Set.copyOf(flags.isEmpty() ? EnumSet.noneOf(AccountFlag.class) : EnumSet.copyOf(flags));
        Objects.requireNonNull(accountExpires, "accountExpires");
        Objects.requireNonNull(passwordLastSet, "passwordLastSet");
        Objects.requireNonNull(logonHours, "logonHours");
        workstations = List.copyOf(workstations);
        for (String w : workstations) {
            if (w.isEmpty() || w.length() > 255 || w.contains(",") || !w.strip().equals(w)) {
                throw new IllegalArgumentException("bad workstation name '" + w + "'");
            }
        }
        homeDirectory = checkedString(homeDirectory, "home directory");
        homeDirectoryDrive = checkedString(homeDirectoryDrive, "home drive");
        if (!homeDirectoryDrive.isEmpty() && !homeDirectoryDrive.matches("[A-Za-z]:")) {
            throw new IllegalArgumentException("home drive must look like 'H:', not '" + homeDirectoryDrive + "'");
        }
        profilePath = checkedString(profilePath, "profile path");
        logonScript = checkedString(logonScript, "logon script");
        Objects.requireNonNull(unixUid, "unixUid");
        if (unixUid.isPresent() && (unixUid.getAsLong() < 0 || unixUid.getAsLong() > 0xFFFFFFFFL)) {
            throw new IllegalArgumentException("Unix uid must be 0..4294967295, not " + unixUid.getAsLong());
        }
        Objects.requireNonNull(logonState, "logonState");
        if (rid < 0 || rid > 0xFFFFFFFFL || sid.subAuthorityCount() == 0 || !sid.parent().append(rid).equals(sid)) {
            throw new IllegalArgumentException("user SID " + sid + " does not end in its RID " + rid);
        }
    }

    private static String checkedString(String s, String what) {
        Objects.requireNonNull(s, what);
        if (s.length() > MAX_STRING) {
            throw new IllegalArgumentException(what + " is longer than " + MAX_STRING + " characters");
        }
        return s;
    }

    /** A new account with the SAM's defaults: enabled, any time, any workstation, primary group Domain Users. */
    public static Builder newAccount(Sid domainSid, long rid, String name) {
        return new Builder(domainSid.append(rid), rid, name);
    }

    public boolean has(AccountFlag f) {
        return flags.contains(f);
    }

    public boolean isBuiltinAdministrator() {
        return rid == RID_ADMINISTRATOR;
    }

    /** Workstation check: an empty list allows any, else a case-insensitive match on one entry. */
    public boolean allowsWorkstation(String workstation) {
        if (workstations.isEmpty()) {
            return true;
        }
        String w = workstation.toUpperCase(Locale.ROOT);
        return workstations.stream().anyMatch(x -> x.toUpperCase(Locale.ROOT).equals(w));
    }

    public Builder toBuilder() {
        Builder b = new Builder(sid, rid, name);
        b.fullName = fullName;
        b.description = description;
        b.flags = EnumSet.noneOf(AccountFlag.class);
        b.flags.addAll(flags);
        b.accountExpires = accountExpires;
        b.passwordLastSet = passwordLastSet;
        b.logonHours = logonHours;
        b.workstations = workstations;
        b.homeDirectory = homeDirectory;
        b.homeDirectoryDrive = homeDirectoryDrive;
        b.profilePath = profilePath;
        b.logonScript = logonScript;
        b.primaryGroupRid = primaryGroupRid;
        b.unixUid = unixUid;
        b.logonState = logonState;
        return b;
    }

    /** Mutable collector for a {@link UserAccount}; {@link #build()} validates. */
    public static final class Builder {
        private final Sid sid;
        private final long rid;
        private String name;
        private String fullName = "";
        private String description = "";
        private EnumSet<AccountFlag> flags = EnumSet.noneOf(AccountFlag.class);
        private Optional<Instant> accountExpires = Optional.empty();
        private Optional<Instant> passwordLastSet = Optional.empty();
        private LogonHours logonHours = LogonHours.ALWAYS;
        private List<String> workstations = List.of();
        private String homeDirectory = "";
        private String homeDirectoryDrive = "";
        private String profilePath = "";
        private String logonScript = "";
        private long primaryGroupRid = RID_DOMAIN_USERS;
        private OptionalLong unixUid = OptionalLong.empty();
        private LogonState logonState = LogonState.NEW;

        private Builder(Sid sid, long rid, String name) {
            this.sid = sid;
            this.rid = rid;
            this.name = name;
        }

        public Builder name(String v) { this.name = v; return this; }
        public Builder fullName(String v) { this.fullName = v; return this; }
        public Builder description(String v) { this.description = v; return this; }
        public Builder flag(AccountFlag f, boolean on) {
            if (on) {
                flags.add(f);
            } else {
                flags.remove(f);
            }
            return this;
        }
        public Builder accountExpires(Optional<Instant> v) { this.accountExpires = v; return this; }
        public Builder passwordLastSet(Optional<Instant> v) { this.passwordLastSet = v; return this; }
        public Builder logonHours(LogonHours v) { this.logonHours = v; return this; }
        public Builder workstations(List<String> v) { this.workstations = v; return this; }
        public Builder homeDirectory(String v) { this.homeDirectory = v; return this; }
        public Builder homeDirectoryDrive(String v) { this.homeDirectoryDrive = v; return this; }
        public Builder profilePath(String v) { this.profilePath = v; return this; }
        public Builder logonScript(String v) { this.logonScript = v; return this; }
        public Builder primaryGroupRid(long v) { this.primaryGroupRid = v; return this; }
        public Builder unixUid(OptionalLong v) { this.unixUid = v; return this; }
        public Builder logonState(LogonState v) { this.logonState = v; return this; }

        public UserAccount build() {
            return new UserAccount(rid, sid, name, fullName, description, flags, accountExpires, passwordLastSet,
                    logonHours, workstations, homeDirectory, homeDirectoryDrive, profilePath, logonScript,
                    primaryGroupRid, unixUid, logonState);
        }
    }
}
