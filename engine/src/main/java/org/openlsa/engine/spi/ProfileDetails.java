package org.openlsa.engine.spi;

import java.time.Instant;
import java.util.Optional;

/**
 * The account details a package learned during a logon that the engine records in the logon session
 * (SECURITY_LOGON_SESSION_DATA): times, paths and UserFlags.
 */
public record ProfileDetails(int userFlags, String logonScript, String profilePath, String homeDirectory,
                             String homeDirectoryDrive, Optional<Instant> logoffTime, Optional<Instant> kickOffTime,
                             Optional<Instant> passwordLastSet, Optional<Instant> passwordCanChange,
                             Optional<Instant> passwordMustChange, Optional<Instant> lastSuccessfulLogon) {
    public static final ProfileDetails NONE = new ProfileDetails(0, "", "", "", "", Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
}
