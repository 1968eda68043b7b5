package org.openlsa.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openlsa.store.sqlite.SqliteAccountStoreTest.assertStatus;
import static org.openlsa.store.sqlite.TestDomain.SID;
import static org.openlsa.store.sqlite.TestDomain.hash;
import static org.openlsa.store.sqlite.TestDomain.user;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.sam.AccountFlag;
import org.openlsa.sam.DomainInfo;
import org.openlsa.sam.DomainPolicy;
import org.openlsa.sam.DomainProvisioning;
import org.openlsa.sam.KerberosKeyEntry;
import org.openlsa.sam.KerberosKeySet;
import org.openlsa.sam.KerberosKeys;
import org.openlsa.sam.KerberosPolicy;
import org.openlsa.sam.UserAccount;

/** What the embedded KDC reads from the store: realm and policy, keys, SPNs, delegation, and the krbtgt account. */
class KerberosDataTest {
    @TempDir
    Path dir;
    SqliteAccountStore store;

    @BeforeEach
    void open() throws LsaException {
        store = TestDomain.openWithDomain(dir.resolve("sam.db"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    static SecretBytes filled(int length, int fill) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) fill);
        return SecretBytes.adopt(b);
    }

    static KerberosKeyEntry entry(int enctype, String salt, int fill) {
        return new KerberosKeyEntry(enctype, salt.getBytes(StandardCharsets.UTF_8),
                filled(KerberosKeys.keyLengthBytes(enctype), fill));
    }

    @Nested
    class Keys {
        @Test
        void roundTripInOrderWithSaltsAndKvno() throws LsaException {
            store.createUser(user(1000, "alice"), Optional.empty());
            try (KerberosKeySet set = new KerberosKeySet(3, List.of(entry(18, "TESTDOMalice", 0x18),
                    entry(17, "TESTDOMalice", 0x17), entry(23, "", 0x23)))) {
                store.setKerberosKeys(1000, set);
                assertFalse(set.isDestroyed(), "the caller's set stays the caller's");
                try (KerberosKeySet got = store.kerberosKeys(1000).orElseThrow()) {
                    assertEquals(3, got.kvno());
                    assertEquals(List.of(18, 17, 23), got.enctypes());
                    for (int i = 0; i < 3; i++) {
                        KerberosKeyEntry want = set.keys().get(i);
                        KerberosKeyEntry have = got.keys().get(i);
                        assertArrayEquals(want.salt(), have.salt());
                        assertTrue(have.key().equalsConstantTime(want.key()));
                    }
                    assertEquals(0, got.key(23).orElseThrow().salt().length, "an empty salt stays empty");
                }
            }
        }

        @Test
        void aNewSetReplacesEveryKeyAndAnEmptySetClears() throws LsaException {
            store.createUser(user(1000, "alice"), Optional.empty());
            try (KerberosKeySet first = new KerberosKeySet(1, List.of(entry(18, "s", 1), entry(17, "s", 2)))) {
                store.setKerberosKeys(1000, first);
            }
            try (KerberosKeySet second = new KerberosKeySet(2, List.of(entry(20, "t", 3)))) {
                store.setKerberosKeys(1000, second);
                try (KerberosKeySet got = store.kerberosKeys(1000).orElseThrow()) {
                    assertEquals(2, got.kvno());
                    assertEquals(List.of(20), got.enctypes());
                    assertTrue(got.keys().getFirst().key().equalsConstantTime(second.keys().getFirst().key()));
                }
            }
            store.setKerberosKeys(1000, new KerberosKeySet(3, List.of()));
            assertEquals(Optional.empty(), store.kerberosKeys(1000));
        }

        @Test
        void everyReadIsAFreshSecretAndDestroyingItLeavesTheStoreAlone() throws LsaException {
            store.createUser(user(1000, "alice"), Optional.empty());
            try (KerberosKeySet set = new KerberosKeySet(1, List.of(entry(18, "s", 9)))) {
                store.setKerberosKeys(1000, set);
                KerberosKeySet first = store.kerberosKeys(1000).orElseThrow();
                first.destroy();
                assertTrue(first.isDestroyed());
                assertTrue(first.keys().getFirst().key().isDestroyed());
                try (KerberosKeySet again = store.kerberosKeys(1000).orElseThrow()) {
                    assertFalse(again.isDestroyed());
                    assertTrue(again.keys().getFirst().key().equalsConstantTime(set.keys().getFirst().key()));
                }
                // inside a transaction the read bypasses the memo and still hands out a fresh copy
                store.transact(s -> {
                    try (KerberosKeySet inTx = s.kerberosKeys(1000).orElseThrow()) {
                        assertTrue(inTx.keys().getFirst().key().equalsConstantTime(set.keys().getFirst().key()));
                    }
                    return null;
                });
            }
        }

        @Test
        void hashesAndKeysAreIndependent() throws LsaException {
            store.createUser(user(1000, "alice"), Optional.of(hash(1)));
            try (KerberosKeySet set = new KerberosKeySet(1, List.of(entry(18, "s", 4)))) {
                store.setKerberosKeys(1000, set);
            }
            store.setNtHash(1000, Optional.of(hash(2)));
            store.setNtHash(1000, Optional.empty());
            assertTrue(store.kerberosKeys(1000).isPresent(), "setNtHash must not clear Kerberos keys");
            store.setKerberosKeys(1000, new KerberosKeySet(2, List.of()));
            store.setNtHash(1000, Optional.of(hash(3)));
            assertTrue(store.ntHash(1000).isPresent());
        }

        @Test
        void failures() throws LsaException {
            store.createUser(user(1000, "alice"), Optional.empty());
            KerberosKeySet destroyed = new KerberosKeySet(1, List.of(entry(18, "s", 5)));
            destroyed.destroy();
            assertStatus(NtStatus.INVALID_PARAMETER, () -> store.setKerberosKeys(1000, destroyed));
            try (KerberosKeySet set = new KerberosKeySet(1, List.of(entry(18, "s", 6)))) {
                assertStatus(NtStatus.NO_SUCH_USER, () -> store.setKerberosKeys(4242, set));
            }
            assertStatus(NtStatus.NO_SUCH_USER, () -> store.kerberosKeys(4242));
            assertEquals(Optional.empty(), store.kerberosKeys(1000));
        }
    }

    @Nested
    class Spns {
        @Test
        void registerListAndFindCaseInsensitively() throws LsaException {
            store.createUser(user(1000, "web"), Optional.empty());
            store.addServicePrincipalName(1000, "HTTP/www.example.com");
            store.addServicePrincipalName(1000, "HTTP/www.example.com:8443");
            store.addServicePrincipalName(1000, "MSSQLSvc/db.example.com:inst/example.com");
            assertEquals(List.of("HTTP/www.example.com", "HTTP/www.example.com:8443",
                    "MSSQLSvc/db.example.com:inst/example.com"), store.servicePrincipalNames(1000));
            assertEquals("web", store.findUserByServicePrincipalName("http/WWW.Example.COM").orElseThrow().name());
            assertEquals(Optional.empty(), store.findUserByServicePrincipalName("HTTP/other.example.com"));
            assertEquals(Optional.empty(), store.findUserByServicePrincipalName("not an spn"));
            assertEquals(Optional.empty(), store.findUserByServicePrincipalName("HTTP/www.example.com@TESTDOM"));
        }

        @Test
        void anSpnBelongsToOneAccountAcrossTheStore() throws LsaException {
            store.createUser(user(1000, "web"), Optional.empty());
            store.createUser(user(1001, "other"), Optional.empty());
            store.addServicePrincipalName(1000, "HTTP/www.example.com");
            assertStatus(NtStatus.OBJECT_NAME_COLLISION, () -> store.addServicePrincipalName(1001, "http/WWW.EXAMPLE.COM"));
            assertStatus(NtStatus.OBJECT_NAME_COLLISION, () -> store.addServicePrincipalName(1000, "HTTP/www.example.com"));
            assertEquals(List.of(), store.servicePrincipalNames(1001));
        }

        @Test
        void removal() throws LsaException {
            store.createUser(user(1000, "web"), Optional.empty());
            store.createUser(user(1001, "other"), Optional.empty());
            store.addServicePrincipalName(1000, "HTTP/www.example.com");
            assertStatus(NtStatus.OBJECT_NAME_NOT_FOUND, () -> store.removeServicePrincipalName(1001, "HTTP/www.example.com"));
            store.removeServicePrincipalName(1000, "http/www.EXAMPLE.com");
            assertEquals(List.of(), store.servicePrincipalNames(1000));
            assertEquals(Optional.empty(), store.findUserByServicePrincipalName("HTTP/www.example.com"));
            assertStatus(NtStatus.OBJECT_NAME_NOT_FOUND, () -> store.removeServicePrincipalName(1000, "HTTP/www.example.com"));
            store.addServicePrincipalName(1001, "HTTP/www.example.com"); // free again
            assertEquals("other", store.findUserByServicePrincipalName("HTTP/www.example.com").orElseThrow().name());
        }

        @Test
        void malformedNamesAndUnknownUsers() throws LsaException {
            store.createUser(user(1000, "web"), Optional.empty());
            for (String bad : List.of("HTTP", "HTTP/", "/host", "HTTP//x", "HTTP/host/name/more", "HTTP/host@REALM",
                    "HTTP/:80", "HTTP/host:", "HTTP/ho\nst", "")) {
                assertStatus(NtStatus.INVALID_PARAMETER, () -> store.addServicePrincipalName(1000, bad));
            }
            assertStatus(NtStatus.NO_SUCH_USER, () -> store.addServicePrincipalName(4242, "HTTP/x"));
            assertStatus(NtStatus.NO_SUCH_USER, () -> store.servicePrincipalNames(4242));
            assertEquals(List.of(), store.servicePrincipalNames(1000));
        }
    }

    @Nested
    class Delegation {
        @Test
        void setReplaceAndClear() throws LsaException {
            store.createUser(user(1000, "web"), Optional.empty());
            assertEquals(List.of(), store.allowedToDelegateTo(1000));
            store.setAllowedToDelegateTo(1000, List.of("cifs/fs.example.com", "HTTP/api.example.com"));
            assertEquals(List.of("cifs/fs.example.com", "HTTP/api.example.com"), store.allowedToDelegateTo(1000));
            store.setAllowedToDelegateTo(1000, List.of("ldap/dc.example.com"));
            assertEquals(List.of("ldap/dc.example.com"), store.allowedToDelegateTo(1000));
            store.setAllowedToDelegateTo(1000, List.of());
            assertEquals(List.of(), store.allowedToDelegateTo(1000));
        }

        @Test
        void badListsChangeNothing() throws LsaException {
            store.createUser(user(1000, "web"), Optional.empty());
            store.setAllowedToDelegateTo(1000, List.of("cifs/fs"));
            assertStatus(NtStatus.INVALID_PARAMETER, () -> store.setAllowedToDelegateTo(1000, List.of("cifs/a", "CIFS/A")));
            assertStatus(NtStatus.INVALID_PARAMETER, () -> store.setAllowedToDelegateTo(1000, List.of("cifs")));
            assertStatus(NtStatus.NO_SUCH_USER, () -> store.setAllowedToDelegateTo(4242, List.of("cifs/a")));
            assertStatus(NtStatus.NO_SUCH_USER, () -> store.allowedToDelegateTo(4242));
            assertEquals(List.of("cifs/fs"), store.allowedToDelegateTo(1000));
        }
    }

    @Test
    void deletingAUserDeletesItsKeysSpnsAndDelegation() throws Exception {
        store.createUser(user(1000, "web"), Optional.empty());
        try (KerberosKeySet set = new KerberosKeySet(1, List.of(entry(18, "s", 7)))) {
            store.setKerberosKeys(1000, set);
        }
        store.addServicePrincipalName(1000, "HTTP/www");
        store.setAllowedToDelegateTo(1000, List.of("cifs/fs"));
        store.deleteUser(1000);
        for (String table : List.of("kerberos_keys", "service_principal_names", "allowed_to_delegate_to")) {
            assertEquals("0", RawDatabase.query(dir.resolve("sam.db"), "SELECT count(*) FROM " + table));
        }
        assertEquals(Optional.empty(), store.findUserByServicePrincipalName("HTTP/www"));
        store.createUser(user(1000, "web"), Optional.empty()); // the same RID inherits nothing
        assertEquals(Optional.empty(), store.kerberosKeys(1000));
        assertEquals(List.of(), store.servicePrincipalNames(1000));
        assertEquals(List.of(), store.allowedToDelegateTo(1000));
        store.createUser(user(1001, "other"), Optional.empty());
        store.addServicePrincipalName(1001, "HTTP/www");
    }

    @Test
    void realmAndKerberosPolicyArePersisted() throws LsaException {
        assertEquals("TESTDOM", store.domain().realm(), "the default realm is the domain name upper-cased");
        KerberosPolicy k = KerberosPolicy.DEFAULT.withEnctypes(List.of(23, 18))
                .withTicketAges(Duration.ofHours(4), Duration.ofHours(2)).withMaxRenewAge(Duration.ZERO)
                .withMaxClockSkew(Duration.ofSeconds(90)).withPreauthRequired(false);
        DomainPolicy p = DomainPolicy.DEFAULT.withKerberos(k);
        store.setPolicy(p);
        assertEquals(p, store.domain().policy());

        Path file = dir.resolve("realm.db");
        DomainInfo d = new DomainInfo("LAB", SID, "HOST", "lab.example.org", p);
        try (SqliteAccountStore s = SqliteAccountStore.open(file)) {
            s.createDomain(d);
        }
        try (SqliteAccountStore s = SqliteAccountStore.open(file)) {
            assertEquals(d, s.domain());
            assertEquals(List.of(23, 18), s.domain().policy().kerberos().enctypes());
        }
    }

    @Test
    void provisioningCreatesKrbtgtWithKeysForEveryPolicyEnctype() throws LsaException {
        Path file = dir.resolve("provisioned.db");
        try (SqliteAccountStore s = SqliteAccountStore.open(file); SecretBytes h = hash(7)) {
            DomainInfo d = DomainProvisioning.provision(s, "Lab", "EXAMPLE.ORG", "HOST", SID, h,
                    Instant.parse("2025-01-01T00:00:00Z"), new SecureRandom());
            assertEquals("EXAMPLE.ORG", d.realm());
        }
        try (SqliteAccountStore s = SqliteAccountStore.open(file)) {
            assertEquals("EXAMPLE.ORG", s.domain().realm());
            UserAccount krbtgt = s.findUser(UserAccount.RID_KRBTGT).orElseThrow();
            assertEquals("krbtgt", krbtgt.name());
            assertTrue(krbtgt.has(AccountFlag.DISABLED));
            assertEquals("Key Distribution Center Service Account", krbtgt.description());
            assertEquals(Optional.empty(), s.ntHash(UserAccount.RID_KRBTGT));
            try (KerberosKeySet keys = s.kerberosKeys(UserAccount.RID_KRBTGT).orElseThrow()) {
                assertEquals(1, keys.kvno());
                assertEquals(KerberosPolicy.DEFAULT.enctypes(), keys.enctypes());
                for (KerberosKeyEntry k : keys.keys()) {
                    assertArrayEquals("EXAMPLE.ORGkrbtgtEXAMPLE.ORG".getBytes(StandardCharsets.UTF_8), k.salt());
                    assertEquals(KerberosKeys.keyLengthBytes(k.enctype()), k.key().length());
                }
            }
            assertStatus(NtStatus.SPECIAL_ACCOUNT, () -> s.deleteUser(UserAccount.RID_KRBTGT));
            assertEquals(1000, s.allocateRid(), "RID 502 never meets the allocator");
        }
    }

    @Test
    void replacedAndDeletedKeysDoNotLingerInTheFile() throws Exception {
        Path file = dir.resolve("keys.db");
        byte[] first = new byte[32];
        byte[] second = new byte[32];
        new SecureRandom().nextBytes(first);
        new SecureRandom().nextBytes(second);
        try (SqliteAccountStore s = TestDomain.openWithDomain(file)) {
            s.createUser(user(1000, "alice"), Optional.empty());
            s.createUser(user(1001, "bob"), Optional.empty());
            try (KerberosKeySet a = new KerberosKeySet(1, List.of(new KerberosKeyEntry(18, new byte[0],
                    SecretBytes.copyOf(first))));
                 KerberosKeySet b = new KerberosKeySet(1, List.of(new KerberosKeyEntry(18, new byte[0],
                    SecretBytes.copyOf(second))))) {
                s.setKerberosKeys(1000, a);
                s.setKerberosKeys(1001, b);
            }
            try (KerberosKeySet replacement = new KerberosKeySet(2, List.of(entry(18, "", 0x42)))) {
                s.setKerberosKeys(1000, replacement);
            }
            s.deleteUser(1001);
        }
        byte[] content = Files.readAllBytes(file);
        assertFalse(contains(content, first), "the replaced key is still in the file");
        assertFalse(contains(content, second), "the deleted user's key is still in the file");
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
