package org.openlsa.testkit;

import java.nio.file.Path;
import org.openlsa.engine.conformance.LsaUnderTest;

/** The conformance suite, the engine's rules and MSV1_0's, against the in-process engine over the SQLite store. */
class InProcessConformanceTest extends NetworkLogonConformanceSuite {

    @Override
    protected LsaUnderTest start(Path stateDir, MutableClock clock, SuiteLimits limits) throws Exception {
        RealmEngine realm = RealmEngine.open(stateDir, clock, limits);
        return LsaUnderTest.inProcess(realm.engine(), realm.store(), realm);
    }
}
