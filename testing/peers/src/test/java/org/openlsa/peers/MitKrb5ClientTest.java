package org.openlsa.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** MIT's client tools against MIT's own KDC: the harness must parse and report what MIT really does. */
class MitKrb5ClientTest {
    private static final String ALICE_PASSWORD = "alice pass 1";
    private static MitKdc kdc;

    @BeforeAll
    static void startRealm() throws PeerException {
        kdc = MitKdc.start();
        kdc.addPrincipal("alice", ALICE_PASSWORD, "+requires_preauth");
        kdc.addPrincipal("host/svc.test.local", null, "-randkey");
        kdc.addPrincipal("http/web.test.local", null, "-randkey", "+ok_to_auth_as_delegate");
    }

    @AfterAll
    static void stopRealm() {
        if (kdc != null) {
            kdc.close();
        }
    }

    private static MitKrb5Client client(KdcTransport transport, Krb5Enctype... enctypes) throws PeerException {
        return MitKrb5Client.builder(kdc.realm(), kdc.host(), kdc.port()).transport(transport).enctypes(enctypes)
                .create();
    }

    @ParameterizedTest
    @EnumSource(value = Krb5Enctype.class, names = {"AES128_CTS_HMAC_SHA1_96", "AES256_CTS_HMAC_SHA1_96",
            "AES128_CTS_HMAC_SHA256_128", "AES256_CTS_HMAC_SHA384_192"})
    void kinitKlistKvnoRenew(Krb5Enctype enctype) throws PeerException {
        KdcTransport transport = enctype.number() % 2 == 0 ? KdcTransport.TCP : KdcTransport.UDP;
        try (MitKrb5Client client = client(transport, enctype)) {
            ToolResult kinit = client.kinit("alice", ALICE_PASSWORD, "-r", "2d");
            assertTrue(kinit.succeeded(), kinit::describe);
            assertEquals(Set.of(transport), kinit.transportsAnswered(), kinit.trace());
            assertTrue(kinit.stdout().startsWith("Password for alice@TEST.LOCAL:"), kinit.stdout());

            Klist klist = client.klist();
            assertEquals(Optional.of("alice@TEST.LOCAL"), klist.defaultPrincipal());
            KlistTicket tgt = klist.tgt().orElseThrow(() -> new AssertionError(klist.result().describe()));
            assertEquals("krbtgt/TEST.LOCAL@TEST.LOCAL", tgt.server());
            assertEquals(Optional.of(enctype), tgt.sessionKeyType());
            for (char flag : "FRIA".toCharArray()) {
                assertTrue(tgt.hasFlag(flag), flag + " in " + tgt.flags());
            }
            assertTrue(tgt.renewUntil().orElseThrow().isAfter(tgt.expires()), tgt::toString);

            Kvno kvno = client.kvno("host/svc.test.local");
            assertTrue(kvno.succeeded(), kvno.result()::describe);
            assertEquals(Optional.of("host/svc.test.local@TEST.LOCAL"), kvno.server());
            assertEquals(1, kvno.kvno().orElseThrow());
            KlistTicket service = kvno.ticket().orElseThrow();
            assertEquals(Optional.of(enctype), service.sessionKeyType());
            // The ticket itself is under the service's strongest key, whatever the client permits.
            assertEquals(Optional.of(Krb5Enctype.AES256_CTS_HMAC_SHA1_96), service.ticketType());

            ToolResult renew = client.kinitRenew();
            assertTrue(renew.succeeded(), renew::describe);
            KlistTicket renewed = client.klist().tgt().orElseThrow();
            assertEquals(Optional.of(enctype), renewed.sessionKeyType());
            assertFalse(renewed.validStarting().isBefore(tgt.validStarting()));
            assertEquals(1, client.klist().tickets().size(), "kinit -R keeps only the renewed TGT");
        }
    }

    @Test
    void wrongPassword() throws PeerException {
        try (MitKrb5Client client = client(KdcTransport.TCP)) {
            ToolResult kinit = client.kinit("alice", "not the password");
            assertEquals(1, kinit.exitCode());
            assertEquals("kinit: Password incorrect while getting initial credentials", kinit.stderr().strip());
        }
    }

    @Test
    void disabledPrincipal() throws PeerException {
        kdc.addPrincipal("disabled", "pw", "+requires_preauth");
        kdc.disable("disabled");
        try (MitKrb5Client client = client(KdcTransport.TCP)) {
            ToolResult kinit = client.kinit("disabled", "pw");
            assertEquals(1, kinit.exitCode());
            assertEquals("kinit: Client's credentials have been revoked while getting initial credentials",
                    kinit.stderr().strip());
            kdc.enable("disabled");
            assertTrue(client.kinit("disabled", "pw").succeeded());
        }
    }

    @Test
    void expiredPasswordAsksForANewOne() throws PeerException {
        kdc.addPrincipal("expired", "pw");
        kdc.expirePassword("expired");
        try (MitKrb5Client client = client(KdcTransport.TCP)) {
            ToolResult kinit = client.kinit("expired", "pw");
            assertEquals(1, kinit.exitCode());
            assertTrue(kinit.stdout().contains("Password expired.  You must change it now."), kinit::describe);
            // kinit then prompts for the new password, and stdin has ended.
            assertEquals("kinit: Cannot read password while getting initial credentials", kinit.stderr().strip());
        }
    }

    @Test
    void unknownClientAndService() throws PeerException {
        try (MitKrb5Client client = client(KdcTransport.UDP)) {
            ToolResult kinit = client.kinit("nobody", "pw");
            assertEquals("kinit: Client 'nobody@TEST.LOCAL' not found in Kerberos database while getting initial "
                    + "credentials", kinit.stderr().strip());
            assertTrue(client.kinit("alice", ALICE_PASSWORD).succeeded());
            Kvno kvno = client.kvno("nosuch/service");
            assertFalse(kvno.succeeded());
            assertEquals("kvno: Server nosuch/service@TEST.LOCAL not found in Kerberos database while getting "
                    + "credentials for nosuch/service@TEST.LOCAL", kvno.result().stderr().strip());
        }
    }

    @Test
    void kdestroyEmptiesTheCache() throws PeerException {
        try (MitKrb5Client client = client(KdcTransport.TCP)) {
            assertTrue(client.kinit("alice", ALICE_PASSWORD).succeeded());
            assertTrue(client.kdestroy().succeeded());
            Klist klist = client.klist();
            assertEquals(1, klist.result().exitCode());
            assertTrue(klist.result().stderr().startsWith("klist: No credentials cache found"),
                    klist.result()::describe);
            assertTrue(klist.tickets().isEmpty());
        }
    }

    @Test
    void s4u2SelfWithKvno() throws PeerException {
        try (MitKrb5Client client = client(KdcTransport.TCP)) {
            java.nio.file.Path keytab = client.directory().resolve("web.keytab");
            kdc.ktadd(keytab, "http/web.test.local", Krb5Enctype.AES128_CTS_HMAC_SHA256_128.mitName());
            ToolResult kinit = client.kinitWithKeytab(keytab, "http/web.test.local");
            assertTrue(kinit.succeeded(), kinit::describe);
            Kvno s4u = client.kvno("http/web.test.local", "-U", "alice");
            assertTrue(s4u.succeeded(), s4u.result()::describe);
            KlistTicket ticket = s4u.ticket().orElseThrow();
            assertEquals(Optional.of("alice@TEST.LOCAL"), ticket.forClient());
            assertTrue(ticket.hasFlag('F'), "forwardable thanks to ok_to_auth_as_delegate: " + ticket.flags());
            assertEquals(Optional.of(Krb5Enctype.AES128_CTS_HMAC_SHA256_128), ticket.ticketType());
        }
    }
}
