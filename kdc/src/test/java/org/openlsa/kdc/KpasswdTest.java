package org.openlsa.kdc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openlsa.core.WellKnownSids;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.crypto.kerberos.EncryptionType;
import org.openlsa.crypto.kerberos.KerberosKey;
import org.openlsa.kdc.internal.KdcPrincipal;
import org.openlsa.kdc.internal.PrincipalLookup;
import org.openlsa.kdc.internal.TicketIssue;
import org.openlsa.kdc.client.KdcClient;
import org.openlsa.kdc.client.KdcTransport;
import org.openlsa.kdc.client.KpasswdClient;
import org.openlsa.krb5.Bytes;
import org.openlsa.krb5.EncTicketPart;
import org.openlsa.krb5.ErrorCode;
import org.openlsa.krb5.KdcOptions;
import org.openlsa.krb5.KrbError;
import org.openlsa.krb5.PrincipalName;
import org.openlsa.krb5.Ticket;
import org.openlsa.krb5.TicketFlags;
import org.openlsa.krb5.der.KrbCodec;
import org.openlsa.sam.AccountFlag;
import org.openlsa.sam.UserAccount;
import org.openlsa.kdc.protocol.KdcProtocol;
import org.openlsa.kdc.protocol.KpasswdFrame;
import org.openlsa.kdc.protocol.KpasswdResult;
import org.openlsa.kdc.protocol.KpasswdPolicyInfo;

/**
 * The kpasswd service over real sockets with OpenLSA's own client: the kadmin/changepw tickets the KDC issues for
 * it, who may change which password, the policy's verdicts and the protocol's refusals.
 */
class KpasswdTest {
    private static final String PW = "Wonderland-pw-1";
    private static final PrincipalName CHANGEPW = PrincipalName.service("kadmin", "changepw");
    private static final List<EncryptionType> ENCTYPES = List.of(EncryptionType.AES256_CTS_HMAC_SHA1_96);

    private TestRealm realm;
    private KdcServer kpasswdServer;
    private KdcClient kdcClient;
    private KpasswdClient kpasswd;
    private UserAccount alice;

    @BeforeEach
    void start() throws Exception {
        realm = TestRealm.start();
        alice = realm.addUser("alice", PW);
        aDayLater(); // alice's password was set by an administrator: the default minimum age is a day
        InetAddress loopback = InetAddress.getLoopbackAddress();
        kpasswdServer = KdcServer.start(realm.kdc.kpasswd(loopback), KdcServer.Options.defaults(loopback, 0));
        kdcClient = new KdcClient(new KdcClient.Endpoint(new InetSocketAddress(loopback, realm.server.port()), true,
                Duration.ofSeconds(5)), realm.clock, new SecureRandom());
        kpasswd = new KpasswdClient(List.of(KpasswdClient.network(new KdcTransport.KdcAddress(
                loopback.getHostAddress(), kpasswdServer.port()), Duration.ofSeconds(5))), realm.clock,
                new SecureRandom());
    }

    @AfterEach
    void stop() throws Exception {
        kpasswdServer.close();
        realm.close();
    }

    private void aDayLater() {
        realm.clock.offset = realm.clock.offset.plus(Duration.ofDays(1));
    }

    private static SecretBytes utf8(String s) {
        return SecretBytes.adopt(s.getBytes(StandardCharsets.UTF_8));
    }

    private KdcClient.Credential as(String user, String password, PrincipalName service, KdcOptions options)
            throws Exception {
        try (SecretBytes pw = utf8(password)) {
            return kdcClient.passwordAsExchange(TestRealm.REALM, PrincipalName.principal(user), pw, service, options,
                    Duration.ofHours(8), List.of(), ENCTYPES);
        }
    }

    private KdcClient.Credential changepw(String user, String password) throws Exception {
        return as(user, password, CHANGEPW, KdcOptions.of());
    }

    private KpasswdClient.Outcome change(KdcClient.Credential ticket, String newPassword,
                                         Optional<KpasswdClient.Target> target) throws Exception {
        try (SecretBytes pw = utf8(newPassword)) {
            return kpasswd.change(ticket, pw, target);
        }
    }

    private boolean logsOn(String user, String password) throws Exception {
        try (KdcClient.Credential tgt = as(user, password, PrincipalName.krbtgt(TestRealm.REALM), KdcOptions.of())) {
            return tgt.ticket() != null;
        } catch (KdcClient.KdcRefusal e) {
            return false;
        }
    }

    @Test
    void aUserChangesItsOwnPasswordWithAnInitialTicket() throws Exception {
        int kvno = realm.store.kerberosKeys(alice.rid()).orElseThrow().kvno();
        try (KdcClient.Credential ticket = as("alice", PW, CHANGEPW,
                KdcOptions.of(KdcOptions.FORWARDABLE, KdcOptions.RENEWABLE))) {
            TicketFlags flags = ticket.part().flags();
            assertTrue(flags.has(TicketFlags.INITIAL));
            assertFalse(flags.has(TicketFlags.FORWARDABLE), "a kpasswd ticket is never forwardable");
            assertFalse(flags.has(TicketFlags.RENEWABLE), "nor renewable");
            Duration life = Duration.between(ticket.part().starttime().orElseThrow().instant(),
                    ticket.part().endtime().instant());
            assertTrue(life.compareTo(Duration.ofMinutes(5)) <= 0, "a kpasswd ticket lives five minutes: " + life);

            KpasswdClient.Outcome outcome = change(ticket, "Wonderland-pw-2", Optional.empty());
            assertEquals(KpasswdResult.SUCCESS, outcome.result().orElseThrow(), outcome.message());
        }
        assertFalse(logsOn("alice", PW), "the old password no longer works");
        assertTrue(logsOn("alice", "Wonderland-pw-2"));
        assertEquals(kvno + 1, realm.store.kerberosKeys(alice.rid()).orElseThrow().kvno());
        assertTrue(realm.store.findUser(alice.rid()).orElseThrow().passwordLastSet().isPresent());
        org.openlsa.sam.SecurityEvent changed = realm.events.stream()
                .filter(e -> e.eventId() == org.openlsa.sam.SecurityEvent.PASSWORD_CHANGE).findFirst().orElseThrow();
        assertEquals("passwordChange", changed.event());
        assertEquals(org.openlsa.core.NtStatus.SUCCESS, changed.status());
        assertEquals("alice", changed.userName());
        assertEquals("kpasswd", changed.source());
    }

    @Test
    void anExpiredPasswordStillGetsAKpasswdTicketAndIsChangedWithIt() throws Exception {
        realm.store.updateUser(alice.rid(), u -> u.toBuilder().flag(AccountFlag.MUST_CHANGE_PASSWORD, true).build());
        KdcClient.KdcRefusal refused = assertThrows(KdcClient.KdcRefusal.class,
                () -> as("alice", PW, PrincipalName.krbtgt(TestRealm.REALM), KdcOptions.of()));
        assertEquals(ErrorCode.KDC_ERR_KEY_EXPIRED, refused.error().errorCode());
        try (KdcClient.Credential ticket = changepw("alice", PW)) {
            assertTrue(change(ticket, "Wonderland-pw-2", Optional.empty()).succeeded());
        }
        assertTrue(logsOn("alice", "Wonderland-pw-2"));
        assertFalse(realm.store.findUser(alice.rid()).orElseThrow().has(AccountFlag.MUST_CHANGE_PASSWORD));
    }

    @Test
    void aPasswordThePolicyRefusesIsASoftErrorWithTheAdPolicyBlob() throws Exception {
        realm.store.setPolicy(realm.store.domain().policy().withMinPasswordLength(12));
        try (KdcClient.Credential ticket = changepw("alice", PW)) {
            KpasswdClient.Outcome outcome = change(ticket, "short-1", Optional.empty());
            assertEquals(KpasswdResult.SOFTERROR, outcome.result().orElseThrow());
            KpasswdPolicyInfo info = KpasswdPolicyInfo.decode(outcome.text().toByteArray()).orElseThrow();
            assertEquals(12, info.minLength());
            // the blob tells the whole policy, as AD's does: complexity and history of a new domain included
            assertEquals(24, info.history());
            assertEquals(KpasswdPolicyInfo.COMPLEX, info.properties());
            assertEquals(Duration.ofDays(1), info.minAge());
            assertTrue(outcome.message().contains("The password must contain at least 12 characters."),
                    outcome.message());
            assertTrue(outcome.message().contains("different from the previous 24 passwords"), outcome.message());
        }
        assertTrue(logsOn("alice", PW), "a refused change leaves the password as it was");
    }

    /** The history binds one's own change, not an administrator's set, which is remembered all the same. */
    @Test
    void theHistoryRefusesOnesOwnOldPasswordButNotAnAdministratorsSet() throws Exception {
        try (KdcClient.Credential ticket = changepw("alice", PW)) {
            KpasswdClient.Outcome same = change(ticket, PW, Optional.empty());
            assertEquals(KpasswdResult.SOFTERROR, same.result().orElseThrow(), "the current password");
        }
        try (KdcClient.Credential ticket = changepw("alice", PW)) {
            KpasswdClient.Outcome simple = change(ticket, "simplepassword", Optional.empty());
            assertEquals(KpasswdResult.SOFTERROR, simple.result().orElseThrow(), "not complex");
        }
        UserAccount bob = realm.addUser("bob", "Builder-pw-1");
        realm.store.addAliasMember(WellKnownSids.BUILTIN_ADMINISTRATORS, alice.sid());
        KpasswdClient.Target target = new KpasswdClient.Target(PrincipalName.principal("bob"), TestRealm.REALM);
        try (KdcClient.Credential ticket = changepw("alice", PW)) {
            assertTrue(change(ticket, "Builder-pw-1", Optional.of(target)).succeeded(), "a set is not checked");
        }
        assertEquals(2, realm.store.passwordHistory(bob.rid()).size(), "but remembered");
        aDayLater();
        try (KdcClient.Credential ticket = changepw("bob", "Builder-pw-1")) {
            assertEquals(KpasswdResult.SOFTERROR, change(ticket, "Builder-pw-1", Optional.empty()).result()
                    .orElseThrow());
            assertTrue(change(ticket, "Builder-pw-2", Optional.empty()).succeeded());
        }
    }

    @Test
    void theMinimumAgeHoldsUnlessThePasswordMustChange() throws Exception {
        realm.store.setPolicy(realm.store.domain().policy().withPasswordAges(Duration.ofDays(2), Optional.empty()));
        try (KdcClient.Credential ticket = changepw("alice", PW)) {
            KpasswdClient.Outcome outcome = change(ticket, "Wonderland-pw-2", Optional.empty());
            assertEquals(KpasswdResult.SOFTERROR, outcome.result().orElseThrow());
            assertTrue(outcome.message().contains("every 2 days"), outcome.message());
        }
        realm.store.updateUser(alice.rid(), u -> u.toBuilder().flag(AccountFlag.MUST_CHANGE_PASSWORD, true).build());
        try (KdcClient.Credential ticket = changepw("alice", PW)) {
            assertTrue(change(ticket, "Wonderland-pw-2", Optional.empty()).succeeded());
        }
    }

    @Test
    void aKpasswdTicketComesFromThePasswordOnly() throws Exception {
        try (KdcClient.Credential tgt = as("alice", PW, PrincipalName.krbtgt(TestRealm.REALM), KdcOptions.of())) {
            KdcClient.KdcRefusal refused = assertThrows(KdcClient.KdcRefusal.class,
                    () -> kdcClient.tgsExchange(tgt, CHANGEPW, KdcOptions.of(), List.of(), List.of()));
            assertEquals(ErrorCode.KDC_ERR_POLICY, refused.error().errorCode());
        }
        // Should a non-initial kadmin/changepw ticket exist anyway, the service refuses it.
        try (KdcClient.Credential initial = changepw("alice", PW);
             KdcPrincipal service = new PrincipalLookup(realm.store).service(realm.store.domain(), CHANGEPW,
                     TestRealm.REALM);
             KerberosKey key = service.bestKey(List.of(EncryptionType.AES256_CTS_HMAC_SHA1_96.id()))) {
            EncTicketPart part = TicketIssue.open(initial.ticket(), service);
            assertTrue(part.flags().has(TicketFlags.INITIAL));
            EncTicketPart notInitial = new EncTicketPart(TicketFlags.of(TicketFlags.PRE_AUTHENT), part.key(),
                    part.crealm(), part.cname(), part.transited(), part.authtime(), part.starttime(), part.endtime(),
                    part.renewTill(), part.caddr(), part.authorizationData());
            Ticket sealed = TicketIssue.seal(TestRealm.REALM, CHANGEPW, notInitial, key, service.kvno(),
                    new SecureRandom());
            KdcClient.Credential fromTgt = new KdcClient.Credential(sealed, initial.sessionKey(), initial.part(),
                    initial.crealm(), initial.cname(), List.of());
            assertEquals(KpasswdResult.INITIAL_FLAG_NEEDED,
                    change(fromTgt, "Wonderland-pw-2", Optional.empty()).result().orElseThrow());
        }
        assertTrue(logsOn("alice", PW));
    }

    @Test
    void aKpasswdTicketIsNoTgtEvenWithItsHeaderRewritten() throws Exception {
        try (KdcClient.Credential ticket = changepw("alice", PW)) {
            Ticket t = ticket.ticket();
            Ticket forged = new Ticket(t.realm(), PrincipalName.krbtgt(TestRealm.REALM), t.encPart());
            KdcClient.Credential asTgt = new KdcClient.Credential(forged, ticket.sessionKey(), ticket.part(),
                    ticket.crealm(), ticket.cname(), List.of());
            KdcClient.KdcRefusal refused = assertThrows(KdcClient.KdcRefusal.class, () -> kdcClient.tgsExchange(asTgt,
                    PrincipalName.service("host", "x.kdc.test"), KdcOptions.of(), List.of(), List.of()));
            assertEquals(ErrorCode.KRB_AP_ERR_BAD_INTEGRITY, refused.error().errorCode());
        }
    }

    @Test
    void onlyAnAdministratorSetsAnotherAccountsPassword() throws Exception {
        UserAccount bob = realm.addUser("bob", "Builder-pw-1");
        KpasswdClient.Target target = new KpasswdClient.Target(PrincipalName.principal("bob"), TestRealm.REALM);
        try (KdcClient.Credential ticket = changepw("alice", PW)) {
            KpasswdClient.Outcome outcome = change(ticket, "Builder-pw-2", Optional.of(target));
            assertEquals(KpasswdResult.ACCESSDENIED, outcome.result().orElseThrow());
        }
        assertTrue(logsOn("bob", "Builder-pw-1"));

        realm.store.addAliasMember(WellKnownSids.BUILTIN_ADMINISTRATORS, alice.sid());
        try (KdcClient.Credential ticket = changepw("alice", PW)) {
            assertTrue(change(ticket, "Builder-pw-2", Optional.of(target)).succeeded());
        }
        assertTrue(logsOn("bob", "Builder-pw-2"));
        assertTrue(logsOn("alice", PW), "setting bob's password leaves alice's alone");
        org.openlsa.sam.SecurityEvent reset = realm.events.stream()
                .filter(e -> e.eventId() == org.openlsa.sam.SecurityEvent.PASSWORD_RESET).findFirst().orElseThrow();
        assertEquals("bob", reset.userName());
        assertEquals(alice.sid().toString(), reset.caller(), "the administrator who set it");

        // A set-password request naming oneself is a change of one's own password (a day later: the minimum age).
        aDayLater();
        try (KdcClient.Credential ticket = changepw("bob", "Builder-pw-2")) {
            assertTrue(change(ticket, "Builder-pw-3", Optional.of(target)).succeeded());
        }
        assertTrue(logsOn("bob", "Builder-pw-3"));
        try (KdcClient.Credential ticket = changepw("alice", PW)) {
            KpasswdClient.Outcome krbtgt = change(ticket, "Krbtgt-pw-1", Optional.of(new KpasswdClient.Target(
                    PrincipalName.krbtgt(TestRealm.REALM), TestRealm.REALM)));
            assertEquals(KpasswdResult.HARDERROR, krbtgt.result().orElseThrow(), "krbtgt is not set this way");
        }
    }

    @Test
    void aTicketForAnotherServiceIsAnAuthenticationError() throws Exception {
        try (KdcClient.Credential tgt = as("alice", PW, PrincipalName.krbtgt(TestRealm.REALM), KdcOptions.of())) {
            KpasswdClient.Outcome outcome = change(tgt, "Wonderland-pw-2", Optional.empty());
            assertEquals(KpasswdResult.AUTHERROR, outcome.result().orElseThrow());
        }
        assertTrue(logsOn("alice", PW));
    }

    @Test
    void aReplayedRequestIsRefusedAndBadFramesGetTheirResult() throws Exception {
        Kpasswd service = realm.kdc.kpasswd(InetAddress.getLoopbackAddress());
        InetSocketAddress from = new InetSocketAddress(InetAddress.getLoopbackAddress(), 1);
        byte[][] captured = new byte[1][];
        KpasswdClient.Route capturing = new KpasswdClient.Route() {
            @Override
            public InetAddress localAddress() {
                return InetAddress.getLoopbackAddress();
            }

            @Override
            public byte[] send(byte[] frame) {
                captured[0] = frame.clone();
                return service.handle(frame, KdcProtocol.Transport.TCP, from).orElseThrow();
            }
        };
        KpasswdClient client = new KpasswdClient(List.of(capturing), realm.clock, new SecureRandom());
        try (KdcClient.Credential ticket = changepw("alice", PW); SecretBytes pw = utf8("Wonderland-pw-2")) {
            assertTrue(client.change(ticket, pw, Optional.empty()).succeeded());
        }
        KpasswdFrame replay = KpasswdFrame.decode(service.handle(captured[0], KdcProtocol.Transport.UDP, from)
                .orElseThrow());
        assertTrue(replay.ap().isEmpty(), "a replay is refused before authentication");
        KrbError error = KrbCodec.decodeKrbError(replay.message().toByteArray());
        assertEquals(ErrorCode.KRB_AP_ERR_REPEAT, error.errorCode());
        assertEquals(KpasswdResult.AUTHERROR.code(), KpasswdFrame.resultCode(error.eData().orElseThrow().toByteArray()));

        // Not a frame at all: dropped, as the KDC drops what is not Kerberos.
        assertTrue(service.handle(new byte[] {0, 3, 0}, KdcProtocol.Transport.UDP, from).isEmpty());
        assertTrue(service.handle(new byte[] {0, 9, 0, 1, 0, 0}, KdcProtocol.Transport.UDP, from).isEmpty());
        // A frame with a bad version, or whose AP-REQ is garbage: answered with the result code.
        assertEquals(KpasswdResult.BAD_VERSION.code(), errorResult(service.handle(new KpasswdFrame(2,
                Bytes.of(new byte[] {1}), Bytes.EMPTY).encode(), KdcProtocol.Transport.UDP, from).orElseThrow()));
        assertEquals(KpasswdResult.MALFORMED.code(), errorResult(service.handle(new KpasswdFrame(1,
                Bytes.of(new byte[] {0x6e, 0}), Bytes.of(new byte[] {1, 2})).encode(), KdcProtocol.Transport.TCP,
                from).orElseThrow()));
    }

    private byte[] udp(byte[] datagram) throws Exception {
        try (java.net.DatagramSocket s = new java.net.DatagramSocket()) {
            s.setSoTimeout(2000);
            s.send(new java.net.DatagramPacket(datagram, datagram.length, InetAddress.getLoopbackAddress(),
                    kpasswdServer.port()));
            byte[] buf = new byte[65535];
            java.net.DatagramPacket p = new java.net.DatagramPacket(buf, buf.length);
            s.receive(p);
            return java.util.Arrays.copyOf(buf, p.getLength());
        }
    }

    private boolean udpAnswered(byte[] datagram) throws Exception {
        try {
            udp(datagram);
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        }
    }

    @Test
    void aRetransmittedRequestOverUdpGetsTheSameReplyAndAnotherFrameWithItsAuthenticatorIsAReplay()
            throws Exception {
        byte[][] exchanged = new byte[2][];
        KpasswdClient.Route overUdp = new KpasswdClient.Route() {
            @Override
            public InetAddress localAddress() {
                return InetAddress.getLoopbackAddress();
            }

            @Override
            public byte[] send(byte[] frame) {
                try {
                    exchanged[0] = frame.clone();
                    exchanged[1] = udp(frame);
                    return exchanged[1].clone();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        KpasswdClient client = new KpasswdClient(List.of(overUdp), realm.clock, new SecureRandom());
        try (KdcClient.Credential ticket = changepw("alice", PW); SecretBytes pw = utf8("Wonderland-pw-2")) {
            assertTrue(client.change(ticket, pw, Optional.empty()).succeeded());
        }
        // The client lost that reply and sends its request again: the same reply, not a replay error.
        org.junit.jupiter.api.Assertions.assertArrayEquals(exchanged[1], udp(exchanged[0]));
        assertTrue(logsOn("alice", "Wonderland-pw-2"));
        // The same AP-REQ in another frame is a replay all the same.
        KpasswdFrame sent = KpasswdFrame.decode(exchanged[0]);
        KpasswdFrame other = new KpasswdFrame(KpasswdFrame.VERSION_SET, sent.ap(), sent.message());
        KrbError error = KrbCodec.decodeKrbError(KpasswdFrame.decode(udp(other.encode())).message().toByteArray());
        assertEquals(ErrorCode.KRB_AP_ERR_REPEAT, error.errorCode());
    }

    /** The shortest frame a kpasswd request can be: the header, the shortest AP-REQ and the shortest KRB-PRIV. */
    static byte[] smallestRequest() throws Exception {
        org.bouncycastle.asn1.ASN1Encodable encData = seq(explicit(0, new org.bouncycastle.asn1.ASN1Integer(0)),
                explicit(2, new org.bouncycastle.asn1.DEROctetString(new byte[0])));
        org.bouncycastle.asn1.ASN1Encodable ticket = app(1, seq(explicit(0, new org.bouncycastle.asn1.ASN1Integer(5)),
                explicit(1, new org.bouncycastle.asn1.DERGeneralString("")),
                explicit(2, seq(explicit(0, new org.bouncycastle.asn1.ASN1Integer(0)), explicit(1, seq()))),
                explicit(3, encData)));
        byte[] ap = app(14, seq(explicit(0, new org.bouncycastle.asn1.ASN1Integer(5)),
                explicit(1, new org.bouncycastle.asn1.ASN1Integer(14)),
                explicit(2, new org.bouncycastle.asn1.DERBitString(new byte[4], 0)), explicit(3, ticket),
                explicit(4, encData))).getEncoded("DER");
        byte[] priv = app(21, seq(explicit(0, new org.bouncycastle.asn1.ASN1Integer(5)),
                explicit(1, new org.bouncycastle.asn1.ASN1Integer(21)), explicit(3, encData))).getEncoded("DER");
        return new KpasswdFrame(KpasswdFrame.VERSION_CHANGE, Bytes.of(ap), Bytes.of(priv)).encode();
    }

    private static org.bouncycastle.asn1.ASN1Primitive seq(org.bouncycastle.asn1.ASN1Encodable... items) {
        return new org.bouncycastle.asn1.DERSequence(items);
    }

    private static org.bouncycastle.asn1.ASN1Encodable explicit(int tag, org.bouncycastle.asn1.ASN1Encodable v) {
        return new org.bouncycastle.asn1.DERTaggedObject(true, tag, v);
    }

    private static org.bouncycastle.asn1.ASN1Primitive app(int tag, org.bouncycastle.asn1.ASN1Encodable v) {
        return new org.bouncycastle.asn1.DERTaggedObject(true, org.bouncycastle.asn1.BERTags.APPLICATION, tag, v)
                .toASN1Primitive();
    }

    @Test
    void udpDatagramsShorterThanTheSmallestRequestGetNoAnswer() throws Exception {
        byte[] smallest = smallestRequest();
        assertEquals(Kpasswd.MIN_REQUEST, smallest.length);
        assertTrue(udpAnswered(smallest), "the smallest request is answered (with an error)");
        // A well-formed frame one byte shorter, which the service would answer with an error: silence over UDP,
        // the answer over TCP (no spoofing there).
        byte[] shorter = new KpasswdFrame(KpasswdFrame.VERSION_CHANGE, Bytes.of(new byte[50]),
                Bytes.of(new byte[Kpasswd.MIN_REQUEST - 1 - 6 - 50])).encode();
        assertEquals(Kpasswd.MIN_REQUEST - 1, shorter.length);
        assertFalse(udpAnswered(shorter));
        assertFalse(udpAnswered(new byte[] {0, 6, 0, 1, 0, 0}));
        assertTrue(realm.kdc.kpasswd(InetAddress.getLoopbackAddress()).handle(shorter, KdcProtocol.Transport.TCP,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 1)).isPresent());
    }

    private static int errorResult(byte[] reply) throws Exception {
        KpasswdFrame frame = KpasswdFrame.decode(reply);
        assertTrue(frame.ap().isEmpty());
        return KpasswdFrame.resultCode(KrbCodec.decodeKrbError(frame.message().toByteArray()).eData().orElseThrow()
                .toByteArray());
    }
}
