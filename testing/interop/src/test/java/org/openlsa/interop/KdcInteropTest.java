package org.openlsa.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openlsa.kdc.TestRealm;
import org.openlsa.peers.GssAcceptance;
import org.openlsa.peers.GssExchange;
import org.openlsa.peers.GssFlag;
import org.openlsa.peers.GssNameType;
import org.openlsa.peers.GssapiPeer;
import org.openlsa.peers.JdkHandshake;
import org.openlsa.peers.JdkImpersonation;
import org.openlsa.peers.JdkKerberosPeer;
import org.openlsa.peers.JdkLogin;
import org.openlsa.peers.JdkOutcome;
import org.openlsa.peers.KdcTransport;
import org.openlsa.peers.Klist;
import org.openlsa.peers.KlistTicket;
import org.openlsa.peers.Krb5Enctype;
import org.openlsa.peers.Kvno;
import org.openlsa.peers.MitKrb5Client;
import org.openlsa.peers.ToolResult;
import org.openlsa.sam.AccountFlag;
import org.openlsa.sam.UserAccount;

/**
 * The embedded KDC with software nobody here wrote: MIT krb5 1.20's kinit, klist and kvno (UDP and TCP), the JDK's
 * Krb5LoginModule and JGSS (initiator, acceptor with a keytab from `lsa keytab export`, S4U2Self through
 * ExtendedGSSCredential.impersonate and the S4U2Proxy JGSS does next), and MIT's libgssapi through python3-gssapi.
 */
class KdcInteropTest {
    private static final String ALICE_PW = "Wonderland-pw-1";
    private static final String WEB_PW = "Web-pw-1";
    private static TestRealm realm;
    private static UserAccount web;

    @BeforeAll
    static void start() throws Exception {
        realm = TestRealm.start();
        realm.addUser("alice", ALICE_PW);
        realm.addUser("carol", "Kestrel-pw-1");
        web = realm.addService("websvc", WEB_PW, "HTTP/web.kdc.test", "host/web.kdc.test");
        realm.store.updateUser(web.rid(), u -> u.toBuilder()
                .flag(AccountFlag.TRUSTED_TO_AUTH_FOR_DELEGATION, true).build());
        realm.store.setAllowedToDelegateTo(web.rid(), List.of("HTTP/web.kdc.test"));
    }

    @AfterAll
    static void stop() throws Exception {
        realm.close();
    }

    private static MitKrb5Client client(KdcTransport transport, Krb5Enctype... enctypes) throws Exception {
        MitKrb5Client.Builder b = MitKrb5Client.builder(TestRealm.REALM, "127.0.0.1", realm.server.port())
                .transport(transport).libdefault("kdc_timesync", "0");
        if (enctypes.length > 0) {
            b.enctypes(enctypes);
        }
        return b.create();
    }

    /**
     * The keytab `lsa keytab export --spn SPN... FILE` writes over the realm's state directory (the service
     * account's current keys under each SPN), exactly as an administrator would make it.
     */
    private static Path keytab(Path file, String... spns) {
        List<String> args = new ArrayList<>(List.of("--state", realm.dir.toString(), "keytab", "export"));
        for (String spn : spns) {
            args.add("--spn");
            args.add(spn);
        }
        args.add(file.toString());
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int exit = org.openlsa.cli.Main.run(args.toArray(String[]::new), new java.io.PrintWriter(out, true),
                new java.io.PrintWriter(err, true));
        assertEquals(0, exit, "lsa " + String.join(" ", args) + ": " + err);
        return file;
    }

    @ParameterizedTest
    @EnumSource(value = Krb5Enctype.class, names = {"AES128_CTS_HMAC_SHA1_96", "AES256_CTS_HMAC_SHA1_96",
        "AES128_CTS_HMAC_SHA256_128", "AES256_CTS_HMAC_SHA384_192"})
    void mitKinitKlistKvnoForEachEnctype(Krb5Enctype enctype) throws Exception {
        try (MitKrb5Client c = client(KdcTransport.UDP, enctype)) {
            ToolResult kinit = c.kinit("alice", ALICE_PW, "-r", "2d");
            assertTrue(kinit.succeeded(), kinit::describe);
            Kvno kvno = c.kvno("HTTP/web.kdc.test");
            assertTrue(kvno.succeeded(), kvno.result()::describe);
            assertEquals(1, kvno.kvno().getAsInt());
            Klist klist = c.klist();
            assertEquals("alice@" + TestRealm.REALM, klist.defaultPrincipal().orElseThrow());
            KlistTicket tgt = klist.tgt().orElseThrow();
            assertEquals(java.util.Optional.of(enctype), tgt.sessionKeyType(), "the session key is in the client's only enctype");
            assertTrue(tgt.hasFlag('I') && tgt.hasFlag('A') && tgt.hasFlag('F') && tgt.hasFlag('R'), tgt.flags());
            KlistTicket st = klist.ticketFor("HTTP/web.kdc.test@" + TestRealm.REALM).orElseThrow();
            assertEquals(java.util.Optional.of(enctype), st.sessionKeyType());
        }
    }

    /**
     * A lossy network: the KDC's first reply to each of {@code kvno}'s requests is lost on the way. MIT's client
     * sends the identical TGS-REQ again (same authenticator), which the KDC answers from its reply lookaside, as
     * MIT's KDC does. Refused as a replay instead, MIT's kvno would try a second request (without referrals), lose
     * its first reply too, and fail with "Request is a replay".
     */
    @Test
    void mitKvnoGetsItsTicketWhenTheFirstUdpReplyIsLost() throws Exception {
        try (LossyUdpRelay relay = new LossyUdpRelay(new InetSocketAddress("127.0.0.1", realm.server.port()));
             MitKrb5Client c = MitKrb5Client.builder(TestRealm.REALM, "127.0.0.1", relay.port())
                     .transport(KdcTransport.UDP).libdefault("kdc_timesync", "0").trace(true).create()) {
            ToolResult kinit = c.kinit("alice", ALICE_PW);
            assertTrue(kinit.succeeded(), kinit::describe);
            int before = relay.requests().size();
            relay.loseFirstReplies();
            Kvno kvno = c.kvno("host/web.kdc.test");
            assertTrue(kvno.succeeded(), () -> kvno.result().describe() + "\n" + kvno.result().trace());
            assertEquals(1, relay.dropped());
            List<byte[]> tgsReqs = relay.requests().subList(before, relay.requests().size());
            assertEquals(2, tgsReqs.size(), "the TGS-REQ and its retransmission");
            assertArrayEquals(tgsReqs.get(0), tgsReqs.get(1), "MIT resends the very same bytes");
            assertEquals(Set.of(KdcTransport.UDP), kvno.result().transportsAnswered());
        }
    }

    /**
     * RFC 6806 client name canonicalization against MIT kinit: {@code kinit -C ALICE} (and {@code kinit -E -C}, an
     * enterprise name) caches the account's own name, alice@REALM, as Active Directory answers; plain
     * {@code kinit ALICE} keeps ALICE@REALM, the only answer MIT accepts without -C, and {@code kinit -E} alone gets
     * the account part of the enterprise name as typed.
     */
    @Test
    void mitKinitCanonicalizeCachesTheAccountsOwnName() throws Exception {
        record Case(String typed, List<String> options, String cached) {}
        List<Case> cases = List.of(
                new Case("ALICE", List.of("-C"), "alice"),
                new Case("Alice@kdc.test", List.of("-E", "-C"), "alice"),
                new Case("ALICE", List.of(), "ALICE"),
                new Case("Alice@kdc.test", List.of("-E"), "Alice"));
        for (Case k : cases) {
            try (MitKrb5Client c = client(KdcTransport.UDP)) {
                ToolResult kinit = c.kinit(k.typed(), ALICE_PW, k.options().toArray(String[]::new));
                assertTrue(kinit.succeeded(), kinit::describe);
                Klist klist = c.klist();
                assertEquals(k.cached() + "@" + TestRealm.REALM, klist.defaultPrincipal().orElseThrow(),
                        "kinit " + k.options() + " " + k.typed() + ": " + klist.result().stdout());
                Kvno kvno = c.kvno("HTTP/web.kdc.test");
                assertTrue(kvno.succeeded(), kvno.result()::describe);
            }
        }
    }

    @Test
    void rc4HmacWorksOnlyOncePolicyEnablesIt() throws Exception {
        try (MitKrb5Client c = client(KdcTransport.UDP, Krb5Enctype.ARCFOUR_HMAC)) {
            ToolResult off = c.kinit("alice", ALICE_PW);
            assertFalse(off.succeeded(), "rc4-hmac is off by default: " + off.describe());
            var domain = realm.store.domain();
            var kerberos = domain.policy().kerberos();
            realm.store.setPolicy(domain.policy().withKerberos(kerberos.withEnctypes(List.of(18, 17, 20, 19, 23))));
            try {
                UserAccount dave = realm.addUser("dave", "Osprey-pw-1"); // keys derived under the new policy
                ToolResult on = c.kinit("dave", "Osprey-pw-1");
                assertTrue(on.succeeded(), on::describe);
                // klist -e prints it as "DEPRECATED:arcfour-hmac".
                KlistTicket tgt = c.klist().tgt().orElseThrow();
                assertTrue(tgt.sessionKeyEnctype().endsWith("arcfour-hmac"), tgt.sessionKeyEnctype());
                // As with MIT, the session key must be an enctype the service has a key for: websvc's keys predate
                // the policy change, a service created after it has an rc4-hmac key too.
                assertFalse(c.kvno("HTTP/web.kdc.test").succeeded());
                realm.addService("rc4svc", "Rc4-svc-pw-1", "HTTP/rc4.kdc.test");
                Kvno kvno = c.kvno("HTTP/rc4.kdc.test");
                assertTrue(kvno.succeeded(), kvno.result()::describe);
                assertTrue(dave.rid() > 0);
            } finally {
                realm.store.setPolicy(domain.policy());
            }
        }
    }

    @Test
    void mitKinitRenewsOverTcp() throws Exception {
        try (MitKrb5Client c = client(KdcTransport.TCP)) {
            assertTrue(c.kinit("alice", ALICE_PW, "-r", "2d").succeeded());
            Instant before = c.klist().tgt().orElseThrow().validStarting();
            Thread.sleep(1100); // klist shows whole seconds: the renewed ticket must start later
            ToolResult renew = c.kinitRenew();
            assertTrue(renew.succeeded(), renew::describe);
            assertTrue(renew.transportsAnswered().contains(KdcTransport.TCP), renew::describe);
            KlistTicket renewed = c.klist().tgt().orElseThrow();
            assertTrue(renewed.validStarting().isAfter(before), "renewed " + renewed);
            assertTrue(renewed.hasFlag('R'));
        }
    }

    @Test
    void mitSeesWrongPasswordRevokedAccountAndSkew() throws Exception {
        try (MitKrb5Client c = client(KdcTransport.UDP)) {
            ToolResult wrong = c.kinit("alice", "not-her-password");
            assertFalse(wrong.succeeded());
            assertTrue(wrong.stderr().contains("Password incorrect while getting initial credentials"), wrong::describe);

            realm.store.updateUser(realm.store.findUser("carol").orElseThrow().rid(),
                    u -> u.toBuilder().flag(AccountFlag.DISABLED, true).build());
            ToolResult revoked = c.kinit("carol", "Kestrel-pw-1");
            assertTrue(revoked.stderr().contains("Client's credentials have been revoked"), revoked::describe);

            realm.clock.offset = java.time.Duration.ofMinutes(10);
            try {
                ToolResult skew = c.kinit("alice", ALICE_PW);
                assertTrue(skew.stderr().contains("Clock skew too great"), skew::describe);
            } finally {
                realm.clock.offset = java.time.Duration.ZERO;
            }
        }
    }

    @Test
    void jdkKrb5LoginModuleGetsATgt() throws Exception {
        try (MitKrb5Client c = client(KdcTransport.UDP)) {
            JdkOutcome<JdkLogin> login = JdkKerberosPeer.using(c.krb5Conf()).login("alice", ALICE_PW);
            assertTrue(login.succeeded(), login::log);
            JdkLogin tgt = login.orThrow();
            assertEquals("alice@" + TestRealm.REALM, tgt.client());
            assertEquals("krbtgt/" + TestRealm.REALM + "@" + TestRealm.REALM, tgt.server());
            assertTrue(tgt.flags().contains("forwardable"), tgt.flags().toString());
        }
    }

    @Test
    void jgssInitiatorToJgssAcceptorWithAnLsaExportedKeytab() throws Exception {
        try (MitKrb5Client c = client(KdcTransport.TCP)) {
            Path kt = keytab(realm.dir.resolve("http.keytab"), "HTTP/web.kdc.test");
            JdkOutcome<JdkHandshake> h = JdkKerberosPeer.using(c.krb5Conf()).handshake("alice", ALICE_PW,
                    "HTTP@web.kdc.test", GssNameType.HOSTBASED_SERVICE, kt, GssFlag.MUTUAL);
            assertTrue(h.succeeded(), h::log);
            JdkHandshake r = h.orThrow();
            assertTrue(r.initiatorEstablished() && r.acceptorEstablished() && r.mutual());
            assertEquals("alice@" + TestRealm.REALM, r.acceptorSource());
            // The PAC travels inside AD-IF-RELEVANT (type 1), which is what JGSS reports at the top level.
            assertEquals(List.of(1), r.authzDataTypes(), "the acceptor sees the PAC container");
        }
    }

    @Test
    void jgssImpersonatePerformsS4u2SelfAndThenS4u2Proxy() throws Exception {
        try (MitKrb5Client c = client(KdcTransport.TCP)) {
            Path kt = keytab(realm.dir.resolve("svc.keytab"), "HTTP/web.kdc.test");
            JdkOutcome<JdkImpersonation> imp = JdkKerberosPeer.using(c.krb5Conf()).impersonate(
                    "HTTP/web.kdc.test", kt, "alice", "HTTP/web.kdc.test", kt);
            assertTrue(imp.succeeded(), imp::log);
            JdkImpersonation r = imp.orThrow();
            assertTrue(r.impersonatedName().startsWith("alice"), r.impersonatedName());
            assertTrue(r.initiated(), () -> "S4U2Proxy after S4U2Self: " + r.initiationError() + "\n" + imp.log());
            assertEquals("alice@" + TestRealm.REALM, r.acceptedAs().orElseThrow());
        }
    }

    /**
     * MIT's own S4U2Self: {@code kvno -U alice} with the service's TGT. MIT 1.20 sends PA-FOR-USER and
     * PA-S4U-X509-USER together (padata 129 and 130); the KDC answers the latter (MS-SFU 3.2.5.1.1), echoing the
     * user id with a checksum under the reply key, and MIT stores the ticket for alice. (MIT checks the echo only
     * under conditions this exchange does not meet, so the echo's checksum itself is tested in KdcExchangeTest.)
     */
    @Test
    void mitKvnoS4u2SelfIsAnsweredThroughPaS4uX509User() throws Exception {
        try (MitKrb5Client c = client(KdcTransport.UDP)) {
            Path kt = keytab(realm.dir.resolve("s4u.keytab"), "HTTP/web.kdc.test");
            ToolResult kinit = c.kinitWithKeytab(kt, "HTTP/web.kdc.test");
            assertTrue(kinit.succeeded(), kinit::describe);
            Kvno s4u = c.kvno("HTTP/web.kdc.test", "-U", "alice");
            assertTrue(s4u.succeeded(), () -> s4u.result().describe() + "\n" + s4u.result().trace());
            assertEquals(Optional.of("alice@" + TestRealm.REALM), s4u.ticket().orElseThrow().forClient());
        }
    }

    @Test
    void mitLibgssapiAcceptorValidatesATicketTheKdcIssued() throws Exception {
        try (MitKrb5Client c = client(KdcTransport.UDP);
             GssapiPeer gss = GssapiPeer.start(c.krb5Conf())) {
            assertTrue(c.kinit("alice", ALICE_PW).succeeded());
            Path kt = keytab(realm.dir.resolve("host.keytab"), "host/web.kdc.test");
            GssExchange ex = gss.initiateAndAccept(c.ccache(), "host@web.kdc.test", GssNameType.HOSTBASED_SERVICE,
                    kt, GssFlag.MUTUAL, GssFlag.INTEGRITY);
            assertTrue(ex.succeeded(), ex::toString);
            GssAcceptance a = ex.acceptance().orElseThrow();
            assertEquals("alice@" + TestRealm.REALM, a.initiatorName());
            assertEquals(GssAcceptance.KRB5_MECH, a.mech());
        }
    }
}
