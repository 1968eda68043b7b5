package org.openlsa.msv1_0;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.openlsa.core.NtStatus;

/**
 * A subauthentication package that confines network logons to a window of local time (for example a batch account
 * that may reach this server only on weekdays between 22:00 and 06:00), on top of the account's own logon hours:
 * the responses must prove the password, the logon must fall inside the window, and the session is kicked off when
 * the window closes. A window whose end is not after its start spans midnight; the day it belongs to is the day it
 * opens.
 *
 * <p>Configuration ({@link #fromProperties}): {@code id} (1..255), {@code start} and {@code end} (HH:mm),
 * {@code days} (comma-separated MON..SUN; default every day), {@code zone} (an IANA zone; default UTC).
 */
public final class LogonWindowSubAuth implements SubAuthenticationPackage {
    private final int id;
    private final LocalTime start;
    private final LocalTime end;
    private final Set<DayOfWeek> days;
    private final ZoneId zone;

    public LogonWindowSubAuth(int id, LocalTime start, LocalTime end, Set<DayOfWeek> days, ZoneId zone) {
        if (id < 1 || id > 255) {
            throw new IllegalArgumentException("a subauthentication package id is 1..255, not " + id);
        }
        this.id = id;
        this.start = Objects.requireNonNull(start, "start");
        this.end = Objects.requireNonNull(end, "end");
        if (start.equals(end)) {
            throw new IllegalArgumentException("an empty logon window (start = end = " + start + ")");
        }
        if (days.isEmpty()) {
            throw new IllegalArgumentException("a logon window needs at least one day");
        }
        this.days = EnumSet.copyOf(days);
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /** Reads the configuration keys of the class comment; IllegalArgumentException names the bad key. */
    public static LogonWindowSubAuth fromProperties(Properties p) {
        int id = Integer.parseInt(required(p, "id").trim());
        LocalTime start = LocalTime.parse(required(p, "start").trim());
        LocalTime end = LocalTime.parse(required(p, "end").trim());
        Set<DayOfWeek> days = EnumSet.allOf(DayOfWeek.class);
        String d = p.getProperty("days");
        if (d != null && !d.isBlank()) {
            days = EnumSet.noneOf(DayOfWeek.class);
            for (String name : d.split(",")) {
                days.add(day(name.trim()));
            }
        }
        ZoneId zone = ZoneId.of(p.getProperty("zone", "UTC").trim());
        return new LogonWindowSubAuth(id, start, end, days, zone);
    }

    private static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalArgumentException("logon window: missing key '" + key + "'");
        }
        return v;
    }

    private static DayOfWeek day(String s) {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().startsWith(s.toUpperCase(Locale.ROOT)) && s.length() >= 3) {
                return d;
            }
        }
        throw new IllegalArgumentException("logon window: unknown day '" + s + "' (MON..SUN)");
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public String name() {
        return "logon-window " + days + " " + start + "-" + end + " " + zone;
    }

    @Override
    public Verdict validate(Request request) {
        if (!request.passwordVerified()) {
            return Verdict.refuse(NtStatus.WRONG_PASSWORD);
        }
        return closingTime(request.now()).map(close -> Verdict.accept(Optional.of(close)))
                .orElseGet(() -> Verdict.refuse(NtStatus.INVALID_LOGON_HOURS));
    }

    /** When the window that contains {@code now} closes; empty when {@code now} is outside every window. */
    Optional<Instant> closingTime(Instant now) {
        ZonedDateTime local = now.atZone(zone);
        boolean spansMidnight = !end.isAfter(start);
        // The window opened today, or (spanning midnight) yesterday.
        for (int back = 0; back <= (spansMidnight ? 1 : 0); back++) {
            ZonedDateTime day = local.minusDays(back);
            if (!days.contains(day.getDayOfWeek())) {
                continue;
            }
            ZonedDateTime open = day.with(start);
            ZonedDateTime close = spansMidnight ? day.plusDays(1).with(end) : day.with(end);
            if (!local.isBefore(open) && local.isBefore(close)) {
                return Optional.of(close.toInstant());
            }
        }
        return Optional.empty();
    }
}
