package org.openlsa.engine;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openlsa.core.SecurityLogonType;
import org.openlsa.core.SidAndAttributes;
import org.openlsa.core.TokenSource;
import org.openlsa.crypto.SecretBytes;

/**
 * The inputs of LsaLogonUser.
 *
 * @param originName who is logging the user on (a human-readable origin, recorded in the audit log)
 * @param authenticationPackage a package id from {@link LsaConnection#lookupAuthenticationPackage}
 * @param authenticationInformation the package's logon structure (MSV1_0_INTERACTIVE_LOGON, ...) in the serialized
 *     64-bit layout. It may hold a password, so it is a secret the request owns: the engine, the client library
 *     and the daemon read it in place, and {@link #close()} destroys it when the caller is done
 * @param localGroups extra groups for the token; present only for trusted callers (else PRIVILEGE_NOT_HELD)
 * @param sourceContext the TOKEN_SOURCE to stamp on the token
 */
public record LogonRequest(String originName, SecurityLogonType logonType, int authenticationPackage,
                           SecretBytes authenticationInformation, Optional<List<SidAndAttributes>> localGroups,
                           TokenSource sourceContext) implements AutoCloseable {
    /** Takes ownership of {@code authenticationInformation} (a structure encoded into a secret): close the request. */
    public LogonRequest {
        Objects.requireNonNull(originName, "originName");
        Objects.requireNonNull(logonType, "logonType");
        Objects.requireNonNull(authenticationInformation, "authenticationInformation");
        Objects.requireNonNull(localGroups, "localGroups");
        Objects.requireNonNull(sourceContext, "sourceContext");
        localGroups = localGroups.map(List::copyOf);
    }

    /**
     * A request over a copy of a plain structure (one without a secret, or one a test builds by hand); the caller
     * still owns its array.
     */
    public LogonRequest(String originName, SecurityLogonType logonType, int authenticationPackage,
                        byte[] authenticationInformation, Optional<List<SidAndAttributes>> localGroups,
                        TokenSource sourceContext) {
        this(originName, logonType, authenticationPackage, SecretBytes.copyOf(authenticationInformation), localGroups,
                sourceContext);
    }

    /** Destroys the logon structure (which may hold a password). */
    @Override
    public void close() {
        authenticationInformation.destroy();
    }
}
