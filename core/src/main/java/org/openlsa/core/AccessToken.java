package org.openlsa.core;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An access token: who a security context is (user and groups), what it may do (privileges), and what new objects
 * get by default (owner, primary group, default DACL). Immutable; an invalid token cannot be built:
 *
 * <ul>
 *   <li>no SID appears twice among user and groups;</li>
 *   <li>the owner is the user or a group carrying {@link GroupAttributes#OWNER};</li>
 *   <li>the primary group is the user or one of the groups;</li>
 *   <li>a primary token has no impersonation level, an impersonation token has one;</li>
 *   <li>no privilege appears twice.</li>
 * </ul>
 *
 * Tokens are made by the LSA engine; this type only holds one and answers questions about it.
 */
public final class AccessToken {
    /** What Windows charges a token for its dynamic part (default DACL + primary group). */
    public static final int DYNAMIC_CHARGED_BYTES = 4096;

    private final Luid tokenId;
    private final Luid authenticationId;
    private final TokenType type;
    private final ImpersonationLevel impersonationLevel;
    private final SidAndAttributes user;
    private final SidAndAttributes[] groups;
    private final PrivilegeAndAttributes[] privileges;
    private final Sid owner;
    private final Sid primaryGroup;
    private final Acl defaultDacl;
    private final TokenSource source;
    private final long expirationTime;
    private final Luid modifiedId;

    private AccessToken(Builder b) {
        this.tokenId = Objects.requireNonNull(b.tokenId, "tokenId");
        this.authenticationId = Objects.requireNonNull(b.authenticationId, "authenticationId");
        this.type = Objects.requireNonNull(b.type, "type");
        this.user = Objects.requireNonNull(b.user, "user");
        this.groups = b.groups.toArray(SidAndAttributes[]::new);
        this.privileges = b.privileges.toArray(PrivilegeAndAttributes[]::new);
        this.owner = Objects.requireNonNull(b.owner, "owner");
        this.primaryGroup = Objects.requireNonNull(b.primaryGroup, "primaryGroup");
        this.defaultDacl = b.defaultDacl;
        this.source = Objects.requireNonNull(b.source, "source");
        this.expirationTime = b.expirationTime;
        this.modifiedId = b.modifiedId == null ? tokenId : b.modifiedId;
        if (type == TokenType.PRIMARY && b.impersonationLevel != null) {
            throw new IllegalArgumentException("a primary token has no impersonation level");
        }
        if (type == TokenType.IMPERSONATION && b.impersonationLevel == null) {
            throw new IllegalArgumentException("an impersonation token needs an impersonation level");
        }
        this.impersonationLevel = b.impersonationLevel;
        Set<Sid> seen = new HashSet<>();
        seen.add(user.sid());
        for (SidAndAttributes g : groups) {
            if (!seen.add(g.sid())) {
                throw new IllegalArgumentException("SID " + g.sid() + " appears twice in the token");
            }
        }
        if (!owner.equals(user.sid()) && Arrays.stream(groups)
                .noneMatch(g -> g.sid().equals(owner) && (g.attributes() & GroupAttributes.OWNER) != 0)) {
            throw new IllegalArgumentException("owner " + owner + " is neither the user nor a group with SE_GROUP_OWNER");
        }
        if (!seen.contains(primaryGroup)) {
            throw new IllegalArgumentException("primary group " + primaryGroup + " is neither the user nor a token group");
        }
        Set<Privilege> privs = new HashSet<>();
        for (PrivilegeAndAttributes p : privileges) {
            if (!privs.add(p.privilege())) {
                throw new IllegalArgumentException(p.privilege() + " appears twice in the token");
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder preloaded with this token, for deriving one (DuplicateTokenEx). */
    public Builder toBuilder() {
        Builder b = new Builder()
                .tokenId(tokenId).authenticationId(authenticationId).type(type).impersonationLevel(impersonationLevel)
                .user(user).owner(owner).primaryGroup(primaryGroup).defaultDacl(defaultDacl).source(source)
                .expirationTime(expirationTime).modifiedId(modifiedId);
        b.groups = Arrays.asList(groups);
        b.privileges = Arrays.asList(privileges);
        return b;
    }

    public Luid tokenId() {
        return tokenId;
    }

    /** The logon session this token belongs to. */
    public Luid authenticationId() {
        return authenticationId;
    }

    public TokenType type() {
        return type;
    }

    /** Present for impersonation tokens only. */
    public Optional<ImpersonationLevel> impersonationLevel() {
        return Optional.ofNullable(impersonationLevel);
    }

    public SidAndAttributes user() {
        return user;
    }

    public List<SidAndAttributes> groups() {
        return Collections.unmodifiableList(Arrays.asList(groups));
    }

    public List<PrivilegeAndAttributes> privileges() {
        return Collections.unmodifiableList(Arrays.asList(privileges));
    }

    public Sid owner() {
        return owner;
    }

    public Sid primaryGroup() {
        return primaryGroup;
    }

    /** The default DACL, or empty when the token has none. */
    public Optional<Acl> defaultDacl() {
        return Optional.ofNullable(defaultDacl);
    }

    public TokenSource source() {
        return source;
    }

    /** {@link NtTime} value; {@link NtTime#NEVER} when the token does not expire. */
    public long expirationTime() {
        return expirationTime;
    }

    public Luid modifiedId() {
        return modifiedId;
    }

    /** The logon SID (the group with SE_GROUP_LOGON_ID), if the token has one: GetTokenInformation(TokenLogonSid). */
    public Optional<SidAndAttributes> logonSid() {
        for (SidAndAttributes g : groups) {
            if (g.isLogonId()) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }

    /** True when the token carries the privilege, enabled or not. */
    public boolean holdsPrivilege(Privilege p) {
        for (PrivilegeAndAttributes pa : privileges) {
            if (pa.privilege() == p && (pa.attributes() & PrivilegeAttributes.REMOVED) == 0) {
                return true;
            }
        }
        return false;
    }

    /** True when the SID is the user or an enabled group (not deny-only): what an access check grants on. */
    public boolean hasEnabledSid(Sid sid) {
        if (user.sid().equals(sid)) {
            return true;
        }
        for (SidAndAttributes g : groups) {
            if (g.sid().equals(sid) && g.isEnabled()) {
                return true;
            }
        }
        return false;
    }

    public TokenStatistics statistics() {
        int used = primaryGroup.byteLength() + (defaultDacl == null ? 0 : defaultDacl.byteLength());
        return new TokenStatistics(tokenId, authenticationId, expirationTime, type, impersonationLevel,
                DYNAMIC_CHARGED_BYTES, Math.max(0, DYNAMIC_CHARGED_BYTES - used), groups.length, privileges.length,
                modifiedId);
    }

    /** Tokens are compared by identity: two handles to one token object are the same token. */
    @Override
    public String toString() {
        return "AccessToken[" + tokenId + ", user=" + user.sid() + ", logon=" + authenticationId + ", " + type
                + (impersonationLevel == null ? "" : "/" + impersonationLevel) + ", " + groups.length + " groups, "
                + privileges.length + " privileges]";
    }

    /** Collects a token's parts; {@link #build()} validates them all at once. */
    public static final class Builder {
        private Luid tokenId;
        private Luid authenticationId;
        private TokenType type;
        private ImpersonationLevel impersonationLevel;
        private SidAndAttributes user;
        private List<SidAndAttributes> groups = List.of();
        private List<PrivilegeAndAttributes> privileges = List.of();
        private Sid owner;
        private Sid primaryGroup;
        private Acl defaultDacl;
        private TokenSource source;
        private long expirationTime = NtTime.NEVER;
        private Luid modifiedId;

        private Builder() {}

        public Builder tokenId(Luid v) { this.tokenId = v; return this; }
        public Builder authenticationId(Luid v) { this.authenticationId = v; return this; }
        public Builder type(TokenType v) { this.type = v; return this; }
        public Builder impersonationLevel(ImpersonationLevel v) { this.impersonationLevel = v; return this; }
        public Builder user(Sid v) { this.user = new SidAndAttributes(v, 0); return this; }
        public Builder user(SidAndAttributes v) { this.user = v; return this; }
        public Builder groups(List<SidAndAttributes> v) { this.groups = List.copyOf(v); return this; }
        public Builder privileges(List<PrivilegeAndAttributes> v) { this.privileges = List.copyOf(v); return this; }
        public Builder owner(Sid v) { this.owner = v; return this; }
        public Builder primaryGroup(Sid v) { this.primaryGroup = v; return this; }
        public Builder defaultDacl(Acl v) { this.defaultDacl = v; return this; }
        public Builder source(TokenSource v) { this.source = v; return this; }
        public Builder expirationTime(long v) { this.expirationTime = v; return this; }
        public Builder modifiedId(Luid v) { this.modifiedId = v; return this; }

        /** @throws IllegalArgumentException naming the first broken rule */
        public AccessToken build() {
            return new AccessToken(this);
        }
    }
}
