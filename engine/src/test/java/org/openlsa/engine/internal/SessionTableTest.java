package org.openlsa.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openlsa.core.LsaException;
import org.openlsa.core.Luid;
import org.openlsa.core.NtStatus;
import org.openlsa.core.SecurityLogonType;
import org.openlsa.core.Sid;
import org.openlsa.engine.spi.ProfileDetails;

/** The session table's references: tokens and processes both hold a session; it ends with the last of either. */
class SessionTableTest {
    private static final Sid ALICE = Sid.parse("S-1-5-21-1-2-3-1000");

    private static LogonSession session(long id, boolean reserved) {
        return new LogonSession(new Luid(id), SecurityLogonType.INTERACTIVE, ALICE, "alice", "DOM", "Scripted",
                Instant.EPOCH, "", "", "", ProfileDetails.NONE, reserved, Optional.empty(), Optional.empty());
    }

    @Test
    void aProcessOutlivesTheLastTokenAndTheSessionEndsWithIt() throws Exception {
        SessionTable t = new SessionTable();
        LogonSession s = session(5000, false);
        t.createWithToken(s, 10, 10, false);
        t.addProcess(s.id);
        assertEquals(Optional.empty(), t.releaseToken(s.id), "the process still holds it");
        assertTrue(t.snapshot(s.id).isPresent());
        assertEquals(Optional.of(s), t.releaseProcess(s.id));
        assertEquals(0, t.size());
    }

    @Test
    void aTokenOutlivesTheLastProcess() throws Exception {
        SessionTable t = new SessionTable();
        LogonSession s = session(5001, false);
        t.createWithToken(s, 10, 10, false);
        t.addProcess(s.id);
        t.addProcess(s.id);
        assertEquals(Optional.empty(), t.releaseProcess(s.id));
        assertEquals(Optional.empty(), t.releaseProcess(s.id), "a token remains");
        assertEquals(Optional.of(s), t.releaseToken(s.id));
    }

    @Test
    void noProcessJoinsASessionThatHasEnded() throws Exception {
        SessionTable t = new SessionTable();
        LogonSession s = session(5002, false);
        t.createWithToken(s, 10, 10, false);
        t.releaseToken(s.id);
        LsaException e = assertThrows(LsaException.class, () -> t.addProcess(s.id));
        assertEquals(NtStatus.NO_SUCH_LOGON_SESSION, e.status());
        assertEquals(0, t.size());
    }

    @Test
    void aReservedSessionNeverEndsThroughItsProcesses() throws Exception {
        SessionTable t = new SessionTable();
        LogonSession s = session(0x3e7, true);
        t.addReserved(s);
        t.addProcess(s.id);
        assertEquals(Optional.empty(), t.releaseProcess(s.id));
        assertEquals(1, t.size());
    }
}
