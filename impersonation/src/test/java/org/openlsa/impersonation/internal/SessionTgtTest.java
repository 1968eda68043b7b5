package org.openlsa.impersonation.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openlsa.kerberos.KerbExternalTicket;
import org.openlsa.kerberos.KerbTicketCacheInfo;

class SessionTgtTest {
    private static KerbTicketCacheInfo info(String server, String serverRealm) {
        return new KerbTicketCacheInfo("alice", "A.TEST", server, serverRealm, 1, 2, 0, 18, 0);
    }

    @Test
    void theHomeRealmsTgtIsChosenOverAReferralTgtAndServiceTickets() {
        KerbTicketCacheInfo referral = info("krbtgt/B.TEST", "A.TEST");
        KerbTicketCacheInfo home = info("krbtgt/A.TEST", "A.TEST");
        assertEquals(Optional.of(home), SessionTgt.homeTgt(List.of(info("HTTP/web", "A.TEST"), referral, home)));
        assertEquals(Optional.of(referral), SessionTgt.homeTgt(List.of(referral)), "any TGT rather than none");
        assertEquals(Optional.empty(), SessionTgt.homeTgt(List.of(info("host/lsahost", "A.TEST"))));
    }

    @Test
    void flagNIsBit31MinusNAndRenewableNeedsARenewTill() {
        int forwardableRenewable = 1 << 30 | 1 << 23;
        boolean[] f = SessionTgt.flags(forwardableRenewable, true);
        assertTrue(f[1] && f[8]);
        assertFalse(f[0] || f[2] || f[9]);
        assertFalse(SessionTgt.flags(forwardableRenewable, false)[8]);
        assertTrue(SessionTgt.flags(1 << 31, true)[0]);
    }

    @Test
    void namesQuoteTheirSeparators() {
        assertEquals("krbtgt/A.TEST@A.TEST", SessionTgt.name(new KerbExternalTicket.Name(2,
                List.of("krbtgt", "A.TEST")), "A.TEST"));
        assertEquals("a\\/b\\@c@A.TEST", SessionTgt.name(new KerbExternalTicket.Name(1, List.of("a/b@c")), "A.TEST"));
    }
}
