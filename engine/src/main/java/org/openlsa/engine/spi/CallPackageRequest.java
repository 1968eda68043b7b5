package org.openlsa.engine.spi;

import java.util.Objects;
import java.util.function.Predicate;
import org.openlsa.core.Luid;

/**
 * LsaApCallPackage(Untrusted)'s inputs.
 *
 * @param callerLogonId the logon session of the caller's token (what "LogonId 0" means in requests that take one)
 * @param createdByCaller whether a logon session was started by an LsaLogonUser call of the caller's own user (the
 *     creator rule of LsaGetLogonSessionData): a package may let an untrusted caller name such a session as well as
 *     its own, since that caller held the credentials it was started with
 */
public record CallPackageRequest(byte[] submitBuffer, Luid callerLogonId, Predicate<Luid> createdByCaller) {
    public CallPackageRequest {
        Objects.requireNonNull(submitBuffer, "submitBuffer");
        Objects.requireNonNull(callerLogonId, "callerLogonId");
        Objects.requireNonNull(createdByCaller, "createdByCaller");
    }

    /** A request whose caller created no session (tests, and callers outside the engine). */
    public CallPackageRequest(byte[] submitBuffer, Luid callerLogonId) {
        this(submitBuffer, callerLogonId, session -> false);
    }
}
