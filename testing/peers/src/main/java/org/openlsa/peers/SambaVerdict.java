package org.openlsa.peers;

import java.util.Objects;
import java.util.Optional;

/**
 * Samba's answer to one {@link NtlmRequest}.
 *
 * @param authenticated     whether ntlm_auth answered {@code Authenticated: Yes}
 * @param userSessionKey    the 16-byte {@code User-Session-Key}: for an NTLMv2 response this is the MS-NLMP
 *                          SessionBaseKey (HMAC_MD5(NTOWFv2, NTProofStr)); for an LMv2-only request the LMv2 one
 * @param error             the {@code Authentication-Error} text of a failure, empty on success
 * @param lanmanSessionKey  the 8-byte {@code LANMAN-Session-Key} (observed: the first 8 bytes of the user session
 *                          key for NTLMv2)
 */
public record SambaVerdict(boolean authenticated, Optional<byte[]> userSessionKey, String error,
        Optional<byte[]> lanmanSessionKey) {
    public SambaVerdict {
        Objects.requireNonNull(error, "error");
        userSessionKey = Objects.requireNonNull(userSessionKey, "userSessionKey").map(byte[]::clone);
        lanmanSessionKey = Objects.requireNonNull(lanmanSessionKey, "lanmanSessionKey").map(byte[]::clone);
        if (authenticated && !error.isEmpty()) {
            throw new IllegalArgumentException("an authenticated verdict carries no error");
        }
    }

    /** A verdict with no LANMAN session key. */
    public SambaVerdict(boolean authenticated, Optional<byte[]> userSessionKey, String error) {
        this(authenticated, userSessionKey, error, Optional.empty());
    }

    @Override
    public Optional<byte[]> userSessionKey() {
        return userSessionKey.map(byte[]::clone);
    }

    @Override
    public Optional<byte[]> lanmanSessionKey() {
        return lanmanSessionKey.map(byte[]::clone);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SambaVerdict v && authenticated == v.authenticated && error.equals(v.error)
                && sameKey(userSessionKey, v.userSessionKey) && sameKey(lanmanSessionKey, v.lanmanSessionKey);
    }

    private static boolean sameKey(Optional<byte[]> a, Optional<byte[]> b) {
        return a.isPresent() == b.isPresent()
                && (a.isEmpty() || java.security.MessageDigest.isEqual(a.get(), b.get()));
    }

    @Override
    public int hashCode() {
        return Objects.hash(authenticated, error, userSessionKey.isPresent());
    }

    /** The NTSTATUS of a failure, when its text is one Samba is known to print. */
    public Optional<SambaLogonError> logonError() {
        return SambaLogonError.fromErrorText(error);
    }

    @Override
    public String toString() {
        // Session keys are secrets: show only whether they came.
        return "SambaVerdict[" + (authenticated ? "authenticated" : "refused: " + error)
                + (userSessionKey.isPresent() ? ", user session key" : "")
                + (lanmanSessionKey.isPresent() ? ", LANMAN session key" : "") + "]";
    }
}
