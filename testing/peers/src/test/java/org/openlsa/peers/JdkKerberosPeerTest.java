package org.openlsa.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JDK's Krb5LoginModule and JGSS in a child JVM, proven against MIT's KDC. */
class JdkKerberosPeerTest {
    private static MitKdc kdc;
    private static MitKrb5Client client;
    private static JdkKerberosPeer jdk;
    private static Path serviceKeytab;
    private static Path delegatingKeytab;

    @BeforeAll
    static void start() throws PeerException {
        kdc = MitKdc.start();
        kdc.addPrincipal("alice", "alice pw", "+requires_preauth");
        kdc.addPrincipal("host/svc.test.local", null, "-randkey");
        kdc.addPrincipal("http/web.test.local", null, "-randkey", "+ok_to_auth_as_delegate");
        client = kdc.newClient(KdcTransport.TCP);
        serviceKeytab = client.directory().resolve("svc.keytab");
        delegatingKeytab = client.directory().resolve("web.keytab");
        kdc.ktadd(serviceKeytab, "host/svc.test.local");
        kdc.ktadd(delegatingKeytab, "http/web.test.local");
        jdk = JdkKerberosPeer.using(client.krb5Conf());
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (kdc != null) {
            kdc.close();
        }
    }

    @Test
    void loginGetsAForwardableTgt() throws PeerException {
        JdkLogin login = jdk.login("alice", "alice pw").orThrow();
        assertEquals("alice@TEST.LOCAL", login.client());
        assertEquals("krbtgt/TEST.LOCAL@TEST.LOCAL", login.server());
        // The JDK lists aes256-cts-hmac-sha1-96 first among its default enctypes.
        assertEquals(Optional.of(Krb5Enctype.AES256_CTS_HMAC_SHA1_96), login.sessionKeyType());
        assertTrue(login.flags().containsAll(java.util.Set.of("forwardable", "initial", "pre-authent")),
                login.flags()::toString);
        assertTrue(login.endTime().isAfter(Instant.now()));
    }

    @Test
    void wrongPasswordIsTheJdksLoginException() throws PeerException {
        JdkOutcome<JdkLogin> outcome = jdk.withDebug(true).login("alice", "wrong");
        assertFalse(outcome.succeeded());
        assertTrue(outcome.log().contains("PREAUTH_FAILED"), "the JDK's Kerberos debug output: " + outcome.log());
        JdkError error = outcome.error().orElseThrow();
        assertEquals("javax.security.auth.login.LoginException", error.exceptionClass());
        // The JDK appends the KRB-ERROR's e-text, which MIT's KDC sets to the error's name.
        assertEquals("Pre-authentication information was invalid (24) - PREAUTH_FAILED", error.message());
    }

    @Test
    void initiatorToKeytabAcceptor() throws PeerException {
        JdkHandshake handshake = jdk.handshake("alice", "alice pw", "host@svc.test.local",
                GssNameType.HOSTBASED_SERVICE, serviceKeytab, GssFlag.MUTUAL, GssFlag.DELEGATE).orThrow();
        assertTrue(handshake.initiatorEstablished() && handshake.acceptorEstablished(), handshake::toString);
        assertEquals("alice@TEST.LOCAL", handshake.initiatorSource());
        assertEquals("alice@TEST.LOCAL", handshake.acceptorSource());
        assertEquals("host/svc.test.local@TEST.LOCAL", handshake.acceptorTarget());
        assertTrue(handshake.mutual());
        assertTrue(handshake.credentialsDelegated());
        assertEquals(Optional.of("alice@TEST.LOCAL"), handshake.delegatedCredential());
        assertTrue(handshake.wrapRoundTrip());
        assertTrue(handshake.ticketFlags().contains("forwardable"), handshake.ticketFlags()::toString);
    }

    @Test
    void s4u2SelfWorksAndMitDb2RefusesTheS4u2ProxyThatFollows() throws Exception {
        JdkImpersonation s4u = jdk.impersonate("http/web.test.local", delegatingKeytab, "alice").orThrow();
        assertTrue(s4u.serviceTgt().flags().contains("forwardable"));
        // JGSS echoes the name as given.
        assertEquals("alice", s4u.impersonatedName());
        // MIT's KDC issued the S4U2Self ticket; what fails is the S4U2Proxy JGSS always does next.
        assertTrue(Files.readString(kdc.kdcLog()).contains("PROTOCOL-TRANSITION s4u-client=alice@TEST.LOCAL"));
        JdkError error = s4u.initiationError().orElseThrow();
        assertEquals("org.ietf.jgss.GSSException", error.exceptionClass());
        assertEquals("No valid credentials provided (Mechanism level: KDC cannot accommodate requested option (13)"
                + " - UNSUPPORTED_S4U2PROXY_REQUEST)", error.message());
        assertEquals(Optional.empty(), s4u.acceptedAs());
    }
}
