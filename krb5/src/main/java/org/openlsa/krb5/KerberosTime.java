package org.openlsa.krb5;

import java.time.Instant;
import java.util.Objects;

/**
 * KerberosTime (RFC 4120 5.2.3): a UTC instant with whole-second precision, carried as GeneralizedTime
 * "YYYYMMDDHHMMSSZ". Sub-second parts travel separately as Microseconds (cusec, susec, pausec) where a message needs
 * them. Years are limited to 0001..9999, the four digits the format has.
 */
public record KerberosTime(Instant instant) implements Comparable<KerberosTime> {
    /** 0001-01-01T00:00:00Z. */
    private static final long MIN_EPOCH_SECOND = -62135596800L;
    /** 9999-12-31T23:59:59Z. */
    private static final long MAX_EPOCH_SECOND = 253402300799L;
    /** Microseconds ::= INTEGER (0..999999), RFC 4120 5.2.4. */
    public static final int MAX_MICROSECONDS = 999_999;

    public KerberosTime {
        Objects.requireNonNull(instant, "instant");
        if (instant.getNano() != 0) {
            throw new IllegalArgumentException("KerberosTime has whole seconds only, got " + instant);
        }
        if (instant.getEpochSecond() < MIN_EPOCH_SECOND || instant.getEpochSecond() > MAX_EPOCH_SECOND) {
            throw new IllegalArgumentException("KerberosTime outside years 0001..9999: " + instant);
        }
    }

    public static KerberosTime ofEpochSecond(long epochSecond) {
        return new KerberosTime(Instant.ofEpochSecond(epochSecond));
    }

    /** The whole second containing {@code instant}; pair it with {@link #microsecondsOf} for the remainder. */
    public static KerberosTime truncate(Instant instant) {
        return ofEpochSecond(instant.getEpochSecond());
    }

    /** The Microseconds part of {@code instant} (0..999999), as cusec/susec carry it. */
    public static int microsecondsOf(Instant instant) {
        return instant.getNano() / 1000;
    }

    /** Validates a Microseconds value (RFC 4120 5.2.4: 0..999999). */
    public static int requireMicroseconds(int microseconds, String field) {
        if (microseconds < 0 || microseconds > MAX_MICROSECONDS) {
            throw new IllegalArgumentException(field + " must be in 0..999999, got " + microseconds);
        }
        return microseconds;
    }

    public long epochSecond() {
        return instant.getEpochSecond();
    }

    @Override
    public int compareTo(KerberosTime other) {
        return instant.compareTo(other.instant);
    }

    @Override
    public String toString() {
        return instant.toString();
    }
}
