package org.openlsa.sam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openlsa.core.QuotaLimits;

class DomainPolicyTest {
    private static final DomainPolicy D = DomainPolicy.DEFAULT;

    @Test
    void defaults() {
        assertEquals(Optional.of(Duration.ofDays(42)), D.maxPasswordAge());
        assertEquals(10, D.lockoutThreshold());
        assertEquals(Optional.of(Duration.ofMinutes(30)), D.lockoutDuration());
        assertEquals(Duration.ofMinutes(30), D.lockoutObservationWindow());
        assertEquals(false, D.lockoutAdmins());
        assertEquals(QuotaLimits.WINDOWS_DEFAULT, D.defaultQuotaLimits());
    }

    @Test
    void minimumPasswordLengthIsBounded() {
        assertEquals(0, D.withMinPasswordLength(0).minPasswordLength());
        assertEquals(256, D.withMinPasswordLength(256).minPasswordLength());
        assertThrows(IllegalArgumentException.class, () -> D.withMinPasswordLength(-1));
        assertThrows(IllegalArgumentException.class, () -> D.withMinPasswordLength(257));
    }

    @Test
    void lockoutThresholdIsAUshort() {
        assertEquals(65535, D.withLockout(65535, D.lockoutDuration(), D.lockoutObservationWindow()).lockoutThreshold());
        assertThrows(IllegalArgumentException.class, () -> D.withLockout(-1, D.lockoutDuration(), D.lockoutObservationWindow()));
        assertThrows(IllegalArgumentException.class, () -> D.withLockout(65536, D.lockoutDuration(), D.lockoutObservationWindow()));
    }

    @Test
    void negativeDurationsAreRejected() {
        Duration minus = Duration.ofSeconds(-1);
        assertThrows(IllegalArgumentException.class, () -> D.withPasswordAges(minus, Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> D.withPasswordAges(Duration.ZERO, Optional.of(minus)));
        assertThrows(IllegalArgumentException.class, () -> D.withLockout(3, Optional.of(minus), Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> D.withLockout(3, Optional.empty(), minus));
    }

    @Test
    void maxAgeMustNotBeBelowMinAge() {
        assertThrows(IllegalArgumentException.class,
                () -> D.withPasswordAges(Duration.ofDays(2), Optional.of(Duration.ofDays(1))));
        assertEquals(Optional.of(Duration.ofDays(2)),
                D.withPasswordAges(Duration.ofDays(2), Optional.of(Duration.ofDays(2))).maxPasswordAge());
        assertEquals(Optional.empty(), D.withPasswordAges(Duration.ofDays(200), Optional.empty()).maxPasswordAge());
    }

    @Test
    void observationWindowMayNotExceedLockoutDuration() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> D.withLockout(3, Optional.of(Duration.ofMinutes(10)), Duration.ofMinutes(11)));
        assertTrue(e.getMessage().contains("window"), e.getMessage());
        assertEquals(Duration.ofMinutes(10),
                D.withLockout(3, Optional.of(Duration.ofMinutes(10)), Duration.ofMinutes(10)).lockoutObservationWindow());
        // a forever lockout accepts any window
        assertEquals(Duration.ofDays(10), D.withLockout(3, Optional.empty(), Duration.ofDays(10)).lockoutObservationWindow());
    }

    @Test
    void nullsAreRejected() {
        assertThrows(NullPointerException.class, () -> D.withPasswordAges(null, Optional.empty()));
        assertThrows(NullPointerException.class, () -> D.withPasswordAges(Duration.ZERO, null));
        assertThrows(NullPointerException.class, () -> D.withLockout(3, null, Duration.ZERO));
        assertThrows(NullPointerException.class, () -> D.withLockout(3, Optional.empty(), null));
        assertThrows(NullPointerException.class, () -> D.withDefaultQuotaLimits(null));
    }

    @Test
    void withersChangeOnlyTheirField() {
        DomainPolicy p = D.withLockoutAdmins(true);
        assertEquals(true, p.lockoutAdmins());
        assertEquals(D.lockoutThreshold(), p.lockoutThreshold());
        assertEquals(D.maxPasswordAge(), p.maxPasswordAge());
        assertEquals(D, p.withLockoutAdmins(false));
    }
}
