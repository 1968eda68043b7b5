package org.openlsa.krb5;

/**
 * APOptions (RFC 4120 5.5.1), in AP-REQ. Constants are flag numbers.
 *
 * <pre>
 * APOptions       ::= KerberosFlags
 *         -- reserved(0), use-session-key(1), mutual-required(2)
 * </pre>
 *
 * Only the first 32 bits are kept (see {@link #bits}); the encoder sends exactly 32, the decoder accepts any length.
 */
public record ApOptions(int bits) {
    public static final int RESERVED = 0;
    public static final int USE_SESSION_KEY = 1;
    public static final int MUTUAL_REQUIRED = 2;

    public static final ApOptions NONE = new ApOptions(0);

    private static final String[] NAMES = {
        "reserved", "use-session-key", "mutual-required",
    };

    /** The set with exactly the given flags (flag numbers, e.g. {@link #USE_SESSION_KEY}). */
    public static ApOptions of(int... flags) {
        return new ApOptions(FlagBits.of(flags));
    }

    public boolean has(int flag) {
        return (bits & FlagBits.mask(flag)) != 0;
    }

    public ApOptions with(int flag) {
        return new ApOptions(bits | FlagBits.mask(flag));
    }

    public ApOptions without(int flag) {
        return new ApOptions(bits & ~FlagBits.mask(flag));
    }

    @Override
    public String toString() {
        return FlagBits.describe("ApOptions", bits, NAMES);
    }
}
