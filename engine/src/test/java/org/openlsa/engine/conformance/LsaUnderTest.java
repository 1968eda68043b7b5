package org.openlsa.engine.conformance;

import org.openlsa.core.AccessToken;
import org.openlsa.engine.Lsa;
import org.openlsa.engine.LsaConnection;
import org.openlsa.engine.LsaEngine;
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

    /**
     * An engine in this process, called directly: tokens are passed as they are; {@code close} ends it (the engine,
     * then whatever holds the store).
     */
    static LsaUnderTest inProcess(LsaEngine engine, AccountStore store, AutoCloseable close) {
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
            public LsaConnection connectAs(AccessToken caller, java.util.Optional<String> logonProcessName)
                    throws Exception {
                return logonProcessName.isPresent() ? engine.registerLogonProcess(caller, logonProcessName.get())
                        : engine.connectUntrusted(caller);
            }

            @Override
            public void close() throws Exception {
                close.close();
            }
        };
    }
}
