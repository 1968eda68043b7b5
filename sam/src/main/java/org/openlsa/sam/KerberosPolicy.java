package org.openlsa.sam;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The domain's Kerberos policy: what the embedded KDC issues (the MaxTicketAge, MaxRenewAge, MaxServiceAge and
 * MaxClockSkew of Windows' Kerberos Policy, in the Default Domain Policy), and the enctypes a key set is made of.
 *
 * @param enctypes the enctypes of the keys made when a password is set and of krbtgt's keys, in preference order;
 *     among {@link KerberosKeys#SUPPORTED}, at least one, none twice. RC4-HMAC (23) is never a default: a domain
 *     that still serves old clients lists it explicitly
 * @param maxTicketAge longest lifetime of a ticket-granting ticket (MaxTicketAge); positive
 * @param maxRenewAge longest time a ticket can be renewed for, from its start (MaxRenewAge); zero: not renewable
 * @param maxServiceTicketAge longest lifetime of a service ticket (MaxServiceAge); positive and, as Windows
 *     requires, not longer than {@code maxTicketAge}
 * @param maxClockSkew tolerated difference between a client's and the KDC's clocks (MaxClockSkew); not negative
 * @param preauthRequired whether AS requests need pre-authentication; an account's
 *     {@link AccountFlag#DONT_REQUIRE_PREAUTH} waives it for that account
 */
public record KerberosPolicy(List<Integer> enctypes, Duration maxTicketAge, Duration maxRenewAge,
                             Duration maxServiceTicketAge, Duration maxClockSkew, boolean preauthRequired) {

    /** AES only, strongest first as the JDK and MIT order them; Windows' ticket lifetimes and clock skew. */
    public static final KerberosPolicy DEFAULT = new KerberosPolicy(
            List.of(KerberosKeys.AES256_CTS_HMAC_SHA1_96, KerberosKeys.AES128_CTS_HMAC_SHA1_96,
                    KerberosKeys.AES256_CTS_HMAC_SHA384_192, KerberosKeys.AES128_CTS_HMAC_SHA256_128),
            Duration.ofHours(10), Duration.ofDays(7), Duration.ofHours(10), Duration.ofMinutes(5), true);

    public KerberosPolicy {
        enctypes = List.copyOf(enctypes);
        Objects.requireNonNull(maxTicketAge, "maxTicketAge");
        Objects.requireNonNull(maxRenewAge, "maxRenewAge");
        Objects.requireNonNull(maxServiceTicketAge, "maxServiceTicketAge");
        Objects.requireNonNull(maxClockSkew, "maxClockSkew");
        if (enctypes.isEmpty()) {
            throw new IllegalArgumentException("the Kerberos policy needs at least one enctype");
        }
        Set<Integer> seen = new HashSet<>();
        for (int e : enctypes) {
            if (!KerberosKeys.isSupported(e)) {
                throw new IllegalArgumentException("enctype " + e + " is not one of " + KerberosKeys.SUPPORTED);
            }
            if (!seen.add(e)) {
                throw new IllegalArgumentException("enctype " + e + " is listed twice");
            }
        }
        if (!maxTicketAge.isPositive() || !maxServiceTicketAge.isPositive()) {
            throw new IllegalArgumentException("ticket lifetimes must be positive, not " + maxTicketAge + " and "
                    + maxServiceTicketAge);
        }
        if (maxRenewAge.isNegative() || maxClockSkew.isNegative()) {
            throw new IllegalArgumentException("the renewal age and clock skew must not be negative, not "
                    + maxRenewAge + " and " + maxClockSkew);
        }
        if (maxServiceTicketAge.compareTo(maxTicketAge) > 0) {
            throw new IllegalArgumentException("the service ticket lifetime " + maxServiceTicketAge
                    + " exceeds the ticket-granting ticket lifetime " + maxTicketAge);
        }
    }

    public KerberosPolicy withEnctypes(List<Integer> v) {
        return new KerberosPolicy(v, maxTicketAge, maxRenewAge, maxServiceTicketAge, maxClockSkew, preauthRequired);
    }

    /** Both lifetimes at once, since the service ticket's may not exceed the TGT's. */
    public KerberosPolicy withTicketAges(Duration maxTicket, Duration maxServiceTicket) {
        return new KerberosPolicy(enctypes, maxTicket, maxRenewAge, maxServiceTicket, maxClockSkew, preauthRequired);
    }

    public KerberosPolicy withMaxRenewAge(Duration v) {
        return new KerberosPolicy(enctypes, maxTicketAge, v, maxServiceTicketAge, maxClockSkew, preauthRequired);
    }

    public KerberosPolicy withMaxClockSkew(Duration v) {
        return new KerberosPolicy(enctypes, maxTicketAge, maxRenewAge, maxServiceTicketAge, v, preauthRequired);
    }

    public KerberosPolicy withPreauthRequired(boolean v) {
        return new KerberosPolicy(enctypes, maxTicketAge, maxRenewAge, maxServiceTicketAge, maxClockSkew, v);
    }
}
