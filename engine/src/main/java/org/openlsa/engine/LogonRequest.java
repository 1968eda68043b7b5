package org.openlsa.engine;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openlsa.core.SecurityLogonType;
import org.openlsa.core.SidAndAttributes;
import org.openlsa.core.TokenSource;

/**
 * The inputs of LsaLogonUser.
 *
 * @param originName who is logging the user on (a human-readable origin, recorded in the audit log)
 * @param authenticationPackage a package id from {@link LsaConnection#lookupAuthenticationPackage}
 * @param authenticationInformation the package's logon structure (MSV1_0_INTERACTIVE_LOGON, ...) in the serialized
 *     64-bit layout. It may hold a password: the request keeps its own copy (so the caller can zero its array at
 *     once), the accessor hands out copies, and {@link #wipe()} zeroes the request's copy when the caller is done
 * @param localGroups extra groups for the token; present only for trusted callers (else PRIVILEGE_NOT_HELD)
 * @param sourceContext the TOKEN_SOURCE to stamp on the token
 */
public record LogonRequest(String originName, SecurityLogonType logonType, int authenticationPackage,
                           byte[] authenticationInformation, Optional<List<SidAndAttributes>> localGroups,
                           TokenSource sourceContext) {
    public LogonRequest {
        Objects.requireNonNull(originName, "originName");
        Objects.requireNonNull(logonType, "logonType");
        Objects.requireNonNull(authenticationInformation, "authenticationInformation");
        Objects.requireNonNull(localGroups, "localGroups");
        Objects.requireNonNull(sourceContext, "sourceContext");
        localGroups = localGroups.map(List::copyOf);
        authenticationInformation = authenticationInformation.clone();
    }

    /** A copy of the logon structure; the engine zeroes its copy after the package used it. */
    @Override
    public byte[] authenticationInformation() {
        return authenticationInformation.clone();
    }

    /** Zeroes this request's copy of the logon structure (which may hold a password). */
    public void wipe() {
        java.util.Arrays.fill(authenticationInformation, (byte) 0);
    }
}
