package org.openlsa.sam;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The per-user counters the SAM updates at logon: bad-password count and time, lockout time, last logon and logon
 * count. Changed only through {@link AccountStore#updateLogonState}, atomically.
 */
public record LogonState(int badPasswordCount, Optional<Instant> badPasswordTime, Optional<Instant> lockoutTime,
                         Optional<Instant> lastLogon, int logonCount) {
    public static final LogonState NEW = new LogonState(0, Optional.empty(), Optional.empty(), Optional.empty(), 0);

    public LogonState {
        Objects.requireNonNull(badPasswordTime, "badPasswordTime");
        Objects.requireNonNull(lockoutTime, "lockoutTime");
        Objects.requireNonNull(lastLogon, "lastLogon");
        if (badPasswordCount < 0 || logonCount < 0) {
            throw new IllegalArgumentException("logon counters are non-negative");
        }
    }

    /**
     * The logon count with its lowest bit flipped: a real change whose repetition undoes it, for
     * {@link AccountStore#rewriteLogonState}. Never a state to keep.
     */
    public LogonState withLogonCountBitFlipped() {
        return new LogonState(badPasswordCount, badPasswordTime, lockoutTime, lastLogon, logonCount ^ 1);
    }

    /** Cleared lockout and bad-password count: what an administrator's unlock does. */
    public LogonState unlocked() {
        return new LogonState(0, badPasswordTime, Optional.empty(), lastLogon, logonCount);
    }
}
