package org.openlsa.engine.spi.logon;

import java.util.Objects;
import java.util.Optional;
import org.openlsa.core.Luid;
import org.openlsa.crypto.SecretBytes;

/**
 * A password logon structure (ntsecapi.h), the values shared by four structures of one layout:
 * MSV1_0_INTERACTIVE_LOGON and KERB_INTERACTIVE_LOGON, or, when {@code unlockLogonId} is present,
 * MSV1_0_WORKSTATION_UNLOCK_LOGON and KERB_INTERACTIVE_UNLOCK_LOGON:
 * <pre>
 * typedef struct _MSV1_0_INTERACTIVE_LOGON {      // KERB_INTERACTIVE_LOGON: the same, KERB_LOGON_SUBMIT_TYPE
 *   MSV1_0_LOGON_SUBMIT_TYPE MessageType;
 *   UNICODE_STRING           LogonDomainName;
 *   UNICODE_STRING           UserName;
 *   UNICODE_STRING           Password;
 * } MSV1_0_INTERACTIVE_LOGON;
 * typedef struct _MSV1_0_WORKSTATION_UNLOCK_LOGON { // KERB_INTERACTIVE_UNLOCK_LOGON: the same
 *   MSV1_0_INTERACTIVE_LOGON Logon;
 *   LUID                     LogonId;
 * } MSV1_0_WORKSTATION_UNLOCK_LOGON;
 * </pre>
 * The MessageType belongs to the package ({@link InteractiveLogonCodec} takes it as a parameter). The password is
 * UTF-16LE in a secret; whoever decodes one closes it when done. A logon made around a caller's password does not
 * own it: close only what you decoded.
 */
public record InteractiveLogon(String logonDomainName, String userName, SecretBytes password,
                               Optional<Luid> unlockLogonId) implements AutoCloseable {
    public InteractiveLogon {
        Objects.requireNonNull(logonDomainName, "logonDomainName");
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(unlockLogonId, "unlockLogonId");
    }

    /** Whether this is the unlock form (with LogonId). */
    public boolean isUnlock() {
        return unlockLogonId.isPresent();
    }

    /** Destroys the password. */
    @Override
    public void close() {
        password.destroy();
    }
}
