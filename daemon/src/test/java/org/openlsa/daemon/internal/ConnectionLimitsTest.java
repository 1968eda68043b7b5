package org.openlsa.daemon.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.openlsa.daemon.internal.ConnectionLimits.Admission;

class ConnectionLimitsTest {
    @Test
    void anOrdinaryUidGetsItsShareAndThePrivilegedKeepTheReserve() {
        ConnectionLimits l = new ConnectionLimits(2, 6, 2);
        assertEquals(Admission.ADMITTED, l.admit(1000, false));
        assertEquals(Admission.ADMITTED, l.admit(1000, false));
        assertEquals(Admission.UID_FULL, l.admit(1000, false), "the third of one uid is refused");
        assertEquals(Admission.ADMITTED, l.admit(1001, false));
        assertEquals(Admission.ADMITTED, l.admit(1001, false));
        assertEquals(Admission.DAEMON_FULL, l.admit(1002, false), "4 of 6, the other 2 are reserved");
        assertEquals(Admission.ADMITTED, l.admit(0, true));
        assertEquals(Admission.ADMITTED, l.admit(0, true));
        assertEquals(Admission.DAEMON_FULL, l.admit(0, true), "privileged callers stop at the maximum");
        l.release(1000);
        assertEquals(Admission.DAEMON_FULL, l.admit(1000, false), "the freed place is inside the reserve");
        l.release(0);
        l.release(1001);
        assertEquals(Admission.ADMITTED, l.admit(1000, false));
        assertEquals(4, l.total());
        assertThrows(IllegalStateException.class, () -> l.release(4242));
    }

    @Test
    void nonsenseLimitsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ConnectionLimits(0, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> new ConnectionLimits(1, 10, 10));
        assertThrows(IllegalArgumentException.class, () -> new ConnectionLimits(1, 10, -1));
    }
}
