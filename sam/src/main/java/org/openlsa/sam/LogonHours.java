package org.openlsa.sam;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * SAMPR_LOGON_HOURS (MS-SAMR 2.2.6.5): {UnitsPerWeek; bitmap of (UnitsPerWeek + 7) / 8 bytes}, in UTC. Bit 0 of
 * byte 0 is Sunday 00:00; unit {@code idx = minutesSinceSundayUtc * UnitsPerWeek / 10080} is allowed iff
 * {@code bitmap[idx / 8] & (1 << (idx % 8))}. Immutable and validated.
 *
 * <p>Text form (for the CLI, {@link #parse} / {@link #toSpec}): {@code always}, {@code never}, {@code hex:<bitmap>}
 * for the 168-unit (hourly) bitmap, or day ranges with hour ranges in UTC such as {@code Mon-Fri 08-18; Sat 09-12}
 * (end hour exclusive, 24 allowed).
 */
public final class LogonHours {
    public static final int MINUTES_PER_WEEK = 10080;
    public static final int HOURS_PER_WEEK = 168;
    private static final String[] DAYS = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};

    /** Every hour of the week allowed: the SAM's default. */
    public static final LogonHours ALWAYS;

    static {
        byte[] all = new byte[21];
        Arrays.fill(all, (byte) 0xFF);
        ALWAYS = new LogonHours(HOURS_PER_WEEK, all);
    }

    private final int unitsPerWeek;
    private final byte[] bitmap;

    private LogonHours(int unitsPerWeek, byte[] bitmap) {
        if (unitsPerWeek < 1 || unitsPerWeek > MINUTES_PER_WEEK) {
            throw new IllegalArgumentException("UnitsPerWeek must be 1..10080, not " + unitsPerWeek);
        }
        if (bitmap.length != (unitsPerWeek + 7) / 8) {
            throw new IllegalArgumentException("a logon-hours bitmap of " + unitsPerWeek + " units has "
                    + (unitsPerWeek + 7) / 8 + " bytes, not " + bitmap.length);
        }
        this.unitsPerWeek = unitsPerWeek;
        this.bitmap = bitmap;
    }

    /** @throws IllegalArgumentException when the bitmap length does not match UnitsPerWeek */
    public static LogonHours of(int unitsPerWeek, byte[] bitmap) {
        return new LogonHours(unitsPerWeek, bitmap.clone());
    }

    public int unitsPerWeek() {
        return unitsPerWeek;
    }

    public byte[] bitmap() {
        return bitmap.clone();
    }

    public boolean isAlways() {
        for (int i = 0; i < unitsPerWeek; i++) {
            if (!unitAllowed(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean unitAllowed(int idx) {
        return (bitmap[idx / 8] & (1 << (idx % 8))) != 0;
    }

    private int unitAt(Instant t) {
        ZonedDateTime z = t.atZone(ZoneOffset.UTC);
        int daysSinceSunday = z.getDayOfWeek().getValue() % 7;
        long minutes = daysSinceSunday * 1440L + z.getHour() * 60L + z.getMinute();
        return (int) (minutes * unitsPerWeek / MINUTES_PER_WEEK);
    }

    /** Whether a logon at {@code t} is allowed. */
    public boolean allows(Instant t) {
        return unitAllowed(unitAt(t));
    }

    /**
     * The first instant after {@code t} at which logons stop being allowed (the profile's KickOffTime), or empty
     * when every unit is allowed.
     */
    public Optional<Instant> nextForbiddenAfter(Instant t) {
        ZonedDateTime z = t.atZone(ZoneOffset.UTC);
        ZonedDateTime weekStart = z.toLocalDate().minusDays(z.getDayOfWeek().getValue() % 7).atStartOfDay(ZoneOffset.UTC);
        int start = unitAt(t);
        for (int step = 1; step <= unitsPerWeek; step++) {
            int idx = (start + step) % unitsPerWeek;
            if (!unitAllowed(idx)) {
                long absoluteUnit = start + step;
                // first minute m with m * units / 10080 >= absoluteUnit
                long minute = (absoluteUnit * MINUTES_PER_WEEK + unitsPerWeek - 1) / unitsPerWeek;
                return Optional.of(weekStart.toInstant().plus(Duration.ofMinutes(minute)));
            }
        }
        return Optional.empty();
    }

    /**
     * Parses the text form described in the class comment.
     *
     * @throws IllegalArgumentException saying what is wrong and where
     */
    public static LogonHours parse(String spec) {
        String s = spec.strip();
        if (s.equalsIgnoreCase("always") || s.equalsIgnoreCase("all")) {
            return ALWAYS;
        }
        byte[] bits = new byte[21];
        if (s.equalsIgnoreCase("never") || s.equalsIgnoreCase("none")) {
            return new LogonHours(HOURS_PER_WEEK, bits);
        }
        if (s.regionMatches(true, 0, "hex:", 0, 4)) {
            byte[] raw;
            try {
                raw = HexFormat.of().parseHex(s.substring(4));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("logon hours: bad hex bitmap: " + e.getMessage());
            }
            return new LogonHours(HOURS_PER_WEEK, raw);
        }
        for (String part : s.split("[;,]")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            String[] dayAndHours = p.split("\\s+");
            if (dayAndHours.length != 2) {
                throw new IllegalArgumentException("logon hours: expected '<Day>[-<Day>] <HH>-<HH>', got '" + p + "'");
            }
            int[] days = range(dayAndHours[0], p, true);
            int[] hours = range(dayAndHours[1], p, false);
            for (int d = days[0]; ; d = (d + 1) % 7) {
                for (int h = hours[0]; h < hours[1]; h++) {
                    int idx = d * 24 + h;
                    bits[idx / 8] |= (byte) (1 << (idx % 8));
                }
                if (d == days[1]) {
                    break;
                }
            }
        }
        return new LogonHours(HOURS_PER_WEEK, bits);
    }

    private static int[] range(String r, String context, boolean days) {
        String[] ends = r.split("-");
        if (ends.length == 1 && days) {
            int d = day(ends[0], context);
            return new int[] {d, d};
        }
        if (ends.length != 2) {
            throw new IllegalArgumentException("logon hours: bad range '" + r + "' in '" + context + "'");
        }
        if (days) {
            return new int[] {day(ends[0], context), day(ends[1], context)};
        }
        int from = hour(ends[0], context);
        int to = hour(ends[1], context);
        if (from >= to) {
            throw new IllegalArgumentException("logon hours: empty hour range '" + r + "' in '" + context + "'");
        }
        return new int[] {from, to};
    }

    private static int day(String name, String context) {
        for (int i = 0; i < 7; i++) {
            if (DAYS[i].equalsIgnoreCase(name) || DayOfWeek.of(i == 0 ? 7 : i).name().equalsIgnoreCase(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("logon hours: unknown day '" + name + "' in '" + context + "' (Sun..Sat)");
    }

    private static int hour(String h, String context) {
        String t = h.endsWith(":00") ? h.substring(0, h.length() - 3) : h;
        try {
            int v = Integer.parseInt(t);
            if (v >= 0 && v <= 24) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("logon hours: bad hour '" + h + "' in '" + context + "' (00..24)");
    }

    /** The text form; hourly bitmaps as day ranges, other unit counts as {@code units:<n>:hex:<bitmap>}. */
    public String toSpec() {
        if (isAlways()) {
            return "always";
        }
        if (unitsPerWeek != HOURS_PER_WEEK) {
            return "units:" + unitsPerWeek + ":hex:" + HexFormat.of().formatHex(bitmap);
        }
        List<String> parts = new ArrayList<>();
        for (int d = 0; d < 7; d++) {
            int h = 0;
            while (h < 24) {
                if (unitAllowed(d * 24 + h)) {
                    int from = h;
                    while (h < 24 && unitAllowed(d * 24 + h)) {
                        h++;
                    }
                    parts.add(String.format(Locale.ROOT, "%s %02d-%02d", DAYS[d], from, h));
                } else {
                    h++;
                }
            }
        }
        return parts.isEmpty() ? "never" : String.join("; ", parts);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogonHours l && l.unitsPerWeek == unitsPerWeek && Arrays.equals(l.bitmap, bitmap);
    }

    @Override
    public int hashCode() {
        return unitsPerWeek * 31 + Arrays.hashCode(bitmap);
    }

    @Override
    public String toString() {
        return toSpec();
    }
}
