package org.openlsa.kdc.internal;

import java.util.Objects;
import java.util.Optional;
import org.openlsa.core.NtStatus;
import org.openlsa.krb5.Bytes;
import org.openlsa.krb5.ErrorCode;

/**
 * A refusal on its way to becoming a KRB-ERROR. {@code eText} is for the administrator reading a trace: it never
 * holds a secret and never tells an unauthenticated client more than the error code already does. {@code status}
 * is the NTSTATUS Windows' KDC would put in KERB-EXT-ERROR (MS-KILE 2.2.1), so a Windows-aware client (the Kerberos
 * package of issue 6) can report the exact SubStatus, as it does against Active Directory.
 */
public final class KdcError extends Exception {
    private final ErrorCode code;
    private final Optional<NtStatus> status;
    private final Optional<Bytes> eData;

    public KdcError(ErrorCode code, String eText) {
        this(code, eText, Optional.empty(), Optional.empty());
    }

    public KdcError(ErrorCode code, String eText, Optional<NtStatus> status, Optional<Bytes> eData) {
        super(eText, null, false, false);
        this.code = Objects.requireNonNull(code, "code");
        this.status = Objects.requireNonNull(status, "status");
        this.eData = Objects.requireNonNull(eData, "eData");
    }

    public static KdcError withStatus(ErrorCode code, NtStatus status, String eText) {
        return new KdcError(code, eText, Optional.of(status), Optional.empty());
    }

    public ErrorCode code() {
        return code;
    }

    public Optional<NtStatus> status() {
        return status;
    }

    /** Explicit e-data (METHOD-DATA for PREAUTH_REQUIRED); when empty, the status (if any) becomes KERB-EXT-ERROR. */
    public Optional<Bytes> eData() {
        return eData;
    }
}
