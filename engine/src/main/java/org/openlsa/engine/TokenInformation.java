package org.openlsa.engine;

import java.util.List;
import java.util.Optional;
import org.openlsa.core.Acl;
import org.openlsa.core.ImpersonationLevel;
import org.openlsa.core.PrivilegeAndAttributes;
import org.openlsa.core.Sid;
import org.openlsa.core.SidAndAttributes;
import org.openlsa.core.TokenStatistics;
import org.openlsa.core.TokenType;

/** What GetTokenInformation returns, one record per {@link TokenInformationClass}. */
public sealed interface TokenInformation {
    record User(SidAndAttributes user) implements TokenInformation {}
    record Groups(List<SidAndAttributes> groups) implements TokenInformation {}
    record Privileges(List<PrivilegeAndAttributes> privileges) implements TokenInformation {}
    record Owner(Sid owner) implements TokenInformation {}
    record PrimaryGroup(Sid primaryGroup) implements TokenInformation {}
    record DefaultDacl(Optional<Acl> defaultDacl) implements TokenInformation {}
    record Source(org.openlsa.core.TokenSource source) implements TokenInformation {}
    record Type(TokenType type) implements TokenInformation {}
    record Level(ImpersonationLevel level) implements TokenInformation {}
    record Statistics(TokenStatistics statistics) implements TokenInformation {}
    /** TokenLogonSid: the logon SID group(s); empty when the token has none. */
    record LogonSid(List<SidAndAttributes> groups) implements TokenInformation {}
}
