package org.openlsa.kerberos.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.openlsa.core.LsaException;
import org.openlsa.crypto.kerberos.KerberosCryptoException;
import org.openlsa.kdc.client.KdcClient;
import org.openlsa.kdc.client.KdcClient.Credential;
import org.openlsa.kdc.client.KdcClient.KdcRefusal;
import org.openlsa.krb5.EncKdcRepPart;
import org.openlsa.krb5.TicketFlags;
import org.openlsa.krb5.der.KrbDecodeException;

/**
 * Keeps the sessions' TGTs alive (RFC 4120 3.3.3.1): a sweep every {@link #SWEEP} renews each session's TGT that is
 * renewable, still within its renew-till, and has a quarter of its lifetime (at least 5 minutes) or less left, so
 * that a session never finds its TGT expired while its renewable lifetime lasts. A KDC that refuses (a disabled
 * account, an unreachable KDC) leaves the TGT to expire; the next sweep tries again.
 */
public final class TgtRenewal {
    /** How often the sweep looks for TGTs that are due. */
    public static final Duration SWEEP = Duration.ofMinutes(1);
    /** A TGT is renewed once this share of its lifetime, or 5 minutes, whichever is more, is all that is left. */
    private static final int RENEW_WHEN_ONE_IN = 4;
    private static final Duration MIN_WINDOW = Duration.ofMinutes(5);
    private static final System.Logger LOG = System.getLogger(TgtRenewal.class.getName());

    /** The KDC client of a realm. */
    public interface Kdcs {
        KdcClient of(String realm) throws LsaException;
    }

    private final SessionTickets sessions;
    private final Kdcs kdcs;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;

    private TgtRenewal(SessionTickets sessions, Kdcs kdcs, Clock clock) {
        this.sessions = sessions;
        this.kdcs = kdcs;
        this.clock = clock;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("kerberos-ticket-renewal").factory());
    }

    /** Starts the sweep on its own daemon thread. */
    public static TgtRenewal start(SessionTickets sessions, Kdcs kdcs, Clock clock) {
        TgtRenewal r = new TgtRenewal(sessions, kdcs, clock);
        r.scheduler.scheduleWithFixedDelay(r::renewQuietly, SWEEP.toSeconds(), SWEEP.toSeconds(), TimeUnit.SECONDS);
        return r;
    }

    public void stop() {
        scheduler.shutdownNow();
    }

    private void renewQuietly() {
        try {
            renewDue();
        } catch (RuntimeException e) {
            // The sweep must survive anything: a dead scheduler would stop renewing every session.
            LOG.log(System.Logger.Level.WARNING, "Kerberos ticket renewal sweep failed", e);
        }
    }

    /** One sweep: renews every session's TGT that is due now; returns how many were renewed. */
    public int renewDue() {
        Instant now = clock.instant();
        int renewed = 0;
        for (SessionTickets.Cache cache : sessions.caches()) {
            // A copy with its own key: a purge may destroy the cached one while the KDC answers.
            Optional<Credential> due = cache.read(tickets -> tickets.stream()
                    .filter(t -> t.part().sname().isKrbtgt() && isDue(t, now)).findFirst()
                    .map(SessionTickets::copy));
            if (due.isEmpty()) {
                continue;
            }
            try (Credential old = due.get()) {
                cache.add(kdcs.of(old.ticket().realm()).renew(old));
                renewed++;
            } catch (KdcRefusal | IOException | KerberosCryptoException | KrbDecodeException | LsaException e) {
                LOG.log(System.Logger.Level.INFO, "could not renew the TGT of " + cache.client().name().format(
                        cache.client().realm()) + ": " + e.getMessage());
            }
        }
        return renewed;
    }

    private static boolean isDue(Credential t, Instant now) {
        EncKdcRepPart p = t.part();
        if (!p.flags().has(TicketFlags.RENEWABLE) || p.renewTill().isEmpty()
                || !p.renewTill().get().instant().isAfter(now) || !p.endtime().instant().isAfter(now)) {
            return false;
        }
        Duration life = Duration.between(p.starttime().orElse(p.authtime()).instant(), p.endtime().instant());
        Duration window = life.dividedBy(RENEW_WHEN_ONE_IN);
        if (window.compareTo(MIN_WINDOW) < 0) {
            window = MIN_WINDOW;
        }
        return !Duration.between(now, p.endtime().instant()).minus(window).isPositive();
    }
}
