package org.openlsa.kdc.protocol;

import java.util.Optional;

/**
 * The result codes of the kpasswd protocol (RFC 3244 2; MIT's krb5.h names), the first two octets of a reply's
 * user-data or of its KRB-ERROR's e-data.
 */
public enum KpasswdResult {
    SUCCESS(0, "Success"),
    MALFORMED(1, "Malformed request"),
    HARDERROR(2, "Server error"),
    AUTHERROR(3, "Authentication error"),
    SOFTERROR(4, "Password change rejected"),
    ACCESSDENIED(5, "Access denied"),
    BAD_VERSION(6, "Wrong protocol version"),
    INITIAL_FLAG_NEEDED(7, "Initial password required");

    private final int code;
    private final String meaning;

    KpasswdResult(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    /** What MIT's kpasswd prints for the code (krb5_chpw_result_code_string). */
    public String meaning() {
        return meaning;
    }

    public static Optional<KpasswdResult> of(int code) {
        for (KpasswdResult r : values()) {
            if (r.code == code) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
