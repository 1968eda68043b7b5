package org.openlsa.engine.spi.logon;

import java.util.Objects;

/**
 * The interactive profile (ntsecapi.h) returned by an interactive, batch, service or unlock logon, the values
 * shared by MSV1_0_INTERACTIVE_PROFILE, KERB_INTERACTIVE_PROFILE and the head of KERB_TICKET_PROFILE:
 * <pre>
 * typedef struct _MSV1_0_INTERACTIVE_PROFILE {     // KERB_INTERACTIVE_PROFILE: the same, KERB_PROFILE_BUFFER_TYPE
 *   MSV1_0_PROFILE_BUFFER_TYPE MessageType;
 *   USHORT LogonCount; USHORT BadPasswordCount;
 *   LARGE_INTEGER LogonTime, LogoffTime, KickOffTime, PasswordLastSet, PasswordCanChange, PasswordMustChange;
 *   UNICODE_STRING LogonScript, HomeDirectory, FullName, ProfilePath, HomeDirectoryDrive, LogonServer;
 *   ULONG UserFlags;
 * } MSV1_0_INTERACTIVE_PROFILE;
 * </pre>
 * The MessageType belongs to the package ({@link InteractiveProfileCodec}). Times are
 * {@link org.openlsa.core.NtTime} values ({@code NEVER} for "never").
 */
public record InteractiveProfile(int logonCount, int badPasswordCount, long logonTime, long logoffTime,
                                 long kickOffTime, long passwordLastSet, long passwordCanChange,
                                 long passwordMustChange, String logonScript, String homeDirectory,
                                 String fullName, String profilePath, String homeDirectoryDrive,
                                 String logonServer, int userFlags) {
    public InteractiveProfile {
        if (logonCount < 0 || logonCount > 0xFFFF || badPasswordCount < 0 || badPasswordCount > 0xFFFF) {
            throw new IllegalArgumentException("LogonCount and BadPasswordCount are USHORTs");
        }
        Objects.requireNonNull(logonScript, "logonScript");
        Objects.requireNonNull(homeDirectory, "homeDirectory");
        Objects.requireNonNull(fullName, "fullName");
        Objects.requireNonNull(profilePath, "profilePath");
        Objects.requireNonNull(homeDirectoryDrive, "homeDirectoryDrive");
        Objects.requireNonNull(logonServer, "logonServer");
    }
}
