package org.openlsa.engine.spi;

import java.time.InstantSource;
import java.util.random.RandomGenerator;
import org.openlsa.sam.AccountStore;
import org.openlsa.sam.SecurityEventSink;

/**
 * What the engine hands a package at initialization (the LSA dispatch table, reduced to what packages here need):
 * the account database, the clock and the random source every time- or nonce-dependent decision must use, and where
 * account security events go (password changes, lockouts: the engine's audit log).
 */
public record PackageContext(AccountStore store, InstantSource clock, RandomGenerator random,
                             SecurityEventSink events) {
    public PackageContext {
        java.util.Objects.requireNonNull(events, "events");
    }

    /** A context whose security events are discarded (tests). */
    public PackageContext(AccountStore store, InstantSource clock, RandomGenerator random) {
        this(store, clock, random, SecurityEventSink.NONE);
    }
}
