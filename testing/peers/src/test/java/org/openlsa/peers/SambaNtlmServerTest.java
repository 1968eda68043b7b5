package org.openlsa.peers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Samba's verdicts on impacket's responses: the two peers must agree with each other before either is used to
 * judge OpenLSA. Fails (never skips) when either is missing.
 */
class SambaNtlmServerTest {
    private static final String ALICE = "openlsapeer-alice";
    private static final String ALICE_PASSWORD = "Passw0rd! alice";
    private static final String BOB = "openlsapeer-bob";
    private static final String BOB_PASSWORD = "B0b's password";

    private static SambaNtlmServer server;
    private static NtlmAuthHelper helper;
    private static Impacket impacket;
    private static final Random random = new Random(42);

    @BeforeAll
    static void start() throws PeerException {
        impacket = Impacket.start();
        server = SambaNtlmServer.start();
        server.addUser(ALICE, ALICE_PASSWORD);
        server.addUser(BOB, BOB_PASSWORD);
        server.disableUser(BOB);
        helper = server.openHelper();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (impacket != null) {
            impacket.close();
        }
    }

    private static byte[] challenge() {
        byte[] challenge = new byte[8];
        random.nextBytes(challenge);
        return challenge;
    }

    private static Ntlmv2Response respond(String user, String password, String domain, byte[] challenge)
            throws PeerException {
        return impacket.ntlmv2Response(user, password, domain, challenge, challenge(), 0,
                ImpacketTest.MS_NLMP_TARGET_INFO);
    }

    private static SambaVerdict verify(String responseDomain, String requestDomain, String password)
            throws PeerException {
        byte[] challenge = challenge();
        Ntlmv2Response response = respond(ALICE, password, responseDomain, challenge);
        return helper.verify(ALICE, requestDomain, challenge, response.ntResponse(), new byte[0]);
    }

    @Test
    void acceptsTheRightPasswordAndReturnsTheSessionBaseKey() throws PeerException {
        byte[] challenge = challenge();
        Ntlmv2Response response = respond(ALICE, ALICE_PASSWORD, server.netbiosName(), challenge);
        SambaVerdict verdict = helper.verify(ALICE, server.netbiosName(), challenge, response.ntResponse(),
                response.lmResponse());
        assertTrue(verdict.authenticated(), verdict::toString);
        assertEquals("", verdict.error());
        assertArrayEquals(response.sessionBaseKey(), verdict.userSessionKey().orElseThrow());
        assertArrayEquals(Arrays.copyOf(response.sessionBaseKey(), 8), verdict.lanmanSessionKey().orElseThrow());
    }

    @Test
    void refusesAWrongPassword() throws PeerException {
        SambaVerdict verdict = verify(server.netbiosName(), server.netbiosName(), "not the password");
        assertFalse(verdict.authenticated());
        assertEquals(Optional.of(SambaLogonError.WRONG_PASSWORD), verdict.logonError(), verdict.error());
        assertTrue(verdict.userSessionKey().isEmpty());
    }

    @Test
    void refusesADisabledAccount() throws PeerException {
        byte[] challenge = challenge();
        Ntlmv2Response response = respond(BOB, BOB_PASSWORD, server.netbiosName(), challenge);
        SambaVerdict verdict = helper.verify(response.toRequest(BOB, server.netbiosName(), challenge));
        assertFalse(verdict.authenticated());
        assertEquals(Optional.of(SambaLogonError.ACCOUNT_DISABLED), verdict.logonError(), verdict.error());
    }

    @Test
    void refusesAnUnknownAccount() throws PeerException {
        byte[] challenge = challenge();
        Ntlmv2Response response = respond("nosuchuser", "x", server.netbiosName(), challenge);
        SambaVerdict verdict = helper.verify(response.toRequest("nosuchuser", server.netbiosName(), challenge));
        assertEquals(Optional.of(SambaLogonError.NO_SUCH_USER), verdict.logonError(), verdict.error());
    }

    @Test
    void userNamesMatchCaseInsensitively() throws PeerException {
        byte[] challenge = challenge();
        Ntlmv2Response response = respond(ALICE.toUpperCase(), ALICE_PASSWORD, server.netbiosName(), challenge);
        SambaVerdict verdict = helper.verify(response.toRequest(ALICE.toUpperCase(), server.netbiosName(), challenge));
        assertTrue(verdict.authenticated(), verdict::toString);
    }

    /**
     * Observed domain handling: NTOWFv2 is tried with the domain exactly as the client named it and with the empty
     * domain; the server's own name is not substituted; the request domain routes case-insensitively, and an
     * empty request domain means the local SAM.
     */
    @Test
    void domainVariants() throws PeerException {
        String name = server.netbiosName();
        String lower = name.toLowerCase();
        assertTrue(verify(name, lower, ALICE_PASSWORD).authenticated(), "request domain routes case-insensitively");
        assertTrue(verify(lower, lower, ALICE_PASSWORD).authenticated(), "the client's own spelling is tried");
        assertTrue(verify("", "", ALICE_PASSWORD).authenticated(), "empty domain everywhere");
        assertTrue(verify("", name, ALICE_PASSWORD).authenticated(), "the empty domain is tried too");
        assertEquals(Optional.of(SambaLogonError.WRONG_PASSWORD),
                verify(lower, name, ALICE_PASSWORD).logonError(), "the request's spelling is not substituted");
        assertEquals(Optional.of(SambaLogonError.WRONG_PASSWORD),
                verify(name, "", ALICE_PASSWORD).logonError(), "the server's name is not substituted");
        assertEquals(Optional.of(SambaLogonError.NO_LOGON_SERVERS),
                verify(server.workgroup(), server.workgroup(), ALICE_PASSWORD).logonError(),
                "the workgroup is not the accounts' domain");
    }

    @Test
    void anLmv2ResponseAloneAuthenticates() throws PeerException {
        byte[] challenge = challenge();
        Ntlmv2Response response = respond(ALICE, ALICE_PASSWORD, server.netbiosName(), challenge);
        SambaVerdict verdict = helper.verify(
                new NtlmRequest(ALICE, server.netbiosName(), challenge, new byte[0], response.lmResponse()));
        assertTrue(verdict.authenticated(), verdict::toString);
        assertFalse(Arrays.equals(response.sessionBaseKey(), verdict.userSessionKey().orElseThrow()),
                "an LMv2 logon yields the LMv2 session key, not the NTLMv2 one");
    }

    @Test
    void anNtlmv1ResponseIsRefusedUnderNtlmv2Only() throws PeerException {
        byte[] v1 = new byte[24];
        random.nextBytes(v1);
        SambaVerdict verdict = helper.verify(NtlmRequest.of(ALICE, server.netbiosName(), challenge(), v1));
        assertEquals(Optional.of(SambaLogonError.WRONG_PASSWORD), verdict.logonError(), verdict.error());
    }

    @Test
    void pipelinedVerdictsComeInOrder() throws PeerException {
        List<NtlmRequest> requests = new ArrayList<>();
        List<Boolean> expected = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            boolean good = i % 3 != 1;
            byte[] challenge = challenge();
            String password = good ? ALICE_PASSWORD : "wrong" + i;
            requests.add(respond(ALICE, password, server.netbiosName(), challenge)
                    .toRequest(ALICE, server.netbiosName(), challenge));
            expected.add(good);
        }
        List<SambaVerdict> verdicts = helper.verifyMany(requests);
        assertEquals(expected, verdicts.stream().map(SambaVerdict::authenticated).toList());
        // and the helper is still in step afterwards
        assertTrue(verify(server.netbiosName(), server.netbiosName(), ALICE_PASSWORD).authenticated());
    }

    @Test
    void accountsAddedWhileRunningAreSeenAndPasswordsChange() throws PeerException {
        String carol = "openlsapeer-carol";
        server.addUser(carol, "first");
        byte[] challenge = challenge();
        assertTrue(helper.verify(respond(carol, "first", server.netbiosName(), challenge)
                .toRequest(carol, server.netbiosName(), challenge)).authenticated());
        server.addUser(carol, "second");
        challenge = challenge();
        assertEquals(Optional.of(SambaLogonError.WRONG_PASSWORD), helper.verify(respond(carol, "first",
                server.netbiosName(), challenge).toRequest(carol, server.netbiosName(), challenge)).logonError());
    }

    @Test
    void requestsSambaCannotParseAreRefusedBeforeSending() {
        assertThrows(IllegalArgumentException.class,
                () -> NtlmRequest.of(ALICE, "D", new byte[7], new byte[24]));
        assertThrows(IllegalArgumentException.class,
                () -> NtlmRequest.of(ALICE, "D", new byte[8], new byte[23]));
        assertThrows(IllegalArgumentException.class,
                () -> new NtlmRequest(ALICE, "D", new byte[8], new byte[24], new byte[16]));
        assertThrows(IllegalArgumentException.class,
                () -> NtlmRequest.of("a\nb", "D", new byte[8], new byte[24]));
    }

    @Test
    void aSilentHelperFailsWithinItsTimeout() throws PeerException {
        try (NtlmAuthHelper silent = NtlmAuthHelper.start(List.of("sleep", "30"), Map.of(), Duration.ofMillis(300))) {
            long begin = System.nanoTime();
            PeerException e = assertThrows(PeerException.class,
                    () -> silent.verify(NtlmRequest.of(ALICE, "D", new byte[8], new byte[24])));
            assertTrue(e.getMessage().contains("no complete reply"), e.getMessage());
            assertTrue(System.nanoTime() - begin < Duration.ofSeconds(5).toNanos());
            assertThrows(PeerException.class,
                    () -> silent.verify(NtlmRequest.of(ALICE, "D", new byte[8], new byte[24])));
        }
    }

    @Test
    void aDeadHelperFailsAtOnce() throws PeerException {
        try (NtlmAuthHelper dead = NtlmAuthHelper.start(List.of("true"), Map.of(), Duration.ofSeconds(20))) {
            PeerException e = assertThrows(PeerException.class,
                    () -> dead.verify(NtlmRequest.of(ALICE, "D", new byte[8], new byte[24])));
            assertTrue(e.getMessage().contains("ended") || e.getMessage().contains("cannot write"), e.getMessage());
        }
    }

    @Test
    void configurationIsPrivateAndLoopbackOnly() throws Exception {
        String conf = Files.readString(server.configFile());
        assertTrue(conf.contains("interfaces = lo"));
        assertTrue(conf.contains("bind interfaces only = yes"));
        assertTrue(conf.contains("smb ports = " + server.smbPort()));
        assertTrue(conf.contains("winbindd socket directory = " + server.directory().resolve("wbpipe")));
        assertTrue(conf.contains("ntlm auth = ntlmv2-only"));
    }
}
