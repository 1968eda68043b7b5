package org.openlsa.engine;

import java.util.Objects;
import java.util.Optional;
import org.openlsa.core.Luid;
import org.openlsa.core.NtStatus;
import org.openlsa.core.QuotaLimits;

/**
 * The outputs of a successful LsaLogonUser. {@code quotas} is present with primary tokens only; {@code subStatus}
 * is SUCCESS on success (failures are {@link org.openlsa.core.LsaException}s carrying status and SubStatus).
 */
public record LogonResult(ReturnBuffer profileBuffer, Luid logonId, TokenHandle token, Optional<QuotaLimits> quotas,
                          NtStatus subStatus) {
    public LogonResult {
        Objects.requireNonNull(profileBuffer, "profileBuffer");
        Objects.requireNonNull(logonId, "logonId");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(quotas, "quotas");
        Objects.requireNonNull(subStatus, "subStatus");
    }
}
