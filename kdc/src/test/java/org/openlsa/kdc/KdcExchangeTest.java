package org.openlsa.kdc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openlsa.core.NtStatus;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.crypto.kerberos.ChecksumType;
import org.openlsa.crypto.kerberos.EncryptionType;
import org.openlsa.crypto.kerberos.KerberosCrypto;
import org.openlsa.crypto.kerberos.KerberosKey;
import org.openlsa.kdc.client.KdcClient;
import org.openlsa.krb5.AuthorizationData;
import org.openlsa.krb5.AuthorizationDataEntry;
import org.openlsa.krb5.Bytes;
import org.openlsa.krb5.Checksum;
import org.openlsa.krb5.EncTicketPart;
import org.openlsa.krb5.ErrorCode;
import org.openlsa.krb5.EtypeInfo2Entry;
import org.openlsa.krb5.KdcOptions;
import org.openlsa.krb5.KdcReqBody;
import org.openlsa.krb5.KerberosTime;
import org.openlsa.krb5.KrbError;
import org.openlsa.krb5.PaData;
import org.openlsa.krb5.PaForUser;
import org.openlsa.krb5.PrincipalName;
import org.openlsa.krb5.Ticket;
import org.openlsa.krb5.TicketFlags;
import org.openlsa.krb5.der.KrbCodec;
import org.openlsa.pac.KerbValidationInfo;
import org.openlsa.pac.Pac;
import org.openlsa.pac.PacCodec;
import org.openlsa.pac.PacSignatureKind;
import org.openlsa.pac.SignablePac;
import org.openlsa.sam.SecurityEvent;
import org.openlsa.sam.AccountFlag;
import org.openlsa.sam.KerberosKeySet;
import org.openlsa.sam.UserAccount;

/**
 * The AS and TGS exchanges end to end over a real socket, with OpenLSA's own client: what the tickets contain
 * (flags, PAC, keys), and every refusal with its exact error code and KERB-EXT-ERROR status.
 */
class KdcExchangeTest {
    private static final String PW = "Wonderland-pw-1";
    private TestRealm realm;
    private KdcClient client;
    private UserAccount alice;
    private UserAccount web;

    @BeforeEach
    void start() throws Exception {
        realm = TestRealm.start();
        alice = realm.addUser("alice", PW);
        web = realm.addService("websvc", "Web-pw-1", "HTTP/web.kdc.test");
        client = new KdcClient(new KdcClient.Endpoint(new InetSocketAddress("127.0.0.1", realm.server.port()),
                false, Duration.ofSeconds(5)), realm.clock, new SecureRandom());
    }

    @AfterEach
    void stop() throws Exception {
        realm.close();
    }

    private KerberosKey key(String password, String name, EncryptionType type) {
        try (SecretBytes pw = SecretBytes.copyOf(password.getBytes(StandardCharsets.UTF_8))) {
            return KerberosCrypto.stringToKey(type, pw, (TestRealm.REALM + name).getBytes(StandardCharsets.UTF_8),
                    null);
        }
    }

    private KdcClient.Credential tgt(String user, String password) throws Exception {
        try (KerberosKey k = key(password, user, EncryptionType.AES256_CTS_HMAC_SHA1_96)) {
            return client.asExchange(TestRealm.REALM, PrincipalName.principal(user), k,
                    PrincipalName.krbtgt(TestRealm.REALM), KdcOptions.of(KdcOptions.FORWARDABLE, KdcOptions.RENEWABLE),
                    Duration.ofHours(8));
        }
    }

    private KerberosKey storedKey(long rid, EncryptionType type) throws Exception {
        try (KerberosKeySet set = realm.store.kerberosKeys(rid).orElseThrow()) {
            return KerberosKey.copyOf(type, set.key(type.id()).orElseThrow().key().copyBytes());
        }
    }

    private EncTicketPart open(Ticket t, long rid) throws Exception {
        EncryptionType type = EncryptionType.of(t.encPart().etype()).orElseThrow();
        try (KerberosKey k = storedKey(rid, type)) {
            return KrbCodec.decodeEncTicketPart(KerberosCrypto.decrypt(k, 2, t.encPart().cipher().toByteArray()));
        }
    }

    private static byte[] pacOf(EncTicketPart part) throws Exception {
        AuthorizationDataEntry ifRelevant = part.authorizationData().entries().get(0);
        assertEquals(AuthorizationDataEntry.AD_IF_RELEVANT, ifRelevant.adType());
        AuthorizationData inner = KrbCodec.decodeAuthorizationData(ifRelevant.adData().toByteArray());
        assertEquals(AuthorizationDataEntry.AD_WIN2K_PAC, inner.entries().get(0).adType());
        return inner.entries().get(0).adData().toByteArray();
    }

    private static KrbError refusal(org.junit.jupiter.api.function.Executable e) {
        return assertThrows(KdcClient.KdcRefusal.class, e).error();
    }

    private static Optional<NtStatus> extStatus(KrbError e) throws Exception {
        if (e.eData().isEmpty()) {
            return Optional.empty();
        }
        var seq = org.bouncycastle.asn1.ASN1Sequence.getInstance(e.eData().get().toByteArray());
        byte[] ext = org.bouncycastle.asn1.ASN1OctetString.getInstance(
                ((org.bouncycastle.asn1.ASN1TaggedObject) seq.getObjectAt(1)).getExplicitBaseObject()).getOctets();
        return Optional.of(new NtStatus(ByteBuffer.wrap(ext).order(ByteOrder.LITTLE_ENDIAN).getInt()));
    }

    @Test
    void asExchangeIssuesATgtWithASignedPac() throws Exception {
        try (KdcClient.Credential tgt = tgt("alice", PW)) {
            TicketFlags f = tgt.part().flags();
            assertTrue(f.has(TicketFlags.INITIAL) && f.has(TicketFlags.PRE_AUTHENT) && f.has(TicketFlags.FORWARDABLE)
                    && f.has(TicketFlags.RENEWABLE), f.toString());
            // The client asked for 8 hours from its own clock; the KDC counts from its own whole second.
            Duration life = Duration.between(tgt.part().starttime().orElseThrow().instant(),
                    tgt.part().endtime().instant());
            assertTrue(life.compareTo(Duration.ofHours(8)) <= 0 && life.compareTo(Duration.ofHours(8).minusSeconds(2)) >= 0,
                    life.toString());
            EncTicketPart part = open(tgt.ticket(), UserAccount.RID_KRBTGT);
            assertEquals(List.of("alice"), part.cname().nameString());
            byte[] encodedPac = pacOf(part);
            Pac pac = PacCodec.decode(encodedPac);
            KerbValidationInfo info = pac.logonInfo().orElseThrow();
            assertEquals((int) alice.rid(), info.userId());
            assertEquals((int) UserAccount.RID_DOMAIN_USERS, info.primaryGroupId());
            assertEquals(TestRealm.SID, info.logonDomainId());
            assertEquals("alice", pac.clientInfo().orElseThrow().name());
            SignablePac s = SignablePac.parse(encodedPac);
            try (KerberosKey krbtgt = storedKey(UserAccount.RID_KRBTGT, EncryptionType.AES256_CTS_HMAC_SHA1_96)) {
                assertTrue(KerberosCrypto.verifyChecksum(ChecksumType.HMAC_SHA1_96_AES256, krbtgt, 17,
                        s.checksumInput(), s.signature(PacSignatureKind.SERVER).orElseThrow().signature()));
                assertTrue(KerberosCrypto.verifyChecksum(ChecksumType.HMAC_SHA1_96_AES256, krbtgt, 17,
                        s.kdcChecksumInput(), s.signature(PacSignatureKind.KDC).orElseThrow().signature()));
            }
        }
    }

    /**
     * RFC 6806: with CANONICALIZE the reply, the ticket and the PAC name the account by its own name, as Active
     * Directory does ({@code kinit -C ALICE} caches alice@REALM); without it, the name as typed (MIT's client refuses
     * any other then), an enterprise name reduced to its account part.
     */
    @Test
    void theClientNameIsTheAccountsOwnWhenCanonicalizationIsAsked() throws Exception {
        PrincipalName upper = PrincipalName.principal("ALICE");
        PrincipalName enterprise = new PrincipalName(PrincipalName.NT_ENTERPRISE, List.of("Alice@kdc.TEST"));
        Object[][] cases = {
            {upper, false, "ALICE"}, {upper, true, "alice"},
            {enterprise, false, "Alice"}, {enterprise, true, "alice"},
        };
        for (Object[] c : cases) {
            PrincipalName typed = (PrincipalName) c[0];
            KdcOptions options = KdcOptions.of(KdcOptions.FORWARDABLE);
            if ((boolean) c[1]) {
                options = options.with(KdcOptions.CANONICALIZE);
            }
            String expected = (String) c[2];
            String what = typed + (options.has(KdcOptions.CANONICALIZE) ? " canonicalized" : " as typed");
            try (KerberosKey k = key(PW, "alice", EncryptionType.AES256_CTS_HMAC_SHA1_96);
                 KdcClient.Credential tgt = client.asExchange(TestRealm.REALM, typed, k,
                         PrincipalName.krbtgt(TestRealm.REALM), options, Duration.ofHours(1))) {
                PrincipalName named = new PrincipalName(PrincipalName.NT_PRINCIPAL, List.of(expected));
                assertEquals(named, tgt.cname(), what);
                EncTicketPart part = open(tgt.ticket(), UserAccount.RID_KRBTGT);
                assertEquals(named, part.cname(), what);
                assertEquals(expected, PacCodec.decode(pacOf(part)).clientInfo().orElseThrow().name(), what);
            }
        }
    }

    @Test
    void withoutPreauthTheKdcAsksForItWithTheSalt() throws Exception {
        KdcReqBody body = new KdcReqBody(KdcOptions.of(), Optional.of(PrincipalName.principal("alice")),
                TestRealm.REALM, Optional.of(PrincipalName.krbtgt(TestRealm.REALM)), Optional.empty(),
                KerberosTime.ofEpochSecond(0), Optional.empty(), 7, List.of(20, 18), List.of(), Optional.empty(),
                List.of());
        KrbError e = KrbCodec.decodeKrbError(client.exchange(KrbCodec.encode(KrbCodec.asReq(List.of(), body))));
        assertEquals(ErrorCode.KDC_ERR_PREAUTH_REQUIRED, e.errorCode());
        List<PaData> methods = KrbCodec.decodeMethodData(e.eData().orElseThrow().toByteArray());
        List<EtypeInfo2Entry> info = KrbCodec.decodeEtypeInfo2(
                PaData.find(methods, PaData.PA_ETYPE_INFO2).orElseThrow().padataValue().toByteArray());
        assertEquals(20, info.get(0).etype(), "the client's first choice it has a key for");
        assertEquals(Optional.of("KDC.TESTalice"), info.get(0).salt());
    }

    @Test
    void wrongPasswordsAreCountedAndLockTheAccount() throws Exception {
        for (int i = 0; i < 10; i++) {
            KrbError e = refusal(() -> tgt("alice", "wrong"));
            assertEquals(ErrorCode.KDC_ERR_PREAUTH_FAILED, e.errorCode());
        }
        assertEquals(10, realm.store.findUser(alice.rid()).orElseThrow().logonState().badPasswordCount());
        KrbError locked = refusal(() -> tgt("alice", PW));
        assertEquals(ErrorCode.KDC_ERR_CLIENT_REVOKED, locked.errorCode());
        assertEquals(Optional.of(NtStatus.ACCOUNT_LOCKED_OUT), extStatus(locked));

        // Audited as Windows does: a 4771 per failed pre-authentication, one 4740 from the attempt that locked.
        List<SecurityEvent> preauth = realm.events.stream().filter(e -> e.eventId() == SecurityEvent.PREAUTH_FAILED).toList();
        assertEquals(10, preauth.size(), realm.events.toString());
        SecurityEvent first = preauth.get(0);
        assertEquals("preauthFailure", first.event());
        assertEquals(NtStatus.WRONG_PASSWORD, first.status());
        assertEquals("alice", first.userName());
        assertEquals(Optional.of(alice.sid()), first.userSid());
        assertEquals("kdc", first.source());
        assertEquals("127.0.0.1", first.clientAddress());
        List<SecurityEvent> lockouts = realm.events.stream().filter(e -> e.eventId() == SecurityEvent.ACCOUNT_LOCKED_OUT).toList();
        assertEquals(1, lockouts.size(), realm.events.toString());
        assertEquals("lockout", lockouts.get(0).event());
        assertEquals("alice", lockouts.get(0).userName());
    }

    @Test
    void concurrentWrongPasswordsCountExactlyToTheThreshold() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<ErrorCode>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                results.add(pool.submit(() -> refusal(() -> tgt("alice", "wrong")).errorCode()));
            }
            int failed = 0;
            int revoked = 0;
            for (Future<ErrorCode> r : results) {
                ErrorCode c = r.get();
                if (c.equals(ErrorCode.KDC_ERR_PREAUTH_FAILED)) {
                    failed++;
                } else if (c.equals(ErrorCode.KDC_ERR_CLIENT_REVOKED)) {
                    revoked++;
                }
            }
            assertEquals(10, failed);
            assertEquals(30, revoked);
            assertEquals(10, realm.store.findUser(alice.rid()).orElseThrow().logonState().badPasswordCount());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void restrictionsMapToKdcErrorsWithTheirStatus() throws Exception {
        realm.store.updateUser(alice.rid(), u -> u.toBuilder().flag(AccountFlag.DISABLED, true).build());
        KrbError disabled = refusal(() -> tgt("alice", PW));
        assertEquals(ErrorCode.KDC_ERR_CLIENT_REVOKED, disabled.errorCode());
        assertEquals(Optional.of(NtStatus.ACCOUNT_DISABLED), extStatus(disabled));
        realm.store.updateUser(alice.rid(), u -> u.toBuilder().flag(AccountFlag.DISABLED, false)
                .flag(AccountFlag.MUST_CHANGE_PASSWORD, true).build());
        KrbError mustChange = refusal(() -> tgt("alice", PW));
        assertEquals(ErrorCode.KDC_ERR_KEY_EXPIRED, mustChange.errorCode());
        assertEquals(Optional.of(NtStatus.PASSWORD_MUST_CHANGE), extStatus(mustChange));
        realm.store.updateUser(alice.rid(), u -> u.toBuilder().flag(AccountFlag.MUST_CHANGE_PASSWORD, false)
                .flag(AccountFlag.SMARTCARD_REQUIRED, true).build());
        KrbError smartcard = refusal(() -> tgt("alice", PW));
        assertEquals(ErrorCode.KDC_ERR_POLICY, smartcard.errorCode(), "the right password, but no certificate");
        assertEquals(Optional.of(NtStatus.SMARTCARD_LOGON_REQUIRED), extStatus(smartcard));
        KrbError wrong = refusal(() -> tgt("alice", "not-the-password"));
        assertEquals(ErrorCode.KDC_ERR_PREAUTH_FAILED, wrong.errorCode(), "the requirement is told only after the"
                + " password is proven");
    }

    private static org.openlsa.krb5.HostAddress netbios(String name) {
        byte[] padded = String.format("%-16s", name).getBytes(StandardCharsets.US_ASCII);
        return new org.openlsa.krb5.HostAddress(org.openlsa.krb5.HostAddress.ADDRTYPE_NETBIOS,
                org.openlsa.krb5.Bytes.of(padded));
    }

    private KdcClient.Credential tgtFrom(String workstation) throws Exception {
        try (KerberosKey k = key(PW, "alice", EncryptionType.AES256_CTS_HMAC_SHA1_96)) {
            return client.asExchange(TestRealm.REALM, PrincipalName.principal("alice"), k,
                    PrincipalName.krbtgt(TestRealm.REALM), KdcOptions.of(), Duration.ofHours(1),
                    workstation == null ? List.of() : List.of(netbios(workstation)));
        }
    }

    @Test
    void theWorkstationListIsCheckedAgainstTheClientsNetbiosAddress() throws Exception {
        realm.store.updateUser(alice.rid(), u -> u.toBuilder().workstations(List.of("DESK1")).build());
        KrbError elsewhere = refusal(() -> tgtFrom("LAPTOP7"));
        assertEquals(ErrorCode.KDC_ERR_POLICY, elsewhere.errorCode());
        assertEquals(Optional.of(NtStatus.INVALID_WORKSTATION), extStatus(elsewhere));
        tgtFrom("desk1").close(); // case-insensitive, as the MSV1_0 check
        // No NetBIOS address (MIT, the JDK): no workstation to check, as Samba's KDC does.
        tgtFrom(null).close();
    }

    @Test
    void aServiceTicketNeedsTheNetworkLogonRightATgtDoesNot() throws Exception {
        realm.store.grantRight(alice.sid(), org.openlsa.sam.AccountRight.of(
                org.openlsa.core.LogonRight.SE_DENY_NETWORK_LOGON));
        try (KdcClient.Credential tgt = tgt("alice", PW)) {
            KrbError e = refusal(() -> client.tgsExchange(tgt, PrincipalName.service("HTTP", "web.kdc.test"),
                    KdcOptions.of(), List.of(), List.of()));
            assertEquals(ErrorCode.KDC_ERR_POLICY, e.errorCode());
            assertEquals(Optional.of(NtStatus.LOGON_TYPE_NOT_GRANTED), extStatus(e));
            realm.store.revokeRight(alice.sid(), org.openlsa.sam.AccountRight.of(
                    org.openlsa.core.LogonRight.SE_DENY_NETWORK_LOGON));
            client.tgsExchange(tgt, PrincipalName.service("HTTP", "web.kdc.test"), KdcOptions.of(), List.of(),
                    List.of()).close();
        }
    }

    @Test
    void unknownPrincipalsSkewAndUnsupportedEnctypes() throws Exception {
        assertEquals(ErrorCode.KDC_ERR_C_PRINCIPAL_UNKNOWN, refusal(() -> tgt("nobody", PW)).errorCode());
        KdcClient skewed = new KdcClient(new KdcClient.Endpoint(new InetSocketAddress("127.0.0.1",
                realm.server.port()), true, Duration.ofSeconds(5)),
                java.time.Clock.offset(java.time.Clock.systemUTC(), Duration.ofMinutes(6)), new SecureRandom());
        try (KerberosKey k = key(PW, "alice", EncryptionType.AES256_CTS_HMAC_SHA1_96)) {
            KrbError e = refusal(() -> skewed.asExchange(TestRealm.REALM, PrincipalName.principal("alice"), k,
                    PrincipalName.krbtgt(TestRealm.REALM), KdcOptions.of(), Duration.ofHours(1)));
            assertEquals(ErrorCode.KRB_AP_ERR_SKEW, e.errorCode(), "six minutes ahead, over the five allowed");
        }
        try (KdcClient.Credential tgt = tgt("alice", PW)) {
            assertEquals(ErrorCode.KDC_ERR_S_PRINCIPAL_UNKNOWN, refusal(() -> client.tgsExchange(tgt,
                    PrincipalName.service("HTTP", "nowhere.kdc.test"), KdcOptions.of(), List.of(), List.of()))
                    .errorCode());
        }
        try (KerberosKey rc4 = key(PW, "alice", EncryptionType.RC4_HMAC)) {
            KrbError e = refusal(() -> client.asExchange(TestRealm.REALM, PrincipalName.principal("alice"), rc4,
                    PrincipalName.krbtgt(TestRealm.REALM), KdcOptions.of(), Duration.ofHours(1)));
            assertEquals(ErrorCode.KDC_ERR_ETYPE_NOSUPP, e.errorCode(), "rc4-hmac is off unless policy enables it");
        }
    }

    @Test
    void tgsIssuesAServiceTicketWithTheReSignedPacAndRefusesReplays() throws Exception {
        try (KdcClient.Credential tgt = tgt("alice", PW);
             KdcClient.Credential st = client.tgsExchange(tgt, PrincipalName.service("HTTP", "web.kdc.test"),
                     KdcOptions.of(KdcOptions.FORWARDABLE), List.of(), List.of())) {
            EncTicketPart part = open(st.ticket(), web.rid());
            assertEquals(List.of("alice"), part.cname().nameString());
            assertTrue(part.flags().has(TicketFlags.FORWARDABLE) && part.flags().has(TicketFlags.PRE_AUTHENT));
            SignablePac s = SignablePac.parse(pacOf(part));
            EncryptionType type = EncryptionType.of(st.ticket().encPart().etype()).orElseThrow();
            try (KerberosKey service = storedKey(web.rid(), type)) {
                assertTrue(KerberosCrypto.verifyChecksum(type.checksumType(), service, 17, s.checksumInput(),
                        s.signature(PacSignatureKind.SERVER).orElseThrow().signature()), "re-signed for the service");
            }
            assertEquals((int) alice.rid(), s.pac().logonInfo().orElseThrow().userId());
        }
        // The same TGS-REQ bytes twice (a client whose UDP reply was lost): the same reply, from the server's
        // lookaside. Another request with the same authenticator is a replay.
        try (KdcClient.Credential tgt = tgt("alice", PW)) {
            KdcReqBody body = new KdcReqBody(KdcOptions.of(), Optional.empty(), TestRealm.REALM,
                    Optional.of(PrincipalName.service("HTTP", "web.kdc.test")), Optional.empty(),
                    tgt.part().endtime(), Optional.empty(), 99, List.of(18), List.of(), Optional.empty(), List.of());
            byte[] sent = TgsRequests.tgsReq(tgt, body, new SecureRandom(), realm.clock.instant());
            byte[] reply = client.exchange(sent);
            assertEquals(13, KrbCodec.applicationTag(reply));
            assertArrayEquals(reply, client.exchange(sent), "a retransmission gets the byte-identical TGS-REP");
            KrbError replay = KrbCodec.decodeKrbError(client.exchange(TgsRequests.withExtraPadata(sent)));
            assertEquals(ErrorCode.KRB_AP_ERR_REPEAT, replay.errorCode());
        }
    }

    @Test
    void tamperedRequestBodyIsModified() throws Exception {
        try (KdcClient.Credential tgt = tgt("alice", PW)) {
            KdcReqBody body = new KdcReqBody(KdcOptions.of(), Optional.empty(), TestRealm.REALM,
                    Optional.of(PrincipalName.service("HTTP", "web.kdc.test")), Optional.empty(),
                    tgt.part().endtime(), Optional.empty(), 99, List.of(18), List.of(), Optional.empty(), List.of());
            KdcReqBody other = new KdcReqBody(KdcOptions.of(), Optional.empty(), TestRealm.REALM,
                    Optional.of(PrincipalName.service("HTTP", "web.kdc.test")), Optional.empty(),
                    tgt.part().endtime(), Optional.empty(), 100, List.of(18), List.of(), Optional.empty(), List.of());
            byte[] req = TgsRequests.tgsReqWithBodyChecksumOf(tgt, body, other, new SecureRandom(),
                    realm.clock.instant());
            assertEquals(ErrorCode.KRB_AP_ERR_MODIFIED, KrbCodec.decodeKrbError(client.exchange(req)).errorCode());
        }
    }

    @Test
    void disablingTheAccountStopsServiceTicketsAtOnce() throws Exception {
        try (KdcClient.Credential tgt = tgt("alice", PW)) {
            realm.store.updateUser(alice.rid(), u -> u.toBuilder().flag(AccountFlag.DISABLED, true).build());
            KrbError e = refusal(() -> client.tgsExchange(tgt, PrincipalName.service("HTTP", "web.kdc.test"),
                    KdcOptions.of(), List.of(), List.of()));
            assertEquals(ErrorCode.KDC_ERR_CLIENT_REVOKED, e.errorCode());
        }
    }

    /** KdcClient.serviceTicket asks as Windows does (0x40810010) and gets what the TGT allows. */
    @Test
    void aSessionServiceTicketIsForwardableAndRenewableUntilTheTgtsRenewTill() throws Exception {
        assertEquals(0x40810010, KdcClient.SESSION_SERVICE_TICKET_OPTIONS.bits());
        try (KerberosKey k = key(PW, "alice", EncryptionType.AES256_CTS_HMAC_SHA1_96);
             KdcClient.Credential tgt = client.asExchange(TestRealm.REALM, PrincipalName.principal("alice"), k,
                     PrincipalName.krbtgt(TestRealm.REALM), KdcOptions.of(KdcOptions.FORWARDABLE,
                             KdcOptions.RENEWABLE), Duration.ofHours(8), List.of(),
                     Optional.of(realm.clock.instant().plus(Duration.ofDays(2))));
             KdcClient.Credential st = client.serviceTicket(tgt, PrincipalName.service("HTTP", "web.kdc.test"))) {
            TicketFlags f = st.part().flags();
            assertTrue(f.has(TicketFlags.FORWARDABLE) && f.has(TicketFlags.RENEWABLE), f.toString());
            assertEquals(tgt.part().renewTill(), st.part().renewTill());
            assertEquals(tgt.part().endtime(), st.part().endtime());
        }
        // A TGT that is neither forwardable nor renewable: the same request, a plain ticket, no error.
        try (KerberosKey k = key(PW, "alice", EncryptionType.AES256_CTS_HMAC_SHA1_96);
             KdcClient.Credential tgt = client.asExchange(TestRealm.REALM, PrincipalName.principal("alice"), k,
                     PrincipalName.krbtgt(TestRealm.REALM), KdcOptions.of(), Duration.ofHours(8));
             KdcClient.Credential st = client.serviceTicket(tgt, PrincipalName.service("HTTP", "web.kdc.test"))) {
            TicketFlags f = st.part().flags();
            assertFalse(f.has(TicketFlags.FORWARDABLE) || f.has(TicketFlags.RENEWABLE), f.toString());
        }
    }

    @Test
    void renewalKeepsTheLifetimeUpToRenewTill() throws Exception {
        try (KdcClient.Credential tgt = tgt("alice", PW)) {
            realm.clock.offset = Duration.ofHours(1);
            try (KdcClient.Credential renewed = client.tgsExchange(tgt, PrincipalName.krbtgt(TestRealm.REALM),
                    KdcOptions.of(KdcOptions.RENEW), List.of(), List.of(tgt.ticket()))) {
                assertEquals(tgt.part().renewTill(), renewed.part().renewTill());
                // The renewed ticket keeps the original's lifetime (RFC 4120 3.3.3.1), not a fresh 8 hours.
                assertEquals(Duration.between(tgt.part().starttime().orElseThrow().instant(),
                        tgt.part().endtime().instant()), Duration.between(
                        renewed.part().starttime().orElseThrow().instant(), renewed.part().endtime().instant()));
                assertTrue(renewed.part().starttime().orElseThrow().instant()
                        .isAfter(tgt.part().starttime().orElseThrow().instant()));
            }
        }
    }

    @Test
    void s4u2SelfWithPaForUserAndS4u2ProxyToAnAllowedService() throws Exception {
        UserAccount files = realm.addService("filesvc", "Files-pw-1", "cifs/files.kdc.test");
        realm.store.updateUser(web.rid(), u -> u.toBuilder()
                .flag(AccountFlag.TRUSTED_TO_AUTH_FOR_DELEGATION, true).build());
        try (KdcClient.Credential svcTgt = tgtOfService();
             KdcClient.Credential self = client.tgsExchange(svcTgt, PrincipalName.principal("websvc"),
                     KdcOptions.of(KdcOptions.FORWARDABLE), List.of(paForUser(svcTgt, "alice")), List.of())) {
            EncTicketPart part = open(self.ticket(), web.rid());
            assertEquals(List.of("alice"), part.cname().nameString());
            assertTrue(part.flags().has(TicketFlags.FORWARDABLE), "protocol transition allowed for websvc");
            assertEquals((int) alice.rid(), PacCodec.decode(pacOf(part)).logonInfo().orElseThrow().userId());

            KrbError notAllowed = refusal(() -> client.tgsExchange(svcTgt,
                    PrincipalName.service("cifs", "files.kdc.test"), KdcOptions.of(KdcOptions.CNAME_IN_ADDL_TKT),
                    List.of(), List.of(self.ticket())));
            assertEquals(ErrorCode.KDC_ERR_BADOPTION, notAllowed.errorCode());
            realm.store.setAllowedToDelegateTo(web.rid(), List.of("cifs/files.kdc.test"));
            try (KdcClient.Credential proxy = client.tgsExchange(svcTgt,
                    PrincipalName.service("cifs", "files.kdc.test"), KdcOptions.of(KdcOptions.CNAME_IN_ADDL_TKT),
                    List.of(), List.of(self.ticket()))) {
                EncTicketPart p = open(proxy.ticket(), files.rid());
                assertEquals(List.of("alice"), p.cname().nameString());
                assertEquals((int) alice.rid(), PacCodec.decode(pacOf(p)).logonInfo().orElseThrow().userId());
            }
        }
    }

    @Test
    void s4u2SelfIsNotForwardableWithoutProtocolTransition() throws Exception {
        try (KdcClient.Credential svcTgt = tgtOfService();
             KdcClient.Credential self = client.tgsExchange(svcTgt, PrincipalName.principal("websvc"),
                     KdcOptions.of(KdcOptions.FORWARDABLE), List.of(paForUser(svcTgt, "alice")), List.of())) {
            assertFalse(self.part().flags().has(TicketFlags.FORWARDABLE));
        }
    }

    private KdcClient.Credential tgtOfService() throws Exception {
        try (KerberosKey k = key("Web-pw-1", "websvc", EncryptionType.AES256_CTS_HMAC_SHA1_96)) {
            return client.asExchange(TestRealm.REALM, PrincipalName.principal("websvc"), k,
                    PrincipalName.krbtgt(TestRealm.REALM), KdcOptions.of(KdcOptions.FORWARDABLE), Duration.ofHours(8));
        }
    }

    @Test
    void s4u2SelfWithPaS4uX509UserIsEchoedUnderTheReplyKey() throws Exception {
        realm.store.updateUser(web.rid(), u -> u.toBuilder()
                .flag(AccountFlag.TRUSTED_TO_AUTH_FOR_DELEGATION, true).build());
        try (KdcClient.Credential svcTgt = tgtOfService()) {
            org.openlsa.krb5.S4uUserId id = new org.openlsa.krb5.S4uUserId(4711,
                    Optional.of(PrincipalName.principal("alice")), TestRealm.REALM, Optional.empty(),
                    java.util.OptionalInt.of(0x20000000)); // USE_REPLY_KEY_USAGE, flag 2 of the BIT STRING
            ChecksumType type = svcTgt.sessionKey().type().checksumType();
            byte[] cks = KerberosCrypto.checksum(type, svcTgt.sessionKey(), 26, KrbCodec.encode(id));
            PaData x509 = new PaData(PaData.PA_S4U_X509_USER, Bytes.of(KrbCodec.encode(
                    KrbCodec.paS4uX509User(id, new Checksum(type.id(), Bytes.of(cks))))));
            try (KdcClient.Credential self = client.tgsExchange(svcTgt, PrincipalName.principal("websvc"),
                    KdcOptions.of(KdcOptions.FORWARDABLE), List.of(x509), List.of())) {
                assertEquals(List.of("alice"), open(self.ticket(), web.rid()).cname().nameString());
                org.openlsa.krb5.PaS4uX509User echo = KrbCodec.decodePaS4uX509User(PaData.find(self.padata(),
                        PaData.PA_S4U_X509_USER).orElseThrow().padataValue().toByteArray());
                assertEquals(id, echo.userId());
                // USE_REPLY_KEY_USAGE: usage 27 under the reply key (here the TGT session key: no subkey).
                assertTrue(KerberosCrypto.verifyChecksum(type, svcTgt.sessionKey(), 27,
                        echo.encodedUserId().toByteArray(), echo.checksum().checksum().toByteArray()));
            }
            // A user-id whose checksum does not verify is refused.
            PaData forged = new PaData(PaData.PA_S4U_X509_USER, Bytes.of(KrbCodec.encode(KrbCodec.paS4uX509User(
                    id, new Checksum(type.id(), Bytes.of(new byte[cks.length]))))));
            KrbError e = refusal(() -> client.tgsExchange(svcTgt, PrincipalName.principal("websvc"),
                    KdcOptions.of(), List.of(forged), List.of()));
            assertEquals(ErrorCode.KRB_AP_ERR_MODIFIED, e.errorCode());
        }
    }

    private static PaData paForUser(KdcClient.Credential tgt, String user) {
        PaForUser unsigned = new PaForUser(PrincipalName.principal(user), TestRealm.REALM,
                new Checksum(Checksum.HMAC_MD5, Bytes.of(new byte[16])), PaForUser.AUTH_PACKAGE_KERBEROS);
        byte[] cks = KerberosCrypto.checksum(ChecksumType.HMAC_MD5, tgt.sessionKey(), 17, unsigned.checksumInput());
        PaForUser signed = new PaForUser(unsigned.userName(), unsigned.userRealm(),
                new Checksum(Checksum.HMAC_MD5, Bytes.of(cks)), unsigned.authPackage());
        return new PaData(PaData.PA_FOR_USER, Bytes.of(KrbCodec.encode(signed)));
    }

    @Test
    void keysOfTheServiceRoundTripThroughTheStore() throws Exception {
        try (KerberosKey k = storedKey(web.rid(), EncryptionType.AES256_CTS_HMAC_SHA1_96);
             KerberosKey derived = key("Web-pw-1", "websvc", EncryptionType.AES256_CTS_HMAC_SHA1_96)) {
            assertArrayEquals(derived.copyBytes(), k.copyBytes(), "keys are the RFC 3962 string-to-key of the password");
        }
    }
}
