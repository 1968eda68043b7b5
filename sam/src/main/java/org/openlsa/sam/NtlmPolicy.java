package org.openlsa.sam;

import java.util.Objects;

/**
 * Which NTLM responses the domain accepts (the knobs of Samba's {@code ntlm auth}, {@code lanman auth} and
 * {@code restrict anonymous}, which Windows spreads over LmCompatibilityLevel and RestrictAnonymous).
 *
 * @param level which challenge/response protocols a network logon may use
 * @param lanmanAuth whether LAN Manager (LMv1) responses are accepted; only then are LM hashes stored when a password
 *     is set (a password longer than 14 characters has none). LMv2, being NTLMv2 arithmetic, needs no LM hash and
 *     follows {@code level}
 * @param anonymousLogon whether a network logon with an empty user name and empty responses becomes an ANONYMOUS
 *     LOGON token (S-1-5-7); when false it is refused with ACCESS_DENIED
 */
public record NtlmPolicy(Level level, boolean lanmanAuth, boolean anonymousLogon) {

    /** The protocols a network logon may use, from the most to the least permissive. */
    public enum Level {
        /** NTLMv1, NTLMv1 with extended session security, and everything NTLMv2 (Samba {@code ntlmv1-permitted}). */
        NTLMV1_PERMITTED,
        /** NTLMv2 and LMv2 only; NTLMv1 only for callers that set MSV1_0_ALLOW_MSVCHAPV2 (Samba {@code mschapv2-and-ntlmv2-only}). */
        MSCHAPV2_AND_NTLMV2_ONLY,
        /** NTLMv2 and LMv2 only (Samba {@code ntlmv2-only}, the default). */
        NTLMV2_ONLY,
        /** No challenge/response logon at all: NTLM_BLOCKED (Samba {@code disabled}). Cleartext and anonymous still work. */
        DISABLED;

        /** Whether an NTLMv1 response is acceptable from a caller whose ParameterControl says {@code msChapV2}. */
        public boolean allowsNtlmV1(boolean msChapV2) {
            return this == NTLMV1_PERMITTED || (this == MSCHAPV2_AND_NTLMV2_ONLY && msChapV2);
        }

        /** The name used in configuration and by the CLI ({@code ntlmv2-only}, ...). */
        public String configName() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        public static Level fromConfigName(String s) {
            for (Level l : values()) {
                if (l.configName().equalsIgnoreCase(s) || l.name().equalsIgnoreCase(s)) {
                    return l;
                }
            }
            throw new IllegalArgumentException("unknown NTLM level '" + s + "' (expected one of ntlmv1-permitted, "
                    + "mschapv2-and-ntlmv2-only, ntlmv2-only, disabled)");
        }
    }

    /** NTLMv2 only, no LAN Manager, anonymous logons allowed (both Windows' and Samba's defaults). */
    public static final NtlmPolicy DEFAULT = new NtlmPolicy(Level.NTLMV2_ONLY, false, true);

    public NtlmPolicy {
        Objects.requireNonNull(level, "level");
    }

    public NtlmPolicy withLevel(Level v) {
        return new NtlmPolicy(v, lanmanAuth, anonymousLogon);
    }

    public NtlmPolicy withLanmanAuth(boolean v) {
        return new NtlmPolicy(level, v, anonymousLogon);
    }

    public NtlmPolicy withAnonymousLogon(boolean v) {
        return new NtlmPolicy(level, lanmanAuth, v);
    }
}
