package org.openlsa.ntlmssp;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.openlsa.crypto.Upcase;

/**
 * What an {@link NtlmAcceptor} tells clients about itself and how long its challenges live.
 *
 * @param netbiosDomain the NetBIOS domain name: the CHALLENGE's TargetName and MsvAvNbDomainName (clients compute
 *     NTLMv2 with the domain they name, which is usually this one)
 * @param netbiosComputer MsvAvNbComputerName (impacket's client, for one, insists on it)
 * @param dnsDomain MsvAvDnsDomainName; empty to leave it out
 * @param dnsComputer MsvAvDnsComputerName; empty to leave it out
 * @param challengeLifetime how long an AUTHENTICATE may follow its CHALLENGE (lsa-semantics 5: at most 30 minutes)
 * @param clock the time source of challenge expiry and of MsvAvTimestamp
 * @param random the source of server challenges; must be a cryptographically strong generator in production
 * @param originName the LogonRequest origin the audit log shows
 */
public record NtlmAcceptorSettings(String netbiosDomain, String netbiosComputer, String dnsDomain, String dnsComputer,
                                   Duration challengeLifetime, InstantSource clock, RandomGenerator random,
                                   String originName) {
    public static final Duration MAX_CHALLENGE_LIFETIME = Duration.ofMinutes(30);

    public NtlmAcceptorSettings {
        Objects.requireNonNull(netbiosDomain, "netbiosDomain");
        Objects.requireNonNull(netbiosComputer, "netbiosComputer");
        Objects.requireNonNull(dnsDomain, "dnsDomain");
        Objects.requireNonNull(dnsComputer, "dnsComputer");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(originName, "originName");
        if (challengeLifetime.isNegative() || challengeLifetime.isZero()
                || challengeLifetime.compareTo(MAX_CHALLENGE_LIFETIME) > 0) {
            throw new IllegalArgumentException("a challenge lives more than 0 and at most 30 minutes, not "
                    + challengeLifetime);
        }
    }

    /**
     * Settings for a server of {@code domain} named {@code computer} (both upper-cased as NetBIOS names are, code
     * unit by code unit): 5-minute challenges, the system clock, SecureRandom.
     */
    public static NtlmAcceptorSettings of(String domain, String computer) {
        return new NtlmAcceptorSettings(Upcase.of(domain), Upcase.of(computer), "", "",
                Duration.ofMinutes(5), InstantSource.system(), new java.security.SecureRandom(), "NTLMSSP acceptor");
    }

    public NtlmAcceptorSettings withClock(InstantSource v) {
        return new NtlmAcceptorSettings(netbiosDomain, netbiosComputer, dnsDomain, dnsComputer, challengeLifetime, v,
                random, originName);
    }

    public NtlmAcceptorSettings withChallengeLifetime(Duration v) {
        return new NtlmAcceptorSettings(netbiosDomain, netbiosComputer, dnsDomain, dnsComputer, v, clock, random,
                originName);
    }
}
