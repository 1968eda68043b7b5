package org.openlsa.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openlsa.client.ClientConnection;
import org.openlsa.client.LsaClient;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.core.Sid;
import org.openlsa.core.WellKnownSids;
import org.openlsa.host.StateLayout;
import org.openlsa.idmap.IdKind;
import org.openlsa.idmap.IdMapReport;
import org.openlsa.idmap.IdMapResult;
import org.openlsa.idmap.IdMapService;
import org.openlsa.idmap.IdMapping;
import org.openlsa.idmap.IdQuery;
import org.openlsa.idmap.IdRefusal;
import org.openlsa.idmap.IdSource;
import org.openlsa.idmap.UnixDirectory;
import org.openlsa.ipc.Protocol;
import org.openlsa.sam.UserAccount;
import org.openlsa.testkit.MutableClock;
import org.openlsa.testkit.RealmEngine;
import org.openlsa.testkit.SuiteLimits;
import org.openlsa.testkit.TestRealm;

/**
 * MAP_IDS (docs/ipc.md, docs/idmap.md): the daemon answers any caller, an ordinary OS user included, with the same
 * report its state directory's owner computes in process; root gets that answer too; a daemon without an account
 * database says NOT_SUPPORTED.
 */
class MapIdsTest {
    @TempDir
    Path state;
    Path socketDir;
    OsUserRelay relay;
    RealmEngine realm;
    IdMapService direct;
    LsaDaemon daemon;
    UserAccount alice;
    UserAccount bob;

    @BeforeEach
    void start() throws Exception {
        socketDir = Files.createTempDirectory("olsa-mapids-");
        Files.setPosixFilePermissions(socketDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        relay = OsUserRelay.start(socketDir.resolve("lsad.sock"));
        MutableClock clock = new MutableClock(Instant.now());
        realm = RealmEngine.open(state, clock, SuiteLimits.DEFAULT);
        direct = new IdMapService(StateLayout.of(state).idmapConfig(), realm.store(), UnixDirectory.system());
        daemon = LsaDaemon.start(realm.engine(), direct, new LsaDaemon.Options(state, socketDir.resolve("lsad.sock"),
                Protocol.DEFAULT_MAX_FRAME_BYTES, Duration.ofSeconds(10), Duration.ofSeconds(10)));
        alice = TestRealm.addUser(realm.store(), "alice", "Wonderland-Pw-1", clock.instant());
        bob = TestRealm.addUser(realm.store(), "bob", "Wonderland-Pw-2", clock.instant());
        realm.store().updateUser(alice.rid(), u -> u.toBuilder().unixUid(OptionalLong.of(relay.uid)).build());
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

    private List<IdQuery> questions() {
        return List.of(new IdQuery.OfId(relay.uid, IdKind.USER), new IdQuery.OfSid(alice.sid(), IdKind.USER),
                new IdQuery.OfSid(bob.sid(), IdKind.USER), new IdQuery.OfSid(WellKnownSids.BUILTIN_USERS, IdKind.GROUP),
                new IdQuery.OfSid(Sid.parse("S-1-5-5-0-1234"), IdKind.GROUP), new IdQuery.OfId(0, IdKind.GROUP));
    }

    private static IdMapReport ask(Path socket, List<IdQuery> questions) throws Exception {
        try (LsaClient client = LsaClient.of(socket, Duration.ofSeconds(30)); ClientConnection c = client.connect()) {
            return c.mapIds(questions);
        }
    }

    @Test
    void anOrdinaryUserAndRootGetTheOwnersAnswer() throws Exception {
        IdMapReport expected = direct.answer(questions());
        IdMapReport viaOrdinaryUser = ask(relay.socket(), questions());
        IdMapReport viaRoot = ask(daemon.socketPath(), questions());
        assertEquals(expected, viaOrdinaryUser);
        assertEquals(expected, viaRoot);

        // The answers themselves (docs/idmap.md): the link is visible to any caller, as the decision there says.
        List<IdMapResult> r = viaOrdinaryUser.results();
        IdMapping linked = ((IdMapResult.Mapped) r.get(0)).mapping();
        assertEquals(List.of(alice.sid(), IdKind.USER, relay.uid, IdSource.LINKED),
                List.of(linked.sid(), linked.kind(), linked.id(), linked.source()));
        assertEquals(relay.uid, ((IdMapResult.Mapped) r.get(1)).mapping().id());
        assertEquals(expected.ranges().sliceBase(1) + bob.rid(), ((IdMapResult.Mapped) r.get(2)).mapping().id());
        assertEquals(expected.ranges().low() + 545, ((IdMapResult.Mapped) r.get(3)).mapping().id());
        IdMapResult.Refused logonSid = assertInstanceOf(IdMapResult.Refused.class, r.get(4));
        assertEquals(IdRefusal.NOT_A_PRINCIPAL, logonSid.reason());
        assertEquals(WellKnownSids.LOCAL_SYSTEM, ((IdMapResult.Mapped) r.get(5)).mapping().sid());
        assertEquals(realm.store().domain().sid(), viaOrdinaryUser.domainSid());
        assertEquals(false, viaOrdinaryUser.configured());
    }

    @Test
    void theRangeFileCountsOnTheNextCall() throws Exception {
        Files.writeString(StateLayout.of(state).idmapConfig(), "range.low=1000000\nrange.high=1999999\nslice.size=100000\n");
        IdMapReport r = ask(relay.socket(), List.of(new IdQuery.OfSid(bob.sid(), IdKind.USER)));
        assertEquals(true, r.configured());
        assertEquals(1_100_000 + bob.rid(), ((IdMapResult.Mapped) r.results().getFirst()).mapping().id());
        Files.writeString(StateLayout.of(state).idmapConfig(), "range.low=x\n");
        LsaException e = assertThrows(LsaException.class, () -> ask(relay.socket(), List.of()));
        assertEquals(NtStatus.UNSUCCESSFUL, e.status(), e.getMessage());
    }

    @Test
    void moreQuestionsThanTheLimitAreRefusedBeforeSending() {
        LsaException e = assertThrows(LsaException.class, () -> ask(relay.socket(),
                Collections.nCopies(IdMapService.MAX_QUERIES + 1, new IdQuery.OfId(1, IdKind.USER))));
        assertEquals(NtStatus.INVALID_PARAMETER, e.status());
    }

    @Test
    void aDaemonWithoutAnAccountDatabaseDoesNotSupportIt() throws Exception {
        daemon.close();
        daemon = LsaDaemon.start(realm.engine(), new LsaDaemon.Options(state, socketDir.resolve("lsad.sock"),
                Protocol.DEFAULT_MAX_FRAME_BYTES, Duration.ofSeconds(10), Duration.ofSeconds(10)));
        LsaException e = assertThrows(LsaException.class, () -> ask(relay.socket(), List.of()));
        assertEquals(NtStatus.NOT_SUPPORTED, e.status());
    }
}
