package org.openlsa.sam;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.openlsa.core.QuotaLimits;

/**
 * Domain-wide password, lockout, quota, NTLM and Kerberos policy (MS-SAMR DOMAIN_PASSWORD_INFORMATION and
 * DOMAIN_LOCKOUT_INFORMATION, plus the authentication packages' settings).
 *
 * @param passwordComplexity DOMAIN_PASSWORD_COMPLEX: new passwords must pass {@link PasswordComplexity}
 * @param passwordHistoryLength how many of a user's NT hashes are remembered (the current one included) and refused
 *        as its new password on a change, 0..{@value #MAX_PASSWORD_HISTORY_LENGTH}; 0 keeps none
 * @param maxPasswordAge empty: passwords never expire
 * @param lockoutThreshold bad passwords within the observation window that lock an account; 0 disables lockout
 * @param lockoutDuration empty: a locked account stays locked until an administrator unlocks it
 * @param lockoutAdmins whether the built-in Administrator (RID 500) can be locked out
 * @param ntlm which NTLM responses network logons accept
 * @param kerberos what the embedded KDC issues and which enctypes keys are made for
 */
public record DomainPolicy(int minPasswordLength, boolean passwordComplexity, int passwordHistoryLength,
                           Duration minPasswordAge, Optional<Duration> maxPasswordAge, int lockoutThreshold, Optional<Duration> lockoutDuration, Duration lockoutObservationWindow,
                           boolean lockoutAdmins, QuotaLimits defaultQuotaLimits, NtlmPolicy ntlm,
                           KerberosPolicy kerberos) {

    /** Active Directory's limit on pwdHistoryLength ("Enforce password history" takes 0..24). */
    public static final int MAX_PASSWORD_HISTORY_LENGTH = 24;

    /**
     * What a new domain gets (docs/store-sqlite.md, "The default policy", says why each value): Active Directory's
     * Default Domain Policy for passwords (at least 7 characters, complexity on, the last 24 remembered, one day
     * before a user may change again, expiry after 42 days), lockout after 10 bad passwords within 30 minutes for 30
     * minutes (Windows 11's threshold; the 30-minute window of lsa-semantics 4), administrators exempt, Windows'
     * default quotas.
     */
    public static final int DEFAULT_MIN_PASSWORD_LENGTH = 7;
    public static final int DEFAULT_PASSWORD_HISTORY_LENGTH = 24;
    public static final Duration DEFAULT_MIN_PASSWORD_AGE = Duration.ofDays(1);

    public static final DomainPolicy DEFAULT = new DomainPolicy(DEFAULT_MIN_PASSWORD_LENGTH, true,
            DEFAULT_PASSWORD_HISTORY_LENGTH, DEFAULT_MIN_PASSWORD_AGE, Optional.of(Duration.ofDays(42)),
            10, Optional.of(Duration.ofMinutes(30)), Duration.ofMinutes(30), false, QuotaLimits.WINDOWS_DEFAULT,
            NtlmPolicy.DEFAULT, KerberosPolicy.DEFAULT);

    public DomainPolicy {
        Objects.requireNonNull(minPasswordAge, "minPasswordAge");
        Objects.requireNonNull(maxPasswordAge, "maxPasswordAge");
        Objects.requireNonNull(lockoutDuration, "lockoutDuration");
        Objects.requireNonNull(lockoutObservationWindow, "lockoutObservationWindow");
        Objects.requireNonNull(defaultQuotaLimits, "defaultQuotaLimits");
        Objects.requireNonNull(ntlm, "ntlm");
        Objects.requireNonNull(kerberos, "kerberos");
        if (minPasswordLength < 0 || minPasswordLength > 256) {
            throw new IllegalArgumentException("minimum password length must be 0..256, not " + minPasswordLength);
        }
        if (passwordHistoryLength < 0 || passwordHistoryLength > MAX_PASSWORD_HISTORY_LENGTH) {
            throw new IllegalArgumentException("password history length must be 0.." + MAX_PASSWORD_HISTORY_LENGTH
                    + ", not " + passwordHistoryLength);
        }
        if (lockoutThreshold < 0 || lockoutThreshold > 0xFFFF) {
            throw new IllegalArgumentException("lockout threshold must be 0..65535, not " + lockoutThreshold);
        }
        if (minPasswordAge.isNegative() || lockoutObservationWindow.isNegative()
                || maxPasswordAge.map(Duration::isNegative).orElse(false)
                || lockoutDuration.map(Duration::isNegative).orElse(false)) {
            throw new IllegalArgumentException("policy durations must not be negative");
        }
        if (maxPasswordAge.isPresent() && maxPasswordAge.get().compareTo(minPasswordAge) < 0) {
            throw new IllegalArgumentException("maximum password age " + maxPasswordAge.get()
                    + " is shorter than the minimum " + minPasswordAge);
        }
        // MS-SAMR 3.1.1.6: the observation window may not exceed the lockout duration.
        if (lockoutDuration.isPresent() && lockoutObservationWindow.compareTo(lockoutDuration.get()) > 0) {
            throw new IllegalArgumentException("lockout observation window " + lockoutObservationWindow
                    + " exceeds the lockout duration " + lockoutDuration.get());
        }
    }

    public DomainPolicy withLockout(int threshold, Optional<Duration> duration, Duration window) {
        return new DomainPolicy(minPasswordLength, passwordComplexity, passwordHistoryLength,
                minPasswordAge, maxPasswordAge, threshold, duration, window,
                lockoutAdmins, defaultQuotaLimits, ntlm, kerberos);
    }

    public DomainPolicy withPasswordAges(Duration minAge, Optional<Duration> maxAge) {
        return new DomainPolicy(minPasswordLength, passwordComplexity, passwordHistoryLength,
                minAge, maxAge, lockoutThreshold, lockoutDuration,
                lockoutObservationWindow, lockoutAdmins, defaultQuotaLimits, ntlm, kerberos);
    }

    public DomainPolicy withLockoutAdmins(boolean v) {
        return new DomainPolicy(minPasswordLength, passwordComplexity, passwordHistoryLength,
                minPasswordAge, maxPasswordAge, lockoutThreshold, lockoutDuration,
                lockoutObservationWindow, v, defaultQuotaLimits, ntlm, kerberos);
    }

    public DomainPolicy withMinPasswordLength(int v) {
        return new DomainPolicy(v, passwordComplexity, passwordHistoryLength,
                minPasswordAge, maxPasswordAge, lockoutThreshold, lockoutDuration,
                lockoutObservationWindow, lockoutAdmins, defaultQuotaLimits, ntlm, kerberos);
    }

    public DomainPolicy withPasswordComplexity(boolean v) {
        return new DomainPolicy(minPasswordLength, v, passwordHistoryLength, minPasswordAge, maxPasswordAge,
                lockoutThreshold, lockoutDuration, lockoutObservationWindow, lockoutAdmins, defaultQuotaLimits, ntlm,
                kerberos);
    }

    public DomainPolicy withPasswordHistoryLength(int v) {
        return new DomainPolicy(minPasswordLength, passwordComplexity, v, minPasswordAge, maxPasswordAge,
                lockoutThreshold, lockoutDuration, lockoutObservationWindow, lockoutAdmins, defaultQuotaLimits, ntlm,
                kerberos);
    }

    public DomainPolicy withDefaultQuotaLimits(QuotaLimits v) {
        return new DomainPolicy(minPasswordLength, passwordComplexity, passwordHistoryLength,
                minPasswordAge, maxPasswordAge, lockoutThreshold, lockoutDuration,
                lockoutObservationWindow, lockoutAdmins, v, ntlm, kerberos);
    }

    public DomainPolicy withNtlm(NtlmPolicy v) {
        return new DomainPolicy(minPasswordLength, passwordComplexity, passwordHistoryLength,
                minPasswordAge, maxPasswordAge, lockoutThreshold, lockoutDuration,
                lockoutObservationWindow, lockoutAdmins, defaultQuotaLimits, v, kerberos);
    }

    public DomainPolicy withKerberos(KerberosPolicy v) {
        return new DomainPolicy(minPasswordLength, passwordComplexity, passwordHistoryLength,
                minPasswordAge, maxPasswordAge, lockoutThreshold, lockoutDuration,
                lockoutObservationWindow, lockoutAdmins, defaultQuotaLimits, ntlm, v);
    }
}
