package org.openlsa.kerberos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.core.SecurityLogonType;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.engine.CallPackageResult;
import org.openlsa.engine.LogonResult;
import org.openlsa.engine.LsaConnection;
import org.openlsa.engine.spi.logon.ChangePasswordRequest;
import org.openlsa.sam.AccountFlag;
import org.openlsa.sam.UserAccount;

/**
 * KerbChangePasswordMessage against the embedded realm's kpasswd service, in process: the change itself, the
 * expired password it exists for, the policy's refusal, and what trusted and untrusted callers learn of a failure.
 */
class KerbChangePasswordTest {
    @TempDir
    Path dir;

    private KerberosRealm realm;
    private UserAccount alice;

    @BeforeEach
    void setUp() throws LsaException {
        realm = new KerberosRealm(dir);
        alice = realm.addUser("alice", "Wonderland-Passw0rd");
        passwordSetADayAgo(); // past the default minimum age of a day
    }

    /** Moves alice's PasswordLastSet a day back, as if she had waited out the minimum password age. */
    private void passwordSetADayAgo() throws LsaException {
        realm.store.updateUser(alice.rid(), u -> u.toBuilder()
                .passwordLastSet(Optional.of(java.time.Instant.now().minus(Duration.ofDays(1)))).build());
    }

    @AfterEach
    void tearDown() {
        realm.close();
    }

    private static NtStatus change(LsaConnection c, String domain, String user, String oldPw, String newPw)
            throws LsaException {
        SecretBytes buffer;
        try (ChangePasswordRequest req = new ChangePasswordRequest(domain, user,
                KerberosRealm.utf16(oldPw), KerberosRealm.utf16(newPw), false)) {
            buffer = KerbCallCodec.encodeChangePassword(req);
        }
        try (buffer) {
            CallPackageResult r = c.callAuthenticationPackage(c.lookupAuthenticationPackage(KerberosPackage.NAME),
                    buffer);
            assertEquals(0, r.returnBuffer().bytes().length, "ChangePassword returns no buffer");
            c.freeReturnBuffer(r.returnBuffer());
            return r.protocolStatus();
        }
    }

    private NtStatus logon(String user, String password) {
        var request = uncheckedLogon(user, password);
        try {
            LogonResult r = realm.trusted.logonUser(request);
            realm.trusted.closeHandle(r.token());
            return NtStatus.SUCCESS;
        } catch (LsaException e) {
            return e.status().equals(NtStatus.ACCOUNT_RESTRICTION) ? e.subStatus() : e.status();
        } finally {
            request.close();
        }
    }

    private org.openlsa.engine.LogonRequest uncheckedLogon(String user, String password) {
        try {
            return KerberosRealm.passwordLogon(realm.trusted, SecurityLogonType.INTERACTIVE, "", user, password);
        } catch (LsaException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aUserChangesItsPasswordThroughTheEmbeddedKpasswdService() throws Exception {
        assertEquals(NtStatus.SUCCESS, change(realm.trusted, "CONTOSO", "alice", "Wonderland-Passw0rd", "Wonderland-Passw0rd-2"));
        assertEquals(NtStatus.LOGON_FAILURE, logon("alice", "Wonderland-Passw0rd"));
        assertEquals(NtStatus.SUCCESS, logon("alice", "Wonderland-Passw0rd-2"));
        // At once again: the minimum age refuses it (kpasswd's SOFTERROR), and so does the history the old one.
        assertEquals(NtStatus.PASSWORD_RESTRICTION, change(realm.trusted, "CONTOSO", "alice", "Wonderland-Passw0rd-2",
                "Wonderland-Passw0rd-3"));
        passwordSetADayAgo();
        assertEquals(NtStatus.PASSWORD_RESTRICTION, change(realm.trusted, "CONTOSO", "alice", "Wonderland-Passw0rd-2",
                "Wonderland-Passw0rd"));
        // A realm-qualified name works too, as in a logon.
        assertEquals(NtStatus.SUCCESS, change(realm.trusted, "", "alice@" + KerberosRealm.REALM, "Wonderland-Passw0rd-2",
                "Wonderland-Passw0rd-3"));
        assertEquals(NtStatus.SUCCESS, logon("alice", "Wonderland-Passw0rd-3"));
    }

    @Test
    void anExpiredPasswordIsChangedAndTheNewOneLogsOn() throws Exception {
        realm.store.updateUser(alice.rid(), u -> u.toBuilder().flag(AccountFlag.MUST_CHANGE_PASSWORD, true).build());
        assertEquals(NtStatus.PASSWORD_MUST_CHANGE, logon("alice", "Wonderland-Passw0rd"));
        assertEquals(NtStatus.SUCCESS, change(realm.trusted, "CONTOSO", "alice", "Wonderland-Passw0rd", "Wonderland-Passw0rd-2"));
        assertEquals(NtStatus.SUCCESS, logon("alice", "Wonderland-Passw0rd-2"));
    }

    @Test
    void thePolicyRefusesAShortPassword() throws Exception {
        realm.store.setPolicy(realm.store.domain().policy().withMinPasswordLength(20));
        assertEquals(NtStatus.PASSWORD_RESTRICTION, change(realm.trusted, "CONTOSO", "alice", "Wonderland-Passw0rd",
                "Too-Short-1"));
        assertEquals(NtStatus.SUCCESS, logon("alice", "Wonderland-Passw0rd"));
    }

    @Test
    void untrustedCallersLearnOnlyLogonFailureAndWrongPasswordsCountTowardLockout() throws Exception {
        realm.store.setPolicy(realm.store.domain().policy().withLockout(3, Optional.of(Duration.ofMinutes(30)),
                Duration.ofMinutes(30)));
        var request = uncheckedLogon("alice", "Wonderland-Passw0rd");
        LogonResult own = realm.trusted.logonUser(request);
        request.close();
        try (LsaConnection untrusted = realm.engine.connectUntrusted(realm.trusted.queryToken(own.token()))) {
            assertEquals(NtStatus.LOGON_FAILURE, change(untrusted, "CONTOSO", "alice", "wrong-1", "New-Passw0rd-1"));
            assertEquals(NtStatus.LOGON_FAILURE, change(untrusted, "CONTOSO", "nobody", "wrong-1", "New-Passw0rd-1"));
            // Anyone who knows the password may change it: no privilege is needed.
            assertEquals(NtStatus.SUCCESS, change(untrusted, "CONTOSO", "alice", "Wonderland-Passw0rd", "Wonderland-Passw0rd-2"));
        }
        assertEquals(NtStatus.WRONG_PASSWORD, change(realm.trusted, "CONTOSO", "alice", "wrong-2", "New-Passw0rd-1"));
        assertEquals(NtStatus.NO_SUCH_USER, change(realm.trusted, "CONTOSO", "nobody", "wrong-1", "New-Passw0rd-1"));
        assertEquals(NtStatus.WRONG_PASSWORD, change(realm.trusted, "CONTOSO", "alice", "wrong-3", "New-Passw0rd-1"));
        // The third wrong old password in the window locks the account, as three failed logons would: it still
        // reads WRONG_PASSWORD itself, and everything after it ACCOUNT_LOCKED_OUT, even the right password.
        assertEquals(NtStatus.WRONG_PASSWORD, change(realm.trusted, "CONTOSO", "alice", "wrong-4", "New-Passw0rd-1"));
        assertEquals(NtStatus.ACCOUNT_LOCKED_OUT, change(realm.trusted, "CONTOSO", "alice", "Wonderland-Passw0rd-2",
                "New-Passw0rd-1"));
        assertEquals(NtStatus.ACCOUNT_LOCKED_OUT, logon("alice", "Wonderland-Passw0rd-2"));
    }

    @Test
    void aRealmWithoutAnAnsweringKpasswdServerIsNoLogonServers() throws Exception {
        int dead;
        try (ServerSocket s = new ServerSocket(0)) {
            dead = s.getLocalPort();
        }
        realm.close();
        Path other = dir.resolve("other");
        java.nio.file.Files.createDirectories(other);
        Krb5Conf conf = Krb5Conf.parse("[libdefaults]\n default_realm = FAR.TEST\n kdc_timeout = 1s\n"
                + "[realms]\n FAR.TEST = {\n  kdc = 127.0.0.1:" + dead + "\n }\n", "test");
        realm = new KerberosRealm(other, new KerberosConfig(conf, Optional.empty()));
        assertEquals(NtStatus.NO_LOGON_SERVERS, change(realm.trusted, "FAR.TEST", "alice", "Wonderland-Passw0rd",
                "Wonderland-Passw0rd-2"));
    }

    /** A plain copy of an encoded request the test corrupts (test passwords), the secret closed. */
    private static byte[] plain(SecretBytes encoded) {
        try (encoded) {
            return encoded.copyBytes();
        }
    }

    @Test
    void malformedRequestsFailTheCall() throws Exception {
        int pkg = realm.trusted.lookupAuthenticationPackage(KerberosPackage.NAME);
        LsaException shortBuffer = assertThrows(LsaException.class, () -> realm.trusted.callAuthenticationPackage(pkg,
                new byte[] {7, 0, 0, 0, 0, 0, 0, 0}));
        assertEquals(NtStatus.INVALID_PARAMETER, shortBuffer.status());
        byte[] buffer;
        try (ChangePasswordRequest req = new ChangePasswordRequest("CONTOSO", "alice",
                SecretBytes.copyOf(new byte[] {'a', 0}), SecretBytes.copyOf(new byte[] {'b', 0}), false)) {
            buffer = plain(KerbCallCodec.encodeChangePassword(req));
        }
        buffer[40 + 8] = (byte) 0xF0; // OldPassword's offset now points far outside the buffer
        LsaException outside = assertThrows(LsaException.class, () -> realm.trusted.callAuthenticationPackage(pkg,
                buffer));
        assertEquals(NtStatus.INVALID_PARAMETER, outside.status());
        byte[] noName;
        try (ChangePasswordRequest req = new ChangePasswordRequest("CONTOSO", "",
                SecretBytes.copyOf(new byte[] {'a', 0}), SecretBytes.copyOf(new byte[] {'b', 0}), false)) {
            noName = plain(KerbCallCodec.encodeChangePassword(req));
        }
        assertEquals(NtStatus.INVALID_PARAMETER, assertThrows(LsaException.class,
                () -> realm.trusted.callAuthenticationPackage(pkg, noName)).status());
    }
}
