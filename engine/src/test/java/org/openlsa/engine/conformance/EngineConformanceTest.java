package org.openlsa.engine.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.openlsa.core.Luid;
import org.openlsa.crypto.NtOwf;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.engine.LsaConnection;
import org.openlsa.engine.LsaEngine;
import org.openlsa.sam.DomainProvisioning;
import org.openlsa.store.sqlite.SqliteAccountStore;

/**
 * The conformance suite against the engine alone, in process, with {@link PasswordTestPackage} as its only package
 * over the SQLite store: what {@code mvn -pl engine test} proves about the engine's rules.
 */
class EngineConformanceTest extends LsaConformanceSuite {
    private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-11-18T10:00:00Z"));

    @Override
    protected InstantSource clock() {
        return CLOCK;
    }

    @Override
    protected String packageName() {
        return PasswordTestPackage.NAME;
    }

    @Override
    protected byte[] passwordLogon(String domain, String user, String password) {
        return PasswordTestPackage.encode(domain, user, password, Optional.empty());
    }

    @Override
    protected byte[] unlockLogon(String domain, String user, String password, Luid logonId) {
        return PasswordTestPackage.encode(domain, user, password, Optional.of(logonId));
    }

    /**
     * In process the caller's token is a logon token, so LUID 0 ("my session") names its session. (A daemon's
     * caller is a Unix process, which belongs to no logon session.)
     */
    @Test
    void luidZeroIsTheCallersOwnSession() throws Exception {
        user("ivy");
        try (LsaConnection c = untrustedAs("ivy")) {
            assertEquals("ivy", c.getLogonSessionData(Luid.ZERO).userName());
        }
    }

    @Override
    protected LsaUnderTest start(Path stateDir, ConnectionLimits limits) throws Exception {
        Path db = stateDir.resolve("sam.db");
        boolean fresh = !Files.exists(db);
        SqliteAccountStore store = SqliteAccountStore.open(db);
        LsaEngine engine;
        try {
            if (fresh) {
                try (SecretBytes adminHash = NtOwf.ntOwfV1("Adm1n-Passw0rd!".toCharArray())) {
                    DomainProvisioning.provision(store, "TESTDOM", "TESTHOST",
                            DomainProvisioning.randomDomainSid(new Random(42)), adminHash, CLOCK.instant());
                }
            }
            engine = LsaEngine.builder(store).addPackage(new PasswordTestPackage()).clock(CLOCK).random(new Random(7))
                    .limits(limits.returnBufferQuotaBytes(), limits.maxReturnBuffers(), limits.maxHandles()).build();
        } catch (Exception | Error e) {
            store.close();
            throw e;
        }
        return LsaUnderTest.inProcess(engine, store, () -> {
            engine.close();
            store.close();
        });
    }
}
