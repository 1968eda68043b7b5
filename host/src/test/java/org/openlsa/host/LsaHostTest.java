package org.openlsa.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openlsa.core.LsaException;
import org.openlsa.core.Luid;
import org.openlsa.core.NtStatus;
import org.openlsa.core.SecurityLogonType;
import org.openlsa.core.TokenSource;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.engine.LogonRequest;
import org.openlsa.engine.LsaConnection;
import org.openlsa.engine.spi.logon.InteractiveLogon;
import org.openlsa.kerberos.KerbInteractiveLogonCodec;
import org.openlsa.kerberos.KerberosPackage;
import org.openlsa.msv1_0.Msv1_0Package;
import org.openlsa.sam.AccountStore;
import org.openlsa.sam.Passwords;
import org.openlsa.sam.SecurityEvent;
import org.openlsa.sam.UserAccount;

/** What {@link LsaHost} wires from a state directory, and what it shares. */
class LsaHostTest {
    private static final String PASSWORD = "Al1ce-Passw0rd!";

    @TempDir
    Path dir;
    StateLayout layout;

    @BeforeEach
    void provision() throws Exception {
        layout = StateLayout.of(dir);
        try (AccountStore store = AccountStores.installed().create(layout)) {
            AccountStoresTest.provision(store);
            long rid = store.allocateRid();
            store.createUser(UserAccount.newAccount(store.domain().sid(), rid, "alice").build(), Optional.empty());
            try (SecretBytes pw = utf16(PASSWORD)) {
                Passwords.set(store, rid, pw, Instant.now(), false); // NT hash and Kerberos keys
            }
        }
    }

    @Test
    void theMachinesLsaHasMsv1_0ThenKerberosAndAnAuditLog() throws Exception {
        try (LsaHost host = LsaHost.open(layout);
             LsaConnection c = host.engine().registerLogonProcess(host.engine().systemToken(), "test")) {
            assertEquals(0, c.lookupAuthenticationPackage(Msv1_0Package.NAME));
            assertEquals(1, c.lookupAuthenticationPackage(KerberosPackage.NAME));
            assertEquals("HOSTTEST", host.store().domain().name());
        }
        assertTrue(Files.exists(layout.auditLog()), "the audit log is the layout's");
    }

    @Test
    void optionsChooseThePackagesAndTheAuditLog() throws Exception {
        try (LsaHost host = LsaHost.open(layout, LsaHost.Options.defaults().withAudit(false)
                .withPackages(LsaHost.PackageKind.KERBEROS));
             LsaConnection c = host.engine().registerLogonProcess(host.engine().systemToken(), "test")) {
            assertEquals(0, c.lookupAuthenticationPackage(KerberosPackage.NAME));
            LsaException e = assertThrows(LsaException.class, () -> c.lookupAuthenticationPackage(Msv1_0Package.NAME));
            assertEquals(NtStatus.NO_SUCH_PACKAGE, e.status());
        }
        assertTrue(Files.notExists(layout.auditLog()), "no audit log when turned off");
    }

    /**
     * The Kerberos package logs on through the host's KDC, which reports to the host's audit log: a wrong password
     * is a pre-authentication failure (4771) there. A KDC of the package's own making would report nowhere.
     */
    @Test
    void theKerberosPackageUsesTheRealmsOneKdc() throws Exception {
        try (LsaHost host = LsaHost.open(layout);
             LsaConnection c = host.engine().registerLogonProcess(host.engine().systemToken(), "test")) {
            int kerberos = c.lookupAuthenticationPackage(KerberosPackage.NAME);
            SecretBytes buffer;
            try (SecretBytes pw = utf16("not-the-password")) {
                buffer = KerbInteractiveLogonCodec.encode(new InteractiveLogon("HOSTTEST", "alice", pw,
                        Optional.empty()));
            }
            try (LogonRequest wrong = new LogonRequest("test", SecurityLogonType.INTERACTIVE, kerberos, buffer,
                    Optional.empty(), new TokenSource("OpenLSA", new Luid(5)))) {
                assertThrows(LsaException.class, () -> c.logonUser(wrong));
            }
        }
        List<String> lines = Files.readAllLines(layout.auditLog());
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"eventId\":" + SecurityEvent.PREAUTH_FAILED + ",")),
                String.join("\n", lines));
    }

    @Test
    void anUninitializedDirectoryOpensNothing() throws Exception {
        Path other = Files.createDirectory(dir.resolve("other"));
        assertThrows(StateException.class, () -> LsaHost.open(StateLayout.of(other)));
        try (var files = Files.list(other)) {
            assertEquals(List.of(), files.toList(), "no audit log, no database left behind");
        }
    }

    private static SecretBytes utf16(String s) {
        return SecretBytes.adopt(s.getBytes(StandardCharsets.UTF_16LE));
    }
}
