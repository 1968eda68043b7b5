package org.openlsa.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openlsa.client.LsaClient;
import org.openlsa.core.LsaException;
import org.openlsa.core.Luid;
import org.openlsa.core.NtStatus;
import org.openlsa.core.SecurityLogonType;
import org.openlsa.core.TokenSource;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.engine.CallPackageResult;
import org.openlsa.engine.LogonRequest;
import org.openlsa.engine.LogonResult;
import org.openlsa.engine.LsaConnection;
import org.openlsa.engine.LsaEngine;
import org.openlsa.kdc.Kdc;
import org.openlsa.kdc.client.KdcTransport;
import org.openlsa.kdc.client.KpasswdClient;
import org.openlsa.kdc.protocol.EmbeddedKdc;
import org.openlsa.kdc.protocol.KdcProtocol;
import org.openlsa.kdc.protocol.KpasswdFrame;
import org.openlsa.kerberos.KerbCallCodec;
import org.openlsa.kerberos.KerbCallRequest;
import org.openlsa.kerberos.KerbInteractiveLogonCodec;
import org.openlsa.host.LsaHost;
import org.openlsa.host.StateLayout;
import org.openlsa.engine.spi.logon.ChangePasswordRequest;
import org.openlsa.engine.spi.logon.InteractiveLogon;
import org.openlsa.kerberos.KerberosConfig;
import org.openlsa.kerberos.KerberosPackage;
import org.openlsa.krb5.ErrorCode;
import org.openlsa.krb5.MessageType;
import org.openlsa.krb5.der.KrbCodec;
import org.openlsa.store.sqlite.SqliteAccountStore;
import org.openlsa.testkit.TestRealm;

/**
 * One KDC per realm per process: the Kerberos package's in-process requests and the daemon's network service
 * ({@link KdcService}) reach the same {@link Kdc}, wired as {@link Lsad} wires them, so they share its replay cache.
 * An authenticator the package sent in process (a TGS-REQ for a service ticket, a kpasswd request for a password
 * change) is a replay when the same request arrives on the network: KRB_AP_ERR_REPEAT, as one KDC answers a replay.
 * With a KDC of its own on each path (the package made one, KdcService another), the network copy was answered as
 * new.
 */
class OneKdcPerRealmTest {
    private static final String PASSWORD = "One-Kdc-Passw0rd";

    @TempDir
    Path state;

    @Test
    void anAuthenticatorThePackageSentInProcessIsAReplayOnTheNetworkListeners() throws Exception {
        try (SqliteAccountStore store = SqliteAccountStore.open(state.resolve("sam.db"))) {
            Instant now = Instant.now();
            TestRealm.provision(store, now);
            TestRealm.addUser(store, "alice", PASSWORD, now);
            long web = TestRealm.addUser(store, "websvc", "Web-Service-Passw0rd", now).rid();
            store.addServicePrincipalName(web, "HTTP/web.testdom");
            store.setPolicy(store.domain().policy().withPasswordAges(Duration.ZERO, Optional.empty()));

            // As Lsad does: one Kdc, given to the package and to the network service.
            Kdc kdc = Kdc.create(store, Clock.systemUTC(), new SecureRandom());
            List<byte[]> tgsRequests = Collections.synchronizedList(new ArrayList<>());
            List<byte[]> kpasswdRequests = Collections.synchronizedList(new ArrayList<>());
            try (LsaEngine engine = LsaEngine.builder(store).addPackage(new KerberosPackage(LsaHost.kerberosConfig(StateLayout.of(state)),
                    recording(kdc, tgsRequests, kpasswdRequests))).build();
                 KdcService service = KdcService.start(kdc, state, KdcConfig.defaults().withPort(0));
                 LsaConnection trusted = engine.registerLogonProcess(engine.systemToken(), "one kdc test")) {
                int kerberos = trusted.lookupAuthenticationPackage(KerberosPackage.NAME);

                // 1. A service ticket through the package: a TGS-REQ in process.
                LogonResult logon;
                LogonRequest request;
                try (SecretBytes pw = utf16(PASSWORD)) {
                    request = new LogonRequest("one kdc test", SecurityLogonType.INTERACTIVE, kerberos,
                            KerbInteractiveLogonCodec.encode(new InteractiveLogon("", "alice", pw,
                                    Optional.empty())), Optional.empty(), new TokenSource("OneKdc", Luid.ZERO));
                }
                try {
                    logon = trusted.logonUser(request);
                } finally {
                    request.close();
                }
                try (LsaConnection alice = engine.connectUntrusted(trusted.queryToken(logon.token()))) {
                    CallPackageResult retrieved = alice.callAuthenticationPackage(kerberos, KerbCallCodec.encode(
                            new KerbCallRequest.RetrieveTicket(Luid.ZERO, "HTTP/web.testdom", 0, 0, 0, true)));
                    assertEquals(NtStatus.SUCCESS, retrieved.protocolStatus());
                    alice.freeReturnBuffer(retrieved.returnBuffer());
                }
                trusted.closeHandle(logon.token());
                assertEquals(1, tgsRequests.size(), "the package sent one TGS-REQ");
                byte[] tgsReply = KdcTransport.network(List.of(new KdcTransport.KdcAddress("127.0.0.1",
                        service.port())), Duration.ofSeconds(10), 1465).send(tgsRequests.getFirst());
                assertEquals(MessageType.KRB_ERROR, KrbCodec.applicationTag(tgsReply), "no second ticket");
                assertEquals(ErrorCode.KRB_AP_ERR_REPEAT, KrbCodec.decodeKrbError(tgsReply).errorCode());

                // 2. A password change through the package: a kpasswd request in process.
                try (ChangePasswordRequest change = new ChangePasswordRequest("", "alice",
                        utf16(PASSWORD), utf16("One-Kdc-Passw0rd-2"), false);
                     SecretBytes submit = KerbCallCodec.encodeChangePassword(change)) {
                    CallPackageResult changed = trusted.callAuthenticationPackage(kerberos, submit);
                    assertEquals(NtStatus.SUCCESS, changed.protocolStatus());
                    trusted.freeReturnBuffer(changed.returnBuffer());
                }
                assertEquals(1, kpasswdRequests.size(), "the package sent one kpasswd request");
                byte[] kpasswdReply = KpasswdClient.network(new KdcTransport.KdcAddress("127.0.0.1",
                        service.kpasswdPort()), Duration.ofSeconds(10)).send(kpasswdRequests.getFirst());
                KpasswdFrame frame = KpasswdFrame.decode(kpasswdReply);
                assertTrue(frame.ap().isEmpty(), "refused before authentication");
                assertEquals(ErrorCode.KRB_AP_ERR_REPEAT,
                        KrbCodec.decodeKrbError(frame.message().toByteArray()).errorCode());
            }
        }
    }

    /**
     * The daemon's own wiring: a Kerberos logon through its socket reaches the KDC the daemon made with its audit log
     * (not one the package made without it), so the wrong password is the KDC's 4771 beside the engine's 4625.
     */
    @Test
    void theDaemonsKerberosLogonsReachTheKdcItMadeWithItsAuditLog() throws Exception {
        try (SqliteAccountStore store = SqliteAccountStore.open(state.resolve("sam.db"))) {
            TestRealm.provision(store, Instant.now());
            TestRealm.addUser(store, "alice", PASSWORD, Instant.now());
        }
        try (Lsad lsad = Lsad.start(LsaDaemon.Options.defaults(state), KdcConfig.defaults().withPort(0));
             LsaConnection c = LsaClient.of(lsad.daemon().socketPath(), Duration.ofSeconds(30))
                     .registerLogonProcess(null, "one kdc test")) {
            int kerberos = c.lookupAuthenticationPackage(KerberosPackage.NAME);
            LogonRequest request;
            try (SecretBytes pw = utf16("not-alices")) {
                request = new LogonRequest("one kdc test", SecurityLogonType.INTERACTIVE, kerberos,
                        KerbInteractiveLogonCodec.encode(new InteractiveLogon("", "alice", pw,
                                Optional.empty())), Optional.empty(), new TokenSource("OneKdc", Luid.ZERO));
            }
            try {
                assertThrows(LsaException.class, () -> c.logonUser(request));
            } finally {
                request.close();
            }
        }
        List<String> preauth = Files.readAllLines(StateLayout.of(state).auditLog()).stream()
                .filter(l -> l.contains("\"eventId\":4771")).toList();
        assertEquals(1, preauth.size(), "one 4771 for the one wrong password: " + preauth);
        String line = preauth.getFirst();
        assertTrue(line.contains("\"source\":\"kdc\"") && line.contains("\"user\":\"alice\""), line);
    }

    /** {@code kdc} as the package sees it, keeping a copy of each TGS-REQ and kpasswd request it passes on. */
    private static EmbeddedKdc recording(Kdc kdc, List<byte[]> tgsRequests, List<byte[]> kpasswdRequests) {
        return new EmbeddedKdc() {
            @Override
            public Optional<byte[]> handle(byte[] request, Transport transport, InetSocketAddress client) {
                if (KrbCodec.applicationTag(request) == MessageType.TGS_REQ) {
                    tgsRequests.add(request.clone());
                }
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
            public KdcProtocol kpasswd(InetAddress serverAddress) {
                KdcProtocol kpasswd = kdc.kpasswd(serverAddress);
                return new KdcProtocol() {
                    @Override
                    public Optional<byte[]> handle(byte[] request, Transport transport, InetSocketAddress client) {
                        kpasswdRequests.add(request.clone());
                        return kpasswd.handle(request, transport, client);
                    }

                    @Override
                    public byte[] responseTooBig(byte[] request) {
                        return kpasswd.responseTooBig(request);
                    }

                    @Override
                    public byte[] fieldTooLong() {
                        return kpasswd.fieldTooLong();
                    }
                };
            }
        };
    }

    private static SecretBytes utf16(String s) {
        return SecretBytes.adopt(s.getBytes(StandardCharsets.UTF_16LE));
    }
}
