package org.openlsa.msv1_0;

import java.util.Objects;
import java.util.Optional;
import org.openlsa.core.Luid;
import org.openlsa.crypto.SecretBytes;

/**
 * MSV1_0_INTERACTIVE_LOGON, or MSV1_0_WORKSTATION_UNLOCK_LOGON when {@code unlockLogonId} is present (ntsecapi.h):
 * <pre>
 * typedef struct _MSV1_0_INTERACTIVE_LOGON {
 *   MSV1_0_LOGON_SUBMIT_TYPE MessageType;
 *   UNICODE_STRING           LogonDomainName;
 *   UNICODE_STRING           UserName;
 *   UNICODE_STRING           Password;
 * } MSV1_0_INTERACTIVE_LOGON;
 * typedef struct _MSV1_0_WORKSTATION_UNLOCK_LOGON {
 *   MSV1_0_INTERACTIVE_LOGON Logon;
 *   LUID                     LogonId;
 * } MSV1_0_WORKSTATION_UNLOCK_LOGON;
 * </pre>
 * The password is UTF-16LE in a secret; whoever decodes one destroys it when done.
 */
public record Msv1_0InteractiveLogon(String logonDomainName, String userName, SecretBytes password,
                                     Optional<Luid> unlockLogonId) implements AutoCloseable {
    public Msv1_0InteractiveLogon {
        Objects.requireNonNull(logonDomainName, "logonDomainName");
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(unlockLogonId, "unlockLogonId");
    }

    public Msv1_0SubmitType submitType() {
        return unlockLogonId.isPresent() ? Msv1_0SubmitType.WORKSTATION_UNLOCK_LOGON : Msv1_0SubmitType.INTERACTIVE_LOGON;
    }

    /** Destroys the password. */
    @Override
    public void close() {
        password.destroy();
    }
}
