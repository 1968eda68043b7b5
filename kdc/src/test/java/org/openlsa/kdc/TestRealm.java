package org.openlsa.kdc;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.openlsa.core.LsaException;
import org.openlsa.core.Sid;
import org.openlsa.crypto.NtOwf;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.sam.DomainProvisioning;
import org.openlsa.sam.Passwords;
import org.openlsa.sam.UserAccount;
import org.openlsa.store.sqlite.SqliteAccountStore;

/**
 * A realm for KDC tests: a provisioned SQLite account database in a temp directory, a KDC over it on a loopback
 * port, and a clock the test can move (for skew and expiry) without sleeping.
 */
public final class TestRealm implements AutoCloseable {
    public static final String REALM = "KDC.TEST";
    public static final Sid SID = Sid.of(5, 21, 1001, 2002, 3003);

    /** A clock whose offset from real time a test can change. */
    public static final class ShiftableClock extends Clock {
        public volatile Duration offset = Duration.ZERO;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }
    }

    public final Path dir;
    public final SqliteAccountStore store;
    public final ShiftableClock clock = new ShiftableClock();
    public final Kdc kdc;
    public final KdcServer server;
    /** The security events the KDC and its kpasswd reported (what the daemon writes to audit.jsonl). */
    public final java.util.List<org.openlsa.sam.SecurityEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();

    private TestRealm(Path dir, SqliteAccountStore store) throws IOException {
        this.dir = dir;
        this.store = store;
        this.kdc = Kdc.create(store, clock, new SecureRandom(), events::add);
        this.server = KdcServer.start(kdc, KdcServer.Options.defaults(InetAddress.getLoopbackAddress(), 0));
    }

    public static TestRealm start() throws IOException, LsaException {
        Path dir = Files.createTempDirectory("openlsa-kdc");
        SqliteAccountStore store = SqliteAccountStore.open(dir.resolve("sam.db"));
        try (SecretBytes admin = NtOwf.ntOwfV1(utf16("Admin-pw-1"))) {
            DomainProvisioning.provision(store, "KDCTEST", REALM, "KDCHOST", SID, admin, Instant.now(),
                    new SecureRandom());
        }
        return new TestRealm(dir, store);
    }

    static SecretBytes utf16(String s) {
        return SecretBytes.adopt(s.getBytes(StandardCharsets.UTF_16LE));
    }

    /** A user with a password (keys derived for the policy's enctypes). */
    public UserAccount addUser(String name, String password) throws LsaException {
        long rid = store.allocateRid();
        UserAccount u = UserAccount.newAccount(SID, rid, name).primaryGroupRid(UserAccount.RID_DOMAIN_USERS).build();
        store.createUser(u, java.util.Optional.empty());
        try (SecretBytes pw = utf16(password)) {
            Passwords.set(store, rid, pw, clock.instant(), false);
        }
        return store.findUser(rid).orElseThrow();
    }

    /** A service account with a password-derived key and the given SPNs. */
    public UserAccount addService(String name, String password, String... spns) throws LsaException {
        UserAccount u = addUser(name, password);
        for (String spn : spns) {
            store.addServicePrincipalName(u.rid(), spn);
        }
        return u;
    }

    @Override
    public void close() throws IOException {
        server.close();
        store.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
