package org.openlsa.engine;

import java.time.Instant;
import java.util.Optional;
import org.openlsa.core.Luid;
import org.openlsa.core.SecurityLogonType;
import org.openlsa.core.Sid;

/**
 * SECURITY_LOGON_SESSION_DATA (ntsecapi.h), the fields LsaGetLogonSessionData returns.
 *
 * @param tokenCount tokens that currently reference the session (not part of the Windows structure: the session ends
 *     when this reaches zero)
 */
public record LogonSessionData(Luid logonId, String userName, String logonDomain, String authenticationPackage,
                               SecurityLogonType logonType, int session, Sid sid, Instant logonTime,
                               String logonServer, String dnsDomainName, String upn, int userFlags,
                               String logonScript, String profilePath, String homeDirectory,
                               String homeDirectoryDrive, Optional<Instant> logoffTime, Optional<Instant> kickOffTime,
                               Optional<Instant> passwordLastSet, Optional<Instant> passwordCanChange,
                               Optional<Instant> passwordMustChange, Optional<Instant> lastSuccessfulLogon,
                               int tokenCount) {}
