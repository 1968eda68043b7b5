package org.openlsa.ntlmssp;

import java.util.ArrayList;
import java.util.List;

/**
 * The NegotiateFlags of every NTLMSSP message (MS-NLMP 2.2.2.5), a 32-bit set kept whole so that reserved and
 * unknown bits survive a decode / encode round trip. The constants carry the spec's names (its letter in the bit
 * diagram is given in each comment); {@link #describe()} lists the set bits for logs.
 */
public record NegotiateFlags(int value) {
    /** A: Unicode strings in the payload. */
    public static final int NTLMSSP_NEGOTIATE_UNICODE = 0x00000001;
    /** B: OEM strings in the payload (the spec spells this one without "SSP"). */
    public static final int NTLM_NEGOTIATE_OEM = 0x00000002;
    /** C: the server must return TargetName in the CHALLENGE_MESSAGE. */
    public static final int NTLMSSP_REQUEST_TARGET = 0x00000004;
    /** D: session signing. */
    public static final int NTLMSSP_NEGOTIATE_SIGN = 0x00000010;
    /** E: session sealing. */
    public static final int NTLMSSP_NEGOTIATE_SEAL = 0x00000020;
    /** F: connectionless (datagram) authentication. */
    public static final int NTLMSSP_NEGOTIATE_DATAGRAM = 0x00000040;
    /** G: LAN Manager session key (affects KXKEY and SEALKEY of NTLMv1). */
    public static final int NTLMSSP_NEGOTIATE_LM_KEY = 0x00000080;
    /** H: NTLM v1 session security. */
    public static final int NTLMSSP_NEGOTIATE_NTLM = 0x00000200;
    /** J: the connection should be anonymous. */
    public static final int NTLMSSP_ANONYMOUS = 0x00000800;
    /** K: the NEGOTIATE_MESSAGE carries DomainName. */
    public static final int NTLMSSP_NEGOTIATE_OEM_DOMAIN_SUPPLIED = 0x00001000;
    /** L: the NEGOTIATE_MESSAGE carries Workstation. */
    public static final int NTLMSSP_NEGOTIATE_OEM_WORKSTATION_SUPPLIED = 0x00002000;
    /** M: a dummy signature even without SIGN/SEAL. */
    public static final int NTLMSSP_NEGOTIATE_ALWAYS_SIGN = 0x00008000;
    /** N: TargetName is a domain name. */
    public static final int NTLMSSP_TARGET_TYPE_DOMAIN = 0x00010000;
    /** O: TargetName is a server name. */
    public static final int NTLMSSP_TARGET_TYPE_SERVER = 0x00020000;
    /** P: NTLM v2 session security (NTLM2 session response for v1). */
    public static final int NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY = 0x00080000;
    /** Q: an identify-level token. */
    public static final int NTLMSSP_NEGOTIATE_IDENTIFY = 0x00100000;
    /** R: LMOWF-based session key (KXKEY of NTLMv1). */
    public static final int NTLMSSP_REQUEST_NON_NT_SESSION_KEY = 0x00400000;
    /** S: the CHALLENGE_MESSAGE carries TargetInfo. */
    public static final int NTLMSSP_NEGOTIATE_TARGET_INFO = 0x00800000;
    /** T: the message carries a Version. */
    public static final int NTLMSSP_NEGOTIATE_VERSION = 0x02000000;
    /** U: 128-bit session keys. */
    public static final int NTLMSSP_NEGOTIATE_128 = 0x20000000;
    /** V: explicit key exchange (EncryptedRandomSessionKey). */
    public static final int NTLMSSP_NEGOTIATE_KEY_EXCH = 0x40000000;
    /** W: 56-bit session keys. */
    public static final int NTLMSSP_NEGOTIATE_56 = 0x80000000;

    private static final int[] BITS = {
        NTLMSSP_NEGOTIATE_UNICODE, NTLM_NEGOTIATE_OEM, NTLMSSP_REQUEST_TARGET, NTLMSSP_NEGOTIATE_SIGN,
        NTLMSSP_NEGOTIATE_SEAL, NTLMSSP_NEGOTIATE_DATAGRAM, NTLMSSP_NEGOTIATE_LM_KEY, NTLMSSP_NEGOTIATE_NTLM,
        NTLMSSP_ANONYMOUS, NTLMSSP_NEGOTIATE_OEM_DOMAIN_SUPPLIED, NTLMSSP_NEGOTIATE_OEM_WORKSTATION_SUPPLIED,
        NTLMSSP_NEGOTIATE_ALWAYS_SIGN, NTLMSSP_TARGET_TYPE_DOMAIN, NTLMSSP_TARGET_TYPE_SERVER,
        NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY, NTLMSSP_NEGOTIATE_IDENTIFY, NTLMSSP_REQUEST_NON_NT_SESSION_KEY,
        NTLMSSP_NEGOTIATE_TARGET_INFO, NTLMSSP_NEGOTIATE_VERSION, NTLMSSP_NEGOTIATE_128, NTLMSSP_NEGOTIATE_KEY_EXCH,
        NTLMSSP_NEGOTIATE_56,
    };
    private static final String[] NAMES = {
        "NTLMSSP_NEGOTIATE_UNICODE", "NTLM_NEGOTIATE_OEM", "NTLMSSP_REQUEST_TARGET", "NTLMSSP_NEGOTIATE_SIGN",
        "NTLMSSP_NEGOTIATE_SEAL", "NTLMSSP_NEGOTIATE_DATAGRAM", "NTLMSSP_NEGOTIATE_LM_KEY", "NTLMSSP_NEGOTIATE_NTLM",
        "NTLMSSP_ANONYMOUS", "NTLMSSP_NEGOTIATE_OEM_DOMAIN_SUPPLIED", "NTLMSSP_NEGOTIATE_OEM_WORKSTATION_SUPPLIED",
        "NTLMSSP_NEGOTIATE_ALWAYS_SIGN", "NTLMSSP_TARGET_TYPE_DOMAIN", "NTLMSSP_TARGET_TYPE_SERVER",
        "NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY", "NTLMSSP_NEGOTIATE_IDENTIFY",
        "NTLMSSP_REQUEST_NON_NT_SESSION_KEY", "NTLMSSP_NEGOTIATE_TARGET_INFO", "NTLMSSP_NEGOTIATE_VERSION",
        "NTLMSSP_NEGOTIATE_128", "NTLMSSP_NEGOTIATE_KEY_EXCH", "NTLMSSP_NEGOTIATE_56",
    };

    public static NegotiateFlags of(int... flags) {
        int v = 0;
        for (int f : flags) {
            v |= f;
        }
        return new NegotiateFlags(v);
    }

    /** True when every bit of {@code flags} is set. */
    public boolean has(int flags) {
        return (value & flags) == flags;
    }

    public NegotiateFlags with(int flags) {
        return new NegotiateFlags(value | flags);
    }

    public NegotiateFlags without(int flags) {
        return new NegotiateFlags(value & ~flags);
    }

    /** Payload strings are Unicode when NTLMSSP_NEGOTIATE_UNICODE is set, OEM otherwise (MS-NLMP 2.2). */
    public boolean unicode() {
        return has(NTLMSSP_NEGOTIATE_UNICODE);
    }

    /** {@code 0xe28a8233 NTLMSSP_NEGOTIATE_UNICODE|...}, naming unknown or reserved bits {@code r:0x...}. */
    public String describe() {
        List<String> names = new ArrayList<>();
        int rest = value;
        for (int i = 0; i < BITS.length; i++) {
            if ((value & BITS[i]) != 0) {
                names.add(NAMES[i]);
                rest &= ~BITS[i];
            }
        }
        if (rest != 0) {
            names.add("r:0x" + Integer.toHexString(rest));
        }
        return String.format("0x%08x %s", value, String.join("|", names));
    }

    @Override
    public String toString() {
        return String.format("NegotiateFlags[0x%08x]", value);
    }
}
