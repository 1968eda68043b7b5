package org.openlsa.kdc.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.openlsa.krb5.ErrorCode;
import org.openlsa.krb5.KdcOptions;
import org.openlsa.krb5.KdcReqBody;
import org.openlsa.krb5.KerberosTime;

/**
 * A ticket's validity as RFC 4120 3.1.3 computes it: end time is the least of what the client asked ({@code till};
 * the zero time means "as long as allowed"), the policy's maximum and any limit from the ticket it derives from;
 * renew-till likewise, and only when RENEWABLE was asked, or RENEWABLE-OK and the end time had to be cut.
 */
public record TicketTimes(KerberosTime start, KerberosTime end, Optional<KerberosTime> renewTill) {

    /** The epoch (19700101000000Z) stands for "no limit" in till and rtime (MIT and Windows send it). */
    private static Instant limit(Optional<KerberosTime> t) {
        return t.map(KerberosTime::instant).filter(i -> i.getEpochSecond() != 0).orElse(Instant.MAX);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /**
     * @param maxLife the policy's longest ticket
     * @param endLimit the end time it may not pass (the TGT's end for a service ticket), or Instant.MAX
     * @param maxRenew the policy's longest renewal span (zero: nothing is renewable)
     * @param renewLimit the renew-till it may not pass (the TGT's), or empty when renewal is not allowed at all
     */
    public static TicketTimes compute(KdcReqBody body, Instant now, Duration maxLife, Instant endLimit,
                                      Duration maxRenew, Optional<Instant> renewLimit) throws KdcError {
        KerberosTime start = KerberosTime.truncate(now);
        Instant till = limit(Optional.of(body.till()));
        Instant policyEnd = start.instant().plus(maxLife);
        Instant end = min(min(till, policyEnd), endLimit);
        if (!end.isAfter(start.instant())) {
            throw new KdcError(ErrorCode.KDC_ERR_NEVER_VALID, "the requested end time is not after the start time");
        }
        Optional<KerberosTime> renewTill = Optional.empty();
        boolean renewable = body.kdcOptions().has(KdcOptions.RENEWABLE)
                || (body.kdcOptions().has(KdcOptions.RENEWABLE_OK) && till.isAfter(end));
        if (renewable && renewLimit.isPresent() && !maxRenew.isZero()) {
            Instant asked = body.kdcOptions().has(KdcOptions.RENEWABLE) ? limit(body.rtime()) : till;
            Instant rt = min(min(asked, start.instant().plus(maxRenew)), renewLimit.get());
            if (rt.isAfter(end)) {
                renewTill = Optional.of(KerberosTime.truncate(rt));
            }
        }
        return new TicketTimes(start, KerberosTime.truncate(end), renewTill);
    }
}
