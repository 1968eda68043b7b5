package org.openlsa.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openlsa.client.LsaClient;
import org.openlsa.core.AccessToken;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.core.SidAndAttributes;
import org.openlsa.core.TokenType;
import org.openlsa.core.WellKnownSids;
import org.openlsa.daemon.LsaDaemon;
import org.openlsa.daemon.Lsad;
import org.openlsa.engine.LsaConnection;
import org.openlsa.ntlmssp.NtlmAcceptor;
import org.openlsa.ntlmssp.NtlmAcceptorSettings;
import org.openlsa.ntlmssp.SpnegoAcceptor;
import org.openlsa.peers.ImpacketNtlmClient;
import org.openlsa.sam.AccountFlag;
import org.openlsa.testkit.RealmEngine;
import org.openlsa.testkit.SuiteLimits;
import org.openlsa.testkit.TestRealm;

/**
 * impacket (python3-impacket, an NTLM client nobody here wrote) authenticates to OpenLSA's acceptor for accounts in
 * OpenLSA's database, raw NTLMSSP and SPNEGO-wrapped, in-process and through the daemon's socket: accepted with the
 * same exported session key; a wrong password is LOGON_FAILURE; a disabled account ACCOUNT_RESTRICTION /
 * ACCOUNT_DISABLED.
 */
class AcceptorInteropTest {
    private static final String PASSWORD = "Imp@cket-Pw1";

    @TempDir
    Path state;
    private RealmEngine realm;
    private Lsad daemon;
    private LsaClient client;

    @BeforeEach
    void provision() throws Exception {
        try (RealmEngine r = RealmEngine.open(state, InstantSource.system(), SuiteLimits.DEFAULT)) {
            TestRealm.addUser(r.store(), "ivan", PASSWORD, java.time.Instant.now());
            TestRealm.addUser(r.store(), "dana", PASSWORD, java.time.Instant.now(),
                    b -> b.flag(AccountFlag.DISABLED, true));
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (daemon != null) {
            daemon.close();
        }
        if (realm != null) {
            realm.close();
        }
    }

    /** A trusted connection to the LSA: in-process, or through the daemon's socket (this test runs as root). */
    private LsaConnection connect(boolean viaDaemon) throws Exception {
        if (viaDaemon) {
            daemon = Lsad.start(LsaDaemon.Options.defaults(state));
            client = LsaClient.of(daemon.daemon().socketPath());
            return client.registerLogonProcess(null, "impacket interop");
        }
        realm = RealmEngine.open(state, InstantSource.system(), SuiteLimits.DEFAULT);
        return realm.engine().registerLogonProcess(realm.engine().systemToken(), "impacket interop");
    }

    private static NtlmAcceptorSettings settings() {
        return NtlmAcceptorSettings.of(TestRealm.DOMAIN, TestRealm.MACHINE);
    }

    @ParameterizedTest(name = "through the daemon: {0}")
    @ValueSource(booleans = {false, true})
    void impacketIsAcceptedWithTheSameExportedSessionKey(boolean viaDaemon) throws Exception {
        try (LsaConnection lsa = connect(viaDaemon);
             ImpacketNtlmClient impacket = ImpacketNtlmClient.start("ivan", PASSWORD, TestRealm.DOMAIN, "IMPACKETPC")) {
            NtlmAcceptor acceptor = new NtlmAcceptor(lsa, settings());
            byte[] challenge = acceptor.challenge(impacket.negotiate());
            ImpacketNtlmClient.Authentication auth = impacket.authenticate(challenge);
            try (NtlmAcceptor.Accepted ok = acceptor.authenticate(auth.authenticateMessage())) {
                assertArrayEquals(auth.exportedSessionKey(), ok.exportedSessionKey().copyBytes(),
                        "impacket and OpenLSA derive the same exported session key");
                assertEquals("ivan", ok.userName());
                AccessToken t = lsa.queryToken(ok.token());
                assertEquals(TokenType.IMPERSONATION, t.type());
                List<?> sids = t.groups().stream().map(SidAndAttributes::sid).toList();
                assertTrue(sids.contains(WellKnownSids.NTLM_AUTHENTICATION) && sids.contains(WellKnownSids.NETWORK), 
                        sids::toString);
                lsa.closeHandle(ok.token());
            }
        }
    }

    @ParameterizedTest(name = "through the daemon: {0}")
    @ValueSource(booleans = {false, true})
    void impacketOverSpnego(boolean viaDaemon) throws Exception {
        try (LsaConnection lsa = connect(viaDaemon);
             ImpacketNtlmClient impacket = ImpacketNtlmClient.start("ivan", PASSWORD, TestRealm.DOMAIN, "IMPACKETPC")) {
            SpnegoAcceptor spnego = new SpnegoAcceptor(new NtlmAcceptor(lsa, settings()));
            SpnegoAcceptor.Step first = spnego.accept(impacket.negotiateSpnego());
            assertEquals(SpnegoAcceptor.State.CONTINUE, first.state());
            ImpacketNtlmClient.Authentication auth = impacket.authenticateSpnego(first.responseToken());
            SpnegoAcceptor.Step done = spnego.accept(auth.authenticateMessage());
            assertEquals(SpnegoAcceptor.State.COMPLETE, done.state());
            try (NtlmAcceptor.Accepted ok = done.accepted().orElseThrow()) {
                assertArrayEquals(auth.exportedSessionKey(), ok.exportedSessionKey().copyBytes());
                lsa.closeHandle(ok.token());
            }
        }
    }

    @Test
    void wrongPasswordAndDisabledAccount() throws Exception {
        try (LsaConnection lsa = connect(true)) {
            for (String[] c : new String[][] {{"ivan", "wrong-password"}, {"dana", PASSWORD}}) {
                try (ImpacketNtlmClient impacket = ImpacketNtlmClient.start(c[0], c[1], TestRealm.DOMAIN, "PC")) {
                    NtlmAcceptor acceptor = new NtlmAcceptor(lsa, settings());
                    byte[] auth = impacket.authenticate(acceptor.challenge(impacket.negotiate())).authenticateMessage();
                    LsaException e = assertThrows(LsaException.class, () -> acceptor.authenticate(auth));
                    if (c[0].equals("ivan")) {
                        assertEquals(NtStatus.LOGON_FAILURE, e.status(), e.getMessage());
                        assertEquals(NtStatus.WRONG_PASSWORD, e.subStatus());
                    } else {
                        assertEquals(NtStatus.ACCOUNT_RESTRICTION, e.status(), e.getMessage());
                        assertEquals(NtStatus.ACCOUNT_DISABLED, e.subStatus());
                    }
                }
            }
        }
    }

    /** Many handshakes over one daemon connection: every one fresh, none leaking a session. */
    @Test
    void fiftyHandshakesThroughTheDaemon() throws Exception {
        try (LsaConnection lsa = connect(true);
             ImpacketNtlmClient impacket = ImpacketNtlmClient.start("ivan", PASSWORD, TestRealm.DOMAIN, "PC")) {
            int before = lsa.enumerateLogonSessions().size();
            for (int i = 0; i < 50; i++) {
                NtlmAcceptor acceptor = new NtlmAcceptor(lsa, settings());
                try (NtlmAcceptor.Accepted ok = acceptor.authenticate(
                        impacket.authenticate(acceptor.challenge(impacket.negotiate())).authenticateMessage())) {
                    lsa.closeHandle(ok.token());
                }
            }
            assertEquals(before, lsa.enumerateLogonSessions().size());
        }
    }
}
