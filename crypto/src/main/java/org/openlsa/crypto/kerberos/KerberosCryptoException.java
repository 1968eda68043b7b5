package org.openlsa.crypto.kerberos;

import java.security.GeneralSecurityException;

/**
 * A ciphertext (or its checksum) that cannot be accepted: it fails its integrity check, or it is too short to hold
 * the confounder and checksum of its enctype. {@link #reason()} tells which, so a KDC can answer with the matching
 * error code; the message states the bound that was violated and never contains key or plaintext bytes.
 */
public final class KerberosCryptoException extends GeneralSecurityException {

    /** Why the ciphertext was refused, named after the MIT krb5 error codes for the same cases. */
    public enum Reason {
        /** The HMAC does not match: wrong key, wrong key usage, or modified data (KRB5KRB_AP_ERR_BAD_INTEGRITY). */
        BAD_INTEGRITY,
        /** Too short or otherwise impossible for the enctype (KRB5_BAD_MSIZE). */
        BAD_LENGTH
    }

    private final Reason reason;

    public KerberosCryptoException(Reason reason, String message) {
        super(message);
        this.reason = java.util.Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
