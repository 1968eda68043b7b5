package org.openlsa.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.engine.LsaConnection;
import org.openlsa.ntlmssp.AvPair;
import org.openlsa.ntlmssp.NtlmAcceptor;
import org.openlsa.ntlmssp.NtlmAcceptorSettings;
import org.openlsa.ntlmssp.TestNtlmClient;
import org.openlsa.peers.SambaNtlmServer;
import org.openlsa.peers.SambaNtlmsspAcceptor;
import org.openlsa.testkit.RealmEngine;
import org.openlsa.testkit.SuiteLimits;
import org.openlsa.testkit.TestRealm;

/**
 * The AV pairs of an NTLMv2 response must echo the CHALLENGE's TargetInfo: the same AUTHENTICATE messages (built by
 * the ntlmssp module's test client with the right password, each leaving out or changing one pair of the server's)
 * are refused by Samba 4.17's NTLMSSP server ({@code ntlm_auth --helper-protocol=squid-2.5-ntlmssp} over a private
 * tdbsam) and by OpenLSA's acceptor, with INVALID_PARAMETER on both sides, while the faithful echo is accepted by
 * both. impacket, a real client, is accepted by OpenLSA's acceptor as before ({@link AcceptorInteropTest}).
 * Needs root and the Samba peers.
 */
class NtlmAvPairsInteropTest {
    private static final String USER = "echo_erin";
    private static final String PASSWORD = "Ech0-Passw0rd";

    @Test
    void sambaAndOpenLsaRefuseTheSameMalformedEchoes(@TempDir Path state) throws Exception {
        Map<String, UnaryOperator<List<AvPair>>> malformed = TestNtlmClient.malformedEchoes();
        try (SambaNtlmServer samba = SambaNtlmServer.start();
             SambaNtlmsspAcceptor sambaAcceptor = samba.openNtlmsspAcceptor(false);
             RealmEngine realm = RealmEngine.open(state, InstantSource.system(), SuiteLimits.DEFAULT)) {
            samba.addUser(USER, PASSWORD);
            TestRealm.addUser(realm.store(), USER, PASSWORD, java.time.Instant.now());
            try (LsaConnection lsa = realm.engine().registerLogonProcess(realm.engine().systemToken(), "echo test")) {
                NtlmAcceptorSettings settings = new NtlmAcceptorSettings(TestRealm.DOMAIN, TestRealm.MACHINE,
                        "testdom.example", "", Duration.ofMinutes(5), InstantSource.system(), new Random(1),
                        "echo test");
                // The faithful echo first: the client is good enough for both servers.
                assertEquals(SambaNtlmsspAcceptor.Outcome.ACCEPTED,
                        samba(sambaAcceptor, samba.netbiosName(), UnaryOperator.identity()).outcome());
                NtlmAcceptor faithful = new NtlmAcceptor(lsa, settings);
                TestNtlmClient client = new TestNtlmClient(USER, TestRealm.DOMAIN, PASSWORD);
                try (NtlmAcceptor.Accepted ok = faithful.authenticate(
                        client.authenticate(faithful.challenge(client.negotiate()), false))) {
                    lsa.closeHandle(ok.token());
                }
                for (Map.Entry<String, UnaryOperator<List<AvPair>>> m : malformed.entrySet()) {
                    SambaNtlmsspAcceptor.Reply reply = samba(sambaAcceptor, samba.netbiosName(), m.getValue());
                    assertEquals(SambaNtlmsspAcceptor.Outcome.REFUSED, reply.outcome(), "Samba, " + m.getKey());
                    assertEquals("NT_STATUS_INVALID_PARAMETER", reply.detail(), "Samba, " + m.getKey());

                    NtlmAcceptor a = new NtlmAcceptor(lsa, settings);
                    TestNtlmClient c = new TestNtlmClient(USER, TestRealm.DOMAIN, PASSWORD).echoing(m.getValue());
                    byte[] auth = c.authenticate(a.challenge(c.negotiate()), false);
                    LsaException e = assertThrows(LsaException.class, () -> a.authenticate(auth), m.getKey());
                    assertEquals(NtStatus.INVALID_PARAMETER, e.status(), "OpenLSA, " + m.getKey());
                    System.out.println("AV pair echo '" + m.getKey() + "': Samba " + reply.detail() + ", OpenLSA "
                            + e.status());
                }
            }
        }
    }

    /** One handshake with Samba's acceptor, the client echoing {@code edit} of Samba's AV pairs. */
    private static SambaNtlmsspAcceptor.Reply samba(SambaNtlmsspAcceptor acceptor, String domain,
                                                    UnaryOperator<List<AvPair>> edit) throws Exception {
        TestNtlmClient client = new TestNtlmClient(USER, domain, PASSWORD).echoing(edit);
        SambaNtlmsspAcceptor.Reply challenge = acceptor.start(client.negotiate());
        assertEquals(SambaNtlmsspAcceptor.Outcome.CONTINUE, challenge.outcome());
        return acceptor.next(client.authenticate(challenge.token(), false));
    }
}
