package org.openlsa.engine.spi;

import java.util.Objects;
import org.openlsa.core.NtStatus;

/** A package's answer to a CallPackage message: the response structure and the ProtocolStatus. */
public record PackageCallResult(byte[] response, NtStatus protocolStatus) {
    public PackageCallResult {
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(protocolStatus, "protocolStatus");
    }
}
