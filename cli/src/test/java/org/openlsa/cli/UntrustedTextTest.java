package org.openlsa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.openlsa.cli.InProcessCli.Run;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openlsa.core.Luid;
import org.openlsa.core.SecurityLogonType;
import org.openlsa.core.Sid;
import org.openlsa.engine.LogonSessionData;

/**
 * A caller's names reach the administrator's terminal escaped: a user name with a newline, an ANSI escape or a bidi
 * override forges no line and changes no colour in any human view (issue 17: the probe forged a "success" line for
 * Administrator through 'lsa audit').
 */
class UntrustedTextTest {
    /** A newline that starts a forged audit row, ESC [31m (red), and U+202E (right-to-left override). */
    private static final String EVIL = "x\n2026-12-07T10:00:00Z            logon   success  STATUS_SUCCESS"
            + "                                       Interactive  MSV1_0    HOST1\\Administrator \u001b[31m\u202e\u009b";

    @TempDir
    Path tmp;
    Path state;

    private Run lsa(String... args) {
        return InProcessCli.lsa(state, args);
    }

    @BeforeEach
    void init() throws Exception {
        state = tmp.resolve("state");
        Path pw = Files.writeString(tmp.resolve("pw"), "Adm1n-Passw0rd!\n");
        assertEquals(0, lsa("init", "--domain", "CONTOSO", "--machine", "HOST1", "--password-file", pw.toString()).exit());
    }

    /** Nothing a terminal acts on: no control character but the line ends, no format (bidi) character. */
    private static void assertInert(String text) {
        text.codePoints().forEach(cp -> assertFalse((cp < 0x20 && cp != '\n') || (cp >= 0x7f && cp <= 0x9f)
                || Character.getType(cp) == Character.FORMAT, () -> String.format("raw U+%04X in %s", cp, text)));
    }

    @Test
    void aForgedUserNameForgesNoAuditLineAndNoLogonErrorLine() throws Exception {
        Path pw = Files.writeString(tmp.resolve("bad"), "wrong\n");
        Run logon = lsa("logon", "-u", EVIL, "--password-file", pw.toString());
        assertEquals(ExitCode.LOGON_FAILURE, logon.exit(), logon.err());
        assertInert(logon.err());
        assertTrue(logon.err().lines().noneMatch(l -> l.startsWith("2026-12-07")), "no forged line: " + logon.err());

        List<String> jsonl = Files.readAllLines(state.resolve("audit.jsonl"));
        assertTrue(jsonl.stream().anyMatch(l -> l.contains("\\n2026-12-07")), "the log holds the name, JSON-escaped: " + jsonl);
        Run audit = lsa("audit");
        assertEquals(0, audit.exit(), audit.err());
        assertInert(audit.out());
        assertEquals(jsonl.size(), audit.out().lines().count(), "one row per event: " + audit.out());
        assertTrue(audit.out().lines().noneMatch(l -> l.startsWith("2026-12-07T10:00:00Z")), audit.out());
        assertTrue(audit.out().contains("x\\x0a2026-12-07") && audit.out().contains("\\x1b[31m\\u202e\\x9b"), audit.out());
    }

    @Test
    void sessionRowsAreEscaped() {
        LogonSessionData d = new LogonSessionData(new Luid(0x1234), EVIL, "EVIL\u2066DOM", "MSV1_0\r", SecurityLogonType.NETWORK,
                0, Sid.parse("S-1-5-21-1-2-3-1000"), Instant.EPOCH, "srv", "", "", 0, "", "", "", "", Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 1);
        StringWriter out = new StringWriter();
        SessionsCommand.printTable(new PrintWriter(out, true), List.of(new SessionsCommand.Row(d.logonId(), Optional.of(d), "")));
        assertInert(out.toString());
        assertEquals(2, out.toString().lines().count(), out.toString());
        assertTrue(out.toString().contains("EVIL\\u2066DOM\\x\\x0a2026"), out.toString());
    }

    @Test
    void theEscapeFormIsTheDocumentedOne() {
        assertEquals("a\\x1b[1mb\\x7f\\x85\\u202e\\u200b\\u2028\\U000e0001 ok é 日本", Printable.of(
                "a\u001b[1mb\u007f\u0085\u202e\u200b\u2028\uDB40\uDC01 ok é 日本"));
        assertEquals("CONTOSO\\alice", Printable.of("CONTOSO\\alice"));
        assertEquals("\\ud800", Printable.of("\ud800"), "an unpaired surrogate");
    }
}
