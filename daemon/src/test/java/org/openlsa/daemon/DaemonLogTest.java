package org.openlsa.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** The daemon's log format: one line per record, whatever the message or exception holds. */
class DaemonLogTest {
    private static String format(Level level, String message, Throwable thrown, Object... params) {
        LogRecord r = new LogRecord(level, message);
        r.setLoggerName("org.openlsa.daemon");
        r.setInstant(java.time.Instant.parse("2026-12-07T15:21:04.123Z"));
        r.setParameters(params);
        r.setThrown(thrown);
        return new DaemonLog.OneLineFormatter().format(r);
    }

    @Test
    void aRecordIsOneLineWithInstantLevelLoggerAndMessage() {
        assertEquals("2026-12-07T15:21:04.123Z INFO org.openlsa.daemon: serving /s on /s/lsad.sock"
                + System.lineSeparator(), format(Level.INFO, "serving {0} on {1}", null, "/s", "/s/lsad.sock"));
        assertTrue(format(Level.SEVERE, "x", null).contains(" ERROR "));
        assertTrue(format(Level.FINE, "x", null).contains(" DEBUG "));
        assertTrue(format(Level.FINER, "x", null).contains(" TRACE "));
    }

    @Test
    void lineBreaksInMessagesAndExceptionsCannotStartAnotherLine() {
        String line = format(Level.SEVERE, "client said {0}", new IOException("bad\nframe",
                new IllegalStateException("inner\r\ncause")), "a\nFAKE 2026-01-01T00:00:00Z INFO forged");
        assertEquals(1, line.lines().count(), line);
        assertTrue(line.contains("client said a\\nFAKE") && line.contains("| java.io.IOException: bad\\nframe at ")
                && line.contains("| caused by java.lang.IllegalStateException: inner\\r\\ncause"), line);
    }

    @Test
    void levelsHaveTheirSystemLoggerNames() {
        assertEquals(Level.SEVERE, DaemonLog.parseLevel("error"));
        assertEquals(Level.WARNING, DaemonLog.parseLevel("WARNING"));
        assertEquals(Level.INFO, DaemonLog.parseLevel("info"));
        assertEquals(Level.FINE, DaemonLog.parseLevel("debug"));
        assertEquals(Level.FINER, DaemonLog.parseLevel("trace"));
        assertEquals(Level.OFF, DaemonLog.parseLevel("off"));
        assertThrows(IllegalArgumentException.class, () -> DaemonLog.parseLevel("loud"));
    }
}
