package org.openlsa.engine.spi;

import java.time.Instant;
import java.util.Objects;
import org.openlsa.core.NtTime;

/**
 * The account details a package learned during a logon that the engine records in the logon session
 * (SECURITY_LOGON_SESSION_DATA): times, paths and UserFlags. Times are {@link NtTime} values (0: not set,
 * {@link NtTime#NEVER}: never), kept as numbers because every open session holds one of these.
 */
public record ProfileDetails(int userFlags, String logonScript, String profilePath, String homeDirectory,
                             String homeDirectoryDrive, long logoffTime, long kickOffTime, long passwordLastSet,
                             long passwordCanChange, long passwordMustChange, long lastSuccessfulLogon) {
    public static final ProfileDetails NONE = new ProfileDetails(0, "", "", "", "", NtTime.NEVER, NtTime.NEVER, 0, 0,
            NtTime.NEVER, 0);

    public ProfileDetails {
        Objects.requireNonNull(logonScript, "logonScript");
        Objects.requireNonNull(profilePath, "profilePath");
        Objects.requireNonNull(homeDirectory, "homeDirectory");
        Objects.requireNonNull(homeDirectoryDrive, "homeDirectoryDrive");
    }

    /** NtTime for an optional instant: the instant, or {@code absent} (0 or NEVER, as the field means). */
    public static long ntTime(java.util.Optional<Instant> t, long absent) {
        return t.map(NtTime::fromInstant).orElse(absent);
    }
}
