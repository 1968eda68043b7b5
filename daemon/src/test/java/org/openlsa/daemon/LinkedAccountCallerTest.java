package org.openlsa.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openlsa.client.ClientConnection;
import org.openlsa.client.LsaClient;
import org.openlsa.core.Sid;
import org.openlsa.core.WellKnownSids;
import org.openlsa.ipc.Protocol;
import org.openlsa.sam.AccountFlag;
import org.openlsa.sam.LogonHours;
import org.openlsa.sam.LogonState;
import org.openlsa.sam.UserAccount;
import org.openlsa.testkit.MutableClock;
import org.openlsa.testkit.RealmEngine;
import org.openlsa.testkit.SuiteLimits;
import org.openlsa.testkit.TestRealm;

/**
 * A uid linked to an account is that account only while the account may act: the account checks of a logon
 * (disabled, locked out, expired, logon hours) apply to the caller identity too, the password checks do not. Through
 * the daemon, with a real peer uid (issue 17: an expired or locked-out account still lent its token to its uid).
 */
class LinkedAccountCallerTest {
    @TempDir
    Path state;
    Path socketDir;
    OsUserRelay relay;
    RealmEngine realm;
    LsaDaemon daemon;
    UserAccount alice;
    final MutableClock clock = new MutableClock(Instant.now());

    @BeforeEach
    void start() throws Exception {
        socketDir = Files.createTempDirectory("olsa-linked-");
        Files.setPosixFilePermissions(socketDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        relay = OsUserRelay.start(socketDir.resolve("lsad.sock"));
        realm = RealmEngine.open(state, clock, SuiteLimits.DEFAULT);
        daemon = LsaDaemon.start(realm.engine(), new LsaDaemon.Options(state, socketDir.resolve("lsad.sock"),
                Protocol.DEFAULT_MAX_FRAME_BYTES, Duration.ofSeconds(10), Duration.ofSeconds(10)));
        alice = TestRealm.addUser(realm.store(), "alice", "Wonderland-Pw-1", clock.instant());
        change(u -> u.toBuilder().unixUid(OptionalLong.of(relay.uid)).build());
    }

    @AfterEach
    void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
        if (realm != null) {
            realm.close();
        }
        if (relay != null) {
            relay.close();
        }
        Files.deleteIfExists(socketDir.resolve("lsad.sock"));
        Files.deleteIfExists(socketDir);
    }

    private void change(UnaryOperator<UserAccount> f) throws Exception {
        realm.store().updateUser(alice.rid(), f);
    }

    /** The user SID of the relay's OS user, as the daemon derives it from SO_PEERCRED. */
    private Sid whoami() throws Exception {
        try (LsaClient client = LsaClient.of(relay.socket(), Duration.ofSeconds(30));
             ClientConnection c = client.connect()) {
            return c.whoami().user().sid();
        }
    }

    @Test
    void onlyAnAccountThatMayActIsTheCallersIdentity() throws Exception {
        Sid unixUser = WellKnownSids.unixUser(relay.uid);
        assertEquals(alice.sid(), whoami(), "linked and in good standing");

        change(u -> u.toBuilder().accountExpires(Optional.of(clock.instant().minusSeconds(60))).build());
        assertEquals(unixUser, whoami(), "an expired account lends nothing");
        change(u -> u.toBuilder().accountExpires(Optional.empty()).build());
        assertEquals(alice.sid(), whoami());

        realm.store().setPolicy(realm.store().domain().policy().withLockout(3, Optional.empty(), Duration.ofMinutes(30)));
        realm.store().updateLogonState(alice.rid(), s -> new LogonState(3, Optional.of(clock.instant()),
                Optional.of(clock.instant()), s.lastLogon(), s.logonCount()));
        assertEquals(unixUser, whoami(), "a locked-out account lends nothing");
        realm.store().updateLogonState(alice.rid(), LogonState::unlocked);
        assertEquals(alice.sid(), whoami());

        change(u -> u.toBuilder().logonHours(LogonHours.of(LogonHours.HOURS_PER_WEEK, new byte[21])).build());
        assertEquals(unixUser, whoami(), "outside its logon hours");
        change(u -> u.toBuilder().logonHours(LogonHours.ALWAYS).build());

        change(u -> u.toBuilder().flag(AccountFlag.MUST_CHANGE_PASSWORD, true).build());
        assertEquals(alice.sid(), whoami(), "a password that must change does not stop the signed-in user");

        change(u -> u.toBuilder().flag(AccountFlag.DISABLED, true).build());
        assertEquals(unixUser, whoami(), "disabled, as before");
    }
}
