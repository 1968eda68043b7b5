package org.openlsa.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openlsa.core.Sid;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.sam.AccountRight;
import org.openlsa.sam.DomainPolicy;
import org.openlsa.sam.KerberosKeyEntry;
import org.openlsa.sam.KerberosKeySet;

/**
 * The reads a logon makes are served from memory until the database changes, and never stale: a write through
 * the same store and a commit by another connection (another process, such as the CLI beside the daemon) are
 * both seen by the very next read.
 */
class ReadMemoTest {
    @TempDir
    Path dir;

    @Test
    void anotherConnectionsCommitIsSeenByTheNextRead() throws Exception {
        Path file = dir.resolve("sam.db");
        try (SqliteAccountStore daemon = TestDomain.openWithDomain(file);
             SqliteAccountStore cli = SqliteAccountStore.open(file)) {
            daemon.createUser(TestDomain.user(1000, "alice"), Optional.of(TestDomain.hash(1)));
            assertEquals("alice", daemon.findUser("alice").orElseThrow().name());
            assertEquals(DomainPolicy.DEFAULT.minPasswordLength(), daemon.domain().policy().minPasswordLength());
            Sid alice = daemon.findUser("alice").orElseThrow().sid();
            assertTrue(daemon.rightsOf(List.of(alice)).isEmpty());

            cli.updateUser(1000, u -> u.toBuilder().fullName("Alice Changed").build());
            cli.setPolicy(cli.domain().policy().withMinPasswordLength(9));
            cli.setNtHash(1000, Optional.of(TestDomain.hash(2)));
            cli.grantRight(alice, AccountRight.of(org.openlsa.core.LogonRight.SE_NETWORK_LOGON));

            assertEquals("Alice Changed", daemon.findUser("alice").orElseThrow().fullName());
            assertEquals(9, daemon.domain().policy().minPasswordLength());
            try (SecretBytes h = daemon.ntHash(1000).orElseThrow(); SecretBytes two = TestDomain.hash(2)) {
                assertTrue(h.equalsConstantTime(two));
            }
            assertEquals(1, daemon.rightsOf(List.of(alice)).size());
            cli.deleteUser(1000);
            assertFalse(daemon.findUser("alice").isPresent());
        }
    }

    /** The KDC's hot reads (keys, SPN lookups, delegation lists) follow another process's changes at once. */
    @Test
    void anotherConnectionsKerberosChangesAreSeenByTheNextRead() throws Exception {
        Path file = dir.resolve("sam.db");
        try (SqliteAccountStore kdc = TestDomain.openWithDomain(file);
             SqliteAccountStore cli = SqliteAccountStore.open(file)) {
            kdc.createUser(TestDomain.user(1000, "web"), Optional.empty());
            try (KerberosKeySet one = keys(1, 0x11)) {
                kdc.setKerberosKeys(1000, one);
            }
            kdc.addServicePrincipalName(1000, "HTTP/www");
            try (KerberosKeySet seen = kdc.kerberosKeys(1000).orElseThrow()) {
                assertEquals(1, seen.kvno()); // now memoized
            }
            assertEquals("web", kdc.findUserByServicePrincipalName("HTTP/www").orElseThrow().name());
            assertEquals(List.of(), kdc.allowedToDelegateTo(1000));

            try (KerberosKeySet two = keys(2, 0x22)) {
                cli.setKerberosKeys(1000, two);
                try (KerberosKeySet seen = kdc.kerberosKeys(1000).orElseThrow()) {
                    assertEquals(2, seen.kvno());
                    assertTrue(seen.keys().getFirst().key().equalsConstantTime(two.keys().getFirst().key()));
                }
            }
            cli.removeServicePrincipalName(1000, "HTTP/www");
            assertFalse(kdc.findUserByServicePrincipalName("HTTP/www").isPresent());
            cli.setAllowedToDelegateTo(1000, List.of("cifs/fs"));
            assertEquals(List.of("cifs/fs"), kdc.allowedToDelegateTo(1000));
            cli.setKerberosKeys(1000, new KerberosKeySet(3, List.of()));
            assertFalse(kdc.kerberosKeys(1000).isPresent());
        }
    }

    private static KerberosKeySet keys(int kvno, int fill) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) fill);
        return new KerberosKeySet(kvno, List.of(new KerberosKeyEntry(18, new byte[] {'s'}, SecretBytes.adopt(key))));
    }

    @Test
    void cachedHashesAreFreshSecretsEachTime() throws Exception {
        try (SqliteAccountStore store = TestDomain.openWithDomain(dir.resolve("sam.db"))) {
            store.createUser(TestDomain.user(1000, "bob"), Optional.of(TestDomain.hash(7)));
            SecretBytes first = store.ntHash(1000).orElseThrow();
            first.destroy(); // the caller zeroes its copy, as MSV1_0 does
            try (SecretBytes again = store.ntHash(1000).orElseThrow(); SecretBytes seven = TestDomain.hash(7)) {
                assertTrue(again.equalsConstantTime(seven), "destroying a returned hash must not touch the memo's");
            }
            // A write through the same store is seen at once too (its own commits do not move data_version).
            store.setNtHash(1000, Optional.of(TestDomain.hash(8)));
            try (SecretBytes h = store.ntHash(1000).orElseThrow(); SecretBytes eight = TestDomain.hash(8)) {
                assertTrue(h.equalsConstantTime(eight));
            }
        }
    }

    /**
     * Writes clear the memo and zero its hash copies; a reader on another thread must still get the real hash (the
     * copy is made under the database lock). Before that fix, concurrent logons read zeroed hashes: "wrong password".
     */
    @Test
    void concurrentWritesNeverHandOutAZeroedHash() throws Exception {
        try (SqliteAccountStore store = TestDomain.openWithDomain(dir.resolve("sam.db"))) {
            store.createUser(TestDomain.user(1000, "carl"), Optional.of(TestDomain.hash(5)));
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            Thread writer = Thread.ofPlatform().start(() -> {
                while (!stop.get()) {
                    try {
                        store.updateLogonState(1000, s -> s);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            try (SecretBytes five = TestDomain.hash(5)) {
                java.util.List<Thread> readers = new java.util.ArrayList<>();
                java.util.concurrent.atomic.AtomicInteger wrong = new java.util.concurrent.atomic.AtomicInteger();
                for (int t = 0; t < 2; t++) {
                    readers.add(Thread.ofPlatform().start(() -> {
                        for (int i = 0; i < 20_000; i++) {
                            try (SecretBytes h = store.ntHash(1000).orElseThrow()) {
                                if (!h.equalsConstantTime(five)) {
                                    wrong.incrementAndGet();
                                }
                            } catch (Exception e) {
                                wrong.incrementAndGet();
                            }
                        }
                    }));
                }
                for (Thread r : readers) {
                    r.join();
                }
                assertEquals(0, wrong.get(), "reads that saw a zeroed or failed hash");
            } finally {
                stop.set(true);
                writer.join();
            }
        }
    }

    /**
     * A read scope (one logon) checks for outside changes once: another connection's commit made inside the scope is
     * not seen by the scope's repeated reads, and is seen by the first read after it. Without the scope the same
     * sequence sees the commit at once (anotherConnectionsCommitIsSeenByTheNextRead).
     */
    @Test
    void aReadScopeChecksForOutsideChangesOnceAndTheNextReadAfterItSeesThem() throws Exception {
        Path file = dir.resolve("sam.db");
        try (SqliteAccountStore daemon = TestDomain.openWithDomain(file);
             SqliteAccountStore cli = SqliteAccountStore.open(file)) {
            daemon.createUser(TestDomain.user(1000, "alice"), Optional.of(TestDomain.hash(1)));
            String inScope = daemon.readScope(store -> {
                assertEquals("", store.findUser("alice").orElseThrow().fullName());
                cli.updateUser(1000, u -> u.toBuilder().fullName("Alice Changed").build());
                // Nested scopes join the outer one.
                return store.readScope(inner -> inner.findUser("alice").orElseThrow().fullName());
            });
            assertEquals("", inScope);
            assertEquals("Alice Changed", daemon.findUser("alice").orElseThrow().fullName());
        }
    }

    /** A write through the same store inside a scope clears the memo, and the scope's next read sees it. */
    @Test
    void aReadScopeSeesItsOwnStoresWrites() throws Exception {
        Path file = dir.resolve("sam.db");
        try (SqliteAccountStore store = TestDomain.openWithDomain(file);
             SqliteAccountStore cli = SqliteAccountStore.open(file)) {
            store.createUser(TestDomain.user(1000, "alice"), Optional.of(TestDomain.hash(1)));
            store.readScope(s -> {
                assertEquals("", s.findUser("alice").orElseThrow().fullName());
                cli.setPolicy(cli.domain().policy().withMinPasswordLength(9)); // outside, not yet seen
                s.updateUser(1000, u -> u.toBuilder().fullName("Alice Changed").build());
                assertEquals("Alice Changed", s.findUser("alice").orElseThrow().fullName());
                // The write cleared the memo, so the scope validated again and sees the outside change too.
                assertEquals(9, s.domain().policy().minPasswordLength());
                return null;
            });
        }
    }
}
