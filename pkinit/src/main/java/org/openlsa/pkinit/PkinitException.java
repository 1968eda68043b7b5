package org.openlsa.pkinit;

import java.util.Objects;
import org.openlsa.krb5.ErrorCode;

/**
 * A PA-PK-AS-REQ the KDC refuses, with the Kerberos error RFC 4556 section 3.2 prescribes for the reason (the KDC
 * sends it in its KRB-ERROR). The message is for the KDC's log: it names the check that failed, never key material.
 */
public final class PkinitException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient ErrorCode errorCode;

    public PkinitException(ErrorCode errorCode, String message) {
        super(message);
        this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
    }

    public PkinitException(ErrorCode errorCode, String message, Throwable cause) {
        super(message, cause);
        this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
    }

    /** The error for the KRB-ERROR: KDC_ERR_CLIENT_NAME_MISMATCH, KDC_ERROR_INVALID_SIG, KRB_AP_ERR_SKEW, ... */
    public ErrorCode errorCode() {
        return errorCode;
    }
}
