package org.openlsa.store.sqlite.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;

/**
 * The file's units for time: instants as NT time (100 ns intervals since 1601-01-01 UTC, the SAM's own unit, which
 * also keeps the microseconds of {@code Instant.now()} exactly) and durations as positive 100 ns intervals. A
 * finer instant is truncated toward the past. Empty optionals are SQL NULL.
 */
final class NtUnits {
    private NtUnits() {}

    private static final long INTERVALS_PER_SECOND = 10_000_000L;
    private static final long EPOCH_OFFSET_SECONDS = 11_644_473_600L; // 1601-01-01 to 1970-01-01

    static long fromInstant(Instant t) throws LsaException {
        try {
            return Math.addExact(Math.multiplyExact(Math.addExact(t.getEpochSecond(), EPOCH_OFFSET_SECONDS),
                    INTERVALS_PER_SECOND), t.getNano() / 100);
        } catch (ArithmeticException e) {
            throw new LsaException(NtStatus.INVALID_PARAMETER, "instant " + t
                    + " is outside the range of NT time (64-bit 100 ns intervals since 1601)");
        }
    }

    static Instant toInstant(long ntTime) {
        return Instant.ofEpochSecond(Math.floorDiv(ntTime, INTERVALS_PER_SECOND) - EPOCH_OFFSET_SECONDS,
                Math.floorMod(ntTime, INTERVALS_PER_SECOND) * 100);
    }

    static long fromDuration(Duration d) throws LsaException {
        try {
            return Math.addExact(Math.multiplyExact(d.getSeconds(), INTERVALS_PER_SECOND), d.getNano() / 100);
        } catch (ArithmeticException e) {
            throw new LsaException(NtStatus.INVALID_PARAMETER, "duration " + d
                    + " exceeds 2^63 100 ns intervals (about 29,000 years)");
        }
    }

    static Duration toDuration(long intervals) {
        return Duration.ofSeconds(Math.floorDiv(intervals, INTERVALS_PER_SECOND),
                Math.floorMod(intervals, INTERVALS_PER_SECOND) * 100);
    }

    static void bindInstant(PreparedStatement ps, int index, Optional<Instant> t) throws SQLException, LsaException {
        if (t.isPresent()) {
            ps.setLong(index, fromInstant(t.get()));
        } else {
            ps.setNull(index, Types.INTEGER);
        }
    }

    static void bindDuration(PreparedStatement ps, int index, Optional<Duration> d) throws SQLException, LsaException {
        if (d.isPresent()) {
            ps.setLong(index, fromDuration(d.get()));
        } else {
            ps.setNull(index, Types.INTEGER);
        }
    }

    static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(toInstant(v));
    }

    static Optional<Duration> duration(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(toDuration(v));
    }
}
