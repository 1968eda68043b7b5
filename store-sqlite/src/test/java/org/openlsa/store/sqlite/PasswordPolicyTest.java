package org.openlsa.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.core.Sid;
import org.openlsa.crypto.NtOwf;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.sam.DomainPolicy;
import org.openlsa.sam.DomainProvisioning;
import org.openlsa.sam.Passwords;
import org.openlsa.sam.UserAccount;

/**
 * The default policy of a new domain applied by {@link Passwords}: complexity with the account's names, the history
 * on a user's change (not on an administrator's set, which is still remembered), all in one transaction.
 */
class PasswordPolicyTest {
    @TempDir
    Path dir;

    private SqliteAccountStore store;
    private long alice;
    private static final Instant NOW = Instant.parse("2026-11-18T10:00:00Z");

    @BeforeEach
    void provision() throws LsaException {
        store = SqliteAccountStore.open(dir.resolve("sam.db"));
        try (SecretBytes h = NtOwf.ntOwfV1("Adm1n-Passw0rd!".toCharArray())) {
            DomainProvisioning.provision(store, "LAB", "HOST", Sid.of(5, 21, 1, 2, 3), h, NOW);
        }
        alice = store.allocateRid();
        store.createUser(UserAccount.newAccount(store.domain().sid(), alice, "alice").fullName("Alice Liddell")
                .build(), Optional.empty());
    }

    @org.junit.jupiter.api.AfterEach
    void close() {
        store.close();
    }

    private static SecretBytes pw(String s) {
        return SecretBytes.adopt(s.getBytes(StandardCharsets.UTF_16LE));
    }

    private void set(String password) throws LsaException {
        try (SecretBytes p = pw(password)) {
            Passwords.set(store, alice, p, NOW, false);
        }
    }

    private void change(String password) throws LsaException {
        try (SecretBytes p = pw(password)) {
            Passwords.change(store, alice, p, NOW);
        }
    }

    private static void assertRestricted(org.junit.jupiter.api.function.Executable e, String reason) {
        LsaException x = assertThrows(LsaException.class, e);
        assertEquals(NtStatus.PASSWORD_RESTRICTION, x.status());
        assertTrue(x.getMessage().contains(reason), x.getMessage());
    }

    @Test
    void aNewDomainHasAdsPasswordPolicy() throws LsaException {
        DomainPolicy p = store.domain().policy();
        assertTrue(p.passwordComplexity());
        assertEquals(24, p.passwordHistoryLength());
        assertEquals(7, p.minPasswordLength());
        assertEquals(Duration.ofDays(1), p.minPasswordAge());
    }

    @Test
    void complexityIsCheckedOnEverySetWithTheAccountsNames() throws LsaException {
        assertRestricted(() -> set("password"), "three of these kinds");
        assertRestricted(() -> set("xx-Alice-12"), "account name");
        assertRestricted(() -> set("Liddell#2026"), "full name");
        set("S3cret-Passw0rd");
        store.setPolicy(store.domain().policy().withPasswordComplexity(false));
        set("password"); // an administrator may lower the policy
        try (SecretBytes p = pw("password")) {
            assertTrue(Passwords.matches(store, store.findUser(alice).orElseThrow(), p));
        }
    }

    @Test
    void aChangeMayNotReuseTheCurrentOrARememberedPassword() throws LsaException {
        set("Initial-Pw1");
        assertRestricted(() -> change("Initial-Pw1"), "password history");
        change("Second-Pw2");
        change("Third-Pw3");
        assertRestricted(() -> change("Initial-Pw1"), "password history");
        assertRestricted(() -> change("Second-Pw2"), "password history");
        assertEquals(3, store.passwordHistory(alice).size());
        // the refused change changed nothing: the current password is still the third
        try (SecretBytes p = pw("Third-Pw3")) {
            assertTrue(Passwords.matches(store, store.findUser(alice).orElseThrow(), p));
        }
    }

    @Test
    void anAdministratorsSetIsNotCheckedButRemembered() throws LsaException {
        set("Initial-Pw1");
        set("Initial-Pw1"); // a reset to the same password: AD does not check history on a set
        set("Reset-Pw2");
        assertEquals(3, store.passwordHistory(alice).size(), "every set is remembered, a repeated one too (3.1.1.9.1)");
        assertRestricted(() -> change("Reset-Pw2"), "password history");
        assertRestricted(() -> change("Initial-Pw1"), "password history");
    }

    @Test
    void theHistoryKeepsTheLastNAndZeroKeepsNone() throws LsaException {
        store.setPolicy(store.domain().policy().withPasswordHistoryLength(2));
        set("First-Pw-1");
        change("Second-Pw-2");
        change("Third-Pw-3"); // remembers Third and Second: First fell out
        assertEquals(2, store.passwordHistory(alice).size());
        assertRestricted(() -> change("Second-Pw-2"), "password history");
        change("First-Pw-1");

        store.setPolicy(store.domain().policy().withPasswordHistoryLength(0));
        change("First-Pw-1"); // no history: even the current password may be set again
        assertEquals(List.of(), store.passwordHistory(alice));
    }

    @Test
    void aHistoryTurnedOnLaterStillRefusesTheCurrentPassword() throws LsaException {
        store.setPolicy(store.domain().policy().withPasswordHistoryLength(0));
        set("Initial-Pw1");
        assertTrue(store.passwordHistory(alice).isEmpty());
        store.setPolicy(store.domain().policy().withPasswordHistoryLength(24));
        assertRestricted(() -> change("Initial-Pw1"), "password history");
        change("Second-Pw2");
        assertEquals(2, store.passwordHistory(alice).size(), "the new one and the one it replaced");
    }
}
