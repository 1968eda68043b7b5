package org.openlsa.core;

import java.util.Objects;

/**
 * AccessCheck (MS-DTYP 2.5.3.2) with Windows' rules, for a server that impersonates its client and guards its own
 * resources: may this token have this access to an object with this security descriptor?
 *
 * <ol>
 *   <li>An impersonation token at Anonymous level cannot be checked: {@link NtStatus#BAD_IMPERSONATION_LEVEL}, as
 *       NtAccessCheck refuses a client token below SecurityIdentification. Identification is enough: that level
 *       exists so that a server can decide access to its own objects for a client it cannot act as. A descriptor without owner or group is
 *       {@link NtStatus#INVALID_SECURITY_DESCR}, as the AccessCheck function requires both.</li>
 *   <li>The generic bits of the desired access are mapped through the {@link GenericMapping}. ACE masks are not:
 *       a stored descriptor has them mapped already ({@link SecurityDescriptor#withGenericRightsMapped}).</li>
 *   <li>Privileges (enabled ones only) grant before the DACL is read: SeSecurityPrivilege ACCESS_SYSTEM_SECURITY
 *       (asking for it without the privilege is {@link NtStatus#PRIVILEGE_NOT_HELD}), SeTakeOwnershipPrivilege
 *       WRITE_OWNER; with backup intent, SeBackupPrivilege READ_CONTROL, ACCESS_SYSTEM_SECURITY and the mapping's
 *       read rights, SeRestorePrivilege WRITE_DAC, WRITE_OWNER, DELETE, ACCESS_SYSTEM_SECURITY and the mapping's
 *       write rights (what NtCreateFile's FILE_OPEN_FOR_BACKUP_INTENT does). Privileges grant only bits asked for
 *       by name, except that MAXIMUM_ALLOWED takes what backup and restore give (not ACCESS_SYSTEM_SECURITY).</li>
 *   <li>No DACL or a NULL DACL grants everything; an empty DACL nothing beyond the above.</li>
 *   <li>The owner (the user or an enabled group is the descriptor's owner) is granted READ_CONTROL and WRITE_DAC,
 *       unless the DACL has an OWNER RIGHTS (S-1-3-4) ACE that is not inherit-only; such ACEs then apply to the
 *       owner instead.</li>
 *   <li>ACEs in order, inherit-only ones skipped. An allow ACE matches the user or an enabled group (not
 *       deny-only); a deny ACE matches those and the deny-only groups too. A deny ACE denies only bits not granted
 *       yet: an earlier allow wins.</li>
 *   <li>MAXIMUM_ALLOWED asks for everything the ACEs and privileges give; the other desired bits must all be
 *       granted. Nothing granted at all is {@link NtStatus#ACCESS_DENIED}.</li>
 * </ol>
 *
 * Not evaluated: SACLs (audit, mandatory integrity labels, scoped policy), object ACEs, conditional ACEs and
 * restricted SIDs; see docs/access-check.md.
 */
public final class AccessCheck {
    private AccessCheck() {}

    /** The outcome: {@link NtStatus#SUCCESS} with the granted access, or a failure status with no access. */
    public record Result(NtStatus status, int grantedAccess) {
        public Result {
            Objects.requireNonNull(status, "status");
            if (!status.equals(NtStatus.SUCCESS) && grantedAccess != 0) {
                throw new IllegalArgumentException("a failed access check grants nothing");
            }
        }

        static Result denied(NtStatus status) {
            return new Result(status, 0);
        }

        public boolean granted() {
            return status.equals(NtStatus.SUCCESS);
        }
    }

    /** AccessCheck without backup intent. */
    public static Result check(SecurityDescriptor sd, AccessToken token, int desiredAccess, GenericMapping mapping) {
        return check(sd, token, desiredAccess, mapping, false);
    }

    /**
     * @param backupIntent the caller opens the object for backup or restore (FILE_OPEN_FOR_BACKUP_INTENT): only then
     *     do SeBackupPrivilege and SeRestorePrivilege grant anything
     */
    public static Result check(SecurityDescriptor sd, AccessToken token, int desiredAccess, GenericMapping mapping,
            boolean backupIntent) {
        Objects.requireNonNull(sd, "sd");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(mapping, "mapping");
        if (token.type() == TokenType.IMPERSONATION
                && token.impersonationLevel().orElseThrow().compareTo(ImpersonationLevel.IDENTIFICATION) < 0) {
            return Result.denied(NtStatus.BAD_IMPERSONATION_LEVEL);
        }
        if (sd.owner() == null || sd.group() == null) {
            return Result.denied(NtStatus.INVALID_SECURITY_DESCR);
        }
        int desired = mapping.map(desiredAccess);
        boolean maximum = (desired & AccessMask.MAXIMUM_ALLOWED) != 0;
        desired &= ~AccessMask.MAXIMUM_ALLOWED;

        // SeSecurityPrivilege and SeTakeOwnershipPrivilege count only for the bits asked for by name: MAXIMUM_ALLOWED
        // alone does not bring them in (SeAccessCheck does no privilege check unless ACCESS_SYSTEM_SECURITY or
        // WRITE_OWNER is set).
        int privileged = 0;
        if (enabled(token, Privilege.SE_SECURITY)) {
            privileged |= AccessMask.ACCESS_SYSTEM_SECURITY;
        }
        if (enabled(token, Privilege.SE_TAKE_OWNERSHIP)) {
            privileged |= AccessMask.WRITE_OWNER;
        }
        // Backup and restore with backup intent (the I/O manager's check before the DACL): MAXIMUM_ALLOWED takes all
        // they give, except ACCESS_SYSTEM_SECURITY, which is always asked for by name.
        int backup = 0;
        if (backupIntent && enabled(token, Privilege.SE_BACKUP)) {
            backup |= AccessMask.READ_CONTROL | AccessMask.ACCESS_SYSTEM_SECURITY | mapping.genericRead();
        }
        if (backupIntent && enabled(token, Privilege.SE_RESTORE)) {
            backup |= AccessMask.WRITE_DAC | AccessMask.WRITE_OWNER | AccessMask.DELETE
                    | AccessMask.ACCESS_SYSTEM_SECURITY | mapping.genericWrite();
        }
        privileged |= backup;
        if ((desired & AccessMask.ACCESS_SYSTEM_SECURITY) != 0
                && (privileged & AccessMask.ACCESS_SYSTEM_SECURITY) == 0) {
            return Result.denied(NtStatus.PRIVILEGE_NOT_HELD);
        }
        privileged = privileged & desired
                | (maximum ? backup & ~AccessMask.ACCESS_SYSTEM_SECURITY : 0);

        if (sd.grantsAllByDacl()) {
            int all = maximum ? mapping.genericAll() | privileged | desired : desired;
            return all == 0 ? Result.denied(NtStatus.ACCESS_DENIED) : new Result(NtStatus.SUCCESS, all);
        }

        boolean isOwner = matches(token, sd.owner(), false);
        boolean ownerRightsAce = false;
        for (Ace ace : sd.dacl().aces()) {
            if (!inheritOnly(ace) && ace.sid().equals(WellKnownSids.OWNER_RIGHTS)) {
                ownerRightsAce = true;
            }
        }
        int granted = privileged;
        if (isOwner && !ownerRightsAce) {
            granted |= AccessMask.READ_CONTROL | AccessMask.WRITE_DAC;
        }
        int denied = 0;
        for (Ace ace : sd.dacl().aces()) {
            if (inheritOnly(ace)) {
                continue;
            }
            boolean deny = ace.type() == AceType.ACCESS_DENIED;
            boolean applies = ace.sid().equals(WellKnownSids.OWNER_RIGHTS)
                    ? matches(token, sd.owner(), deny) : matches(token, ace.sid(), deny);
            if (!applies) {
                continue;
            }
            if (deny) {
                denied |= ace.accessMask() & ~granted;
            } else {
                granted |= ace.accessMask() & ~denied;
            }
        }
        if (maximum) {
            if ((desired & ~granted) != 0 || granted == 0) {
                return Result.denied(NtStatus.ACCESS_DENIED);
            }
            return new Result(NtStatus.SUCCESS, granted);
        }
        if (desired == 0 || (desired & ~granted) != 0) {
            return Result.denied(NtStatus.ACCESS_DENIED);
        }
        return new Result(NtStatus.SUCCESS, desired);
    }

    private static boolean inheritOnly(Ace ace) {
        return (ace.flags() & Ace.INHERIT_ONLY) != 0;
    }

    private static boolean enabled(AccessToken token, Privilege privilege) {
        for (PrivilegeAndAttributes p : token.privileges()) {
            if (p.privilege() == privilege && p.isEnabled() && (p.attributes() & PrivilegeAttributes.REMOVED) == 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * SidInToken (MS-DTYP 2.5.3.1.1): the user or a group; for an allow ACE only an enabled one, for a deny ACE
     * also a deny-only one.
     */
    private static boolean matches(AccessToken token, Sid sid, boolean forDeny) {
        SidAndAttributes user = token.user();
        if (user.sid().equals(sid)) {
            return forDeny || (user.attributes() & GroupAttributes.USE_FOR_DENY_ONLY) == 0;
        }
        for (SidAndAttributes g : token.groups()) {
            if (g.sid().equals(sid)) {
                int a = g.attributes();
                return (a & GroupAttributes.ENABLED) != 0 && (a & GroupAttributes.USE_FOR_DENY_ONLY) == 0
                        || forDeny && (a & GroupAttributes.USE_FOR_DENY_ONLY) != 0;
            }
        }
        return false;
    }
}
