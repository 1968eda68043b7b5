package org.openlsa.engine.spi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openlsa.core.ImpersonationLevel;
import org.openlsa.core.Luid;
import org.openlsa.core.NtTime;
import org.openlsa.core.Sid;
import org.openlsa.core.SidAndAttributes;

/**
 * What a package returns from a successful logon: token INFORMATION only (LSA_TOKEN_INFORMATION_V2 without the
 * parts the engine decides: the engine adds local groups, well-known groups, aliases, owner, default DACL and
 * privileges itself), the profile buffer, and the names for the logon session.
 *
 * @param groups the account's group memberships the package knows (global groups for MSV1_0, PAC groups for
 *     Kerberos), with their attributes
 * @param reservedLogonId set when the logon belongs to a built-in session (LOCAL SERVICE 0x3e5, NETWORK SERVICE
 *     0x3e4): the token joins that session instead of the one the engine allocated
 * @param authenticated false for anonymous and guest logons, which get neither Authenticated Users nor This
 *     Organization
 * @param impersonationLevel the level of the impersonation token a Network logon yields: IMPERSONATION, or
 *     IDENTIFICATION when the caller may learn who the client is but not act as it (an S4U logon by a caller
 *     without SeTcbPrivilege). Logons that yield a primary token must leave it IMPERSONATION.
 */
public record PackageLogonResult(Sid user, List<SidAndAttributes> groups, Sid primaryGroup, long expirationTime,
                                 byte[] profileBuffer, String accountName, String authenticatingAuthority,
                                 String logonServer, String dnsDomainName, String upn, ProfileDetails details,
                                 Optional<Luid> reservedLogonId, boolean authenticated,
                                 ImpersonationLevel impersonationLevel) {
    public PackageLogonResult {
        Objects.requireNonNull(impersonationLevel, "impersonationLevel");
        if (impersonationLevel.compareTo(ImpersonationLevel.IDENTIFICATION) < 0
                || impersonationLevel.compareTo(ImpersonationLevel.IMPERSONATION) > 0) {
            throw new IllegalArgumentException("a logon yields an Identification or Impersonation token, not "
                    + impersonationLevel);
        }
        Objects.requireNonNull(user, "user");
        groups = List.copyOf(groups);
        Objects.requireNonNull(primaryGroup, "primaryGroup");
        Objects.requireNonNull(profileBuffer, "profileBuffer");
        Objects.requireNonNull(accountName, "accountName");
        Objects.requireNonNull(authenticatingAuthority, "authenticatingAuthority");
        Objects.requireNonNull(logonServer, "logonServer");
        Objects.requireNonNull(dnsDomainName, "dnsDomainName");
        Objects.requireNonNull(upn, "upn");
        Objects.requireNonNull(details, "details");
        Objects.requireNonNull(reservedLogonId, "reservedLogonId");
        if (reservedLogonId.isPresent() && !reservedLogonId.get().isReserved()) {
            throw new IllegalArgumentException(reservedLogonId.get() + " is not a reserved logon session");
        }
    }

    /** A logon whose Network token has the usual Impersonation level. */
    public PackageLogonResult(Sid user, List<SidAndAttributes> groups, Sid primaryGroup, long expirationTime,
                              byte[] profileBuffer, String accountName, String authenticatingAuthority,
                              String logonServer, String dnsDomainName, String upn, ProfileDetails details,
                              Optional<Luid> reservedLogonId, boolean authenticated) {
        this(user, groups, primaryGroup, expirationTime, profileBuffer, accountName, authenticatingAuthority,
                logonServer, dnsDomainName, upn, details, reservedLogonId, authenticated,
                ImpersonationLevel.IMPERSONATION);
    }

    /** This result with a Network token of {@code level}. */
    public PackageLogonResult withImpersonationLevel(ImpersonationLevel level) {
        return new PackageLogonResult(user, groups, primaryGroup, expirationTime, profileBuffer, accountName,
                authenticatingAuthority, logonServer, dnsDomainName, upn, details, reservedLogonId, authenticated,
                level);
    }

    /** A token that never expires: what MSV1_0 returns. */
    public static final long NEVER_EXPIRES = NtTime.NEVER;
}
