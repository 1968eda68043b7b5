package org.openlsa.testkit;

import java.nio.file.Path;
import java.util.Optional;
import org.openlsa.core.AccessToken;
import org.openlsa.engine.Lsa;
import org.openlsa.engine.LsaConnection;
import org.openlsa.engine.LsaEngine;
import org.openlsa.engine.conformance.LsaUnderTest;
import org.openlsa.sam.AccountStore;

/** The conformance suite, the engine's rules and MSV1_0's, against the in-process engine over the SQLite store. */
class InProcessConformanceTest extends NetworkLogonConformanceSuite {

    @Override
    protected LsaUnderTest start(Path stateDir, MutableClock clock, SuiteLimits limits) throws Exception {
        RealmEngine realm = RealmEngine.open(stateDir, clock, limits);
        LsaEngine engine = realm.engine();
        AccountStore store = realm.store();
        return new LsaUnderTest() {
            @Override
            public Lsa lsa() {
                return engine;
            }

            @Override
            public AccountStore store() {
                return store;
            }

            @Override
            public AccessToken systemCaller() {
                return engine.systemToken();
            }

            @Override
            public LsaConnection connectAs(AccessToken caller, Optional<String> logonProcessName) throws Exception {
                return logonProcessName.isPresent() ? engine.registerLogonProcess(caller, logonProcessName.get())
                        : engine.connectUntrusted(caller);
            }

            @Override
            public void close() {
                realm.close();
            }
        };
    }
}
