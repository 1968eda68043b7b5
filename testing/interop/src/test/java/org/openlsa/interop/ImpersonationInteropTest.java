package org.openlsa.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.atomic.AtomicReference;
import javax.security.auth.Subject;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.Oid;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openlsa.core.AccessMask;
import org.openlsa.core.GenericMapping;
import org.openlsa.core.ImpersonationLevel;
import org.openlsa.core.LsaException;
import org.openlsa.core.Luid;
import org.openlsa.core.NtStatus;
import org.openlsa.core.Sddl;
import org.openlsa.core.SecurityLogonType;
import org.openlsa.core.Sid;
import org.openlsa.core.TokenSource;
import org.openlsa.core.TokenType;
import org.openlsa.crypto.NtOwf;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.engine.LogonRequest;
import org.openlsa.engine.LogonResult;
import org.openlsa.engine.LsaConnection;
import org.openlsa.engine.LsaEngine;
import org.openlsa.engine.TokenHandle;
import org.openlsa.engine.spi.logon.InteractiveLogon;
import org.openlsa.host.LsaHost;
import org.openlsa.host.StateLayout;
import org.openlsa.impersonation.CapturedImpersonation;
import org.openlsa.impersonation.Impersonation;
import org.openlsa.impersonation.ImpersonationContext;
import org.openlsa.impersonation.KerberosImpersonation;
import org.openlsa.kerberos.KerbInteractiveLogonCodec;
import org.openlsa.kerberos.KerbLogonCodecs;
import org.openlsa.kerberos.KerbS4uLogon;
import org.openlsa.kerberos.KerberosPackage;
import org.openlsa.peers.MitKdc;
import org.openlsa.peers.SpnegoHttpServer;
import org.openlsa.sam.DomainProvisioning;
import org.openlsa.sam.UserAccount;
import org.openlsa.store.sqlite.SqliteAccountStore;

/**
 * Impersonation in the JVM against real peers: a trusted server logs alice on through the Kerberos package (MIT's
 * krb5kdc as the realm's KDC), then the JDK's own JGSS, initiating SPNEGO inside {@link KerberosImpersonation#callAs}
 * with no credential of its own, is authenticated by an HTTP server that accepts with MIT's libgssapi
 * (python3-gssapi) as alice: the server names the principal it accepted. Outside the scope, inside the server's own
 * JAAS Subject (bob, logged in by the JDK's Krb5LoginModule), the same client is bob. On a virtual thread, in
 * StructuredTaskScope forks and in an executor task handed the capture it is still alice; an identification-level
 * token is refused.
 */
class ImpersonationInteropTest {
    private static final String HOST_SPN = "host/lsahost.test.local";
    private static final String WEB_SPN = "HTTP/www.test.local";
    /** GSS_KRB5_NT_PRINCIPAL_NAME (RFC 1964 2.1.1): the target named exactly, no host canonicalization. */
    private static final String KRB5_PRINCIPAL_NAME = "1.2.840.113554.1.2.2.1";
    private static final String SPNEGO = "1.3.6.1.5.5.2";

    private static MitKdc mit;
    private static Path dir;
    private static SqliteAccountStore store;
    private static LsaEngine engine;
    private static LsaConnection lsa;
    private static SpnegoHttpServer web;
    private static URI url;
    private static HttpClient http;
    private static String oldKrb5Conf;
    /** The server's own identity, as a Java service has it: a JAAS login of its account. */
    private static LoginContext serverLogin;
    private static LogonResult alice;
    private static ImpersonationContext asAlice;

    @BeforeAll
    static void start() throws Exception {
        mit = MitKdc.start();
        mit.addPrincipal("alice", "Alice-Mit-Passw0rd");
        mit.addPrincipal("bob", "Bob-Mit-Passw0rd");
        mit.kadmin("addprinc", "-randkey", HOST_SPN);
        mit.addPrincipal(WEB_SPN, "Www-Mit-Passw0rd");
        dir = Files.createTempDirectory("openlsa-impersonation");
        Path hostKeytab = dir.resolve("krb5.keytab");
        mit.ktadd(hostKeytab, HOST_SPN);
        Files.writeString(dir.resolve("krb5.conf"), """
                [libdefaults]
                    default_keytab_name = FILE:%s
                    kdc_timeout = 3s
                [realms]
                    %s = {
                        kdc = %s:%d
                    }
                """.formatted(hostKeytab, mit.realm(), mit.host(), mit.port()));
        Path webKeytab = dir.resolve("www.keytab");
        mit.ktaddKeepingKeys(webKeytab, WEB_SPN);
        web = SpnegoHttpServer.start(mit.krb5Conf(), webKeytab);
        url = URI.create("http://127.0.0.1:" + web.port() + "/");
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .build();

        store = SqliteAccountStore.open(dir.resolve("sam.db"));
        Sid domain = Sid.of(5, 21, 11, 12, 13);
        try (SecretBytes admin = NtOwf.ntOwfV1(utf16("Admin-Passw0rd"))) {
            DomainProvisioning.provision(store, "LSAHOST", "LSAHOST.TEST", "LSAHOST", domain, admin, Instant.now(),
                    new SecureRandom());
        }
        for (String name : List.of("alice", "bob")) { // the local accounts MIT's principals stand for
            long rid = store.allocateRid();
            store.createUser(UserAccount.newAccount(domain, rid, name).primaryGroupRid(UserAccount.RID_DOMAIN_USERS)
                    .build(), Optional.empty());
            store.addGroupMember(UserAccount.RID_DOMAIN_USERS, rid);
        }
        engine = LsaEngine.builder(store).addPackage(new KerberosPackage(LsaHost.kerberosConfig(StateLayout.of(dir)),
                org.openlsa.kdc.Kdc.create(store, java.time.Clock.systemUTC(), new SecureRandom()))).build();
        // The trusted server: LsaRegisterLogonProcess as LocalSystem (SeTcbPrivilege).
        lsa = engine.registerLogonProcess(engine.systemToken(), "impersonation-interop");
        alice = logon(lsa, "alice", "Alice-Mit-Passw0rd");
        asAlice = ImpersonationContext.of(lsa, alice.token());

        // The JDK reads krb5.conf once per JVM unless told to refresh it: the JAAS login below does
        // (refreshKrb5Config), so JGSS then finds MIT's realm whatever an earlier test class loaded.
        oldKrb5Conf = System.getProperty("java.security.krb5.conf");
        System.setProperty("java.security.krb5.conf", mit.krb5Conf().toString());
        serverLogin = jaasLogin("bob", "Bob-Mit-Passw0rd");
    }

    @AfterAll
    static void stop() throws Exception {
        if (serverLogin != null) {
            serverLogin.logout();
        }
        if (oldKrb5Conf == null) {
            System.clearProperty("java.security.krb5.conf");
        } else {
            System.setProperty("java.security.krb5.conf", oldKrb5Conf);
        }
        if (lsa != null) {
            lsa.close();
            engine.close();
            store.close();
        }
        if (web != null) {
            web.close();
        }
        if (mit != null) {
            mit.close();
        }
    }

    private static SecretBytes utf16(String s) {
        return SecretBytes.adopt(s.getBytes(StandardCharsets.UTF_16LE));
    }

    private static LogonResult logon(LsaConnection c, String user, String password) throws LsaException {
        SecretBytes buffer;
        try (SecretBytes pw = utf16(password)) {
            buffer = KerbInteractiveLogonCodec.encode(new InteractiveLogon(mit.realm(), user, pw, Optional.empty()));
        }
        try (LogonRequest r = new LogonRequest("impersonation", SecurityLogonType.INTERACTIVE,
                c.lookupAuthenticationPackage(KerberosPackage.NAME), buffer, Optional.empty(),
                new TokenSource("Interop", Luid.ZERO))) {
            return c.logonUser(r);
        }
    }

    private static LoginContext jaasLogin(String user, String password) throws Exception {
        Configuration config = new Configuration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                Map<String, String> options = new HashMap<>();
                options.put("refreshKrb5Config", "true");
                options.put("useTicketCache", "false");
                options.put("storeKey", "false");
                return new AppConfigurationEntry[] {new AppConfigurationEntry(
                        "com.sun.security.auth.module.Krb5LoginModule",
                        AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, options)};
            }
        };
        LoginContext login = new LoginContext("server", new Subject(), callbacks -> {
            for (var c : callbacks) {
                if (c instanceof NameCallback n) {
                    n.setName(user);
                } else if (c instanceof PasswordCallback p) {
                    p.setPassword(password.toCharArray());
                }
            }
        }, config);
        login.login();
        return login;
    }

    /**
     * An SPNEGO client of the JDK: a GSS context for HTTP/www.test.local with no credential of its own (JGSS takes
     * Subject.current()'s), its first token sent as {@code Authorization: Negotiate}; returns the principal the
     * MIT-gssapi server accepted.
     */
    private static String negotiate() throws Exception {
        GSSManager gss = GSSManager.getInstance();
        GSSName target = gss.createName(WEB_SPN + "@" + mit.realm(), new Oid(KRB5_PRINCIPAL_NAME));
        GSSContext context = gss.createContext(target, new Oid(SPNEGO), null, GSSContext.DEFAULT_LIFETIME);
        try {
            byte[] token = context.initSecContext(new byte[0], 0, 0);
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(20))
                    .header("Authorization", "Negotiate " + Base64.getEncoder().encodeToString(token)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            return r.body().strip();
        } finally {
            context.dispose();
        }
    }

    private String alice() {
        return "alice@" + mit.realm();
    }

    private String bob() {
        return "bob@" + mit.realm();
    }

    @Test
    void aJgssSpnegoClientInsideTheScopeIsAuthenticatedAsTheClient() throws Exception {
        assertEquals(alice(), KerberosImpersonation.callAs(asAlice, ImpersonationInteropTest::negotiate));
        // Without the scope the same client has no credentials at all: the session's TGT is what made it work.
        GSSException none = assertThrows(GSSException.class, ImpersonationInteropTest::negotiate);
        assertEquals(GSSException.NO_CRED, none.getMajor(), none.toString());
    }

    @Test
    void outsideTheScopeTheServerIsItselfAndAsSelfRevertsToIt() throws Exception {
        List<Object> seen = Subject.callAs(serverLogin.getSubject(), () -> List.of(negotiate(),
                KerberosImpersonation.callAs(asAlice, () -> List.of(negotiate(),
                        Impersonation.asSelf(ImpersonationInteropTest::negotiate), negotiate())),
                negotiate()));
        assertEquals(List.of(bob(), List.of(alice(), bob(), alice()), bob()), seen);
        // Plain impersonation (no Kerberos bridge) never lends the server's credentials to the client.
        Throwable e = assertThrows(java.util.concurrent.CompletionException.class, // Subject.callAs' wrapper
                () -> Subject.callAs(serverLogin.getSubject(),
                        () -> Impersonation.callAs(asAlice, ImpersonationInteropTest::negotiate))).getCause();
        assertEquals(GSSException.NO_CRED, assertInstanceOf(GSSException.class, e).getMajor(), e.toString());
    }

    @Test
    void onAVirtualThreadInForksAndInAHandedOffTaskItIsStillTheClient() throws Exception {
        AtomicReference<Object> seen = new AtomicReference<>();
        Thread t = Thread.ofVirtual().start(() -> {
            try (ExecutorService pool = Executors.newFixedThreadPool(1)) {
                seen.set(KerberosImpersonation.callAs(asAlice, () -> {
                    String here = negotiate(); // blocks in I/O: the virtual thread unmounts and comes back
                    try (var scope = StructuredTaskScope.open()) {
                        var a = scope.fork(ImpersonationInteropTest::negotiate);
                        var b = scope.fork(ImpersonationInteropTest::negotiate);
                        scope.join();
                        CapturedImpersonation capture = Impersonation.capture();
                        String handedOff = pool.submit(capture.wrap(ImpersonationInteropTest::negotiate)).get();
                        Throwable notHanded = assertThrows(java.util.concurrent.ExecutionException.class,
                                () -> pool.submit(ImpersonationInteropTest::negotiate).get()).getCause();
                        return List.of(here, a.get(), b.get(), handedOff,
                                notHanded instanceof GSSException g ? g.getMajor() : notHanded);
                    }
                }));
            } catch (Throwable e) {
                seen.set(e);
            }
        });
        t.join();
        if (seen.get() instanceof Throwable e) {
            throw new AssertionError(e);
        }
        assertEquals(List.of(alice(), alice(), alice(), alice(), GSSException.NO_CRED), seen.get(),
                "the pool's task without the capture has no credentials");
    }

    @Test
    void anIdentificationLevelTokenIsRefusedButMayBeAskedWhoAndChecked() throws Exception {
        TokenHandle id = lsa.duplicateToken(alice.token(), 0, ImpersonationLevel.IDENTIFICATION,
                TokenType.IMPERSONATION);
        try {
            ImpersonationContext ctx = ImpersonationContext.of(lsa, id);
            boolean[] ran = {false};
            LsaException e = assertThrows(LsaException.class, () -> KerberosImpersonation.callAs(ctx, () -> {
                ran[0] = true;
                return negotiate();
            }));
            assertEquals(NtStatus.BAD_IMPERSONATION_LEVEL, e.status());
            assertTrue(!ran[0], "the client's credentials were never reached");
            // Who the client is and AccessCheck remain, inside a plain binding.
            assertEquals(ctx.token().user().sid(), Impersonation.callAs(ctx,
                    () -> Impersonation.current().orElseThrow().token().user().sid()));
            assertTrue(ctx.accessCheck(Sddl.parse("O:BAG:BAD:(A;;FR;;;WD)"), AccessMask.GENERIC_READ,
                    GenericMapping.FILE).granted());
        } finally {
            lsa.closeHandle(id);
        }
        // The other way to hold one: S4U by an untrusted caller gives an identification token (Windows' rule).
        try (LsaConnection untrusted = engine.connectUntrusted(lsa.queryToken(alice.token()))) {
            LogonResult s4u = untrusted.logonUser(new LogonRequest("impersonation", SecurityLogonType.NETWORK,
                    untrusted.lookupAuthenticationPackage(KerberosPackage.NAME), KerbLogonCodecs.encode(
                            new KerbS4uLogon(0, "alice@" + mit.realm(), "")), Optional.empty(),
                    new TokenSource("Interop", Luid.ZERO)));
            ImpersonationContext ctx = ImpersonationContext.of(untrusted, s4u.token());
            assertEquals(ImpersonationLevel.IDENTIFICATION, ctx.level());
            assertEquals(NtStatus.BAD_IMPERSONATION_LEVEL, assertThrows(LsaException.class,
                    () -> KerberosImpersonation.callAs(ctx, ImpersonationInteropTest::negotiate)).status());
        }
    }

    @Test
    void anUntrustedCallerIsNotGivenTheTgtsKey() throws Exception {
        try (LsaConnection untrusted = engine.connectUntrusted(lsa.queryToken(alice.token()))) {
            LogonResult own = logon(untrusted, "alice", "Alice-Mit-Passw0rd");
            ImpersonationContext ctx = ImpersonationContext.of(untrusted, own.token());
            assertEquals(NtStatus.PRIVILEGE_NOT_HELD, assertThrows(LsaException.class,
                    () -> KerberosImpersonation.callAs(ctx, ImpersonationInteropTest::negotiate)).status());
        }
    }
}
