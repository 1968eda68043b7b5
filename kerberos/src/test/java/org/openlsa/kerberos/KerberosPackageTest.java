package org.openlsa.kerberos;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openlsa.core.AccessToken;
import org.openlsa.core.LsaException;
import org.openlsa.core.Luid;
import org.openlsa.core.NtStatus;
import org.openlsa.core.SecurityLogonType;
import org.openlsa.core.SidAndAttributes;
import org.openlsa.core.TokenType;
import org.openlsa.core.WellKnownSids;
import org.openlsa.crypto.kerberos.EncryptionType;
import org.openlsa.crypto.kerberos.KerberosCrypto;
import org.openlsa.crypto.kerberos.KerberosKey;
import org.openlsa.engine.CallPackageResult;
import org.openlsa.engine.LogonResult;
import org.openlsa.engine.LsaConnection;
import org.openlsa.krb5.EncTicketPart;
import org.openlsa.krb5.Ticket;
import org.openlsa.krb5.TicketFlags;
import org.openlsa.krb5.der.KrbCodec;
import org.openlsa.sam.AccountFlag;
import org.openlsa.sam.GroupAccount;
import org.openlsa.sam.KerberosKeyEntry;
import org.openlsa.sam.KerberosKeySet;
import org.openlsa.sam.UserAccount;

/** The Kerberos package in-process, against the embedded KDC of a fresh realm. */
class KerberosPackageTest {
    @TempDir Path dir;
    KerberosRealm realm;
    UserAccount alice;
    GroupAccount engineers;

    @BeforeEach
    void setUp() throws LsaException {
        realm = new KerberosRealm(dir);
        alice = realm.addUser("alice", "Wonderland-Passw0rd");
        engineers = realm.addGroup("Engineers", alice);
    }

    @AfterEach
    void tearDown() {
        realm.close();
    }

    private LogonResult logon(LsaConnection c, SecurityLogonType type, String domain, String user, String password)
            throws LsaException {
        var request = KerberosRealm.passwordLogon(c, type, domain, user, password);
        try {
            return c.logonUser(request);
        } finally {
            request.close();
        }
    }

    private LsaException refused(String domain, String user, String password) {
        return assertThrows(LsaException.class, () -> logon(realm.trusted, SecurityLogonType.INTERACTIVE, domain, user,
                password));
    }

    private byte[] call(LsaConnection c, KerbCallRequest request) throws LsaException {
        CallPackageResult r = c.callAuthenticationPackage(c.lookupAuthenticationPackage(KerberosPackage.NAME),
                KerbCallCodec.encode(request));
        assertEquals(NtStatus.SUCCESS, r.protocolStatus());
        byte[] bytes = r.returnBuffer().bytes();
        c.freeReturnBuffer(r.returnBuffer());
        return bytes;
    }

    private List<KerbTicketCacheInfo> query(LsaConnection c, Luid session) throws LsaException {
        return KerbCallCodec.decodeQueryResponse(call(c, new KerbCallRequest.QueryTicketCache(session, true)));
    }

    @Test
    void interactiveLogonGivesAPrimaryTokenWithThePacGroups() throws Exception {
        LogonResult r = logon(realm.trusted, SecurityLogonType.INTERACTIVE, "CONTOSO", "alice", "Wonderland-Passw0rd");
        AccessToken t = realm.trusted.queryToken(r.token());
        assertEquals(alice.sid(), t.user().sid());
        assertEquals(TokenType.PRIMARY, t.type());
        List<org.openlsa.core.Sid> groups = t.groups().stream().map(SidAndAttributes::sid).toList();
        assertTrue(groups.contains(engineers.sid()), "the PAC's group: " + groups);
        assertTrue(groups.contains(KerberosRealm.DOMAIN_SID.append(UserAccount.RID_DOMAIN_USERS)), groups.toString());
        assertTrue(groups.contains(WellKnownSids.AUTHENTICATION_AUTHORITY_ASSERTED), groups.toString());
        assertTrue(groups.contains(WellKnownSids.INTERACTIVE), groups.toString());
        KerbProfile profile = KerbProfileCodec.decode(r.profileBuffer().bytes());
        assertEquals(KerbProfile.INTERACTIVE_PROFILE, profile.messageType());
        assertEquals("alice Example", profile.profile().fullName());
        var session = realm.trusted.getLogonSessionData(r.logonId());
        assertEquals(KerberosPackage.NAME, session.authenticationPackage());
        assertEquals(KerberosRealm.REALM, session.dnsDomainName());
        // The UPN the PAC's UPN_DNS_INFO carries: constructed from the name and the DNS domain, as AD does.
        assertTrue(session.upn().equalsIgnoreCase("alice@" + KerberosRealm.REALM), session.upn());
    }

    @Test
    void aUpnOrTheRealmNameOrNoDomainAllReachTheEmbeddedRealm() throws Exception {
        for (String[] form : new String[][] {{"", "alice@contoso.test"}, {"contoso.test", "alice"}, {"", "alice"},
            {".", "alice"}, {"HOST1", "alice"}}) {
            LogonResult r = logon(realm.trusted, SecurityLogonType.INTERACTIVE, form[0], form[1], "Wonderland-Passw0rd");
            assertEquals(alice.sid(), realm.trusted.queryToken(r.token()).user().sid(), String.join(" ", form));
            realm.trusted.closeHandle(r.token());
        }
    }

    @Test
    void wrongPasswordAndUnknownUserAreLogonFailureWithTheReasonForTrustedCallers() {
        LsaException wrong = refused("CONTOSO", "alice", "not-the-password");
        assertEquals(NtStatus.LOGON_FAILURE, wrong.status());
        assertEquals(NtStatus.WRONG_PASSWORD, wrong.subStatus());
        LsaException unknown = refused("CONTOSO", "nobody", "whatever");
        assertEquals(NtStatus.LOGON_FAILURE, unknown.status());
        assertEquals(NtStatus.NO_SUCH_USER, unknown.subStatus());
    }

    @Test
    void wrongPasswordsCountTowardsLockoutThroughTheKdc() throws Exception {
        realm.store.setPolicy(realm.store.domain().policy().withLockout(2, Optional.empty(), Duration.ofMinutes(30)));
        refused("CONTOSO", "alice", "bad-1");
        refused("CONTOSO", "alice", "bad-2");
        LsaException locked = refused("CONTOSO", "alice", "Wonderland-Passw0rd");
        assertEquals(NtStatus.ACCOUNT_RESTRICTION, locked.status());
        assertEquals(NtStatus.ACCOUNT_LOCKED_OUT, locked.subStatus());
    }

    @Test
    void disabledAccountIsAnAccountRestriction() throws Exception {
        realm.store.updateUser(alice.rid(), u -> u.toBuilder().flag(AccountFlag.DISABLED, true).build());
        LsaException e = refused("CONTOSO", "alice", "Wonderland-Passw0rd");
        assertEquals(NtStatus.ACCOUNT_RESTRICTION, e.status());
        assertEquals(NtStatus.ACCOUNT_DISABLED, e.subStatus());
    }

    @Test
    void aSmartCardRequiredAccountRefusesItsPasswordAsMsv1_0Does() throws Exception {
        realm.store.updateUser(alice.rid(), u -> u.toBuilder().flag(AccountFlag.SMARTCARD_REQUIRED, true).build());
        LsaException e = refused("CONTOSO", "alice", "Wonderland-Passw0rd");
        assertEquals(NtStatus.SMARTCARD_LOGON_REQUIRED, e.status());
    }

    @Test
    void expiredPasswordIsAnAccountRestriction() throws Exception {
        realm.store.setPolicy(realm.store.domain().policy().withPasswordAges(Duration.ZERO,
                Optional.of(Duration.ofDays(1))));
        realm.store.updateUser(alice.rid(), u -> u.toBuilder()
                .passwordLastSet(Optional.of(Instant.now().minus(Duration.ofDays(3)))).build());
        LsaException e = refused("CONTOSO", "alice", "Wonderland-Passw0rd");
        assertEquals(NtStatus.ACCOUNT_RESTRICTION, e.status());
        assertEquals(NtStatus.PASSWORD_EXPIRED, e.subStatus());
    }

    @Test
    void unreachableKdcIsNoLogonServers() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Krb5Conf conf = Krb5Conf.parse("""
                [libdefaults]
                  kdc_timeout = 300ms
                [realms]
                  FAR.AWAY = {
                    kdc = 127.0.0.1:%d
                    kdc = 127.0.0.1:%d
                  }
                """.formatted(closedPort, closedPort), "test");
        realm.close();
        java.nio.file.Files.createDirectories(dir.resolve("other"));
        realm = new KerberosRealm(dir.resolve("other"), new KerberosConfig(conf, Optional.empty()));
        LsaException e = refused("FAR.AWAY", "alice", "whatever");
        assertEquals(NtStatus.NO_LOGON_SERVERS, e.status());
        assertTrue(e.getMessage().contains("127.0.0.1:" + closedPort), e.getMessage());
    }

    @Test
    void aLogonStructureForAnotherLogonTypeIsBadValidationClass() throws Exception {
        // KERB_INTERACTIVE_LOGON does not serve Unlock (that takes KERB_INTERACTIVE_UNLOCK_LOGON) nor Network.
        for (SecurityLogonType type : List.of(SecurityLogonType.UNLOCK, SecurityLogonType.NETWORK)) {
            var interactive = KerberosRealm.passwordLogon(realm.trusted, SecurityLogonType.INTERACTIVE, "CONTOSO",
                    "alice", "Wonderland-Passw0rd");
            var request = new org.openlsa.engine.LogonRequest("test", type, interactive.authenticationPackage(),
                    interactive.authenticationInformation().copy(), Optional.empty(), interactive.sourceContext());
            interactive.close();
            LsaException e = assertThrows(LsaException.class, () -> realm.trusted.logonUser(request));
            request.close();
            assertEquals(NtStatus.BAD_VALIDATION_CLASS, e.status(), type.toString());
        }
    }

    @Test
    void theTgtIsCachedAndServiceTicketsAreObtainedOnDemandThenPurged() throws Exception {
        UserAccount web = realm.addUser("websvc", "Web-Service-Passw0rd");
        realm.store.addServicePrincipalName(web.rid(), "HTTP/web.contoso.test");
        LogonResult r = logon(realm.trusted, SecurityLogonType.INTERACTIVE, "CONTOSO", "alice", "Wonderland-Passw0rd");
        try (LsaConnection self = realm.engine.connectUntrusted(realm.trusted.queryToken(r.token()))) {
            List<KerbTicketCacheInfo> tickets = query(self, Luid.ZERO);
            assertEquals(List.of("krbtgt/CONTOSO.TEST@CONTOSO.TEST"), KerberosRealm.names(tickets));
            assertEquals("alice", tickets.getFirst().clientName());

            KerbExternalTicket st = KerbCallCodec.decodeRetrieveResponse(call(self, new KerbCallRequest.RetrieveTicket(
                    Luid.ZERO, "HTTP/web.contoso.test", 0, 0, 0, true)));
            assertEquals(List.of("HTTP", "web.contoso.test"), st.serviceName().names());
            assertTrue(st.sessionKey().isPresent());
            // The ticket is real: it decrypts with the service's key and names alice.
            Ticket ticket = KrbCodec.decodeTicket(st.encodedTicket());
            try (KerberosKeySet keys = realm.store.kerberosKeys(web.rid()).orElseThrow()) {
                KerberosKeyEntry entry = keys.key(ticket.encPart().etype()).orElseThrow();
                try (KerberosKey key = KerberosKey.copyOf(EncryptionType.of(entry.enctype()).orElseThrow(),
                        entry.key().copyBytes())) {
                    EncTicketPart part = KrbCodec.decodeEncTicketPart(KerberosCrypto.decrypt(key, 2,
                            ticket.encPart().cipher().toByteArray()));
                    assertEquals(List.of("alice"), part.cname().nameString());
                    assertArrayEquals(part.key().keyvalue().toByteArray(), st.sessionKey().get().value());
                }
            }
            assertEquals(List.of("krbtgt/CONTOSO.TEST@CONTOSO.TEST", "HTTP/web.contoso.test@CONTOSO.TEST"),
                    KerberosRealm.names(query(self, Luid.ZERO)));
            // A second retrieval is served from the cache: the same ticket.
            KerbExternalTicket again = KerbCallCodec.decodeRetrieveResponse(call(self, new KerbCallRequest.RetrieveTicket(
                    Luid.ZERO, "HTTP/web.contoso.test@CONTOSO.TEST", 0, KerbCallRequest.RetrieveTicket.USE_CACHE_ONLY, 0,
                    true)));
            assertArrayEquals(st.encodedTicket(), again.encodedTicket());

            call(self, new KerbCallRequest.PurgeTicketCache(Luid.ZERO, "http/web.contoso.test", "CONTOSO.TEST"));
            assertEquals(List.of("krbtgt/CONTOSO.TEST@CONTOSO.TEST"), KerberosRealm.names(query(self, Luid.ZERO)));
            LsaException cacheOnly = assertThrows(LsaException.class, () -> call(self,
                    new KerbCallRequest.RetrieveTicket(Luid.ZERO, "HTTP/web.contoso.test", 0,
                            KerbCallRequest.RetrieveTicket.USE_CACHE_ONLY, 0, true)));
            assertEquals(NtStatus.OBJECT_NAME_NOT_FOUND, cacheOnly.status());

            call(self, new KerbCallRequest.PurgeTicketCacheEx(Luid.ZERO,
                    KerbCallRequest.PurgeTicketCacheEx.PURGE_ALL_TICKETS, new KerbTicketCacheInfo("", "", "", "", 0, 0, 0,
                    0, 0)));
            assertEquals(List.of(), query(self, Luid.ZERO));
        }
    }

    /** The EncTicketPart of {@code encodedTicket}, opened with the account's stored key. */
    private EncTicketPart open(UserAccount service, byte[] encodedTicket) throws Exception {
        Ticket ticket = KrbCodec.decodeTicket(encodedTicket);
        try (KerberosKeySet keys = realm.store.kerberosKeys(service.rid()).orElseThrow()) {
            KerberosKeyEntry entry = keys.key(ticket.encPart().etype()).orElseThrow();
            try (KerberosKey key = KerberosKey.copyOf(EncryptionType.of(entry.enctype()).orElseThrow(),
                    entry.key().copyBytes())) {
                return KrbCodec.decodeEncTicketPart(KerberosCrypto.decrypt(key, 2,
                        ticket.encPart().cipher().toByteArray()));
            }
        }
    }

    /**
     * A session's service tickets are asked for as Windows asks (FORWARDABLE, RENEWABLE, CANONICALIZE, RENEWABLE-OK),
     * so they are forwardable and renewable when the TGT is (MIT kvno from the same TGT gets the same), and can serve
     * delegation; an account that may not be delegated still gets its ticket, just not forwardable.
     */
    @Test
    void sessionServiceTicketsAreForwardableAndRenewableAsTheTgtAllows() throws Exception {
        UserAccount web = realm.addUser("websvc", "Web-Service-Passw0rd");
        realm.store.addServicePrincipalName(web.rid(), "HTTP/web.contoso.test");
        realm.addUser("nadia", "Sahara-Passw0rd");
        realm.store.updateUser(realm.store.findUser("nadia").orElseThrow().rid(),
                u -> u.toBuilder().flag(AccountFlag.NOT_DELEGATED, true).build());
        for (String user : new String[] {"alice", "nadia"}) {
            LogonResult r = logon(realm.trusted, SecurityLogonType.INTERACTIVE, "CONTOSO", user,
                    user.equals("alice") ? "Wonderland-Passw0rd" : "Sahara-Passw0rd");
            try (LsaConnection self = realm.engine.connectUntrusted(realm.trusted.queryToken(r.token()))) {
                TicketFlags tgt = new TicketFlags(query(self, Luid.ZERO).getFirst().ticketFlags());
                assertTrue(tgt.has(TicketFlags.FORWARDABLE) && tgt.has(TicketFlags.RENEWABLE), tgt.toString());
                KerbExternalTicket st = KerbCallCodec.decodeRetrieveResponse(call(self,
                        new KerbCallRequest.RetrieveTicket(Luid.ZERO, "HTTP/web.contoso.test", 0, 0, 0, true)));
                EncTicketPart part = open(web, st.encodedTicket());
                assertEquals(part.flags().bits(), st.ticketFlags(), "the cache reports the ticket's own flags");
                assertEquals(user.equals("alice"), part.flags().has(TicketFlags.FORWARDABLE), user + ": " + part.flags());
                assertTrue(part.flags().has(TicketFlags.RENEWABLE), user + ": " + part.flags());
                assertTrue(part.renewTill().orElseThrow().instant().isAfter(part.endtime().instant()));
            } finally {
                realm.trusted.closeHandle(r.token());
            }
        }
    }

    @Test
    void unknownServiceIsObjectNameNotFound() throws Exception {
        LogonResult r = logon(realm.trusted, SecurityLogonType.INTERACTIVE, "CONTOSO", "alice", "Wonderland-Passw0rd");
        LsaException e = assertThrows(LsaException.class, () -> call(realm.trusted, new KerbCallRequest.RetrieveTicket(
                r.logonId(), "HTTP/nowhere.contoso.test", 0, 0, 0, true)));
        assertEquals(NtStatus.OBJECT_NAME_NOT_FOUND, e.status());
    }

    @Test
    void untrustedCallersSeeOnlyTheirOwnSessionAndNoTgtKey() throws Exception {
        LogonResult a = logon(realm.trusted, SecurityLogonType.INTERACTIVE, "CONTOSO", "alice", "Wonderland-Passw0rd");
        realm.addUser("bob", "Builder-Passw0rd-1");
        LogonResult b = logon(realm.trusted, SecurityLogonType.INTERACTIVE, "CONTOSO", "bob", "Builder-Passw0rd-1");
        try (LsaConnection alicesOwn = realm.engine.connectUntrusted(realm.trusted.queryToken(a.token()))) {
            for (KerbCallRequest other : List.<KerbCallRequest>of(new KerbCallRequest.QueryTicketCache(b.logonId(), true),
                    new KerbCallRequest.RetrieveTicket(b.logonId(), "", 0, 0, 0, false),
                    new KerbCallRequest.PurgeTicketCache(b.logonId(), "", ""))) {
                LsaException e = assertThrows(LsaException.class, () -> call(alicesOwn, other));
                assertEquals(NtStatus.ACCESS_DENIED, e.status(), other.toString());
            }
            // Her own LUID, named explicitly, is hers.
            assertEquals(1, query(alicesOwn, a.logonId()).size());
            KerbExternalTicket tgt = KerbCallCodec.decodeRetrieveResponse(call(alicesOwn,
                    new KerbCallRequest.RetrieveTicket(Luid.ZERO, "", 0, 0, 0, false)));
            assertEquals(List.of("krbtgt", "CONTOSO.TEST"), tgt.serviceName().names());
            assertFalse(tgt.sessionKey().isPresent(), "an untrusted caller gets no TGT session key");
        }
        // The trusted caller names bob's session and gets the key.
        KerbExternalTicket tgt = KerbCallCodec.decodeRetrieveResponse(call(realm.trusted,
                new KerbCallRequest.RetrieveTicket(b.logonId(), "", 0, 0, 0, false)));
        assertEquals(List.of("bob"), tgt.clientName().names());
        assertTrue(tgt.sessionKey().isPresent());
    }

    @Test
    void anUntrustedCallerMayNameTheSessionsItsOwnLogonsStarted() throws Exception {
        LogonResult a = logon(realm.trusted, SecurityLogonType.INTERACTIVE, "CONTOSO", "alice", "Wonderland-Passw0rd");
        realm.addUser("bob", "Builder-Passw0rd-1");
        LogonResult bySystem = logon(realm.trusted, SecurityLogonType.INTERACTIVE, "CONTOSO", "bob", "Builder-Passw0rd-1");
        try (LsaConnection alices = realm.engine.connectUntrusted(realm.trusted.queryToken(a.token()))) {
            LogonResult byAlice = logon(alices, SecurityLogonType.INTERACTIVE, "CONTOSO", "bob", "Builder-Passw0rd-1");
            assertEquals(1, query(alices, byAlice.logonId()).size(), "a session alice's own LsaLogonUser started");
            try (LsaConnection again = realm.engine.connectUntrusted(realm.trusted.queryToken(a.token()))) {
                assertEquals(1, query(again, byAlice.logonId()).size(), "from another connection of the same user");
            }
            LsaException e = assertThrows(LsaException.class, () -> query(alices, bySystem.logonId()));
            assertEquals(NtStatus.ACCESS_DENIED, e.status(), "bob's session that SYSTEM started is not alice's");
        }
    }

    @Test
    void theCacheGoesWithTheSession() throws Exception {
        LogonResult r = logon(realm.trusted, SecurityLogonType.INTERACTIVE, "CONTOSO", "alice", "Wonderland-Passw0rd");
        assertEquals(1, query(realm.trusted, r.logonId()).size());
        realm.trusted.closeHandle(r.token()); // the last handle: the session ends
        LsaException e = assertThrows(LsaException.class, () -> query(realm.trusted, r.logonId()));
        assertEquals(NtStatus.NO_SUCH_LOGON_SESSION, e.status());
        // The caller's own session without Kerberos credentials (LogonId 0) has an empty cache.
        assertEquals(List.of(), query(realm.trusted, Luid.ZERO));
    }

    @Test
    void unsupportedAndUnknownMessages() throws Exception {
        int pkg = realm.trusted.lookupAuthenticationPackage(KerberosPackage.NAME);
        LsaException unknown = assertThrows(LsaException.class, () -> realm.trusted.callAuthenticationPackage(pkg,
                new byte[] {99, 0, 0, 0}));
        assertEquals(NtStatus.INVALID_PARAMETER, unknown.status());
        LsaException shortBuffer = assertThrows(LsaException.class, () -> realm.trusted.callAuthenticationPackage(pkg,
                new byte[] {1, 0}));
        assertEquals(NtStatus.INVALID_PARAMETER, shortBuffer.status());
        LsaException truncated = assertThrows(LsaException.class, () -> realm.trusted.callAuthenticationPackage(pkg,
                new byte[] {1, 0, 0, 0, 0, 0}));
        assertEquals(NtStatus.INVALID_PARAMETER, truncated.status());
        LsaException notYet = assertThrows(LsaException.class, () -> realm.trusted.callAuthenticationPackage(pkg,
                new byte[] {3, 0, 0, 0}));
        assertEquals(NtStatus.NOT_SUPPORTED, notYet.status());
    }

    @Test
    void anUnknownSubmitTypeIsBadValidationClass() throws Exception {
        int pkg = realm.trusted.lookupAuthenticationPackage(KerberosPackage.NAME);
        LsaException e = assertThrows(LsaException.class, () -> realm.trusted.logonUser(new org.openlsa.engine.LogonRequest(
                "test", SecurityLogonType.INTERACTIVE, pkg, new byte[] {42, 0, 0, 0, 0, 0, 0, 0}, Optional.empty(),
                new org.openlsa.core.TokenSource("KrbTest", Luid.ZERO))));
        assertEquals(NtStatus.BAD_VALIDATION_CLASS, e.status());
    }

    static int port() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * The embedded KDC reads the same database, so a password logon derives the key from the stored salt and sends
     * one AS-REQ with pre-authentication, not a first one that only asks for the salt.
     */
    @Test
    void anEmbeddedRealmPasswordLogonIsOneAsExchange() throws Exception {
        List<Integer> requests = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.util.function.UnaryOperator<org.openlsa.kdc.protocol.EmbeddedKdc> counting = kdc ->
                new org.openlsa.kdc.protocol.EmbeddedKdc() {
            @Override
            public Optional<byte[]> handle(byte[] request, Transport transport, java.net.InetSocketAddress client) {
                requests.add(KrbCodec.applicationTag(request));
                return kdc.handle(request, transport, client);
            }

            @Override
            public byte[] responseTooBig(byte[] request) {
                return kdc.responseTooBig(request);
            }

            @Override
            public byte[] fieldTooLong() {
                return kdc.fieldTooLong();
            }

            @Override
            public org.openlsa.kdc.protocol.KdcProtocol kpasswd(java.net.InetAddress serverAddress) {
                return kdc.kpasswd(serverAddress);
            }
        };
        Path other = java.nio.file.Files.createDirectories(dir.resolve("counted"));
        try (KerberosRealm counted = new KerberosRealm(other, KerberosConfig.embedded(),
                java.time.InstantSource.system(), counting)) {
            counted.addUser("bob", "Builder-Passw0rd");
            LogonResult ok = logon(counted.trusted, SecurityLogonType.INTERACTIVE, "", "bob", "Builder-Passw0rd");
            counted.trusted.closeHandle(ok.token());
            assertEquals(List.of(org.openlsa.krb5.MessageType.AS_REQ), requests);
            requests.clear();
            LsaException wrong = assertThrows(LsaException.class,
                    () -> logon(counted.trusted, SecurityLogonType.INTERACTIVE, "", "bob", "not-bobs"));
            assertEquals(NtStatus.WRONG_PASSWORD, wrong.subStatus());
            assertEquals(List.of(org.openlsa.krb5.MessageType.AS_REQ), requests, "and counted once");
            assertEquals(1, counted.store.findUser("bob").orElseThrow().logonState().badPasswordCount());
            requests.clear();
            LsaException unknown = assertThrows(LsaException.class,
                    () -> logon(counted.trusted, SecurityLogonType.INTERACTIVE, "", "nobody", "whatever"));
            assertEquals(NtStatus.NO_SUCH_USER, unknown.subStatus());
            assertEquals(List.of(org.openlsa.krb5.MessageType.AS_REQ), requests, "the KDC says who is unknown");
        }
    }
}
