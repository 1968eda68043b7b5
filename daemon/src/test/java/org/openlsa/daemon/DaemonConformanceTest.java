package org.openlsa.daemon;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openlsa.client.LsaClient;
import org.openlsa.core.AccessToken;
import org.openlsa.core.WellKnownSids;
import org.openlsa.engine.Lsa;
import org.openlsa.engine.LsaConnection;
import org.openlsa.engine.LsaEngine;
import org.openlsa.engine.conformance.LsaUnderTest;
import org.openlsa.ipc.Protocol;
import org.openlsa.sam.AccountStore;
import org.openlsa.sam.UserAccount;
import org.openlsa.store.sqlite.SqliteAccountStore;
import org.openlsa.testkit.NetworkLogonConformanceSuite;
import org.openlsa.testkit.MutableClock;
import org.openlsa.testkit.RealmEngine;
import org.openlsa.testkit.SuiteLimits;

/**
 * The conformance suite (the engine's rules and MSV1_0's) through the daemon: every call crosses the socket, as a
 * client library user's would. The test JVM runs as root, so its own connections are LocalSystem; the suite's other callers connect as a throwaway OS
 * user, through a relay running as that user, with their account linked to its uid: the daemon sees a real peer
 * uid and derives the caller's token from it, exactly as in production.
 */
class DaemonConformanceTest extends NetworkLogonConformanceSuite {
    private static Path socketDir;
    private static OsUserRelay relay;

    @BeforeAll
    static void startRelay() throws Exception {
        // The relay's user must reach the daemon's socket: a world-traversable directory outside the test's tempdir.
        socketDir = Files.createTempDirectory("olsa-daemon-");
        Files.setPosixFilePermissions(socketDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        relay = OsUserRelay.start(socketDir.resolve("lsad.sock"));
    }

    @AfterAll
    static void stopRelay() throws Exception {
        if (relay != null) {
            relay.close();
        }
        Files.deleteIfExists(socketDir);
    }

    @Override
    protected LsaUnderTest start(Path stateDir, MutableClock clock, SuiteLimits limits) throws Exception {
        RealmEngine realm = RealmEngine.open(stateDir, clock, limits);
        LsaEngine engine = realm.engine();
        AccountStore store = realm.store();
        LsaDaemon daemon = LsaDaemon.start(engine, new LsaDaemon.Options(stateDir, socketDir.resolve("lsad.sock"),
                Protocol.DEFAULT_MAX_FRAME_BYTES, Duration.ofSeconds(10), Duration.ofSeconds(10)));
        LsaClient client = LsaClient.of(daemon.socketPath(), Duration.ofSeconds(60));
        return new LsaUnderTest() {
            @Override
            public Lsa lsa() {
                return client;
            }

            @Override
            public AccountStore store() {
                return store;
            }

            @Override
            public AccessToken systemCaller() {
                return engine.systemToken();
            }

            /** LocalSystem is this root JVM itself; anyone else is the relay's OS user, linked to the caller's account. */
            @Override
            public LsaConnection connectAs(AccessToken caller, Optional<String> logonProcessName) throws Exception {
                LsaClient as = client;
                if (!caller.user().sid().equals(WellKnownSids.LOCAL_SYSTEM)) {
                    UserAccount account = store.findUser(caller.user().sid().rid()).orElseThrow();
                    store.transact(s -> {
                        Optional<UserAccount> holder = s.findUserByUnixUid(relay.uid);
                        if (holder.isPresent() && holder.get().rid() != account.rid()) {
                            s.updateUser(holder.get().rid(), u -> u.toBuilder().unixUid(OptionalLong.empty()).build());
                        }
                        return s.updateUser(account.rid(), u -> u.toBuilder().unixUid(OptionalLong.of(relay.uid)).build());
                    });
                    as = LsaClient.of(relay.socket(), Duration.ofSeconds(60));
                }
                return logonProcessName.isPresent() ? as.registerLogonProcess(caller, logonProcessName.get())
                        : as.connectUntrusted(caller);
            }

            @Override
            public void close() throws Exception {
                client.close();
                daemon.close();
                realm.close();
            }
        };
    }
}
