package org.openlsa.ntlmssp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openlsa.core.AccessToken;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.core.SidAndAttributes;
import org.openlsa.core.TokenType;
import org.openlsa.core.WellKnownSids;
import org.openlsa.engine.LsaConnection;
import org.openlsa.testkit.MutableClock;
import org.openlsa.testkit.RealmEngine;
import org.openlsa.testkit.SuiteLimits;
import org.openlsa.testkit.TestRealm;

/** The acceptor end to end over an in-process LSA, with a client built from the codecs (impacket: interop module). */
class NtlmAcceptorTest {
    private static final String PASSWORD = "Acc3ptor-Pw";

    @TempDir
    Path dir;
    private MutableClock clock;
    private RealmEngine realm;
    private LsaConnection lsa;
    private NtlmAcceptorSettings settings;

    @BeforeEach
    void start() throws Exception {
        clock = new MutableClock(TestRealm.START);
        realm = RealmEngine.open(dir, clock, SuiteLimits.DEFAULT);
        TestRealm.addUser(realm.store(), "amy", PASSWORD, clock.instant());
        lsa = realm.engine().registerLogonProcess(realm.engine().systemToken(), "acceptor test");
        settings = new NtlmAcceptorSettings(TestRealm.DOMAIN, TestRealm.MACHINE, "testdom.example", "", Duration.ofMinutes(5),
                clock, new Random(1), "acceptor test");
    }

    @AfterEach
    void stop() throws Exception {
        lsa.close();
        realm.close();
    }

    private NtlmAcceptor acceptor() throws LsaException {
        return new NtlmAcceptor(lsa, settings);
    }

    @Test
    void ntlmV2HandshakeWithMicAndKeyExchange() throws Exception {
        NtlmAcceptor a = acceptor();
        TestNtlmClient client = new TestNtlmClient("amy", TestRealm.DOMAIN, PASSWORD);
        byte[] challengeBytes = a.challenge(client.negotiate());
        ChallengeMessage challenge = NtlmsspCodec.decodeChallenge(challengeBytes);
        assertEquals(TestRealm.DOMAIN, challenge.targetName());
        assertEquals(Optional.of(TestRealm.MACHINE), challenge.targetInfo().orElseThrow().nbComputerName());
        assertTrue(challenge.targetInfo().orElseThrow().timestamp().isPresent());
        assertTrue(challenge.negotiateFlags().has(NegotiateFlags.NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY));
        try (NtlmAcceptor.Accepted ok = a.authenticate(client.authenticate(challengeBytes, false))) {
            assertEquals("amy", ok.userName());
            assertEquals("CLIENTPC", ok.workstation());
            assertArrayEquals(client.exportedSessionKey, ok.exportedSessionKey().copyBytes(),
                    "the exported session key the client chose");
            AccessToken t = lsa.queryToken(ok.token());
            assertEquals(TokenType.IMPERSONATION, t.type());
            assertTrue(t.groups().stream().map(SidAndAttributes::sid).toList().contains(WellKnownSids.NTLM_AUTHENTICATION));
            assertEquals(NtlmAcceptor.TOKEN_SOURCE_NAME, t.source().trimmedName());
            lsa.closeHandle(ok.token());
        }
    }

    @Test
    void wrongPasswordFailsAndEndsTheHandshake() throws Exception {
        NtlmAcceptor a = acceptor();
        TestNtlmClient client = new TestNtlmClient("amy", TestRealm.DOMAIN, "not-amy");
        byte[] challenge = a.challenge(client.negotiate());
        byte[] auth = client.authenticate(challenge, false);
        LsaException e = assertThrows(LsaException.class, () -> a.authenticate(auth));
        assertEquals(NtStatus.LOGON_FAILURE, e.status());
        assertEquals(NtStatus.WRONG_PASSWORD, e.subStatus());
        assertEquals(NtStatus.INVALID_PARAMETER, assertThrows(LsaException.class, () -> a.authenticate(auth)).status());
    }

    @Test
    void challengesAreSingleUseAndAReplayedAuthenticateFails() throws Exception {
        NtlmAcceptor first = acceptor();
        TestNtlmClient client = new TestNtlmClient("amy", TestRealm.DOMAIN, PASSWORD);
        byte[] auth = client.authenticate(first.challenge(client.negotiate()), false);
        try (NtlmAcceptor.Accepted ok = first.authenticate(auth)) {
            lsa.closeHandle(ok.token());
        }
        LsaException again = assertThrows(LsaException.class, () -> first.authenticate(auth));
        assertEquals(NtStatus.INVALID_PARAMETER, again.status(), "the same handshake cannot accept twice");
        NtlmAcceptor second = acceptor();
        byte[] otherChallenge = second.challenge(new TestNtlmClient("amy", TestRealm.DOMAIN, PASSWORD).negotiate());
        LsaException replay = assertThrows(LsaException.class, () -> second.authenticate(auth));
        assertEquals(NtStatus.LOGON_FAILURE, replay.status(), "a replay answers another challenge");
    }

    @Test
    void challengesExpire() throws Exception {
        NtlmAcceptor a = acceptor();
        TestNtlmClient client = new TestNtlmClient("amy", TestRealm.DOMAIN, PASSWORD);
        byte[] challenge = a.challenge(client.negotiate());
        byte[] auth = client.authenticate(challenge, false);
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        LsaException e = assertThrows(LsaException.class, () -> a.authenticate(auth));
        assertEquals(NtStatus.LOGON_FAILURE, e.status());
        assertTrue(e.getMessage().contains("expired"), e.getMessage());
    }

    /**
     * NTLMv2 responses whose AV pairs do not echo the CHALLENGE's are INVALID_PARAMETER before any logon, with the
     * right password as with a wrong one (so they cost no bad-password count), as Samba's NTLMSSP server refuses
     * them (NtlmAvPairsInteropTest shows Samba doing so with the same messages).
     */
    @Test
    void ntlmV2ResponsesMustEchoTheChallengesAvPairs() throws Exception {
        int sessions = realm.engine().sessionCount();
        Map<String, UnaryOperator<List<AvPair>>> malformed = TestNtlmClient.malformedEchoes();
        for (String password : new String[] {PASSWORD, "not-amy"}) {
            for (Map.Entry<String, UnaryOperator<List<AvPair>>> m : malformed.entrySet()) {
                NtlmAcceptor a = acceptor();
                TestNtlmClient client = new TestNtlmClient("amy", TestRealm.DOMAIN, password).echoing(m.getValue());
                byte[] auth = client.authenticate(a.challenge(client.negotiate()), false);
                LsaException e = assertThrows(LsaException.class, () -> a.authenticate(auth), m.getKey());
                assertEquals(NtStatus.INVALID_PARAMETER, e.status(), m.getKey() + ": " + e.getMessage());
            }
        }
        assertEquals(sessions, realm.engine().sessionCount());
        assertEquals(0, realm.store().findUser("amy").orElseThrow().logonState().badPasswordCount(),
                "no logon was attempted");

        // Pairs of the client's own beside a faithful echo are fine (impacket adds MsvAvTargetName, for one).
        NtlmAcceptor a = acceptor();
        TestNtlmClient client = new TestNtlmClient("amy", TestRealm.DOMAIN, PASSWORD).echoing(pairs -> {
            List<AvPair> more = new java.util.ArrayList<>(pairs);
            more.add(AvPair.ofName(AvId.MsvAvTargetName, "cifs/" + TestRealm.MACHINE));
            return more;
        });
        try (NtlmAcceptor.Accepted ok = a.authenticate(client.authenticate(a.challenge(client.negotiate()), false))) {
            lsa.closeHandle(ok.token());
        }
        // ... and a faithful echo with a wrong password is a logon, counted.
        NtlmAcceptor b = acceptor();
        TestNtlmClient wrong = new TestNtlmClient("amy", TestRealm.DOMAIN, "not-amy");
        byte[] auth = wrong.authenticate(b.challenge(wrong.negotiate()), false);
        assertEquals(NtStatus.LOGON_FAILURE, assertThrows(LsaException.class, () -> b.authenticate(auth)).status());
        assertEquals(1, realm.store().findUser("amy").orElseThrow().logonState().badPasswordCount());
    }

    @Test
    void aTamperedMicFailsAndLeavesNoSession() throws Exception {
        int before = realm.engine().sessionCount();
        NtlmAcceptor a = acceptor();
        TestNtlmClient client = new TestNtlmClient("amy", TestRealm.DOMAIN, PASSWORD);
        byte[] auth = client.authenticate(a.challenge(client.negotiate()), true);
        LsaException e = assertThrows(LsaException.class, () -> a.authenticate(auth));
        assertEquals(NtStatus.LOGON_FAILURE, e.status());
        assertTrue(e.getMessage().contains("MIC"), e.getMessage());
        assertEquals(before, realm.engine().sessionCount(), "the token of the refused logon was closed");
    }

    @Test
    void aNegotiateWhoseFlagsWereStrippedInTransitFailsTheMic() throws Exception {
        NtlmAcceptor a = acceptor();
        TestNtlmClient client = new TestNtlmClient("amy", TestRealm.DOMAIN, PASSWORD);
        byte[] original = client.negotiate();
        // A man in the middle removes KEY_EXCH from what the server sees; the client's MIC covers its own bytes.
        byte[] stripped = NtlmsspCodec.encode(new NegotiateMessage(new NegotiateFlags(TestNtlmClient.FLAGS)
                .without(NegotiateFlags.NTLMSSP_NEGOTIATE_SIGN), "", "",
                NtlmsspCodec.decodeNegotiate(original).version()));
        byte[] challenge = a.challenge(stripped);
        byte[] auth = client.authenticate(challenge, false);
        assertEquals(NtStatus.LOGON_FAILURE, assertThrows(LsaException.class, () -> a.authenticate(auth)).status());
    }

    @Test
    void curlsNegotiateAndAnonymous() throws Exception {
        NtlmAcceptor a = acceptor();
        byte[] curl = HexFormat.of().parseHex("4e544c4d53535000010000000682080000000000000000000000000000000000");
        assertEquals(32, curl.length);
        byte[] challengeBytes = a.challenge(curl);
        ChallengeMessage challenge = NtlmsspCodec.decodeChallenge(challengeBytes);
        assertTrue(challenge.version().isEmpty(), "no Version unless the client asked for it");
        AuthenticateMessage anonymous = new AuthenticateMessage(new byte[] {0}, new byte[0], "", "", "", new byte[0],
                challenge.negotiateFlags().with(NegotiateFlags.NTLMSSP_ANONYMOUS), Optional.empty(), Optional.empty());
        try (NtlmAcceptor.Accepted ok = a.authenticate(NtlmsspCodec.encode(anonymous))) {
            assertTrue(ok.anonymous());
            assertEquals(WellKnownSids.ANONYMOUS, lsa.queryToken(ok.token()).user().sid());
            lsa.closeHandle(ok.token());
        }
    }

    @Test
    void outOfOrderAndMalformedMessagesAreInvalidParameter() throws Exception {
        NtlmAcceptor a = acceptor();
        assertEquals(NtStatus.INVALID_PARAMETER, assertThrows(LsaException.class,
                () -> a.authenticate(new byte[64])).status());
        NtlmAcceptor b = acceptor();
        assertEquals(NtStatus.INVALID_PARAMETER, assertThrows(LsaException.class,
                () -> b.challenge(HexFormat.of().parseHex("4e544c4d5353500001000000"))).status());
        NtlmAcceptor c = acceptor();
        TestNtlmClient client = new TestNtlmClient("amy", TestRealm.DOMAIN, PASSWORD);
        c.challenge(client.negotiate());
        assertEquals(NtStatus.INVALID_PARAMETER, assertThrows(LsaException.class,
                () -> c.challenge(client.negotiate())).status());
    }

    // ------------------------------------------------------------------ SPNEGO

    @Test
    void spnegoWithAnOptimisticNtlmTokenAndMechListMics() throws Exception {
        SpnegoAcceptor s = new SpnegoAcceptor(acceptor());
        TestNtlmClient client = new TestNtlmClient("amy", TestRealm.DOMAIN, PASSWORD);
        List<MechType> mechs = List.of(MechType.NTLMSSP);
        SpnegoAcceptor.Step first = s.accept(SpnegoCodec.encode(NegTokenInit.of(mechs, client.negotiate())));
        assertEquals(SpnegoAcceptor.State.CONTINUE, first.state());
        NegTokenResp r1 = SpnegoCodec.decodeNegTokenResp(first.responseToken());
        assertEquals(Optional.of(NegState.ACCEPT_INCOMPLETE), r1.negState());
        assertEquals(Optional.of(MechType.NTLMSSP), r1.supportedMech());
        byte[] auth = client.authenticate(r1.responseToken().orElseThrow(), false);
        byte[] mechList = SpnegoCodec.encodeMechTypeList(mechs);
        byte[] clientMic = client.clientSignature(mechList);
        SpnegoAcceptor.Step done = s.accept(SpnegoCodec.encode(new NegTokenResp(Optional.empty(), Optional.empty(),
                Optional.of(auth), Optional.of(clientMic))));
        assertEquals(SpnegoAcceptor.State.COMPLETE, done.state());
        NegTokenResp r2 = SpnegoCodec.decodeNegTokenResp(done.responseToken());
        assertEquals(Optional.of(NegState.ACCEPT_COMPLETED), r2.negState());
        assertTrue(client.verifyServerSignature(mechList, r2.mechListMIC().orElseThrow()), "the server's mechListMIC");
        try (NtlmAcceptor.Accepted ok = done.accepted().orElseThrow()) {
            lsa.closeHandle(ok.token());
        }
    }

    @Test
    void spnegoRejectsUnknownMechanismsCleanly() throws Exception {
        SpnegoAcceptor s = new SpnegoAcceptor(acceptor());
        SpnegoAcceptor.Step step = s.accept(SpnegoCodec.encode(NegTokenInit.of(List.of(MechType.KERBEROS,
                MechType.MS_KERBEROS), new byte[] {0x60, 0x00})));
        assertEquals(SpnegoAcceptor.State.REJECTED, step.state());
        assertEquals(Optional.of(NegState.REJECT), SpnegoCodec.decodeNegTokenResp(step.responseToken()).negState());
        assertArrayEquals(SpnegoAcceptor.rejectToken(), step.responseToken());
    }

    @Test
    void spnegoWithNtlmSecondNeedsTheMechListMic() throws Exception {
        List<MechType> mechs = List.of(MechType.KERBEROS, MechType.NTLMSSP);
        for (boolean sendMic : new boolean[] {true, false}) {
            SpnegoAcceptor s = new SpnegoAcceptor(acceptor());
            TestNtlmClient client = new TestNtlmClient("amy", TestRealm.DOMAIN, PASSWORD);
            SpnegoAcceptor.Step first = s.accept(SpnegoCodec.encode(NegTokenInit.of(mechs, new byte[] {0x60, 0x00})));
            NegTokenResp r1 = SpnegoCodec.decodeNegTokenResp(first.responseToken());
            assertEquals(Optional.of(MechType.NTLMSSP), r1.supportedMech());
            assertTrue(r1.responseToken().isEmpty(), "NTLM selected, waiting for its NEGOTIATE");
            SpnegoAcceptor.Step second = s.accept(SpnegoCodec.encode(new NegTokenResp(Optional.empty(),
                    Optional.empty(), Optional.of(client.negotiate()), Optional.empty())));
            byte[] auth = client.authenticate(SpnegoCodec.decodeNegTokenResp(second.responseToken()).responseToken()
                    .orElseThrow(), false);
            Optional<byte[]> mic = sendMic ? Optional.of(client.clientSignature(SpnegoCodec.encodeMechTypeList(mechs)))
                    : Optional.empty();
            byte[] last = SpnegoCodec.encode(new NegTokenResp(Optional.empty(), Optional.empty(), Optional.of(auth), mic));
            if (sendMic) {
                SpnegoAcceptor.Step done = s.accept(last);
                assertEquals(SpnegoAcceptor.State.COMPLETE, done.state());
                try (NtlmAcceptor.Accepted ok = done.accepted().orElseThrow()) {
                    lsa.closeHandle(ok.token());
                }
            } else {
                int before = realm.engine().sessionCount();
                assertEquals(NtStatus.LOGON_FAILURE, assertThrows(LsaException.class, () -> s.accept(last)).status());
                assertEquals(before, realm.engine().sessionCount());
            }
        }
    }

    @Test
    void spnegoMalformedTokensAreInvalidParameter() throws Exception {
        SpnegoAcceptor s = new SpnegoAcceptor(acceptor());
        assertEquals(NtStatus.INVALID_PARAMETER, assertThrows(LsaException.class,
                () -> s.accept(new byte[] {0x60, 0x05, 0x06, 0x03})).status());
        SpnegoAcceptor t = new SpnegoAcceptor(acceptor());
        assertEquals(NtStatus.INVALID_PARAMETER, assertThrows(LsaException.class,
                () -> t.accept(SpnegoCodec.encode(NegTokenResp.acceptCompleted(Optional.empty())))).status(),
                "an exchange starts with a NegTokenInit");
    }
}
