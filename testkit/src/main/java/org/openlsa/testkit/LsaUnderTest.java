package org.openlsa.testkit;

import org.openlsa.core.AccessToken;
import org.openlsa.engine.Lsa;
import org.openlsa.sam.AccountStore;

/**
 * One LSA started for a conformance test: the {@link Lsa} under test, the account store behind it (for setting
 * accounts up), and the token that acts as LocalSystem.
 */
public interface LsaUnderTest extends AutoCloseable {
    Lsa lsa();

    AccountStore store();

    AccessToken systemCaller();

    @Override
    void close() throws Exception;
}
