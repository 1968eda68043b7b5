package org.openlsa.sam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KerberosPolicyTest {
    private static final KerberosPolicy D = KerberosPolicy.DEFAULT;

    @Test
    void defaultsAreAesOnlyWithWindowsLifetimes() {
        assertEquals(List.of(18, 17, 20, 19), D.enctypes());
        assertFalse(D.enctypes().contains(KerberosKeys.RC4_HMAC));
        assertEquals(Duration.ofHours(10), D.maxTicketAge());
        assertEquals(Duration.ofDays(7), D.maxRenewAge());
        assertEquals(Duration.ofHours(10), D.maxServiceTicketAge());
        assertEquals(Duration.ofMinutes(5), D.maxClockSkew());
        assertTrue(D.preauthRequired());
        assertEquals(D, DomainPolicy.DEFAULT.kerberos());
    }

    @Test
    void enctypesAreKnownNonEmptyAndDistinct() {
        assertEquals(List.of(23, 18), D.withEnctypes(List.of(23, 18)).enctypes());
        assertThrows(IllegalArgumentException.class, () -> D.withEnctypes(List.of()));
        assertThrows(IllegalArgumentException.class, () -> D.withEnctypes(List.of(18, 18)));
        for (int unknown : List.of(1, 3, 16, 24, 0, -18)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> D.withEnctypes(List.of(18, unknown)));
            assertTrue(e.getMessage().contains(String.valueOf(unknown)), e.getMessage());
        }
        List<Integer> withNull = new ArrayList<>();
        withNull.add(null);
        assertThrows(NullPointerException.class, () -> D.withEnctypes(withNull));
    }

    @Test
    void theEnctypeListIsACopy() {
        List<Integer> mine = new ArrayList<>(List.of(17));
        KerberosPolicy p = D.withEnctypes(mine);
        mine.add(18);
        assertEquals(List.of(17), p.enctypes());
    }

    @Test
    void durationsAreBounded() {
        assertThrows(IllegalArgumentException.class, () -> D.withTicketAges(Duration.ZERO, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> D.withTicketAges(Duration.ofHours(1), Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> D.withMaxRenewAge(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> D.withMaxClockSkew(Duration.ofSeconds(-1)));
        assertEquals(Duration.ZERO, D.withMaxRenewAge(Duration.ZERO).maxRenewAge(), "zero: not renewable");
        assertEquals(Duration.ZERO, D.withMaxClockSkew(Duration.ZERO).maxClockSkew());
        assertFalse(D.withPreauthRequired(false).preauthRequired());
    }

    @Test
    void aServiceTicketMayNotOutliveTheTgtLimit() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> D.withTicketAges(Duration.ofHours(1), Duration.ofHours(2)));
        assertTrue(e.getMessage().contains("exceeds"), e.getMessage());
        assertEquals(Duration.ofHours(1), D.withTicketAges(Duration.ofHours(1), Duration.ofHours(1)).maxServiceTicketAge());
    }

    @Test
    void domainPolicyCarriesIt() {
        KerberosPolicy k = D.withPreauthRequired(false);
        DomainPolicy p = DomainPolicy.DEFAULT.withKerberos(k).withMinPasswordLength(8).withLockoutAdmins(true);
        assertEquals(k, p.kerberos(), "the other withers keep the Kerberos policy");
        assertThrows(NullPointerException.class, () -> DomainPolicy.DEFAULT.withKerberos(null));
    }
}
