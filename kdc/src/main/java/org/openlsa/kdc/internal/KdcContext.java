package org.openlsa.kdc.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.openlsa.sam.AccountStore;

/** What every exchange needs: the account database, the injected clock and randomness, the replay cache. */
public record KdcContext(AccountStore store, Clock clock, SecureRandom random, ReplayCache replayCache,
                         PrincipalLookup principals) {
    public KdcContext {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(replayCache, "replayCache");
        Objects.requireNonNull(principals, "principals");
    }

    public static KdcContext of(AccountStore store, Clock clock, SecureRandom random) {
        // Entries matter for twice the largest skew a policy may set (an hour), and the cache holds at most a
        // million authenticators (about 100 MB at worst) before it refuses rather than forgets.
        return new KdcContext(store, clock, random, new ReplayCache(Duration.ofHours(2), 1_000_000),
                new PrincipalLookup(store));
    }

    /** Now, at the whole second Kerberos times carry. */
    public Instant now() {
        return clock.instant();
    }
}
