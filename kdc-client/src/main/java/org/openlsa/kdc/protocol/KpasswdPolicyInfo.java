package org.openlsa.kdc.protocol;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;

/**
 * The password policy Active Directory puts in a SOFTERROR result's text instead of words: 30 octets, big-endian,
 * <pre>
 * 0  zero (2) | 2 minimum length (4) | 6 history length (4) | 10 properties (4) |
 * 14 maximum age (8, 100 ns units) | 22 minimum age (8, 100 ns units)
 * </pre>
 * MIT's kpasswd turns it into sentences ("The password must contain at least 8 characters."), as Windows does, so
 * the user learns which rule the new password broke. Layout as MIT's decoder reads it (lib/krb5/krb/chpw.c).
 */
public record KpasswdPolicyInfo(int minLength, int history, int properties, Optional<Duration> maxAge,
                                Duration minAge) {
    public static final int LENGTH = 30;
    /** DOMAIN_PASSWORD_COMPLEX (MS-SAMR 2.2.1.3): the only property clients act on. */
    public static final int COMPLEX = 0x1;

    private static final long TICKS_PER_MILLI = 10_000;

    public byte[] encode() {
        return ByteBuffer.allocate(LENGTH).putShort((short) 0).putInt(minLength).putInt(history).putInt(properties)
                .putLong(maxAge.map(KpasswdPolicyInfo::ticks).orElse(0L)).putLong(ticks(minAge)).array();
    }

    /** The policy in a result text, or empty when the text is not one (any other length, or not starting 0). */
    public static Optional<KpasswdPolicyInfo> decode(byte[] text) {
        if (text.length != LENGTH || text[0] != 0 || text[1] != 0) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(text, 2, LENGTH - 2);
        int min = b.getInt();
        int history = b.getInt();
        int properties = b.getInt();
        long max = b.getLong();
        long minAge = b.getLong();
        return Optional.of(new KpasswdPolicyInfo(min, history, properties,
                max == 0 ? Optional.empty() : Optional.of(duration(max)), duration(minAge)));
    }

    private static long ticks(Duration d) {
        return Math.multiplyExact(d.toMillis(), TICKS_PER_MILLI);
    }

    private static Duration duration(long ticks) {
        return Duration.ofMillis(Long.divideUnsigned(ticks, TICKS_PER_MILLI));
    }
}
