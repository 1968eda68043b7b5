package org.openlsa.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Durations as people type them: {@code 90s}, {@code 30m}, {@code 12h}, {@code 42d}, {@code 2w}, {@code 0};
 * {@code never} / {@code forever} for "no limit" where a policy allows it.
 */
final class Durations {
    private Durations() {}

    static Optional<Duration> parseOrNever(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("never") || t.equals("forever") || t.equals("none")) {
            return Optional.empty();
        }
        return Optional.of(parse(text));
    }

    static Duration parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("0")) {
            return Duration.ZERO;
        }
        if (t.length() < 2) {
            throw bad(text);
        }
        long n;
        try {
            n = Long.parseLong(t.substring(0, t.length() - 1));
        } catch (NumberFormatException e) {
            throw bad(text);
        }
        if (n < 0) {
            throw bad(text);
        }
        return switch (t.charAt(t.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            case 'd' -> Duration.ofDays(n);
            case 'w' -> Duration.ofDays(7 * n);
            default -> throw bad(text);
        };
    }

    static String format(Optional<Duration> d, String never) {
        return d.map(Durations::format).orElse(never);
    }

    static String format(Duration d) {
        long s = d.getSeconds();
        if (s == 0) {
            return "0";
        }
        if (s % 86400 == 0) {
            return s / 86400 + "d";
        }
        if (s % 3600 == 0) {
            return s / 3600 + "h";
        }
        if (s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }

    private static IllegalArgumentException bad(String text) {
        return new IllegalArgumentException("not a duration: '" + text + "' (use e.g. 90s, 30m, 12h, 42d, 2w or 0)");
    }
}
