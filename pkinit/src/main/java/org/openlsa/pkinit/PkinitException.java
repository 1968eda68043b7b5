package org.openlsa.pkinit;

import java.util.Objects;
import java.util.Optional;
import org.openlsa.krb5.ErrorCode;

/**
 * A PA-PK-AS-REQ the KDC refuses, with the Kerberos error RFC 4556 section 3.2 prescribes for the reason (the KDC
 * sends it in its KRB-ERROR). The message is for the KDC's log: it names the check that failed, never key material.
 */
public final class PkinitException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient ErrorCode errorCode;
    private final byte[] eData;

    public PkinitException(ErrorCode errorCode, String message) {
        super(message);
        this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
        this.eData = null;
    }

    /** A refusal whose KRB-ERROR carries {@code eData} (DER TYPED-DATA, such as TD-DH-PARAMETERS). */
    public PkinitException(ErrorCode errorCode, String message, byte[] eData) {
        super(message);
        this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
        this.eData = eData.clone();
    }

    public PkinitException(ErrorCode errorCode, String message, Throwable cause) {
        super(message, cause);
        this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
        this.eData = null;
    }

    /** The error for the KRB-ERROR: KDC_ERR_CLIENT_NAME_MISMATCH, KDC_ERROR_INVALID_SIG, KRB_AP_ERR_SKEW, ... */
    public ErrorCode errorCode() {
        return errorCode;
    }

    /**
     * The e-data for the KRB-ERROR, if RFC 4556 gives one for this refusal: with KDC_ERR_DH_KEY_PARAMETERS_NOT_ACCEPTED,
     * TYPED-DATA holding TD-DH-PARAMETERS (the groups this KDC accepts), from which MIT's kinit picks a group and
     * retries.
     */
    public Optional<byte[]> eData() {
        return eData == null ? Optional.empty() : Optional.of(eData.clone());
    }
}
