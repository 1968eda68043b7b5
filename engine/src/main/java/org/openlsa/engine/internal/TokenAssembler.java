package org.openlsa.engine.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.openlsa.core.AccessMask;
import org.openlsa.core.AccessToken;
import org.openlsa.core.Ace;
import org.openlsa.core.Acl;
import org.openlsa.core.GroupAttributes;
import org.openlsa.core.ImpersonationLevel;
import org.openlsa.core.NtStatus;
import org.openlsa.core.LsaException;
import org.openlsa.core.Luid;
import org.openlsa.core.Privilege;
import org.openlsa.core.PrivilegeAndAttributes;
import org.openlsa.core.PrivilegeAttributes;
import org.openlsa.core.SecurityLogonType;
import org.openlsa.core.Sid;
import org.openlsa.core.SidAndAttributes;
import org.openlsa.core.TokenSource;
import org.openlsa.core.TokenType;
import org.openlsa.core.WellKnownSids;
import org.openlsa.engine.spi.PackageLogonResult;
import org.openlsa.sam.AccountRight;
import org.openlsa.sam.AccountStore;
import org.openlsa.sam.LogonRights;

/**
 * Builds a token from a package's token information, in the separate steps of the LSA (lsa-semantics 1, steps 5 to
 * 11): local groups; WORLD and the logon-type SID; Authenticated Users and This Organization for authenticated
 * logons; the logon SID; alias expansion; owner; integrity label; default DACL; privileges from account rights.
 * It also checks the logon right, which needs the same expanded SID set.
 */
final class TokenAssembler {
    private TokenAssembler() {}

    /** Privileges a token has enabled from the start (lsa-semantics 1, step 10). */
    private static final Set<Privilege> ENABLED_BY_DEFAULT =
            Set.of(Privilege.SE_CHANGE_NOTIFY, Privilege.SE_IMPERSONATE, Privilege.SE_CREATE_GLOBAL);

    /**
     * @param checkLogonRight false for the token of a process that is already running (a daemon's caller), which
     *     no logon right governs
     */
    record Inputs(PackageLogonResult info, SecurityLogonType logonType, Optional<List<SidAndAttributes>> localGroups,
                  Luid logonId, Luid tokenId, TokenSource source, boolean checkLogonRight) {}

    static AccessToken assemble(Inputs in, AccountStore store, Canonical canon) throws LsaException {
        PackageLogonResult info = in.info();
        Map<Sid, Integer> groups = new LinkedHashMap<>();
        for (SidAndAttributes g : info.groups()) {
            merge(groups, g.sid(), g.attributes());
        }
        in.localGroups().ifPresent(local -> local.forEach(g -> merge(groups, g.sid(), g.attributes())));

        boolean otherOrganization = groups.containsKey(WellKnownSids.OTHER_ORGANIZATION);
        for (Sid s : LogonRights.wellKnownGroups(in.logonType(), info.authenticated())) {
            if (!(otherOrganization && s.equals(WellKnownSids.THIS_ORGANIZATION))) {
                merge(groups, s, GroupAttributes.DEFAULT);
            }
        }
        if (groups.entrySet().stream().noneMatch(e -> (e.getValue() & GroupAttributes.LOGON_ID) == GroupAttributes.LOGON_ID)) {
            merge(groups, WellKnownSids.logonSid(in.logonId()), GroupAttributes.LOGON_SID);
        }

        // Step 7: aliases whose members include the user or any group so far (one level: aliases do not nest).
        // The logon SID is left out of both store queries: it is minted for this session, so nothing stored can
        // name it, and leaving it out makes the queries the same for every logon of the account (the store's
        // read memo then serves them).
        for (Sid alias : store.aliasesContaining(storedSubjects(info.user(), groups.keySet()))) {
            merge(groups, alias, GroupAttributes.DEFAULT);
        }

        // Step 8: BUILTIN\Administrators owns what the token creates when present.
        Sid owner = info.user();
        Integer adminAttributes = groups.get(WellKnownSids.BUILTIN_ADMINISTRATORS);
        if (adminAttributes != null) {
            groups.put(WellKnownSids.BUILTIN_ADMINISTRATORS, adminAttributes | GroupAttributes.OWNER);
            owner = WellKnownSids.BUILTIN_ADMINISTRATORS;
        }

        // Privileges and logon rights: union over the user and every group (not only the groups).
        Set<AccountRight> rights = store.rightsOf(storedSubjects(info.user(), groups.keySet()));
        if (in.checkLogonRight()) {
            LogonRights.require(in.logonType(), rights);
        }

        groups.put(integrityLevel(info.user(), groups, info.authenticated()), GroupAttributes.LABEL);

        List<PrivilegeAndAttributes> privileges = rights.stream()
                .flatMap(r -> r.privilege().stream())
                .distinct()
                .sorted(Comparator.comparingLong(p -> p.luid().value()))
                .map(p -> canon.of(new PrivilegeAndAttributes(p, ENABLED_BY_DEFAULT.contains(p)
                        ? PrivilegeAttributes.ENABLED | PrivilegeAttributes.ENABLED_BY_DEFAULT : 0)))
                .toList();

        // Logon SIDs name one session: shared entries would only fill the cache.
        List<SidAndAttributes> groupList = new ArrayList<>(groups.size());
        groups.forEach((sid, attrs) -> groupList.add(WellKnownSids.isLogonSid(sid) ? new SidAndAttributes(sid, attrs)
                : canon.of(new SidAndAttributes(canon.of(sid), attrs))));
        Sid user = canon.of(info.user());
        Sid primaryGroup = groups.containsKey(info.primaryGroup()) || info.primaryGroup().equals(user)
                ? canon.of(info.primaryGroup()) : user;
        boolean primary = in.logonType().yieldsPrimaryToken();
        if (primary && info.impersonationLevel() != ImpersonationLevel.IMPERSONATION) {
            // A primary token has no level to lower: a package that may only identify its client must refuse
            // logon types that make one.
            throw new LsaException(NtStatus.BAD_IMPERSONATION_LEVEL, "a " + in.logonType().displayName()
                    + " logon yields a primary token, which cannot be limited to " + info.impersonationLevel());
        }
        return AccessToken.builder()
                .tokenId(in.tokenId())
                .authenticationId(in.logonId())
                .type(primary ? TokenType.PRIMARY : TokenType.IMPERSONATION)
                .impersonationLevel(primary ? null : info.impersonationLevel())
                .user(user)
                .groups(groupList)
                .privileges(privileges)
                .owner(canon.of(owner))
                .primaryGroup(primaryGroup)
                .defaultDacl(canon.of(defaultDacl(owner)))
                .source(in.source())
                .expirationTime(info.expirationTime())
                .build();
    }

    private static void merge(Map<Sid, Integer> groups, Sid sid, int attributes) {
        groups.merge(sid, attributes, (a, b) -> a | b);
    }

    /** Step 9: GENERIC_ALL to the owner and to SYSTEM. */
    static Acl defaultDacl(Sid owner) {
        if (owner.equals(WellKnownSids.LOCAL_SYSTEM)) {
            return Acl.of(Ace.allow(AccessMask.GENERIC_ALL, WellKnownSids.LOCAL_SYSTEM));
        }
        return Acl.of(Ace.allow(AccessMask.GENERIC_ALL, owner), Ace.allow(AccessMask.GENERIC_ALL, WellKnownSids.LOCAL_SYSTEM));
    }

    /** The user and the groups, without logon SIDs, in a stable order: what the store may know rights of. */
    private static List<Sid> storedSubjects(Sid user, java.util.Collection<Sid> groups) {
        List<Sid> out = new ArrayList<>(groups.size() + 1);
        out.add(user);
        for (Sid g : groups) {
            if (!WellKnownSids.isLogonSid(g)) {
                out.add(g);
            }
        }
        return out;
    }

    /** Mandatory label: System for SYSTEM, High for administrators, Low for unauthenticated logons, else Medium. */
    private static Sid integrityLevel(Sid user, Map<Sid, Integer> groups, boolean authenticated) {
        if (user.equals(WellKnownSids.LOCAL_SYSTEM)) {
            return WellKnownSids.SYSTEM_MANDATORY_LEVEL;
        }
        if (groups.containsKey(WellKnownSids.BUILTIN_ADMINISTRATORS)) {
            return WellKnownSids.HIGH_MANDATORY_LEVEL;
        }
        if (user.equals(WellKnownSids.LOCAL_SERVICE) || user.equals(WellKnownSids.NETWORK_SERVICE)) {
            return WellKnownSids.SYSTEM_MANDATORY_LEVEL;
        }
        return authenticated ? WellKnownSids.MEDIUM_MANDATORY_LEVEL : WellKnownSids.LOW_MANDATORY_LEVEL;
    }
}
