package org.openlsa.testkit;

import org.openlsa.core.AccessToken;
import org.openlsa.engine.Lsa;
import org.openlsa.engine.LsaConnection;
import org.openlsa.sam.AccountStore;

/**
 * One LSA started for a conformance test: the {@link Lsa} under test, the account store behind it (for setting
 * accounts up), and the token that acts as LocalSystem.
 */
public interface LsaUnderTest extends AutoCloseable {
    Lsa lsa();

    AccountStore store();

    AccessToken systemCaller();

    /**
     * A connection whose caller is {@code caller}: registered as {@code logonProcessName} when present (which needs
     * SeTcbPrivilege), else untrusted. In-process the token is simply passed; through the daemon, where identity comes
     * from the kernel, the fixture connects as an operating-system user linked to the caller's account.
     */
    LsaConnection connectAs(AccessToken caller, java.util.Optional<String> logonProcessName) throws Exception;

    @Override
    void close() throws Exception;
}
