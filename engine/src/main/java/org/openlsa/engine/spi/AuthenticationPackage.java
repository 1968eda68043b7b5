package org.openlsa.engine.spi;

import java.util.List;
import java.util.Optional;
import org.openlsa.core.LsaException;
import org.openlsa.core.Luid;
import org.openlsa.core.SecurityLogonType;
import org.openlsa.crypto.SecretBytes;

/**
 * An authentication package, shaped like the LSA's package function table: initialize, logon, call (trusted and
 * untrusted), logon-terminated. A package verifies credentials and returns token information; it never builds a
 * token or a session.
 *
 * <p>Failures are {@link LsaException}s. A failed credential check is LOGON_FAILURE with the precise reason as
 * SubStatus (WRONG_PASSWORD, NO_SUCH_USER): the engine hides the SubStatus from untrusted callers. Account
 * restrictions are ACCOUNT_RESTRICTION with their SubStatus, reported only once the credentials were valid.
 */
public interface AuthenticationPackage {

    /** The package name LsaLookupAuthenticationPackage knows it by. */
    String name();

    /** Other names for the same package ("MSV1_0" for MICROSOFT_AUTHENTICATION_PACKAGE_V1_0). */
    default List<String> aliases() {
        return List.of();
    }

    void initialize(PackageContext context) throws LsaException;

    PackageLogonResult logonUser(PackageLogonRequest request) throws LsaException;

    /** CallPackage from a trusted connection. */
    PackageCallResult callPackage(CallPackageRequest request) throws LsaException;

    /** CallPackageUntrusted from an untrusted connection: only the messages the API allows them. */
    PackageCallResult callPackageUntrusted(CallPackageRequest request) throws LsaException;

    /**
     * Encodes a password logon in this package's logon structure, for the LogonUser wrapper; empty when the package
     * takes no passwords. {@code password} stays the caller's; the returned structure holds a copy of it, as a
     * secret the engine closes after the logon.
     */
    default Optional<SecretBytes> encodePasswordLogon(SecurityLogonType logonType, String userName, String domain,
                                                 SecretBytes password) {
        return Optional.empty();
    }

    /**
     * The account a logon buffer names, for the audit record of a failed logon: {@code {domain, user}} without any
     * secret, or empty when the buffer cannot be read. Called only after {@link #logonUser} failed.
     */
    default Optional<String[]> namesForAudit(SecretBytes authenticationInformation) {
        return Optional.empty();
    }

    /** A logon session created by this package ended (or a logon failed after the session was allocated). */
    void logonTerminated(Luid logonId);

    /**
     * The engine is closing (after every session has ended): stop background work such as ticket renewal. Called
     * once; the package is not used afterwards.
     */
    default void shutdown() {}
}
