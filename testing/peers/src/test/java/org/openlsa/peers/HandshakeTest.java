package org.openlsa.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** impacket's NTLMSSP client against Samba's NTLMSSP acceptor, raw and in SPNEGO: many full handshakes. */
class HandshakeTest {
    private static final String USER = "openlsapeer-hs";
    private static final String PASSWORD = "handshake pw";
    private static SambaNtlmServer server;
    private static Impacket impacket;

    @BeforeAll
    static void start() throws PeerException {
        impacket = Impacket.start();
        server = SambaNtlmServer.start("HSPEER", NtlmAuthPolicy.NTLMV2_ONLY);
        server.addUser(USER, PASSWORD);
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

    private static SambaNtlmsspAcceptor.Reply handshake(SambaNtlmsspAcceptor acceptor, ImpacketNtlmClient client)
            throws PeerException {
        boolean spnego = acceptor.spnego();
        SambaNtlmsspAcceptor.Reply challenge = acceptor.start(spnego ? client.negotiateSpnego() : client.negotiate());
        assertEquals(SambaNtlmsspAcceptor.Outcome.CONTINUE, challenge.outcome());
        ImpacketNtlmClient.Authentication authentication = spnego
                ? client.authenticateSpnego(challenge.token()) : client.authenticate(challenge.token());
        assertEquals(16, authentication.exportedSessionKey().length);
        return acceptor.next(authentication.authenticateMessage());
    }

    @Test
    void fiftyRawHandshakes() throws PeerException {
        try (SambaNtlmsspAcceptor acceptor = server.openNtlmsspAcceptor(false);
                ImpacketNtlmClient client = impacket.ntlmClient(USER, PASSWORD, server.netbiosName(), "WS")) {
            for (int i = 0; i < 50; i++) {
                SambaNtlmsspAcceptor.Reply result = handshake(acceptor, client);
                assertEquals(SambaNtlmsspAcceptor.Outcome.ACCEPTED, result.outcome(), result::toString);
                assertEquals(server.netbiosName() + "\\" + USER, result.detail());
            }
        }
    }

    @Test
    void spnegoHandshakes() throws PeerException {
        try (SambaNtlmsspAcceptor acceptor = server.openNtlmsspAcceptor(true);
                ImpacketNtlmClient client = impacket.ntlmClient(USER, PASSWORD, server.netbiosName(), "WS")) {
            for (int i = 0; i < 10; i++) {
                SambaNtlmsspAcceptor.Reply result = handshake(acceptor, client);
                assertEquals(SambaNtlmsspAcceptor.Outcome.ACCEPTED, result.outcome(), result::toString);
                assertTrue(result.token().length > 0, "a final NegTokenResp (accept-completed)");
            }
        }
    }

    @Test
    void wrongPasswordIsRefusedInBothForms() throws PeerException {
        for (boolean spnego : new boolean[] {false, true}) {
            try (SambaNtlmsspAcceptor acceptor = server.openNtlmsspAcceptor(spnego);
                    ImpacketNtlmClient client = impacket.ntlmClient(USER, "wrong", server.netbiosName(), "WS")) {
                SambaNtlmsspAcceptor.Reply result = handshake(acceptor, client);
                assertEquals(SambaNtlmsspAcceptor.Outcome.REFUSED, result.outcome(), result::toString);
                assertTrue(result.detail().contains("NT_STATUS_LOGON_FAILURE"), result.detail());
            }
        }
    }
}
