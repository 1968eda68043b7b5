package org.openlsa.peers;

import java.util.Optional;

/**
 * The NTSTATUS behind an ntlm_auth {@code Authentication-Error:} text. ntlm_auth prints only the status's message
 * text, so this maps the texts observed from Samba 4.17 back to their codes; an unknown text maps to nothing
 * (the raw text stays in {@link SambaVerdict#error()}).
 */
public enum SambaLogonError {
    /** Wrong password; also an NTLMv1 response under {@code ntlm auth = ntlmv2-only} and a domain mismatch. */
    WRONG_PASSWORD(0xC000006A, "the value provided as the current password is not correct"),
    /** No such account in tdbsam. */
    NO_SUCH_USER(0xC0000064, "The specified account does not exist"),
    /** The account is disabled (smbpasswd -d). */
    ACCOUNT_DISABLED(0xC0000072, "account is currently disabled"),
    /** The domain is neither the NetBIOS name nor empty: winbindd looks for a DC of that domain and finds none. */
    NO_LOGON_SERVERS(0xC000005E, "No logon servers are currently available"),
    /** {@code ntlm auth = disabled}. */
    NTLM_BLOCKED(0xC0000418, "NTLM was blocked");

    private final int ntStatusCode;
    private final String textFragment;

    SambaLogonError(int ntStatusCode, String textFragment) {
        this.ntStatusCode = ntStatusCode;
        this.textFragment = textFragment;
    }

    /** The NTSTATUS code, e.g. 0xC000006A for STATUS_WRONG_PASSWORD. */
    public int ntStatusCode() {
        return ntStatusCode;
    }

    /** The status whose message text {@code error} contains, if known. */
    public static Optional<SambaLogonError> fromErrorText(String error) {
        if (error == null) {
            return Optional.empty();
        }
        for (SambaLogonError candidate : values()) {
            if (error.contains(candidate.textFragment)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
