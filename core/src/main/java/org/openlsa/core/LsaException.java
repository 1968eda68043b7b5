package org.openlsa.core;

import java.util.Objects;

/**
 * The one checked exception of OpenLSA's API: an operation ended with an NTSTATUS other than success. The
 * SubStatus is {@link NtStatus#SUCCESS} unless the failure carries one (ACCOUNT_RESTRICTION with
 * ACCOUNT_DISABLED, for instance). The message is for people and logs; it never contains a secret.
 */
public class LsaException extends Exception {
    private static final long serialVersionUID = 1L;

    private final NtStatus status;
    private final NtStatus subStatus;

    public LsaException(NtStatus status, String message) {
        this(status, NtStatus.SUCCESS, message);
    }

    public LsaException(NtStatus status, NtStatus subStatus, String message) {
        super(Objects.requireNonNull(message, "message"));
        if (Objects.requireNonNull(status, "status").isSuccess()) {
            throw new IllegalArgumentException("an LsaException needs a failure status, not " + status);
        }
        this.status = status;
        this.subStatus = Objects.requireNonNull(subStatus, "subStatus");
    }

    public LsaException(NtStatus status, String message, Throwable cause) {
        this(status, NtStatus.SUCCESS, message);
        initCause(cause);
    }

    public NtStatus status() {
        return status;
    }

    public NtStatus subStatus() {
        return subStatus;
    }
}
