package org.openlsa.ntlmssp;

import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.openlsa.core.LsaException;
import org.openlsa.core.Luid;
import org.openlsa.core.NtStatus;
import org.openlsa.core.NtTime;
import org.openlsa.core.SecurityLogonType;
import org.openlsa.core.TokenSource;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.engine.LogonRequest;
import org.openlsa.engine.LogonResult;
import org.openlsa.engine.LsaConnection;
import org.openlsa.engine.TokenHandle;
import org.openlsa.msv1_0.Msv1_0Lm20Logon;
import org.openlsa.msv1_0.Msv1_0Lm20LogonCodec;
import org.openlsa.msv1_0.Msv1_0Lm20LogonProfile;
import org.openlsa.msv1_0.Msv1_0Lm20LogonProfileCodec;
import org.openlsa.msv1_0.Msv1_0ParameterControl;

/**
 * The server side of one NTLM handshake (MS-NLMP 3.2), driven message by message: NEGOTIATE in, CHALLENGE out,
 * AUTHENTICATE in, and at the end an MSV1_0 network logon through an {@link LsaConnection} (in-process or the
 * daemon's) that yields a token handle and the session keys.
 *
 * <p>Each acceptor issues one fresh random challenge and accepts one AUTHENTICATE for it, within the configured
 * lifetime: a second AUTHENTICATE, an AUTHENTICATE after the lifetime, or one computed for another challenge (a
 * replay) fails. An NTLMv2 response must echo the CHALLENGE's AV pairs unchanged ({@link EchoedAvPairs}, as Samba
 * insists), else INVALID_PARAMETER before any logon. When the client's NTLMv2 AV pairs announce a MIC, the MIC is verified over the exact bytes of the
 * three messages with the ExportedSessionKey (an attacker who strips flags from NEGOTIATE or CHALLENGE is caught);
 * a bad MIC closes the new token and fails with LOGON_FAILURE.
 *
 * <p>The connection must be trusted (a registered logon process) for the logon's statuses to carry their SubStatus;
 * an untrusted one works but sees LOGON_FAILURE without detail, as the API prescribes. Not thread-safe: one acceptor
 * per client handshake.
 */
public final class NtlmAcceptor {
    /** The TOKEN_SOURCE name Windows' NTLM security package stamps on its tokens. */
    public static final String TOKEN_SOURCE_NAME = "NtLmSsp";

    /** Flags this acceptor grants when the client asks for them (the rest of the client's bits are dropped). */
    private static final int GRANTABLE = NegotiateFlags.NTLMSSP_NEGOTIATE_SIGN | NegotiateFlags.NTLMSSP_NEGOTIATE_SEAL
            | NegotiateFlags.NTLMSSP_NEGOTIATE_ALWAYS_SIGN | NegotiateFlags.NTLMSSP_NEGOTIATE_128
            | NegotiateFlags.NTLMSSP_NEGOTIATE_56 | NegotiateFlags.NTLMSSP_NEGOTIATE_KEY_EXCH
            | NegotiateFlags.NTLMSSP_NEGOTIATE_VERSION | NegotiateFlags.NTLMSSP_NEGOTIATE_IDENTIFY;
    private static final Version VERSION = new Version(10, 0, 20348, Version.NTLMSSP_REVISION_W2K3);

    private enum State { NEW, CHALLENGED, DONE }

    private final LsaConnection lsa;
    private final NtlmAcceptorSettings settings;
    private final int msv;
    private State state = State.NEW;
    private byte[] negotiateBytes;
    private byte[] challengeBytes;
    private byte[] serverChallenge;
    private TargetInfo targetInfo;
    private NegotiateFlags flags;
    private Instant challengedAt;

    public NtlmAcceptor(LsaConnection lsa, NtlmAcceptorSettings settings) throws LsaException {
        this.lsa = lsa;
        this.settings = settings;
        this.msv = lsa.lookupAuthenticationPackage("MSV1_0");
    }

    /**
     * Answers a NEGOTIATE_MESSAGE with a CHALLENGE_MESSAGE: a fresh challenge, the flags granted, and the target
     * info (names and MsvAvTimestamp) NTLMv2 clients fold into their proof.
     *
     * @throws LsaException INVALID_PARAMETER for a malformed message or a second NEGOTIATE
     */
    public byte[] challenge(byte[] negotiateMessage) throws LsaException {
        if (state != State.NEW) {
            throw new LsaException(NtStatus.INVALID_PARAMETER, "this NTLM handshake already has its NEGOTIATE");
        }
        state = State.DONE; // until the CHALLENGE is out: a malformed NEGOTIATE ends the handshake
        NegotiateMessage negotiate = NtlmsspCodec.decodeNegotiate(negotiateMessage);
        NegotiateFlags asked = negotiate.negotiateFlags();
        int granted = NegotiateFlags.NTLMSSP_NEGOTIATE_NTLM | NegotiateFlags.NTLMSSP_NEGOTIATE_TARGET_INFO
                | (asked.value() & GRANTABLE);
        granted |= asked.unicode() || !asked.has(NegotiateFlags.NTLM_NEGOTIATE_OEM)
                ? NegotiateFlags.NTLMSSP_NEGOTIATE_UNICODE : NegotiateFlags.NTLM_NEGOTIATE_OEM;
        if (asked.has(NegotiateFlags.NTLMSSP_REQUEST_TARGET)) {
            granted |= NegotiateFlags.NTLMSSP_REQUEST_TARGET | NegotiateFlags.NTLMSSP_TARGET_TYPE_DOMAIN;
        }
        // Extended session security wins over LM_KEY (MS-NLMP 3.2.5.1.1); neither is granted unless asked for.
        if (asked.has(NegotiateFlags.NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY)) {
            granted |= NegotiateFlags.NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY;
        } else if (asked.has(NegotiateFlags.NTLMSSP_NEGOTIATE_LM_KEY)) {
            granted |= NegotiateFlags.NTLMSSP_NEGOTIATE_LM_KEY;
        }
        flags = new NegotiateFlags(granted);
        serverChallenge = new byte[ChallengeMessage.SERVER_CHALLENGE_BYTES];
        settings.random().nextBytes(serverChallenge);
        challengedAt = settings.clock().instant();
        java.util.List<AvPair> pairs = new java.util.ArrayList<>();
        pairs.add(AvPair.ofName(AvId.MsvAvNbDomainName, settings.netbiosDomain()));
        pairs.add(AvPair.ofName(AvId.MsvAvNbComputerName, settings.netbiosComputer()));
        if (!settings.dnsDomain().isEmpty()) {
            pairs.add(AvPair.ofName(AvId.MsvAvDnsDomainName, settings.dnsDomain()));
        }
        if (!settings.dnsComputer().isEmpty()) {
            pairs.add(AvPair.ofName(AvId.MsvAvDnsComputerName, settings.dnsComputer()));
        }
        pairs.add(AvPair.ofTimestamp(NtTime.fromInstant(challengedAt)));
        targetInfo = new TargetInfo(pairs);
        ChallengeMessage challenge = new ChallengeMessage(
                flags.has(NegotiateFlags.NTLMSSP_REQUEST_TARGET) ? settings.netbiosDomain() : "", flags,
                serverChallenge, Optional.of(targetInfo),
                flags.has(NegotiateFlags.NTLMSSP_NEGOTIATE_VERSION) ? Optional.of(VERSION) : Optional.empty());
        negotiateBytes = negotiateMessage.clone();
        challengeBytes = NtlmsspCodec.encode(challenge);
        state = State.CHALLENGED;
        return challengeBytes.clone();
    }

    /**
     * Checks an AUTHENTICATE_MESSAGE with an MSV1_0 network logon and, when it succeeds, derives the session keys.
     * The handshake is over whatever the outcome.
     *
     * @throws LsaException INVALID_PARAMETER for a malformed or out-of-order message, or an NTLMv2 response whose
     *     AV pairs do not echo the CHALLENGE's TargetInfo ({@link EchoedAvPairs}; no logon is attempted then);
     *     LOGON_FAILURE for an expired challenge or a bad MIC; otherwise the logon's own status (LOGON_FAILURE,
     *     ACCOUNT_RESTRICTION, ...)
     */
    public Accepted authenticate(byte[] authenticateMessage) throws LsaException {
        if (state != State.CHALLENGED) {
            throw new LsaException(NtStatus.INVALID_PARAMETER, state == State.NEW
                    ? "AUTHENTICATE before NEGOTIATE" : "this NTLM handshake is over: a challenge answers once");
        }
        state = State.DONE;
        if (settings.clock().instant().isAfter(challengedAt.plus(settings.challengeLifetime()))) {
            throw new LsaException(NtStatus.LOGON_FAILURE, "the challenge expired ("
                    + settings.challengeLifetime().toSeconds() + " s)");
        }
        AuthenticateMessage auth = NtlmsspCodec.decodeAuthenticate(authenticateMessage);
        Optional<NtlmV2Response> v2 = auth.ntlmV2Response();
        if (v2.isPresent()) {
            EchoedAvPairs.check(targetInfo, v2.get().avPairs());
        }
        // The client's final flags, limited to what was granted; clients that send none keep the granted set.
        NegotiateFlags used = auth.negotiateFlags().value() == 0 ? flags
                : new NegotiateFlags(auth.negotiateFlags().value() & flags.value());
        LogonResult logon = logon(auth, used);
        boolean keep = false;
        try (Keys keys = Keys.of(lsa, logon)) {
            SecretBytes exported;
            // Anonymous: no password, so no keys to derive (MS-NLMP 3.2.5.1.2 sets the SessionBaseKey to zero);
            // the KXKEY is zero too, whatever the flags (its LM response is no client challenge).
            try (SecretBytes kx = auth.isAnonymous() ? SecretBytes.adopt(new byte[NtlmKeys.KEY_BYTES])
                    : NtlmKeys.keyExchangeKey(used, auth.isNtlmV2(), keys.user, keys.lanman, serverChallenge,
                            auth.lmChallengeResponse())) {
                exported = NtlmKeys.exportedSessionKey(used, kx, auth.encryptedRandomSessionKey());
            }
            try {
                if (auth.mic().isPresent() && !NtlmKeys.verifyMic(exported, negotiateBytes, challengeBytes,
                        authenticateMessage, auth)) {
                    throw new LsaException(NtStatus.LOGON_FAILURE, "the AUTHENTICATE MIC does not verify: the "
                            + "messages were altered in transit");
                }
                Optional<NtlmSessionSecurity> security = used.has(NegotiateFlags.NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY)
                        && !auth.isAnonymous() ? Optional.of(NtlmSessionSecurity.forServer(used, exported)) : Optional.empty();
                keep = true;
                return new Accepted(logon.token(), logon.logonId(), auth.userName(), auth.domainName(),
                        auth.workstation(), auth.isAnonymous(), used, exported, security);
            } finally {
                if (!keep) {
                    exported.destroy();
                }
            }
        } finally {
            if (!keep) {
                lsa.closeHandle(logon.token());
            }
            Arrays.fill(serverChallenge, (byte) 0);
        }
    }

    /**
     * Undoes an accepted context the layer above refused after all (SPNEGO's mechListMIC): closes its token, which
     * ends the logon session, and destroys its keys.
     */
    void discard(Accepted accepted) throws LsaException {
        try {
            lsa.closeHandle(accepted.token());
        } finally {
            accepted.close();
        }
    }

    private LogonResult logon(AuthenticateMessage auth, NegotiateFlags used) throws LsaException {
        int control = Msv1_0ParameterControl.ALLOW_SERVER_TRUST_ACCOUNT
                | Msv1_0ParameterControl.ALLOW_WORKSTATION_TRUST_ACCOUNT;
        if (used.has(NegotiateFlags.NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY) && !auth.isNtlmV2()
                && auth.ntChallengeResponse().length == 24) {
            control |= Msv1_0ParameterControl.USE_CLIENT_CHALLENGE;
        }
        Msv1_0Lm20Logon logon = Msv1_0Lm20Logon.network(auth.domainName(), auth.userName(), auth.workstation(),
                serverChallenge, auth.ntChallengeResponse(), auth.lmChallengeResponse(), control);
        byte[] buffer = Msv1_0Lm20LogonCodec.encode(logon);
        LogonRequest request = new LogonRequest(settings.originName(), SecurityLogonType.NETWORK, msv, buffer,
                Optional.empty(), new TokenSource(TOKEN_SOURCE_NAME, Luid.ZERO));
        Arrays.fill(buffer, (byte) 0);
        try {
            return lsa.logonUser(request);
        } finally {
            request.close();
            logon.wipe();
        }
    }

    /** The profile's session keys, the profile buffer freed at once. */
    private record Keys(SecretBytes user, SecretBytes lanman) implements AutoCloseable {
        static Keys of(LsaConnection lsa, LogonResult logon) throws LsaException {
            byte[] bytes = logon.profileBuffer().bytes();
            lsa.freeReturnBuffer(logon.profileBuffer());
            try {
                Msv1_0Lm20LogonProfile p = Msv1_0Lm20LogonProfileCodec.decode(bytes);
                Keys k = new Keys(SecretBytes.adopt(p.userSessionKey()), SecretBytes.adopt(p.lanmanSessionKey()));
                p.wipe();
                return k;
            } finally {
                Arrays.fill(bytes, (byte) 0);
            }
        }

        @Override
        public void close() {
            user.destroy();
            lanman.destroy();
        }
    }

    /**
     * An established NTLM context. The token handle belongs to the caller (close it on the connection when done);
     * {@link #close()} destroys the keys.
     *
     * @param negotiatedFlags the flags both sides settled on
     * @param exportedSessionKey the key SMB, RPC and the like derive theirs from
     * @param sessionSecurity signing and MIC checking, when extended session security was negotiated
     */
    public record Accepted(TokenHandle token, Luid logonId, String userName, String domainName, String workstation,
                           boolean anonymous, NegotiateFlags negotiatedFlags, SecretBytes exportedSessionKey,
                           Optional<NtlmSessionSecurity> sessionSecurity) implements AutoCloseable {
        @Override
        public void close() {
            exportedSessionKey.destroy();
            sessionSecurity.ifPresent(NtlmSessionSecurity::close);
        }

        @Override
        public String toString() {
            return "Accepted[" + (anonymous ? "ANONYMOUS" : domainName + "\\" + userName) + " from '" + workstation
                    + "', logon " + logonId + ", " + negotiatedFlags.describe() + ", keys hidden]";
        }
    }
}
