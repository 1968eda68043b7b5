package org.openlsa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** One row of {@code lsa audit}'s table per record, columns that line up, and process records that name the process. */
class AuditRenderTest {
    private static final String EXIT = "{\"time\":\"2026-12-07T20:00:00Z\",\"eventId\":4689,\"event\":\"processExit\","
            + "\"outcome\":\"success\",\"status\":\"STATUS_SUCCESS\",\"user\":\"alice\",\"domain\":\"CONTOSO\","
            + "\"logonId\":\"0x1234\",\"pid\":4242,\"program\":\"/usr/bin/id\",\"exit\":\"exit 0\"}";
    private static final String PREAUTH = "{\"time\":\"2026-12-07T20:00:01Z\",\"eventId\":4771,"
            + "\"event\":\"preauthFailure\",\"outcome\":\"failure\",\"status\":\"STATUS_WRONG_PASSWORD\","
            + "\"source\":\"kdc\",\"user\":\"alice\",\"domain\":\"CONTOSO\"}";
    private static final String LOGON = "{\"time\":\"2026-12-07T20:00:02Z\",\"eventId\":4624,\"event\":\"logon\","
            + "\"outcome\":\"success\",\"status\":\"STATUS_SUCCESS\",\"user\":\"alice\",\"domain\":\"CONTOSO\"}";

    @Test
    void aProcessRecordNamesItsPidProgramAndEnd() {
        String row = AuditCommand.render(EXIT);
        assertTrue(row.endsWith("0x1234  pid 4242 /usr/bin/id (exit 0)"), row);
    }

    @Test
    void theOutcomeColumnStartsAtTheSamePlaceForEveryEvent() {
        int logon = AuditCommand.render(LOGON).indexOf("success");
        assertEquals(logon, AuditCommand.render(PREAUTH).indexOf("failure"), "after the longest event name");
        assertEquals(logon, AuditCommand.render(EXIT).indexOf("success"));
    }

    @Test
    void aProgramNameIsEscapedLikeEveryOtherValue() {
        String row = AuditCommand.render(EXIT.replace("/usr/bin/id", "/tmp/x\\u001b[31m"));
        assertTrue(row.contains("/tmp/x\\x1b[31m"), row);
    }

    @Test
    void aRecordOfOneAccountActingForAnotherReadsAliceViaBobAndTheCallersNameIsEscaped() {
        String start = EXIT.replace("\"eventId\":4689,\"event\":\"processExit\"", "\"eventId\":4688,\"event\":\"processStart\"")
                .replace(",\"exit\":\"exit 0\"", "").replace("\"user\":", "\"callerName\":\"CONTOSO\\\\bob\",\"user\":");
        String row = AuditCommand.render(start);
        assertTrue(row.contains("CONTOSO\\alice via CONTOSO\\bob"), row);
        String forged = AuditCommand.render(start.replace("CONTOSO\\\\bob", "bob\\n2026 logon success"));
        assertTrue(forged.contains("via bob\\x0a2026") && !forged.contains("\n"), forged);
    }
}
