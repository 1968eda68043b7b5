package org.openlsa.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openlsa.core.LsaException;
import org.openlsa.peers.GssapiPeer;
import org.openlsa.peers.GssNameType;
import org.openlsa.peers.GssInitiator;
import org.openlsa.peers.GssFlag;
import org.openlsa.kerberos.KerbTicketLogon;
import org.openlsa.kerberos.KerbS4uLogon;
import org.openlsa.kerberos.KerbProfileCodec;
import org.openlsa.kerberos.KerbLogonCodecs;
import org.openlsa.kerberos.KerbCryptoKey;
import org.openlsa.core.WellKnownSids;
import org.openlsa.core.TokenType;
import org.openlsa.core.ImpersonationLevel;
import org.openlsa.core.AccessToken;
import org.openlsa.core.Luid;
import org.openlsa.core.NtStatus;
import org.openlsa.core.SecurityLogonType;
import org.openlsa.core.Sid;
import org.openlsa.core.TokenSource;
import org.openlsa.crypto.NtOwf;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.engine.CallPackageResult;
import org.openlsa.engine.LogonRequest;
import org.openlsa.engine.LogonResult;
import org.openlsa.engine.LsaConnection;
import org.openlsa.engine.LsaEngine;
import org.openlsa.kerberos.KerbCallCodec;
import org.openlsa.kerberos.KerbCallRequest;
import org.openlsa.kerberos.KerbCcache;
import org.openlsa.kerberos.KerbExternalTicket;
import org.openlsa.kerberos.KerbInteractiveLogonCodec;
import org.openlsa.kerberos.KerbTicketCacheInfo;
import org.openlsa.host.LsaHost;
import org.openlsa.host.StateLayout;
import org.openlsa.kerberos.KerberosConfig;
import org.openlsa.kerberos.KerberosPackage;
import org.openlsa.kerberos.Krb5Conf;
import org.openlsa.krb5.files.Credential;
import org.openlsa.krb5.files.CredentialCache;
import org.openlsa.krb5.files.Principal;
import org.openlsa.engine.spi.logon.ChangePasswordRequest;
import org.openlsa.engine.spi.logon.InteractiveLogon;
import org.openlsa.peers.Klist;
import org.openlsa.peers.KlistTicket;
import org.openlsa.peers.Kvno;
import org.openlsa.peers.MitKdc;
import org.openlsa.peers.ToolResult;
import org.openlsa.peers.SpnegoHttpServer;
import org.openlsa.peers.MitKrb5Client;
import org.openlsa.sam.DomainProvisioning;
import org.openlsa.sam.UserAccount;
import org.openlsa.store.sqlite.SqliteAccountStore;

/**
 * The Kerberos package against MIT krb5kdc (Debian's krb5-kdc, started by the test): password logons whose TGT is
 * verified through a service ticket to this host decrypted with a keytab kadmin wrote, MIT's errors mapped to
 * NTSTATUS, and a session's tickets exported as a ccache that MIT klist lists and kvno uses.
 */
class KerberosPackageInteropTest {
    private static final String HOST_SPN = "host/lsahost.test.local";
    private static MitKdc mit;
    private static Path dir;
    private static SqliteAccountStore store;
    private static LsaEngine engine;
    private static LsaConnection lsa;
    private static UserAccount localAlice;

    @BeforeAll
    static void start() throws Exception {
        mit = MitKdc.start();
        mit.addPrincipal("alice", "Alice-Mit-Passw0rd");
        mit.addPrincipal("bob", "Bob-Mit-Passw0rd");
        mit.addPrincipal("carol", "Carol-Mit-Passw0rd");
        mit.addPrincipal("HTTP/web.test.local", "Web-Mit-Passw0rd");
        mit.kadmin("addprinc", "-randkey", HOST_SPN);
        mit.addPrincipal("frank", "Frank-Mit-Passw0rd");
        mit.kadmin("addpol", "-minlength", "20", "long");
        mit.addPrincipal("erin", "Erin-Mit-Passw0rd-long-enough", "-policy", "long");
        int kpasswd = mit.startKadmind();
        dir = Files.createTempDirectory("openlsa-krbpkg");
        Path keytab = dir.resolve("krb5.keytab");
        mit.ktadd(keytab, HOST_SPN);
        Files.writeString(dir.resolve("krb5.conf"), """
                [libdefaults]
                    default_keytab_name = FILE:%s
                    kdc_timeout = 3s
                [realms]
                    %s = {
                        kdc = %s:%d
                        kpasswd_server = %s:%d
                    }
                """.formatted(keytab, mit.realm(), mit.host(), mit.port(), mit.host(), kpasswd));
        store = SqliteAccountStore.open(dir.resolve("sam.db"));
        Sid domain = Sid.of(5, 21, 7, 8, 9);
        try (SecretBytes admin = NtOwf.ntOwfV1(utf16("Admin-Passw0rd"))) {
            DomainProvisioning.provision(store, "LSAHOST", "LSAHOST.TEST", "LSAHOST", domain, admin, Instant.now(),
                    new SecureRandom());
        }
        // The local accounts MIT's principals stand for (MIT's PAC carries no logon information).
        for (String name : List.of("alice", "bob")) {
            long rid = store.allocateRid();
            store.createUser(UserAccount.newAccount(domain, rid, name).primaryGroupRid(UserAccount.RID_DOMAIN_USERS)
                    .build(), Optional.empty());
            store.addGroupMember(UserAccount.RID_DOMAIN_USERS, rid);
        }
        localAlice = store.findUser("alice").orElseThrow();
        engine = LsaEngine.builder(store).addPackage(new KerberosPackage(LsaHost.kerberosConfig(StateLayout.of(dir)), embeddedKdc())).build();
        lsa = engine.registerLogonProcess(engine.systemToken(), "interop");
    }

    /** The local realm's KDC, which the package is given as the daemon gives it (the tests here use MIT's realm). */
    private static org.openlsa.kdc.Kdc embeddedKdc() {
        return org.openlsa.kdc.Kdc.create(store, java.time.Clock.systemUTC(), new SecureRandom());
    }

    @AfterAll
    static void stop() throws Exception {
        if (lsa != null) {
            lsa.close();
            engine.close();
            store.close();
        }
        if (mit != null) {
            mit.close();
        }
    }

    static SecretBytes utf16(String s) {
        return SecretBytes.adopt(s.getBytes(StandardCharsets.UTF_16LE));
    }

    private static LogonResult logon(String user, String password) throws LsaException {
        SecretBytes buffer;
        try (SecretBytes pw = utf16(password)) {
            buffer = KerbInteractiveLogonCodec.encode(new InteractiveLogon(mit.realm(), user, pw, Optional.empty()));
        }
        // The request adopts the encoded structure and destroys it when closed.
        try (LogonRequest r = new LogonRequest("interop", SecurityLogonType.INTERACTIVE,
                lsa.lookupAuthenticationPackage(KerberosPackage.NAME), buffer, Optional.empty(),
                new TokenSource("Interop", Luid.ZERO))) {
            return lsa.logonUser(r);
        }
    }

    private static byte[] call(KerbCallRequest request) throws LsaException {
        CallPackageResult r = lsa.callAuthenticationPackage(lsa.lookupAuthenticationPackage(KerberosPackage.NAME),
                KerbCallCodec.encode(request));
        byte[] bytes = r.returnBuffer().bytes();
        lsa.freeReturnBuffer(r.returnBuffer());
        return bytes;
    }

    @Test
    void mitTgtVerifiedThroughTheHostKeytabLogsTheMappedLocalAccountOn() throws Exception {
        LogonResult r = logon("alice", "Alice-Mit-Passw0rd");
        assertEquals(localAlice.sid(), lsa.queryToken(r.token()).user().sid());
        List<KerbTicketCacheInfo> tickets = KerbCallCodec.decodeQueryResponse(call(
                new KerbCallRequest.QueryTicketCache(r.logonId(), true)));
        List<String> servers = tickets.stream().map(t -> t.serverName() + "@" + t.serverRealm()).toList();
        // The TGT, and the host ticket that verified it.
        assertEquals(List.of("krbtgt/" + mit.realm() + "@" + mit.realm(), HOST_SPN + "@" + mit.realm()), servers);
        lsa.closeHandle(r.token());
    }

    @Test
    void mitErrorsMapToNtStatus() throws Exception {
        LsaException wrong = assertThrows(LsaException.class, () -> logon("alice", "not-it"));
        assertEquals(NtStatus.LOGON_FAILURE, wrong.status());
        assertEquals(NtStatus.WRONG_PASSWORD, wrong.subStatus());
        LsaException unknown = assertThrows(LsaException.class, () -> logon("nobody", "whatever"));
        assertEquals(NtStatus.LOGON_FAILURE, unknown.status());
        assertEquals(NtStatus.NO_SUCH_USER, unknown.subStatus());
        mit.disable("carol");
        LsaException disabled = assertThrows(LsaException.class, () -> logon("carol", "Carol-Mit-Passw0rd"));
        assertEquals(NtStatus.ACCOUNT_RESTRICTION, disabled.status());
        assertEquals(NtStatus.ACCOUNT_DISABLED, disabled.subStatus());
        mit.enable("carol");
        mit.expirePassword("carol");
        LsaException expired = assertThrows(LsaException.class, () -> logon("carol", "Carol-Mit-Passw0rd"));
        assertEquals(NtStatus.ACCOUNT_RESTRICTION, expired.status());
        assertEquals(NtStatus.PASSWORD_EXPIRED, expired.subStatus());
    }

    @Test
    void aKdcThatDoesNotKnowThisHostsKeyCannotLogAnyoneOn() throws Exception {
        // bob's password is right, but the host key changes in the KDC after the keytab was written: a service
        // ticket to this host no longer decrypts with the keytab, exactly as a spoofed KDC's would not.
        mit.kadmin("cpw", "-randkey", HOST_SPN);
        try {
            LsaException e = assertThrows(LsaException.class, () -> logon("bob", "Bob-Mit-Passw0rd"));
            assertEquals(NtStatus.TRUSTED_RELATIONSHIP_FAILURE, e.status(), e.getMessage());
        } finally {
            mit.ktadd(dir.resolve("krb5.keytab"), HOST_SPN);
        }
    }

    @Test
    void anExportedSessionCacheIsListedByMitKlistAndUsedByKvno() throws Exception {
        LogonResult r = logon("alice", "Alice-Mit-Passw0rd");
        KerbExternalTicket web = KerbCallCodec.decodeRetrieveResponse(call(new KerbCallRequest.RetrieveTicket(
                r.logonId(), "HTTP/web.test.local", 0, 0, 0, true)));
        assertEquals(List.of("HTTP", "web.test.local"), web.serviceName().names());
        List<KerbTicketCacheInfo> tickets = KerbCallCodec.decodeQueryResponse(call(
                new KerbCallRequest.QueryTicketCache(r.logonId(), true)));
        try (MitKrb5Client client = MitKrb5Client.builder(mit.realm(), mit.host(), mit.port()).create()) {
            export(r, tickets, client.ccache());
            Klist listed = client.klist();
            assertEquals(Optional.of("alice@" + mit.realm()), listed.defaultPrincipal(), listed.result().stdout());
            assertEquals(3, listed.tickets().size(), listed.result().stdout());
            // kvno uses the exported TGT for a service not in the cache: MIT's KDC accepts the LSA's TGT.
            mit.addPrincipal("HTTP/other.test.local", "Other-Mit-Passw0rd");
            Kvno kvno = client.kvno("HTTP/other.test.local");
            assertTrue(kvno.result().succeeded(), kvno.result().stderr());
            assertTrue(kvno.kvno().isPresent());
            // The LSA asks for a session's service ticket as Windows does (forwardable, renewable, canonicalize,
            // renewable-ok): MIT's KDC gives it the flags it gives kvno from the same TGT (F R T), not just T.
            Klist after = client.klist();
            KlistTicket lsaTicket = ticket(after, "HTTP/web.test.local@" + mit.realm());
            KlistTicket kvnoTicket = ticket(after, "HTTP/other.test.local@" + mit.realm());
            assertEquals(kvnoTicket.flags(), lsaTicket.flags(), after.result().stdout());
            assertTrue(lsaTicket.hasFlag('F') && lsaTicket.hasFlag('R'), after.result().stdout());
        }
        lsa.closeHandle(r.token());
    }

    private static KlistTicket ticket(Klist klist, String server) {
        return klist.tickets().stream().filter(t -> t.server().equals(server)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + server + " in " + klist.result().stdout()));
    }

    /** The session's tickets written as an MIT ccache, as {@code lsa klist --export} writes them. */
    private static void export(LogonResult r, List<KerbTicketCacheInfo> tickets, Path ccache) throws Exception {
        List<Credential> creds = new ArrayList<>();
        try {
            for (KerbTicketCacheInfo info : tickets) {
                KerbExternalTicket t = KerbCallCodec.decodeRetrieveResponse(call(
                        KerbCcache.retrieveCached(r.logonId(), info)));
                creds.add(KerbCcache.credential(t, info.clientRealm()));
                t.sessionKey().orElseThrow().wipe();
            }
            try (CredentialCache cache = new CredentialCache(Optional.empty(), Principal.of(mit.realm(), "alice"),
                    creds)) {
                cache.write(ccache);
            }
        } finally {
            creds.forEach(c -> c.key().key().destroy());
        }
    }

    /**
     * curl --negotiate (MIT libgssapi) with the exported cache against an HTTP server that accepts SPNEGO with
     * MIT's libgssapi and the service's keytab: the service ticket the LSA fetched is the one curl presents.
     */
    @Test
    void curlNegotiatesWithAnExportedSessionCache() throws Exception {
        LogonResult r = logon("alice", "Alice-Mit-Passw0rd");
        String host = "www.test.local";
        mit.addPrincipal("HTTP/" + host, "Www-Mit-Passw0rd");
        Path keytab = dir.resolve("www.keytab");
        mit.ktaddKeepingKeys(keytab, "HTTP/" + host);
        call(new KerbCallRequest.RetrieveTicket(r.logonId(), "HTTP/" + host, 0, 0, 0, true));
        List<KerbTicketCacheInfo> tickets = KerbCallCodec.decodeQueryResponse(call(
                new KerbCallRequest.QueryTicketCache(r.logonId(), true)));
        try (MitKrb5Client client = MitKrb5Client.builder(mit.realm(), mit.host(), mit.port()).create();
             SpnegoHttpServer http = SpnegoHttpServer.start(mit.krb5Conf(), keytab)) {
            export(r, tickets, client.ccache());
            String url = "http://" + host + ":" + http.port() + "/";
            ToolResult curl = client.run("curl", List.of("--silent", "--show-error", "--fail", "--negotiate", "-u",
                    ":", "--resolve", host + ":" + http.port() + ":127.0.0.1", url), null);
            assertTrue(curl.succeeded(), curl.stderr());
            assertEquals("alice@" + mit.realm(), curl.stdout().strip());
            ToolResult anonymous = client.run("curl", List.of("--silent", "--output", "/dev/null", "--write-out",
                    "%{http_code}", "--resolve", host + ":" + http.port() + ":127.0.0.1", url), null);
            assertEquals("401", anonymous.stdout().strip(), "without --negotiate the server refuses");
        }
        lsa.closeHandle(r.token());
    }

    @Test
    void krb5ConfOfTheStateDirectoryIsWhatTheDaemonReads() throws Exception {
        Krb5Conf conf = Krb5Conf.parse(dir.resolve("krb5.conf"));
        assertEquals(mit.port(), conf.kdcs(mit.realm()).getFirst().port());
    }

    // ------------------------------------------------------------------ ChangePassword through MIT kadmind

    private static NtStatus changePassword(String user, String oldPw, String newPw) throws LsaException {
        SecretBytes buffer;
        try (ChangePasswordRequest req = new ChangePasswordRequest(mit.realm(), user, utf16(oldPw),
                utf16(newPw), false)) {
            buffer = KerbCallCodec.encodeChangePassword(req);
        }
        try (buffer) {
            CallPackageResult r = lsa.callAuthenticationPackage(lsa.lookupAuthenticationPackage(KerberosPackage.NAME),
                    buffer);
            lsa.freeReturnBuffer(r.returnBuffer());
            return r.protocolStatus();
        }
    }

    /** RFC 3244 against MIT's kadmind: the request MIT accepts, the reply it sends, its policy's refusal. */
    @Test
    void changePasswordGoesThroughMitKadmindsKpasswdService() throws Exception {
        assertEquals(NtStatus.SUCCESS, changePassword("frank", "Frank-Mit-Passw0rd", "Frank-Mit-Passw0rd-2"));
        try (MitKrb5Client client = MitKrb5Client.builder(mit.realm(), mit.host(), mit.port()).create()) {
            assertTrue(client.kinit("frank", "Frank-Mit-Passw0rd-2").succeeded(), "MIT takes the new password");
            assertFalse(client.kinit("frank", "Frank-Mit-Passw0rd").succeeded(), "and no longer the old one");
        }
        assertEquals(NtStatus.WRONG_PASSWORD, changePassword("frank", "not-the-password", "Frank-Mit-Passw0rd-3"));
        assertEquals(NtStatus.PASSWORD_RESTRICTION, changePassword("erin", "Erin-Mit-Passw0rd-long-enough",
                "Erin-short-1"), "MIT's policy (minlength 20) refuses it: SOFTERROR");
        try (MitKrb5Client client = MitKrb5Client.builder(mit.realm(), mit.host(), mit.port()).create()) {
            assertTrue(client.kinit("erin", "Erin-Mit-Passw0rd-long-enough").succeeded());
        }
    }

    // ------------------------------------------------------------------ ticket and S4U logons

    private static LogonResult logonWith(LsaConnection c, SecurityLogonType type, byte[] buffer) throws LsaException {
        return c.logonUser(new LogonRequest("interop", type, c.lookupAuthenticationPackage(KerberosPackage.NAME), buffer,
                Optional.empty(), new TokenSource("Interop", Luid.ZERO)));
    }

    /** The host ticket MIT kinit + kvno put in a ccache, as a service would have received it from that client. */
    @Test
    void aServiceTicketFromMitKvnoLogsTheClientOnOverTheNetwork() throws Exception {
        try (MitKrb5Client client = MitKrb5Client.builder(mit.realm(), mit.host(), mit.port()).create()) {
            assertTrue(client.kinit("alice", "Alice-Mit-Passw0rd").succeeded());
            Kvno kvno = client.kvno(HOST_SPN);
            assertTrue(kvno.result().succeeded(), kvno.result().stderr());
            try (CredentialCache cache = CredentialCache.read(client.ccache())) {
                Credential host = cache.credentials().stream()
                        .filter(c -> c.server().components().equals(List.of("host", "lsahost.test.local")))
                        .findFirst().orElseThrow();
                LogonResult r = logonWith(lsa, SecurityLogonType.NETWORK, KerbLogonCodecs.encode(
                        new KerbTicketLogon(0, host.ticket(), new byte[0], Optional.empty())));
                AccessToken t = lsa.queryToken(r.token());
                assertEquals(localAlice.sid(), t.user().sid());
                assertEquals(TokenType.IMPERSONATION, t.type());
                assertTrue(t.groups().stream().anyMatch(g -> g.sid().equals(WellKnownSids.NETWORK)));
                // The profile hands the trusted caller the session key kvno shares with this host.
                KerbCryptoKey key = KerbProfileCodec.decode(r.profileBuffer().bytes()).sessionKey().orElseThrow();
                assertEquals(host.key().enctype(), key.keyType());
                assertArrayEquals(host.key().key().copyBytes(), key.value());
                lsa.closeHandle(r.token());
            }
        }
    }

    /**
     * A GSS-API initiator over MIT's libgssapi (python3-gssapi) delegating its TGT to this host: the AP-REQ's
     * ticket and the KRB-CRED MIT put in the authenticator checksum (RFC 4121 4.1.1) are what a service passes to
     * KERB_TICKET_LOGON. The forwarded TGT lands in the new session, and MIT kvno then uses it from an export.
     */
    @Test
    void aTgtDelegatedByMitGssapiLandsInTheNewSession() throws Exception {
        try (MitKrb5Client client = MitKrb5Client.builder(mit.realm(), mit.host(), mit.port()).create();
             GssapiPeer gss = GssapiPeer.start(client.krb5Conf())) {
            assertTrue(client.kinit("alice", "Alice-Mit-Passw0rd", "-f").succeeded());
            byte[] token;
            try (GssInitiator init = gss.initiate(client.ccache(), "host@lsahost.test.local",
                    GssNameType.HOSTBASED_SERVICE, GssFlag.DELEGATE, GssFlag.MUTUAL)) {
                assertTrue(init.firstStep().succeeded(), init.firstStep().error().orElse(""));
                token = init.firstStep().token();
            }
            DelegatedLogon d = DelegatedLogon.fromGssToken(token, dir.resolve("krb5.keytab"));
            LogonResult r = logonWith(lsa, SecurityLogonType.NETWORK, KerbLogonCodecs.encode(
                    new KerbTicketLogon(0, d.serviceTicket(), d.krbCred(), Optional.empty())));
            assertEquals(localAlice.sid(), lsa.queryToken(r.token()).user().sid());
            List<KerbTicketCacheInfo> tickets = KerbCallCodec.decodeQueryResponse(call(
                    new KerbCallRequest.QueryTicketCache(r.logonId(), true)));
            assertEquals(List.of("krbtgt/" + mit.realm() + "@" + mit.realm()),
                    tickets.stream().map(t -> t.serverName() + "@" + t.serverRealm()).toList());
            // The session can reach a service in alice's name with the delegated TGT: MIT's KDC issues the ticket.
            KerbExternalTicket web = KerbCallCodec.decodeRetrieveResponse(call(new KerbCallRequest.RetrieveTicket(
                    r.logonId(), "HTTP/web.test.local", 0, 0, 0, false)));
            assertEquals(List.of("alice"), web.clientName().names());
            lsa.closeHandle(r.token());
        }
    }

    @Test
    void s4uThroughMitGivesTrustedCallersImpersonationAndOthersIdentification() throws Exception {
        byte[] buffer = KerbLogonCodecs.encode(new KerbS4uLogon(0, "alice@" + mit.realm(), ""));
        LogonResult trusted = logonWith(lsa, SecurityLogonType.NETWORK, buffer);
        AccessToken t = lsa.queryToken(trusted.token());
        assertEquals(localAlice.sid(), t.user().sid());
        assertEquals(Optional.of(ImpersonationLevel.IMPERSONATION), t.impersonationLevel());
        assertTrue(t.groups().stream().anyMatch(g -> g.sid().equals(WellKnownSids.SERVICE_ASSERTED)));
        // The S4U2Self ticket MIT issued, to this host for alice, is the session's.
        List<KerbTicketCacheInfo> tickets = KerbCallCodec.decodeQueryResponse(call(
                new KerbCallRequest.QueryTicketCache(trusted.logonId(), true)));
        assertEquals(List.of(HOST_SPN + "@" + mit.realm()), tickets.stream()
                .map(x -> x.serverName() + "@" + x.serverRealm()).toList());
        assertEquals("alice@" + mit.realm(), tickets.getFirst().clientName() + "@" + tickets.getFirst().clientRealm());

        try (LsaConnection untrusted = engine.connectUntrusted(t)) {
            LogonResult r = logonWith(untrusted, SecurityLogonType.NETWORK, buffer);
            AccessToken u = untrusted.queryToken(r.token());
            assertEquals(localAlice.sid(), u.user().sid());
            assertEquals(Optional.of(ImpersonationLevel.IDENTIFICATION), u.impersonationLevel());
        }
        LsaException unknown = assertThrows(LsaException.class, () -> logonWith(lsa, SecurityLogonType.NETWORK,
                KerbLogonCodecs.encode(new KerbS4uLogon(0, "nobody", mit.realm()))));
        assertEquals(NtStatus.LOGON_FAILURE, unknown.status());
        lsa.closeHandle(trusted.token());
    }

    /**
     * MIT renews the session's TGT when the sweep finds it due. MIT's clock cannot be moved, so the principal's tickets
     * live 6 minutes and the LSA's clock runs 2 minutes ahead (inside the 5 minutes of skew MIT allows): with 4 of
     * its 6 minutes left, less than the 5-minute minimum window, the TGT is due at once.
     */
    @Test
    void mitRenewsASessionTgtTheSweepFindsDue() throws Exception {
        mit.addPrincipal("dave", "Dave-Mit-Passw0rd", "-maxlife", "6 minutes", "-maxrenewlife", "1 day");
        long rid = store.allocateRid();
        store.createUser(UserAccount.newAccount(store.domain().sid(), rid, "dave")
                .primaryGroupRid(UserAccount.RID_DOMAIN_USERS).build(), Optional.empty());
        KerberosPackage pkg = new KerberosPackage(LsaHost.kerberosConfig(StateLayout.of(dir)), embeddedKdc());
        java.time.InstantSource ahead = () -> Instant.now().plus(java.time.Duration.ofMinutes(2));
        try (LsaEngine e = LsaEngine.builder(store).addPackage(pkg).clock(ahead).build();
             LsaConnection c = e.registerLogonProcess(e.systemToken(), "renewal")) {
            byte[] buffer;
            try (SecretBytes pw = utf16("Dave-Mit-Passw0rd");
                 SecretBytes encoded = KerbInteractiveLogonCodec.encode(new InteractiveLogon(mit.realm(), "dave", pw,
                         Optional.empty()))) {
                buffer = encoded.copyBytes(); // a test password
            }
            LogonResult r = logonWith(c, SecurityLogonType.INTERACTIVE, buffer);
            KerbTicketCacheInfo before = daveTgt(c, r.logonId());
            assertTrue(before.renewTime() > before.endTime(), "MIT issued a renewable TGT");
            Thread.sleep(1100); // KerberosTime has whole seconds: let MIT's renewed start differ from the first
            assertEquals(1, pkg.renewDueTickets());
            KerbTicketCacheInfo after = daveTgt(c, r.logonId());
            assertTrue(after.endTime() > before.endTime(), "MIT extended the TGT: " + before.endTime() + " -> "
                    + after.endTime());
            assertEquals(before.renewTime(), after.renewTime());
        }
    }

    private static KerbTicketCacheInfo daveTgt(LsaConnection c, Luid session) throws LsaException {
        CallPackageResult r = c.callAuthenticationPackage(c.lookupAuthenticationPackage(KerberosPackage.NAME),
                KerbCallCodec.encode(new KerbCallRequest.QueryTicketCache(session, true)));
        byte[] bytes = r.returnBuffer().bytes();
        c.freeReturnBuffer(r.returnBuffer());
        return KerbCallCodec.decodeQueryResponse(bytes).stream().filter(t -> t.serverName().startsWith("krbtgt/"))
                .findFirst().orElseThrow();
    }
}
