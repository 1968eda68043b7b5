package org.openlsa.engine.internal;

import java.time.Instant;
import java.util.Optional;
import org.openlsa.core.AccessToken;
import org.openlsa.core.NtTime;
import org.openlsa.core.Luid;
import org.openlsa.core.SecurityLogonType;
import org.openlsa.core.Sid;
import org.openlsa.engine.LogonSessionData;
import org.openlsa.engine.spi.ProfileDetails;

/**
 * One logon session. Immutable except for its token and process counts, which the {@link SessionTable} changes under
 * its lock; the session ends when both are zero. Reserved sessions (SYSTEM, LOCAL SERVICE, ...) never end.
 */
final class LogonSession {
    final Luid id;
    final SecurityLogonType logonType;
    final Sid sid;
    final String userName;
    final String logonDomain;
    final String packageName;
    final Instant logonTime;
    final String logonServer;
    final String dnsDomainName;
    final String upn;
    final ProfileDetails details;
    final boolean reserved;
    /**
     * Who called LsaLogonUser for this session (the calling connection's user SID); empty for the reserved sessions.
     * A caller may read the sessions it created (docs/lsa-behaviour.md, "Who sees which logon session").
     */
    final Optional<Sid> creator;
    /**
     * The token the logon made, for WTSQueryUserToken ({@code LsaConnection.queryUserToken}); empty for the reserved
     * sessions, whose tokens the LSA does not make at a logon.
     */
    final Optional<AccessToken> logonToken;
    int tokenCount;
    /** Running processes started for a token of this session (CreateProcessAsUser): each holds the session open. */
    int processCount;

    LogonSession(Luid id, SecurityLogonType logonType, Sid sid, String userName, String logonDomain, String packageName,
                 Instant logonTime, String logonServer, String dnsDomainName, String upn, ProfileDetails details,
                 boolean reserved, Optional<Sid> creator, Optional<AccessToken> logonToken) {
        this.id = id;
        this.logonType = logonType;
        this.sid = sid;
        this.userName = userName;
        this.logonDomain = logonDomain;
        this.packageName = packageName;
        this.logonTime = logonTime;
        this.logonServer = logonServer;
        this.dnsDomainName = dnsDomainName;
        this.upn = upn;
        this.details = details;
        this.reserved = reserved;
        this.creator = creator;
        this.logonToken = logonToken;
    }

    LogonSessionData toData(int tokens) {
        return new LogonSessionData(id, userName, logonDomain, packageName, logonType, 0, sid, logonTime, logonServer,
                dnsDomainName, upn, details.userFlags(), details.logonScript(), details.profilePath(),
                details.homeDirectory(), details.homeDirectoryDrive(), instant(details.logoffTime()),
                instant(details.kickOffTime()), instant(details.passwordLastSet()), instant(details.passwordCanChange()),
                instant(details.passwordMustChange()), instant(details.lastSuccessfulLogon()), tokens);
    }

    /** Empty for "not set" and "never", as SECURITY_LOGON_SESSION_DATA readers expect. */
    private static Optional<Instant> instant(long ntTime) {
        return Optional.ofNullable(NtTime.toInstantOrNull(ntTime));
    }
}
