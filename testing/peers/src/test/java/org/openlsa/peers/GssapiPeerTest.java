package org.openlsa.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** python3-gssapi (MIT libgssapi) as initiator and acceptor, proven against MIT's KDC. */
class GssapiPeerTest {
    private static MitKdc kdc;
    private static MitKrb5Client client;
    private static GssapiPeer gssapi;
    private static Path serviceKeytab;
    private static Path otherKeytab;

    @BeforeAll
    static void start() throws PeerException {
        kdc = MitKdc.start();
        kdc.addPrincipal("alice", "alice pw", "+requires_preauth");
        kdc.addPrincipal("host/svc.test.local", null, "-randkey");
        kdc.addPrincipal("host/other.test.local", null, "-randkey");
        client = kdc.newClient(KdcTransport.TCP);
        serviceKeytab = client.directory().resolve("svc.keytab");
        otherKeytab = client.directory().resolve("other.keytab");
        kdc.ktadd(serviceKeytab, "host/svc.test.local");
        kdc.ktadd(otherKeytab, "host/other.test.local");
        ToolResult kinit = client.kinit("alice", "alice pw", "-f");
        assertTrue(kinit.succeeded(), kinit::describe);
        gssapi = GssapiPeer.start(client.krb5Conf());
    }

    @AfterAll
    static void stop() {
        if (gssapi != null) {
            gssapi.close();
        }
        if (client != null) {
            client.close();
        }
        if (kdc != null) {
            kdc.close();
        }
    }

    @Test
    void hostbasedMutualDelegatingHandshake() throws PeerException {
        GssExchange exchange = gssapi.initiateAndAccept(client.ccache(), "host@svc.test.local",
                GssNameType.HOSTBASED_SERVICE, serviceKeytab, GssFlag.MUTUAL, GssFlag.DELEGATE);
        assertTrue(exchange.succeeded(), exchange::toString);
        GssAcceptance acceptance = exchange.acceptance().orElseThrow();
        assertEquals("alice@TEST.LOCAL", acceptance.initiatorName());
        assertEquals("host/svc.test.local@TEST.LOCAL", acceptance.acceptorName());
        assertEquals(GssAcceptance.KRB5_MECH, acceptance.mech());
        assertTrue(acceptance.delegated());
        assertEquals(Optional.of("alice@TEST.LOCAL"), acceptance.delegatedName());
        assertTrue(acceptance.hasFlag(GssFlag.MUTUAL) && acceptance.hasFlag(GssFlag.DELEGATE),
                acceptance.flags()::toString);
        assertTrue(acceptance.replyToken().length > 0, "an AP-REP for mutual authentication");
        assertTrue(exchange.completion().orElseThrow().complete());
    }

    @Test
    void principalNamedTargetWithoutFlagsNeedsNoReply() throws PeerException {
        GssExchange exchange = gssapi.initiateAndAccept(client.ccache(), "host/svc.test.local@TEST.LOCAL",
                GssNameType.KERBEROS_PRINCIPAL, serviceKeytab);
        assertTrue(exchange.succeeded(), exchange::toString);
        assertTrue(exchange.initiation().complete(), "without mutual auth the initiator is done at once");
        GssAcceptance acceptance = exchange.acceptance().orElseThrow();
        assertFalse(acceptance.delegated());
        assertEquals(0, acceptance.replyToken().length);
        assertEquals(Optional.empty(), exchange.completion());
    }

    @Test
    void delegatedCredentialsCanBeStored() throws PeerException {
        try (GssInitiator initiator = gssapi.initiate(client.ccache(), "host@svc.test.local",
                GssNameType.HOSTBASED_SERVICE, GssFlag.DELEGATE)) {
            Path delegated = client.directory().resolve("delegated.ccache");
            GssAcceptance acceptance = gssapi.accept(serviceKeytab, initiator.firstStep().token(), delegated);
            assertTrue(acceptance.succeeded(), acceptance::toString);
            ToolResult klist = client.run("klist", List.of("-c", "FILE:" + delegated), null);
            assertTrue(klist.stdout().contains("Default principal: alice@TEST.LOCAL"), klist::describe);
            assertTrue(klist.stdout().contains("krbtgt/TEST.LOCAL@TEST.LOCAL"), klist::describe);
        }
    }

    @Test
    void aKeytabWithoutTheServiceKeyRefuses() throws PeerException {
        GssExchange exchange = gssapi.initiateAndAccept(client.ccache(), "host@svc.test.local",
                GssNameType.HOSTBASED_SERVICE, otherKeytab);
        GssAcceptance acceptance = exchange.acceptance().orElseThrow();
        assertFalse(acceptance.succeeded());
        assertTrue(acceptance.error().orElseThrow().contains(
                "Request ticket server host/svc.test.local@TEST.LOCAL not found in keytab (ticket kvno 2)"),
                acceptance::toString);
    }

    @Test
    void anUnknownServiceFailsAtTheInitiator() throws PeerException {
        GssExchange exchange = gssapi.initiateAndAccept(client.ccache(), "nosuch@svc.test.local",
                GssNameType.HOSTBASED_SERVICE, serviceKeytab);
        assertFalse(exchange.succeeded());
        assertTrue(exchange.initiation().error().orElseThrow().contains(
                "Server nosuch/svc.test.local@TEST.LOCAL not found in Kerberos database"),
                exchange::toString);
        assertEquals(Optional.empty(), exchange.acceptance());
    }
}
