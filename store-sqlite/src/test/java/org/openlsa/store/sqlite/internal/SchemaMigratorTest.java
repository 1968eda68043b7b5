package org.openlsa.store.sqlite.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.store.sqlite.RawDatabase;
import org.openlsa.store.sqlite.SqliteAccountStore;
import org.openlsa.sam.UserAccount;
import org.openlsa.core.Sid;
import org.openlsa.sam.DomainInfo;
import org.openlsa.sam.DomainPolicy;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.sam.AccountFlag;
import org.openlsa.sam.DomainProvisioning;
import org.openlsa.sam.KerberosKeyEntry;
import org.openlsa.sam.KerberosKeySet;
import org.openlsa.sam.KerberosKeys;
import org.openlsa.sam.KerberosPolicy;
import org.openlsa.sam.NtlmPolicy;

/** Migration of an older file by a newer step list: applied once, in order, atomically per step. */
class SchemaMigratorTest {
    @TempDir
    Path dir;

    private static final Migration NEXT = new Migration(Schema.STEPS.size() + 1, "add a nickname", List.of(
            "ALTER TABLE users ADD COLUMN nickname TEXT", "UPDATE users SET nickname = 'nick'"));

    private static List<Migration> withNext(Migration next) {
        List<Migration> steps = new java.util.ArrayList<>(Schema.STEPS);
        steps.add(next);
        return steps;
    }

    private Path currentFileWithAUser() throws LsaException {
        Path file = dir.resolve("sam.db");
        try (SqliteAccountStore store = SqliteAccountStore.open(file)) {
            Sid domain = Sid.of(5, 21, 1, 2, 3);
            store.createDomain(new DomainInfo("D", domain, "H", DomainPolicy.DEFAULT));
            store.createUser(UserAccount.newAccount(domain, 1000, "alice").build(), Optional.empty());
        }
        return file;
    }

    @Test
    void anOlderFileIsMigratedOnceAndKeepsItsData() throws Exception {
        Path file = currentFileWithAUser();
        SchemaMigrator newer = new SchemaMigrator(withNext(NEXT));
        try (Database db = Database.open(file)) {
            newer.migrate(db);
            newer.migrate(db); // a current file: no-op, in particular no "duplicate column" failure
        }
        String next = String.valueOf(NEXT.version());
        assertEquals(next, RawDatabase.query(file, "PRAGMA user_version"));
        assertEquals("nick", RawDatabase.query(file, "SELECT nickname FROM users WHERE name = 'alice'"));
        // and the released code, which knows one version less, now refuses the file
        LsaException e = assertThrows(LsaException.class, () -> SqliteAccountStore.open(file));
        assertEquals(NtStatus.NOT_SUPPORTED, e.status());
        assertTrue(e.getMessage().contains("version " + next) && e.getMessage().contains("up to " + Schema.STEPS.size()),
                e.getMessage());
    }

    /** Takes a current file back to version 3: step 4's table and columns are dropped. */
    static void toVersion3(Path file) throws Exception {
        RawDatabase.execute(file, "DROP TABLE password_history");
        for (String c : List.of("password_complexity", "password_history_length")) {
            RawDatabase.execute(file, "ALTER TABLE domain DROP COLUMN " + c);
        }
        RawDatabase.execute(file, "PRAGMA user_version = 3");
    }

    /**
     * A database written before password complexity and history (step 4) keeps every stored policy value and gets
     * both rules off, not the new-domain defaults: an upgrade must not start refusing the passwords its users choose.
     * The new table works at once.
     */
    @Test
    void aVersion3FileKeepsItsPolicyWithComplexityAndHistoryOff() throws Exception {
        Path file = dir.resolve("v3.db");
        Sid domain = Sid.of(5, 21, 7, 8, 9);
        DomainPolicy stored = DomainPolicy.DEFAULT.withMinPasswordLength(9)
                .withPasswordAges(java.time.Duration.ofHours(5), Optional.of(java.time.Duration.ofDays(90)))
                .withLockout(3, Optional.empty(), java.time.Duration.ofMinutes(15));
        try (SqliteAccountStore store = SqliteAccountStore.open(file)) {
            store.createDomain(new DomainInfo("D", domain, "H", stored));
            store.createUser(UserAccount.newAccount(domain, 1000, "alice").build(), Optional.empty());
        }
        toVersion3(file);
        try (SqliteAccountStore store = SqliteAccountStore.open(file);
             SecretBytes h = SecretBytes.adopt(new byte[16])) {
            DomainPolicy p = store.domain().policy();
            assertFalse(p.passwordComplexity());
            assertEquals(0, p.passwordHistoryLength());
            assertEquals(stored.withPasswordComplexity(false).withPasswordHistoryLength(0), p,
                    "every other stored value is kept");
            assertTrue(store.passwordHistory(1000).isEmpty());
            store.setPasswordHistory(1000, List.of(h));
            assertEquals(1, store.passwordHistory(1000).size());
        }
        assertEquals("4", RawDatabase.query(file, "PRAGMA user_version"));
        try (SqliteAccountStore store = SqliteAccountStore.open(file)) {
            store.setPolicy(store.domain().policy().withPasswordComplexity(true).withPasswordHistoryLength(24));
        }
        try (SqliteAccountStore store = SqliteAccountStore.open(file)) {
            assertTrue(store.domain().policy().passwordComplexity());
            assertEquals(24, store.domain().policy().passwordHistoryLength());
        }
    }

    /**
     * Takes a current file back to version 2: the tables and columns step 3 added are dropped, and so is a krbtgt
     * account that provisioning made (a step-2 release never created one).
     */
    static void toVersion2(Path file) throws Exception {
        toVersion3(file);
        for (String t : List.of("allowed_to_delegate_to", "service_principal_names", "kerberos_keys")) {
            RawDatabase.execute(file, "DROP TABLE " + t);
        }
        RawDatabase.execute(file, "DELETE FROM users WHERE rid = 502 AND name = 'krbtgt'");
        RawDatabase.execute(file, "DELETE FROM account_names WHERE namespace = 'ACCOUNT' AND rid = 502 "
                + "AND name_key = 'KRBTGT'");
        for (String c : List.of("realm", "kerberos_enctypes", "kerberos_max_ticket_age", "kerberos_max_renew_age",
                "kerberos_max_service_ticket_age", "kerberos_max_clock_skew", "kerberos_preauth_required")) {
            RawDatabase.execute(file, "ALTER TABLE domain DROP COLUMN " + c);
        }
        RawDatabase.execute(file, "PRAGMA user_version = 2");
    }

    /** A database written before NTLM network logons gets the NTLM defaults and no LM hashes (step 2). */
    @Test
    void aVersion1FileGetsTheNtlmDefaults() throws Exception {
        Path file = currentFileWithAUser();
        // Take the file back to version 1: the columns steps 3 and 2 added are dropped.
        toVersion2(file);
        RawDatabase.execute(file, "ALTER TABLE users DROP COLUMN lm_hash");
        for (String c : List.of("ntlm_level", "lanman_auth", "anonymous_logon")) {
            RawDatabase.execute(file, "ALTER TABLE domain DROP COLUMN " + c);
        }
        RawDatabase.execute(file, "PRAGMA user_version = 1");
        try (SqliteAccountStore store = SqliteAccountStore.open(file)) {
            assertEquals(org.openlsa.sam.NtlmPolicy.DEFAULT, store.domain().policy().ntlm());
            assertTrue(store.lmHash(1000).isEmpty());
            assertTrue(store.findUser("alice").isPresent());
            assertEquals(KerberosPolicy.DEFAULT, store.domain().policy().kerberos());
        }
        assertEquals(String.valueOf(Schema.STEPS.size()), RawDatabase.query(file, "PRAGMA user_version"));
    }

    /**
     * A database written before the KDC (step 3) gets the default realm (the name upper-cased), the default Kerberos
     * policy, no keys for its existing users, and the krbtgt account with random keys, as provisioning creates it.
     */
    @Test
    void aVersion2FileGetsTheRealmThePolicyAndKrbtgt() throws Exception {
        Path file = dir.resolve("v2.db");
        Sid domain = Sid.of(5, 21, 7, 8, 9);
        try (SqliteAccountStore store = SqliteAccountStore.open(file);
             SecretBytes hash = SecretBytes.adopt(new byte[16])) {
            DomainProvisioning.provision(store, "Lab", "HOST", domain, hash, Instant.EPOCH);
        }
        toVersion2(file);
        assertEquals("0", RawDatabase.query(file, "SELECT count(*) FROM users WHERE rid = 502"));

        byte[] firstKey;
        try (SqliteAccountStore store = SqliteAccountStore.open(file)) {
            DomainInfo d = store.domain();
            assertEquals("LAB", d.realm());
            assertEquals(KerberosPolicy.DEFAULT, d.policy().kerberos());
            assertEquals(NtlmPolicy.DEFAULT, d.policy().ntlm());
            UserAccount krbtgt = store.findUser("KRBTGT").orElseThrow();
            assertEquals(UserAccount.RID_KRBTGT, krbtgt.rid());
            assertEquals(domain.append(502), krbtgt.sid());
            assertTrue(krbtgt.has(AccountFlag.DISABLED));
            assertEquals("Key Distribution Center Service Account", krbtgt.description());
            assertTrue(store.ntHash(502).isEmpty());
            try (KerberosKeySet keys = store.kerberosKeys(502).orElseThrow()) {
                assertEquals(1, keys.kvno());
                assertEquals(List.of(18, 17, 20, 19), keys.enctypes());
                for (KerberosKeyEntry k : keys.keys()) {
                    assertEquals(KerberosKeys.keyLengthBytes(k.enctype()), k.key().length());
                    assertArrayEquals("LABkrbtgtLAB".getBytes(StandardCharsets.UTF_8), k.salt());
                    assertFalse(k.key().equalsConstantTime(new byte[k.key().length()]), "an all-zero key");
                }
                firstKey = keys.keys().getFirst().key().copyBytes();
            }
            assertTrue(store.kerberosKeys(500).isEmpty(), "Administrator has no keys until its password is set");
            assertTrue(store.ntHash(500).isPresent());
            assertEquals(1000, store.allocateRid(), "RID 502 is below the allocator's range");
        }
        // reopening migrates nothing: krbtgt keeps its keys
        try (SqliteAccountStore store = SqliteAccountStore.open(file);
             KerberosKeySet keys = store.kerberosKeys(502).orElseThrow()) {
            assertTrue(keys.keys().getFirst().key().equalsConstantTime(firstKey));
            assertEquals(3, store.listUsers().size());
        } finally {
            java.util.Arrays.fill(firstKey, (byte) 0);
        }
        assertEquals(String.valueOf(Schema.STEPS.size()), RawDatabase.query(file, "PRAGMA user_version"));
    }

    /** An account that already holds RID 502 or the name krbtgt is left alone; the migration does not fail. */
    @Test
    void aVersion2FileWhoseKrbtgtSlotIsTakenKeepsItsAccounts() throws Exception {
        Path file = currentFileWithAUser();
        try (SqliteAccountStore store = SqliteAccountStore.open(file)) {
            store.createUser(UserAccount.newAccount(store.domain().sid(), 502, "svc").build(), Optional.empty());
        }
        toVersion2(file);
        try (SqliteAccountStore store = SqliteAccountStore.open(file)) {
            assertEquals("svc", store.findUser(502).orElseThrow().name());
            assertTrue(store.kerberosKeys(502).isEmpty());
            assertTrue(store.findUser("krbtgt").isEmpty());
            assertEquals("D", store.domain().realm());
        }

        Path other = dir.resolve("other.db");
        Sid domain = Sid.of(5, 21, 4, 5, 6);
        try (SqliteAccountStore store = SqliteAccountStore.open(other)) {
            store.createDomain(new DomainInfo("D", domain, "H", DomainPolicy.DEFAULT));
            store.createUser(UserAccount.newAccount(domain, 1000, "KrbTgt").build(), Optional.empty());
        }
        toVersion2(other);
        try (SqliteAccountStore store = SqliteAccountStore.open(other)) {
            assertEquals(1000, store.findUser("krbtgt").orElseThrow().rid());
            assertTrue(store.findUser(502).isEmpty());
        }
    }

    /** A version-2 file without a domain migrates to an empty version 3; provisioning then creates krbtgt. */
    @Test
    void aVersion2FileWithoutADomainIsProvisionedLater() throws Exception {
        Path file = dir.resolve("empty.db");
        SqliteAccountStore.open(file).close();
        toVersion2(file);
        try (SqliteAccountStore store = SqliteAccountStore.open(file);
             SecretBytes hash = SecretBytes.adopt(new byte[16])) {
            assertTrue(store.listUsers().isEmpty());
            DomainProvisioning.provision(store, "Lab", "HOST", Sid.of(5, 21, 1, 1, 1), hash, Instant.EPOCH);
            assertTrue(store.kerberosKeys(UserAccount.RID_KRBTGT).isPresent());
        }
        assertEquals(String.valueOf(Schema.STEPS.size()), RawDatabase.query(file, "PRAGMA user_version"));
    }

    @Test
    void aFailingStepLeavesTheFileAtTheOlderVersion() throws Exception {
        Path file = currentFileWithAUser();
        Migration broken = new Migration(NEXT.version(), "broken", List.of("CREATE TABLE half_done (x INTEGER)",
                "NOT SQL AT ALL"));
        try (Database db = Database.open(file)) {
            LsaException e = assertThrows(LsaException.class, () -> new SchemaMigrator(withNext(broken)).migrate(db));
            assertEquals(NtStatus.INTERNAL_ERROR, e.status());
        }
        assertEquals(String.valueOf(Schema.STEPS.size()), RawDatabase.query(file, "PRAGMA user_version"));
        assertEquals("0", RawDatabase.query(file, "SELECT count(*) FROM sqlite_master WHERE name = 'half_done'"));
        try (SqliteAccountStore store = SqliteAccountStore.open(file)) {
            assertTrue(store.findUser("alice").isPresent());
        }
    }

    @Test
    void stepsMustBeNumberedWithoutGaps() {
        assertThrows(IllegalArgumentException.class, () -> new SchemaMigrator(List.of(NEXT)));
    }
}
