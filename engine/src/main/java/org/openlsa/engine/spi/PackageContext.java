package org.openlsa.engine.spi;

import java.time.InstantSource;
import java.util.random.RandomGenerator;
import org.openlsa.sam.AccountStore;

/**
 * What the engine hands a package at initialization (the LSA dispatch table, reduced to what packages here need):
 * the account database, the clock and the random source every time- or nonce-dependent decision must use.
 */
public record PackageContext(AccountStore store, InstantSource clock, RandomGenerator random) {}
