package org.openlsa.daemon;

import java.io.UnsupportedEncodingException;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The one place where a process of OpenLSA ({@code lsa serve}, {@code lsa kdc}, any {@code lsa} command, and
 * {@link Lsad#main}) sets up its log: every record one line on standard error, at a level that can be chosen.
 *
 * <p>The classes log through {@link System.Logger}, which the JDK backs with java.util.logging; its default
 * SimpleFormatter spends two lines on a record (date and source, then level and message), so one event cannot be
 * told from the next by a line-oriented reader (journald, grep). {@link #install(Level)} replaces the root handler by
 * one that writes {@code 2026-12-07T15:21:04.123Z INFO org.openlsa.daemon: message}, with a thrown exception and its
 * causes on the same line and line breaks inside a message escaped, so that nothing a client sends can forge a line.
 *
 * <p>Levels, by their System.Logger names: {@code off}, {@code error}, {@code warning}, {@code info} (the default),
 * {@code debug}, {@code trace}. The level applies to OpenLSA's own loggers ({@code org.openlsa.*}); other libraries
 * stay at {@code info} or above, so {@code debug} does not turn on SQLite's statement trace.
 */
public final class DaemonLog {
    private DaemonLog() {}

    /** The environment variable that sets the level when no option does. */
    public static final String LEVEL_VARIABLE = "OPENLSA_LOG_LEVEL";

    private static final String OPENLSA = "org.openlsa";
    // Held here: LogManager keeps only weak references to loggers, and a collected logger forgets its level.
    private static final Logger OPENLSA_LOGGER = Logger.getLogger(OPENLSA);

    /** The level a name stands for: off, error, warning, info, debug or trace (any case). */
    public static Level parseLevel(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "off" -> Level.OFF;
            case "error" -> Level.SEVERE;
            case "warning", "warn" -> Level.WARNING;
            case "info" -> Level.INFO;
            case "debug" -> Level.FINE;
            case "trace" -> Level.FINER;
            default -> throw new IllegalArgumentException("log level must be off, error, warning, info, debug or trace,"
                    + " not '" + name + "'");
        };
    }

    /**
     * The level {@link #LEVEL_VARIABLE} names, if set and not blank.
     *
     * @throws IllegalArgumentException for a value that is no level
     */
    public static Optional<Level> levelFromEnvironment() {
        String v = System.getenv(LEVEL_VARIABLE);
        if (v == null || v.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(parseLevel(v));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(LEVEL_VARIABLE + ": " + e.getMessage());
        }
    }

    /**
     * Sends every log record of this process to standard error, one line each, OpenLSA's at {@code level} and up.
     * Calling it again replaces the previous set-up (a command's option overrides the environment's level).
     */
    public static synchronized void install(Level level) {
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        Handler stderr = new StderrHandler();
        stderr.setFormatter(new OneLineFormatter());
        stderr.setLevel(Level.ALL);
        root.addHandler(stderr);
        root.setLevel(level.intValue() > Level.INFO.intValue() ? level : Level.INFO);
        OPENLSA_LOGGER.setLevel(level);
    }

    /** A ConsoleHandler (standard error, flushed per record) writing UTF-8 whatever the platform's default is. */
    private static final class StderrHandler extends ConsoleHandler {
        StderrHandler() {
            try {
                setEncoding("UTF-8");
            } catch (UnsupportedEncodingException e) {
                throw new IllegalStateException("UTF-8 is always supported", e);
            }
        }
    }

    /** One record, one line: instant, level (System.Logger's name), logger, message, exception chain. */
    static final class OneLineFormatter extends Formatter {
        @Override
        public String format(LogRecord r) {
            StringBuilder b = new StringBuilder(128);
            b.append(Instant.ofEpochMilli(r.getMillis())).append(' ').append(levelName(r.getLevel())).append(' ')
                    .append(r.getLoggerName() == null ? "-" : r.getLoggerName()).append(": ");
            oneLine(b, formatMessage(r));
            for (Throwable t = r.getThrown(), seen = null; t != null && t != seen; seen = t, t = t.getCause()) {
                b.append(seen == null ? " | " : " | caused by ");
                oneLine(b, t.toString());
                StackTraceElement[] frames = t.getStackTrace();
                if (frames.length > 0) {
                    b.append(" at ").append(frames[0]);
                }
            }
            return b.append(System.lineSeparator()).toString();
        }

        private static String levelName(Level l) {
            int v = l.intValue();
            if (v >= Level.SEVERE.intValue()) {
                return "ERROR";
            }
            if (v >= Level.WARNING.intValue()) {
                return "WARNING";
            }
            if (v >= Level.INFO.intValue()) {
                return "INFO";
            }
            return v >= Level.FINE.intValue() ? "DEBUG" : "TRACE";
        }

        /** Appends {@code s} with CR, LF and other control characters escaped, so it cannot start a line. */
        private static void oneLine(StringBuilder b, String s) {
            if (s == null) {
                b.append("null");
                return;
            }
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '\n' -> b.append("\\n");
                    case '\r' -> b.append("\\r");
                    case '\t' -> b.append(' ');
                    default -> {
                        if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                            b.append(String.format("\\u%04x", (int) c));
                        } else {
                            b.append(c);
                        }
                    }
                }
            }
        }
    }
}
