package org.openlsa.kerberos;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openlsa.core.AccessToken;
import org.openlsa.core.ImpersonationLevel;
import org.openlsa.core.LsaException;
import org.openlsa.core.Luid;
import org.openlsa.core.NtStatus;
import org.openlsa.core.SecurityLogonType;
import org.openlsa.core.Sid;
import org.openlsa.core.SidAndAttributes;
import org.openlsa.core.TokenSource;
import org.openlsa.core.TokenType;
import org.openlsa.core.WellKnownSids;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.crypto.kerberos.EncryptionType;
import org.openlsa.crypto.kerberos.KerberosCrypto;
import org.openlsa.crypto.kerberos.KerberosKey;
import org.openlsa.engine.CallPackageResult;
import org.openlsa.engine.LogonRequest;
import org.openlsa.engine.LogonResult;
import org.openlsa.engine.LsaConnection;
import org.openlsa.kdc.client.KdcClient;
import org.openlsa.kdc.client.KdcClient.Credential;
import org.openlsa.kdc.client.KdcTransport;
import org.openlsa.kerberos.internal.HostAccount;
import org.openlsa.krb5.AuthorizationData;
import org.openlsa.krb5.Bytes;
import org.openlsa.krb5.EncKrbCredPart;
import org.openlsa.krb5.EncTicketPart;
import org.openlsa.krb5.EncryptedData;
import org.openlsa.krb5.EncryptionKey;
import org.openlsa.krb5.KdcOptions;
import org.openlsa.krb5.KerberosTime;
import org.openlsa.krb5.KrbCred;
import org.openlsa.krb5.KrbCredInfo;
import org.openlsa.krb5.PrincipalName;
import org.openlsa.krb5.Ticket;
import org.openlsa.krb5.TicketFlags;
import org.openlsa.krb5.TransitedEncoding;
import org.openlsa.krb5.der.KrbCodec;
import org.openlsa.sam.AccountFlag;
import org.openlsa.sam.GroupAccount;
import org.openlsa.sam.KerberosKeyEntry;
import org.openlsa.sam.KerberosKeySet;
import org.openlsa.sam.LogonHours;
import org.openlsa.sam.UserAccount;

/**
 * KERB_TICKET_LOGON, KERB_S4U_LOGON and the unlock forms against the embedded KDC: tickets a client obtained from
 * the realm's KDC, as a service would hand them to LsaLogonUser, and S4U2Self with this host's own account.
 */
class TicketAndS4uLogonTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir Path dir;
    KerberosRealm realm;
    UserAccount alice;
    UserAccount host;
    GroupAccount engineers;
    KdcClient kdc;

    @BeforeEach
    void setUp() throws LsaException {
        realm = new KerberosRealm(dir);
        alice = realm.addUser("alice", "Wonderland-Passw0rd");
        engineers = realm.addGroup("Engineers", alice);
        host = HostAccount.ensure(realm.store, realm.store.domain(), RANDOM, Instant.now());
        kdc = new KdcClient(KdcTransport.inProcess(realm.kdc),
                Clock.systemUTC(), RANDOM);
    }

    @AfterEach
    void tearDown() {
        realm.close();
    }

    // ------------------------------------------------------------------ helpers

    private Credential tgt(String user, String password) throws Exception {
        try (SecretBytes utf8 = SecretBytes.adopt(password.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            return kdc.passwordAsExchange(KerberosRealm.REALM, PrincipalName.principal(user), utf8,
                    PrincipalName.krbtgt(KerberosRealm.REALM), KdcOptions.of(KdcOptions.FORWARDABLE),
                    Duration.ofHours(10), List.of(), KerberosPackage.ENCTYPES);
        }
    }

    private Credential hostTicket(Credential tgt) throws Exception {
        return kdc.tgsExchange(tgt, PrincipalName.service("host", "host1"), KdcOptions.of(), List.of(), List.of());
    }

    /** A KRB-CRED of {@code tgt}, its EncKrbCredPart in the clear or encrypted in {@code key} (usage 14). */
    private static byte[] krbCred(Credential tgt, Optional<KerberosKey> key) {
        KrbCredInfo info = new KrbCredInfo(tgt.part().key(), Optional.of(tgt.crealm()), Optional.of(tgt.cname()),
                Optional.of(tgt.part().flags()), Optional.of(tgt.part().authtime()), tgt.part().starttime(),
                Optional.of(tgt.part().endtime()), tgt.part().renewTill(), Optional.of(tgt.part().srealm()),
                Optional.of(tgt.part().sname()), List.of());
        byte[] plain = KrbCodec.encode(new EncKrbCredPart(List.of(info), java.util.OptionalLong.empty(),
                Optional.empty(), java.util.OptionalInt.empty(), Optional.empty(), Optional.empty()));
        EncryptedData enc = key.isEmpty() ? EncryptedData.of(0, Bytes.of(plain))
                : EncryptedData.of(key.get().type().id(), Bytes.of(KerberosCrypto.encrypt(key.get(), 14, plain, RANDOM)));
        return KrbCodec.encode(new KrbCred(List.of(tgt.ticket()), enc));
    }

    private LogonResult logon(LsaConnection c, SecurityLogonType type, byte[] buffer) throws LsaException {
        return logon(c, type, SecretBytes.copyOf(buffer));
    }

    /** Logs on with {@code buffer}, which the request adopts and closes. */
    private LogonResult logon(LsaConnection c, SecurityLogonType type, SecretBytes buffer) throws LsaException {
        try (LogonRequest request = new LogonRequest("kerberos test", type,
                c.lookupAuthenticationPackage(KerberosPackage.NAME), buffer, Optional.empty(),
                new TokenSource("KrbTest", Luid.ZERO))) {
            return c.logonUser(request);
        }
    }

    private LogonResult ticketLogon(LsaConnection c, KerbTicketLogon logon) throws LsaException {
        return logon(c, logon.unlockLogonId().isPresent() ? SecurityLogonType.UNLOCK : SecurityLogonType.NETWORK,
                KerbLogonCodecs.encode(logon));
    }

    private LogonResult s4u(LsaConnection c, SecurityLogonType type, int flags, String upn, String realmName)
            throws LsaException {
        return logon(c, type, KerbLogonCodecs.encode(new KerbS4uLogon(flags, upn, realmName)));
    }

    private static List<Sid> groups(AccessToken t) {
        return t.groups().stream().map(SidAndAttributes::sid).toList();
    }

    private List<String> cache(LsaConnection c, Luid session) throws LsaException {
        CallPackageResult r = c.callAuthenticationPackage(c.lookupAuthenticationPackage(KerberosPackage.NAME),
                KerbCallCodec.encode(new KerbCallRequest.QueryTicketCache(session, true)));
        byte[] bytes = r.returnBuffer().bytes();
        c.freeReturnBuffer(r.returnBuffer());
        return KerberosRealm.names(KerbCallCodec.decodeQueryResponse(bytes));
    }

    private LsaConnection untrustedAs(LogonResult r) throws LsaException {
        return realm.engine.connectUntrusted(realm.trusted.queryToken(r.token()));
    }

    // ------------------------------------------------------------------ ticket logon

    @Test
    void aHostTicketWithAForwardedTgtLogsOnAsTheClient() throws Exception {
        try (Credential tgt = tgt("alice", "Wonderland-Passw0rd"); Credential st = hostTicket(tgt);
             Credential forwarded = kdc.tgsExchange(tgt, PrincipalName.krbtgt(KerberosRealm.REALM),
                     KdcOptions.of(KdcOptions.FORWARDABLE, KdcOptions.FORWARDED), List.of(), List.of())) {
            for (Optional<KerberosKey> wrap : List.of(Optional.<KerberosKey>empty(), Optional.of(st.sessionKey()))) {
                LogonResult r = ticketLogon(realm.trusted, new KerbTicketLogon(0, KrbCodec.encode(st.ticket()),
                        krbCred(forwarded, wrap), Optional.empty()));
                AccessToken t = realm.trusted.queryToken(r.token());
                assertEquals(alice.sid(), t.user().sid());
                assertEquals(TokenType.IMPERSONATION, t.type());
                assertEquals(Optional.of(ImpersonationLevel.IMPERSONATION), t.impersonationLevel());
                assertTrue(groups(t).containsAll(List.of(engineers.sid(), WellKnownSids.NETWORK,
                        WellKnownSids.AUTHENTICATION_AUTHORITY_ASSERTED)), groups(t).toString());
                KerbProfile p = KerbProfileCodec.decode(r.profileBuffer().bytes());
                assertEquals(KerbProfile.TICKET_PROFILE, p.messageType());
                assertEquals(st.sessionKey().type().id(), p.sessionKey().orElseThrow().keyType());
                assertArrayEquals(st.sessionKey().copyBytes(), p.sessionKey().orElseThrow().value());
                // The forwarded TGT is the new session's: it serves tickets in the client's name.
                assertEquals(List.of("krbtgt/CONTOSO.TEST@CONTOSO.TEST"), cache(realm.trusted, r.logonId()));
                realm.trusted.closeHandle(r.token());
            }
        }
    }

    @Test
    void withoutTheForwardedTgtTheSessionHasNoTickets() throws Exception {
        try (Credential tgt = tgt("alice", "Wonderland-Passw0rd"); Credential st = hostTicket(tgt)) {
            LogonResult r = ticketLogon(realm.trusted, new KerbTicketLogon(0, KrbCodec.encode(st.ticket()), new byte[0],
                    Optional.empty()));
            assertEquals(alice.sid(), realm.trusted.queryToken(r.token()).user().sid());
            assertEquals(List.of(), cache(realm.trusted, r.logonId()));
        }
    }

    @Test
    void anUntrustedCallerOnlyIdentifiesTheClientAndGetsNoSessionKey() throws Exception {
        LogonResult own = s4u(realm.trusted, SecurityLogonType.NETWORK, 0, "alice", "");
        try (Credential tgt = tgt("alice", "Wonderland-Passw0rd"); Credential st = hostTicket(tgt);
             LsaConnection untrusted = untrustedAs(own)) {
            LogonResult r = ticketLogon(untrusted, new KerbTicketLogon(0, KrbCodec.encode(st.ticket()), new byte[0],
                    Optional.empty()));
            AccessToken t = untrusted.queryToken(r.token());
            assertEquals(alice.sid(), t.user().sid());
            assertEquals(Optional.of(ImpersonationLevel.IDENTIFICATION), t.impersonationLevel());
            KerbCryptoKey key = KerbProfileCodec.decode(r.profileBuffer().bytes()).sessionKey().orElseThrow();
            assertEquals(0, key.keyType());
            assertEquals(0, key.value().length);
        }
    }

    @Test
    void ticketsNotForThisHostOrNotTicketsAreRefused() throws Exception {
        UserAccount web = realm.addUser("websvc", "Web-Passw0rd-1");
        realm.store.addServicePrincipalName(web.rid(), "HTTP/web.contoso.test");
        try (Credential tgt = tgt("alice", "Wonderland-Passw0rd");
             Credential http = kdc.tgsExchange(tgt, PrincipalName.service("HTTP", "web.contoso.test"), KdcOptions.of(),
                     List.of(), List.of());
             Credential st = hostTicket(tgt)) {
            LsaException notUs = assertThrows(LsaException.class, () -> ticketLogon(realm.trusted,
                    new KerbTicketLogon(0, KrbCodec.encode(http.ticket()), new byte[0], Optional.empty())));
            assertEquals(NtStatus.LOGON_FAILURE, notUs.status());

            byte[] tampered = KrbCodec.encode(st.ticket());
            tampered[tampered.length - 3] ^= 1; // inside the cipher text
            LsaException forged = assertThrows(LsaException.class, () -> ticketLogon(realm.trusted,
                    new KerbTicketLogon(0, tampered, new byte[0], Optional.empty())));
            assertEquals(NtStatus.LOGON_FAILURE, forged.status());

            LsaException garbage = assertThrows(LsaException.class, () -> ticketLogon(realm.trusted,
                    new KerbTicketLogon(0, new byte[] {0x61, 3, 1, 2, 3}, new byte[0], Optional.empty())));
            assertEquals(NtStatus.INVALID_PARAMETER, garbage.status());

            // A TGT that was not forwarded, or one of somebody else, is not the client's delegated credential.
            LsaException notForwarded = assertThrows(LsaException.class, () -> ticketLogon(realm.trusted,
                    new KerbTicketLogon(0, KrbCodec.encode(st.ticket()), krbCred(tgt, Optional.empty()),
                            Optional.empty())));
            assertEquals(NtStatus.INVALID_PARAMETER, notForwarded.status());

            // KERB_TICKET_LOGON serves Network logons only.
            LsaException interactive = assertThrows(LsaException.class, () -> logon(realm.trusted,
                    SecurityLogonType.INTERACTIVE, KerbLogonCodecs.encode(new KerbTicketLogon(0,
                            KrbCodec.encode(st.ticket()), new byte[0], Optional.empty()))));
            assertEquals(NtStatus.BAD_VALIDATION_CLASS, interactive.status());
        }
    }

    /** A ticket to this host made with its key, as only the KDC could: here, expired an hour ago. */
    private byte[] expiredHostTicket() throws LsaException {
        Instant now = Instant.now();
        try (KerberosKeySet keys = realm.store.kerberosKeys(host.rid()).orElseThrow()) {
            KerberosKeyEntry e = keys.key(EncryptionType.AES256_CTS_HMAC_SHA1_96.id()).orElseThrow();
            try (KerberosKey key = KerberosKey.copyOf(EncryptionType.AES256_CTS_HMAC_SHA1_96, e.key().copyBytes())) {
                byte[] session = new byte[32];
                RANDOM.nextBytes(session);
                EncTicketPart part = new EncTicketPart(TicketFlags.of(TicketFlags.PRE_AUTHENT),
                        new EncryptionKey(EncryptionType.AES256_CTS_HMAC_SHA1_96.id(), Bytes.of(session)),
                        KerberosRealm.REALM, PrincipalName.principal("alice"), TransitedEncoding.EMPTY,
                        KerberosTime.truncate(now.minus(Duration.ofHours(11))), Optional.empty(),
                        KerberosTime.truncate(now.minus(Duration.ofHours(1))), Optional.empty(), List.of(),
                        AuthorizationData.EMPTY);
                byte[] cipher = KerberosCrypto.encrypt(key, 2, KrbCodec.encode(part), RANDOM);
                return KrbCodec.encode(new Ticket(KerberosRealm.REALM, PrincipalName.service("host", "host1"),
                        EncryptedData.of(key.type().id(), keys.kvno(), Bytes.of(cipher))));
            }
        }
    }

    @Test
    void anExpiredTicketLogsOnOnlyWithAllowExpiredTicket() throws Exception {
        byte[] expired = expiredHostTicket();
        LsaException e = assertThrows(LsaException.class, () -> ticketLogon(realm.trusted,
                new KerbTicketLogon(0, expired, new byte[0], Optional.empty())));
        assertEquals(NtStatus.LOGON_FAILURE, e.status());
        assertTrue(e.getMessage().contains("expired"), e.getMessage());
        LogonResult r = ticketLogon(realm.trusted, new KerbTicketLogon(KerbTicketLogon.ALLOW_EXPIRED_TICKET, expired,
                new byte[0], Optional.empty()));
        // No PAC: the principal maps to the account of the same name.
        assertEquals(alice.sid(), realm.trusted.queryToken(r.token()).user().sid());
    }

    @Test
    void aTicketUnlockRefreshesTheLockedSessionsTgt() throws Exception {
        LogonResult locked;
        try (Credential tgt = tgt("alice", "Wonderland-Passw0rd"); Credential st = hostTicket(tgt);
             Credential fwd = kdc.tgsExchange(tgt, PrincipalName.krbtgt(KerberosRealm.REALM),
                     KdcOptions.of(KdcOptions.FORWARDABLE, KdcOptions.FORWARDED), List.of(), List.of())) {
            locked = ticketLogon(realm.trusted, new KerbTicketLogon(0, KrbCodec.encode(st.ticket()), new byte[0],
                    Optional.empty()));
            assertEquals(List.of(), cache(realm.trusted, locked.logonId()));
            LogonResult unlock = ticketLogon(realm.trusted, new KerbTicketLogon(0, KrbCodec.encode(st.ticket()),
                    krbCred(fwd, Optional.of(st.sessionKey())), Optional.of(locked.logonId())));
            assertEquals(alice.sid(), realm.trusted.queryToken(unlock.token()).user().sid());
            assertEquals(List.of("krbtgt/CONTOSO.TEST@CONTOSO.TEST"), cache(realm.trusted, locked.logonId()));
            assertEquals(List.of("krbtgt/CONTOSO.TEST@CONTOSO.TEST"), cache(realm.trusted, unlock.logonId()));
        }
    }

    @Test
    void aPasswordUnlockRefreshesOnlyTheSameClientsSession() throws Exception {
        realm.addUser("bob", "Builder-Passw0rd-1");
        LogonResult a = logonPassword(SecurityLogonType.INTERACTIVE, "alice", "Wonderland-Passw0rd", Optional.empty());
        LogonResult b = logonPassword(SecurityLogonType.INTERACTIVE, "bob", "Builder-Passw0rd-1", Optional.empty());
        purge(a.logonId());
        purge(b.logonId());
        logonPassword(SecurityLogonType.UNLOCK, "alice", "Wonderland-Passw0rd", Optional.of(a.logonId()));
        assertEquals(List.of("krbtgt/CONTOSO.TEST@CONTOSO.TEST"), cache(realm.trusted, a.logonId()));
        // Alice's password does not refresh bob's session.
        logonPassword(SecurityLogonType.UNLOCK, "alice", "Wonderland-Passw0rd", Optional.of(b.logonId()));
        assertEquals(List.of(), cache(realm.trusted, b.logonId()));
    }

    private LogonResult logonPassword(SecurityLogonType type, String user, String password, Optional<Luid> unlock)
            throws LsaException {
        try (SecretBytes pw = KerberosRealm.utf16(password)) {
            SecretBytes buffer = KerbInteractiveLogonCodec.encode(new org.openlsa.engine.spi.logon.InteractiveLogon(
                    "CONTOSO", user, pw, unlock));
            return logon(realm.trusted, type, buffer);
        }
    }

    private void purge(Luid session) throws LsaException {
        CallPackageResult r = realm.trusted.callAuthenticationPackage(
                realm.trusted.lookupAuthenticationPackage(KerberosPackage.NAME),
                KerbCallCodec.encode(new KerbCallRequest.PurgeTicketCache(session, "", "")));
        realm.trusted.freeReturnBuffer(r.returnBuffer());
    }

    // ------------------------------------------------------------------ S4U logon

    @Test
    void s4uForATrustedCallerGivesAnImpersonationTokenAssertedByTheService() throws Exception {
        LogonResult r = s4u(realm.trusted, SecurityLogonType.NETWORK, 0, "alice@contoso.test", "");
        AccessToken t = realm.trusted.queryToken(r.token());
        assertEquals(alice.sid(), t.user().sid());
        assertEquals(Optional.of(ImpersonationLevel.IMPERSONATION), t.impersonationLevel());
        assertTrue(groups(t).containsAll(List.of(engineers.sid(), WellKnownSids.SERVICE_ASSERTED,
                WellKnownSids.NETWORK)), groups(t).toString());
        assertFalse(groups(t).contains(WellKnownSids.AUTHENTICATION_AUTHORITY_ASSERTED));
        KerbCryptoKey key = KerbProfileCodec.decode(r.profileBuffer().bytes()).sessionKey().orElseThrow();
        assertTrue(key.value().length > 0, "a trusted caller gets the S4U ticket's session key");
        assertEquals(List.of("HOST1$@CONTOSO.TEST"), cache(realm.trusted, r.logonId()));
        // A trusted caller may also make a primary token (a task run for the user).
        LogonResult primary = s4u(realm.trusted, SecurityLogonType.INTERACTIVE, 0, "alice", "CONTOSO.TEST");
        assertEquals(TokenType.PRIMARY, realm.trusted.queryToken(primary.token()).type());
    }

    @Test
    void s4uForAnUntrustedCallerOrWithIdentifyGivesAnIdentificationToken() throws Exception {
        LogonResult own = s4u(realm.trusted, SecurityLogonType.NETWORK, 0, "alice", "");
        try (LsaConnection untrusted = untrustedAs(own)) {
            LogonResult r = s4u(untrusted, SecurityLogonType.NETWORK, 0, "alice", "");
            AccessToken t = untrusted.queryToken(r.token());
            assertEquals(alice.sid(), t.user().sid());
            assertEquals(Optional.of(ImpersonationLevel.IDENTIFICATION), t.impersonationLevel());
            assertEquals(0, KerbProfileCodec.decode(r.profileBuffer().bytes()).sessionKey().orElseThrow().value().length);
            LsaException primary = assertThrows(LsaException.class, () -> s4u(untrusted, SecurityLogonType.BATCH, 0,
                    "alice", ""));
            assertEquals(NtStatus.PRIVILEGE_NOT_HELD, primary.status());
        }
        LogonResult identify = s4u(realm.trusted, SecurityLogonType.NETWORK, KerbS4uLogon.IDENTIFY, "alice", "");
        assertEquals(Optional.of(ImpersonationLevel.IDENTIFICATION),
                realm.trusted.queryToken(identify.token()).impersonationLevel());
    }

    @Test
    void s4uRefusesUnknownAndDisabledUsersAndHonoursLogonHoursWhenAsked() throws Exception {
        LsaException unknown = assertThrows(LsaException.class, () -> s4u(realm.trusted, SecurityLogonType.NETWORK, 0,
                "nobody", ""));
        assertEquals(NtStatus.LOGON_FAILURE, unknown.status());
        assertEquals(NtStatus.NO_SUCH_USER, unknown.subStatus());

        realm.store.updateUser(alice.rid(), u -> u.toBuilder().logonHours(LogonHours.parse("never")).build());
        LsaException hours = assertThrows(LsaException.class, () -> s4u(realm.trusted, SecurityLogonType.NETWORK,
                KerbS4uLogon.CHECK_LOGONHOURS, "alice", ""));
        assertEquals(NtStatus.ACCOUNT_RESTRICTION, hours.status());
        assertEquals(NtStatus.INVALID_LOGON_HOURS, hours.subStatus());
        // Without the flag the hours are not the service's concern (MS-SFU 3.2.5.1.2).
        s4u(realm.trusted, SecurityLogonType.NETWORK, 0, "alice", "");

        realm.store.updateUser(alice.rid(), u -> u.toBuilder().flag(AccountFlag.DISABLED, true).build());
        LsaException disabled = assertThrows(LsaException.class, () -> s4u(realm.trusted, SecurityLogonType.NETWORK,
                0, "alice", ""));
        assertEquals(NtStatus.ACCOUNT_RESTRICTION, disabled.status());
        assertEquals(NtStatus.ACCOUNT_DISABLED, disabled.subStatus());
    }

    @Test
    void failedS4uLogonsAreAuditedUnderTheUpnAndRealm() throws Exception {
        assertArrayEquals(new String[] {"CONTOSO.TEST", "nobody"}, realm.pkg.namesForAudit(SecretBytes.copyOf(
                KerbLogonCodecs.encode(new KerbS4uLogon(0, "nobody", "CONTOSO.TEST")))).orElseThrow());
        assertTrue(realm.pkg.namesForAudit(SecretBytes.copyOf(KerbLogonCodecs.encode(
                new KerbTicketLogon(0, new byte[] {1}, new byte[0], Optional.empty())))).isEmpty(), "a ticket logon's client is inside the encrypted ticket");
    }

    @Test
    void theHostAccountIsMadeOnceAndFoundByItsSpn() throws Exception {
        UserAccount again = HostAccount.ensure(realm.store, realm.store.domain(), RANDOM, Instant.now());
        assertEquals(host.rid(), again.rid());
        assertEquals("HOST1$", host.name());
        assertTrue(host.has(AccountFlag.SERVER_TRUST_ACCOUNT));
        assertEquals(List.of("host/host1"), realm.store.servicePrincipalNames(host.rid()));
        try (KerberosKeySet keys = realm.store.kerberosKeys(host.rid()).orElseThrow()) {
            assertEquals(realm.store.domain().policy().kerberos().enctypes(), keys.enctypes());
        }
    }
}
