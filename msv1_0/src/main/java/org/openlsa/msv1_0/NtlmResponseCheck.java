package org.openlsa.msv1_0;

import java.util.Arrays;
import java.util.Optional;
import org.openlsa.crypto.Desl;
import org.openlsa.crypto.LmOwf;
import org.openlsa.crypto.NtOwf;
import org.openlsa.crypto.NtlmV1;
import org.openlsa.crypto.NtlmV2;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.crypto.Upcase;
import org.openlsa.sam.NtlmPolicy;

/**
 * Whether the responses of a network logon prove the account's password (lsa-semantics 5; MS-NLMP 3.3; the order
 * Samba's libcli/auth/ntlm_check.c follows, so that the two agree on every response):
 * <ol>
 * <li>cleartext, when the caller allows it and the challenge is all zero;</li>
 * <li>NTLMv2 when the NT response is longer than 24 bytes, with the domain as given, upper-cased, then empty;
 * a failure here does not end the check: the LM field may still hold a valid LMv2 response;</li>
 * <li>NTLMv1 (with extended session security when USE_CLIENT_CHALLENGE) when the NT response is 24 bytes and the
 * policy allows v1; a v1 failure is final;</li>
 * <li>the LM field: LMv1 when LAN Manager is allowed and an LM hash is stored; LMv2 with the three domain variants;
 * an NTLMv1 response in the LM field when v1 is allowed.</li>
 * </ol>
 * Every comparison is constant-time over fixed-length values; a response of a length a step does not expect is never
 * compared, so it cannot match. Session keys follow MS-NLMP 3.3 and Samba: v2 UserSessionKey = HMAC_MD5(NTOWFv2,
 * NTProofStr) with the NTProofStr the server computes (when the LMv2 response is what matched beside a longer NT
 * response: computed over that NT response's blob, never the NTProofStr the client sent), LanmanSessionKey its
 * first 8 bytes;
 * v1 UserSessionKey = MD4(NT hash), LanmanSessionKey = LM hash[0..8] only when LAN Manager is allowed; an LM match
 * gives LM hash[0..8] + 8 zero bytes.
 */
final class NtlmResponseCheck {
    private NtlmResponseCheck() {}

    static final int V1_RESPONSE_LENGTH = Desl.RESPONSE_BYTES;

    /** Which proof matched; recorded in the audit log, never the proof itself. */
    enum Kind { CLEARTEXT, NTLMV2, LMV2, NTLMV1, NTLMV1_EXTENDED_SESSION_SECURITY, LM, NTLMV1_IN_LM_FIELD }

    /** A match and its session keys (the receiver destroys them). */
    record Verified(Kind kind, SecretBytes userSessionKey, SecretBytes lanmanSessionKey, int userFlags)
            implements AutoCloseable {
        @Override
        public void close() {
            userSessionKey.destroy();
            lanmanSessionKey.destroy();
        }
    }

    /**
     * Checks {@code logon}'s responses against the stored hashes.
     *
     * @param ntHash the account's NT hash; empty when it has none (then nothing matches but a stored LM hash)
     * @param lmHash the account's LM hash, used only when the policy allows LAN Manager
     * @return the match, or empty: a wrong password
     */
    static Optional<Verified> check(Msv1_0Lm20Logon logon, Optional<SecretBytes> ntHash, Optional<SecretBytes> lmHash,
                                    NtlmPolicy policy) {
        byte[] challenge = logon.challengeToClient();
        byte[] nt = logon.ntResponse();
        byte[] lm = logon.lmResponse();
        int control = logon.parameterControl();
        SecretBytes lmAllowed = policy.lanmanAuth() ? lmHash.orElse(null) : null;
        try {
            if (Msv1_0ParameterControl.has(control, Msv1_0ParameterControl.CLEARTEXT_PASSWORD_ALLOWED)
                    && isAllZero(challenge)) {
                return cleartext(nt, lm, ntHash, lmAllowed);
            }
            if (ntHash.isEmpty()) {
                return lmAllowed == null ? Optional.empty() : lmV1(lm, challenge, lmAllowed, lmAllowed, logon.userName());
            }
            SecretBytes hash = ntHash.get();
            if (nt.length > V1_RESPONSE_LENGTH) {
                Optional<Verified> v2 = ntlmV2(nt, challenge, hash, logon.userName(), domainVariants(logon));
                if (v2.isPresent()) {
                    return v2;
                }
            } else if (nt.length == V1_RESPONSE_LENGTH) {
                if (policy.level().allowsNtlmV1(Msv1_0ParameterControl.has(control, Msv1_0ParameterControl.ALLOW_MSVCHAPV2))) {
                    return ntlmV1(nt, lm, challenge, hash, lmAllowed,
                            Msv1_0ParameterControl.has(control, Msv1_0ParameterControl.USE_CLIENT_CHALLENGE));
                }
                // v1 not permitted: the LM field may still carry LMv2.
            }
            if (lm.length < V1_RESPONSE_LENGTH) {
                return Optional.empty();
            }
            if (lmAllowed != null) {
                Optional<Verified> lmV1 = lmV1(lm, challenge, lmAllowed, lmAllowed, logon.userName());
                if (lmV1.isPresent()) {
                    return lmV1;
                }
            }
            Optional<Verified> lmV2 = lmV2(lm, nt, challenge, hash, logon.userName(), domainVariants(logon));
            if (lmV2.isPresent()) {
                return lmV2;
            }
            if (lm.length == V1_RESPONSE_LENGTH && policy.level().allowsNtlmV1(
                    Msv1_0ParameterControl.has(control, Msv1_0ParameterControl.ALLOW_MSVCHAPV2))) {
                // Some clients put the NTLMv1 response in the LM field too.
                Optional<Verified> inLm = lmV1(lm, challenge, hash, lmAllowed, logon.userName());
                return inLm.map(v -> new Verified(Kind.NTLMV1_IN_LM_FIELD, v.userSessionKey(), v.lanmanSessionKey(),
                        v.userFlags() & ~Msv1_0UserFlags.USED_LM_PASSWORD));
            }
            return Optional.empty();
        } finally {
            Arrays.fill(nt, (byte) 0);
            Arrays.fill(lm, (byte) 0);
        }
    }

    /** The domain as sent, upper-cased as NTOWFv2 upper-cases names (Samba's retry), and empty (MS-NLMP 3.2.5.1.2). */
    private static String[] domainVariants(Msv1_0Lm20Logon logon) {
        String d = logon.logonDomainName();
        return new String[] {d, Upcase.of(d), ""};
    }

    /** NT field: the UTF-16LE password, compared through its NT hash; else the LM field's OEM password through LMOWF. */
    private static Optional<Verified> cleartext(byte[] nt, byte[] lm, Optional<SecretBytes> ntHash, SecretBytes lmHash) {
        boolean match = false;
        if (nt.length > 0 && ntHash.isPresent()) {
            try (SecretBytes pw = SecretBytes.copyOf(nt); SecretBytes given = NtOwf.ntOwfV1(pw)) {
                match = ntHash.get().equalsConstantTime(given);
            }
        } else if (nt.length == 0 && lm.length > 0 && lmHash != null) {
            char[] oem = new char[lm.length];
            for (int i = 0; i < lm.length; i++) {
                oem[i] = (char) (lm[i] & 0xFF);
            }
            try {
                Optional<SecretBytes> given = LmOwf.lmOwfV1(oem);
                if (given.isPresent()) {
                    try (SecretBytes g = given.get()) {
                        match = lmHash.equalsConstantTime(g);
                    }
                }
            } finally {
                Arrays.fill(oem, '\0');
            }
        }
        return match ? Optional.of(new Verified(Kind.CLEARTEXT, zeros(16), zeros(8), Msv1_0UserFlags.NOENCRYPTION))
                : Optional.empty();
    }

    private static Optional<Verified> ntlmV2(byte[] nt, byte[] challenge, SecretBytes ntHash, String user,
                                             String[] domains) {
        return matchingNtOwfV2(nt, challenge, ntHash, user, domains)
                .map(owf -> v2Keys(Kind.NTLMV2, owf, Arrays.copyOf(nt, NtlmV2.NT_PROOF_BYTES)));
    }

    /**
     * LMv2 (and, for an LM field longer than 24 bytes, the same NTLMv2 arithmetic over it, as Samba does). When an
     * NTLMv2 response was offered, the session key still comes from it, even though it did not match: from the
     * NTProofStr the server computes over its blob (MS-NLMP 3.3.2 keys with the server's own NTProofStr; Samba's
     * smb_sess_key_ntlmv2 does the same), not from the client's, which failed to verify.
     */
    private static Optional<Verified> lmV2(byte[] lm, byte[] nt, byte[] challenge, SecretBytes ntHash, String user,
                                           String[] domains) {
        return matchingNtOwfV2(lm, challenge, ntHash, user, domains).map(owf -> v2Keys(Kind.LMV2, owf,
                nt.length > V1_RESPONSE_LENGTH
                        ? NtlmV2.ntProofStr(owf, challenge, Arrays.copyOfRange(nt, NtlmV2.NT_PROOF_BYTES, nt.length))
                        : Arrays.copyOf(lm, NtlmV2.NT_PROOF_BYTES)));
    }

    /**
     * The NTOWFv2 (of the first domain variant) under which {@code response} = NTProofStr || client part verifies,
     * compared in constant time; the caller destroys it. Empty when no variant verifies.
     */
    private static Optional<SecretBytes> matchingNtOwfV2(byte[] response, byte[] challenge, SecretBytes ntHash,
                                                         String user, String[] domains) {
        byte[] proof = Arrays.copyOf(response, NtlmV2.NT_PROOF_BYTES);
        byte[] clientPart = Arrays.copyOfRange(response, NtlmV2.NT_PROOF_BYTES, response.length);
        for (String domain : domains) {
            SecretBytes owf = NtlmV2.ntOwfV2(ntHash, user, domain);
            try (SecretBytes expected = SecretBytes.adopt(NtlmV2.ntProofStr(owf, challenge, clientPart))) {
                if (expected.equalsConstantTime(proof)) {
                    return Optional.of(owf);
                }
            }
            owf.destroy();
        }
        return Optional.empty();
    }

    /** UserSessionKey = HMAC_MD5(NTOWFv2, keyProof), LanmanSessionKey its first 8 bytes; destroys {@code owf}. */
    private static Verified v2Keys(Kind kind, SecretBytes owf, byte[] keyProof) {
        try (owf) {
            SecretBytes key = NtlmV2.sessionBaseKey(owf, keyProof);
            return new Verified(kind, key, prefix(key, 8), 0);
        }
    }

    private static Optional<Verified> ntlmV1(byte[] nt, byte[] lm, byte[] challenge, SecretBytes ntHash,
                                             SecretBytes lmHash, boolean extendedSessionSecurity) {
        Kind kind = Kind.NTLMV1;
        byte[] effective = challenge;
        if (extendedSessionSecurity) {
            if (lm.length < NtlmV1.CHALLENGE_BYTES) {
                return Optional.empty();
            }
            effective = NtlmV1.extendedSessionSecurityChallenge(challenge, Arrays.copyOf(lm, NtlmV1.CHALLENGE_BYTES));
            kind = Kind.NTLMV1_EXTENDED_SESSION_SECURITY;
        }
        try (SecretBytes expected = SecretBytes.adopt(NtlmV1.ntResponse(ntHash, effective))) {
            if (!expected.equalsConstantTime(nt)) {
                return Optional.empty();
            }
        }
        SecretBytes lanman = lmHash != null ? prefix(lmHash, 8) : zeros(8);
        return Optional.of(new Verified(kind, NtlmV1.sessionBaseKey(ntHash), lanman, 0));
    }

    /** DESL(hash, challenge) against a 24-byte LM field: LMv1 with the LM hash, or an NTLMv1 response there. */
    private static Optional<Verified> lmV1(byte[] lm, byte[] challenge, SecretBytes hash, SecretBytes lmHash,
                                           String user) {
        // Samba: no LAN Manager for user@realm names (their LM hash is of another name form).
        if (lm.length != V1_RESPONSE_LENGTH || user.indexOf('@') >= 0) {
            return Optional.empty();
        }
        try (SecretBytes expected = SecretBytes.adopt(Desl.desl(hash, challenge))) {
            if (!expected.equalsConstantTime(lm)) {
                return Optional.empty();
            }
        }
        if (lmHash == null) {
            return Optional.of(new Verified(Kind.LM, zeros(16), zeros(8), Msv1_0UserFlags.USED_LM_PASSWORD));
        }
        byte[] user16 = new byte[16];
        lmHash.use(h -> System.arraycopy(h, 0, user16, 0, 8));
        return Optional.of(new Verified(Kind.LM, SecretBytes.adopt(user16), prefix(lmHash, 8),
                Msv1_0UserFlags.USED_LM_PASSWORD));
    }

    private static SecretBytes prefix(SecretBytes key, int n) {
        byte[] out = new byte[n];
        key.use(k -> System.arraycopy(k, 0, out, 0, n));
        return SecretBytes.adopt(out);
    }

    private static SecretBytes zeros(int n) {
        return SecretBytes.adopt(new byte[n]);
    }

    private static boolean isAllZero(byte[] b) {
        int acc = 0;
        for (byte x : b) {
            acc |= x;
        }
        return acc == 0;
    }
}
