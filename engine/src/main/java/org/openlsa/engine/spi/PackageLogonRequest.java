package org.openlsa.engine.spi;

import java.util.Objects;
import org.openlsa.core.Luid;
import org.openlsa.core.SecurityLogonType;
import org.openlsa.crypto.SecretBytes;

/**
 * LsaApLogonUserEx2's inputs as a package sees them. The engine has already allocated the logon session's LUID.
 *
 * @param authenticationInformation the caller's logon structure, which may hold a password: the package reads it in
 *     place ({@link SecretBytes#read}) and neither keeps nor closes it (whoever made the request closes it)
 * @param callerTrusted whether the caller's connection holds SeTcbPrivilege (registered logon process)
 */
public record PackageLogonRequest(SecurityLogonType logonType, SecretBytes authenticationInformation, Luid logonId,
                                  boolean callerTrusted, String originName) {
    public PackageLogonRequest {
        Objects.requireNonNull(authenticationInformation, "authenticationInformation");
    }
}
