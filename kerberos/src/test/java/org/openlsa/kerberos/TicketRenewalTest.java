package org.openlsa.kerberos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openlsa.core.LsaException;
import org.openlsa.core.Luid;
import org.openlsa.core.SecurityLogonType;
import org.openlsa.engine.CallPackageResult;
import org.openlsa.engine.LogonResult;
import org.openlsa.engine.LsaConnection;

/**
 * TGT renewal of sessions: a password logon asks a renewable TGT, and the renewal sweep renews it while a quarter
 * of its lifetime is left, so the session's TGT never lapses before its renew-till. The sweep is driven directly
 * here, on a clock the test moves; in the package it runs every minute.
 */
class TicketRenewalTest {
    /** A clock the test moves; the engine, the package and the embedded KDC all read it. */
    static final class MovableClock implements InstantSource {
        private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now().truncatedTo(ChronoUnit.SECONDS));

        @Override
        public Instant instant() {
            return now.get();
        }

        void advance(Duration d) {
            now.updateAndGet(t -> t.plus(d));
        }
    }

    @TempDir Path dir;
    final MovableClock clock = new MovableClock();
    KerberosRealm realm;

    @BeforeEach
    void setUp() throws LsaException {
        realm = new KerberosRealm(dir, KerberosConfig.embedded(), clock);
        realm.addUser("alice", "Wonderland-Passw0rd");
    }

    @AfterEach
    void tearDown() {
        realm.close();
    }

    private KerbTicketCacheInfo tgt(LsaConnection c, Luid session) throws LsaException {
        CallPackageResult r = c.callAuthenticationPackage(c.lookupAuthenticationPackage(KerberosPackage.NAME),
                KerbCallCodec.encode(new KerbCallRequest.QueryTicketCache(session, true)));
        byte[] bytes = r.returnBuffer().bytes();
        c.freeReturnBuffer(r.returnBuffer());
        List<KerbTicketCacheInfo> tickets = KerbCallCodec.decodeQueryResponse(bytes);
        return tickets.stream().filter(t -> t.serverName().startsWith("krbtgt/")).findFirst().orElseThrow();
    }

    private static Instant instant(long ntTime) {
        return org.openlsa.core.NtTime.toInstantOrNull(ntTime);
    }

    @Test
    void theSweepRenewsATgtBeforeItExpiresAndNotBefore() throws Exception {
        var request = KerberosRealm.passwordLogon(realm.trusted, SecurityLogonType.INTERACTIVE, "CONTOSO", "alice",
                "Wonderland-Passw0rd");
        LogonResult r = realm.trusted.logonUser(request);
        request.close();
        KerbTicketCacheInfo first = tgt(realm.trusted, r.logonId());
        Instant end = instant(first.endTime());
        Instant renewTill = instant(first.renewTime());
        assertTrue(renewTill.isAfter(end.plus(Duration.ofDays(1))), "a renewable TGT: " + renewTill + " vs " + end);
        Duration life = Duration.between(instant(first.startTime()), end);

        // With more than a quarter of its life left, nothing is due.
        clock.advance(life.dividedBy(2));
        assertEquals(0, realm.pkg.renewDueTickets());
        assertEquals(first.endTime(), tgt(realm.trusted, r.logonId()).endTime());

        // With less, the sweep renews it: a full lifetime from now, the same renew-till.
        clock.advance(life.dividedBy(3));
        Instant renewedAt = clock.instant();
        assertEquals(1, realm.pkg.renewDueTickets());
        KerbTicketCacheInfo renewed = tgt(realm.trusted, r.logonId());
        assertEquals(renewedAt.plus(life), instant(renewed.endTime()));
        assertEquals(first.renewTime(), renewed.renewTime());
        // Once renewed it is not due again at once, and the KDC takes it for service tickets.
        assertEquals(0, realm.pkg.renewDueTickets());
        var web = realm.addUser("websvc", "Web-Passw0rd-1");
        realm.store.addServicePrincipalName(web.rid(), "HTTP/web.contoso.test");
        CallPackageResult st = realm.trusted.callAuthenticationPackage(
                realm.trusted.lookupAuthenticationPackage(KerberosPackage.NAME), KerbCallCodec.encode(
                        new KerbCallRequest.RetrieveTicket(r.logonId(), "HTTP/web.contoso.test", 0, 0, 0, true)));
        KerbExternalTicket ticket = KerbCallCodec.decodeRetrieveResponse(st.returnBuffer().bytes());
        realm.trusted.freeReturnBuffer(st.returnBuffer());
        assertEquals(List.of("HTTP", "web.contoso.test"), ticket.serviceName().names());
    }

    @Test
    void aTgtPastItsRenewTillIsLeftToExpire() throws Exception {
        var request = KerberosRealm.passwordLogon(realm.trusted, SecurityLogonType.INTERACTIVE, "CONTOSO", "alice",
                "Wonderland-Passw0rd");
        LogonResult r = realm.trusted.logonUser(request);
        request.close();
        KerbTicketCacheInfo first = tgt(realm.trusted, r.logonId());
        clock.advance(Duration.between(instant(first.startTime()), instant(first.renewTime())).plusMinutes(1));
        assertEquals(0, realm.pkg.renewDueTickets());
        assertEquals(first.endTime(), tgt(realm.trusted, r.logonId()).endTime());
    }
}
