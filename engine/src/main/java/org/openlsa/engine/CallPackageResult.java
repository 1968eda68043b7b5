package org.openlsa.engine;

import java.util.Objects;
import org.openlsa.core.NtStatus;

/**
 * The outputs of LsaCallAuthenticationPackage: the response buffer and the package's ProtocolStatus. The call's own
 * status is success whenever this is returned; failures of the call itself are exceptions.
 */
public record CallPackageResult(ReturnBuffer returnBuffer, NtStatus protocolStatus) {
    public CallPackageResult {
        Objects.requireNonNull(returnBuffer, "returnBuffer");
        Objects.requireNonNull(protocolStatus, "protocolStatus");
    }
}
