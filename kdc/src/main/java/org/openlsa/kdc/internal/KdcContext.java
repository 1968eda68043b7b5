package org.openlsa.kdc.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import org.openlsa.sam.AccountStore;
import org.openlsa.sam.SecurityEventSink;

/**
 * What every exchange needs: the account database, the injected clock and randomness, the replay cache, and where
 * security events go (pre-authentication failures, lockouts, password changes: the host's audit log, injected so the
 * KDC needs no engine).
 */
public record KdcContext(AccountStore store, Clock clock, SecureRandom random, ReplayCache replayCache,
                         PrincipalLookup principals, SecurityEventSink events,
                         java.util.Optional<org.openlsa.pkinit.PkinitKdcConfig> pkinit) {
    public KdcContext {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(replayCache, "replayCache");
        Objects.requireNonNull(principals, "principals");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(pkinit, "pkinit");
    }

    public static KdcContext of(AccountStore store, Clock clock, SecureRandom random, SecurityEventSink events) {
        return of(store, clock, random, events, java.util.Optional.empty());
    }

    /** With the KDC's PKINIT identity and anchors (docs/kdc.md, "PKINIT"); empty: no PKINIT offered. */
    public static KdcContext of(AccountStore store, Clock clock, SecureRandom random, SecurityEventSink events,
                                java.util.Optional<org.openlsa.pkinit.PkinitKdcConfig> pkinit) {
        // Two million authenticators (under 100 MB of hashes): with the default five minute skew, 6,600 TGS requests
        // a second sustained before the cache refuses rather than forgets.
        return new KdcContext(store, clock, random, new ReplayCache(2_000_000),
                new PrincipalLookup(store), events, pkinit);
    }

    /** Now, at the whole second Kerberos times carry. */
    public Instant now() {
        return clock.instant();
    }
}
