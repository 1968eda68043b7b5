package org.openlsa.krb5;

/**
 * TicketFlags (RFC 4120 5.3), in EncTicketPart, EncKdcRepPart and KrbCredInfo. Constants are flag numbers.
 *
 * <pre>
 * TicketFlags     ::= KerberosFlags
 *         -- reserved(0), forwardable(1), forwarded(2), proxiable(3), proxy(4), may-postdate(5),
 *         -- postdated(6), invalid(7), renewable(8), initial(9), pre-authent(10), hw-authent(11),
 *         -- transited-policy-checked(12), ok-as-delegate(13), enc-pa-rep(15; RFC 6806),
 *         -- anonymous(16; RFC 8062)
 * </pre>
 *
 * Only the first 32 bits are kept (see {@link #bits}); the encoder sends exactly 32, the decoder accepts any length.
 */
public record TicketFlags(int bits) {
    public static final int RESERVED = 0;
    public static final int FORWARDABLE = 1;
    public static final int FORWARDED = 2;
    public static final int PROXIABLE = 3;
    public static final int PROXY = 4;
    public static final int MAY_POSTDATE = 5;
    public static final int POSTDATED = 6;
    public static final int INVALID = 7;
    public static final int RENEWABLE = 8;
    public static final int INITIAL = 9;
    public static final int PRE_AUTHENT = 10;
    public static final int HW_AUTHENT = 11;
    public static final int TRANSITED_POLICY_CHECKED = 12;
    public static final int OK_AS_DELEGATE = 13;
    /** The reply carries PA-REQ-ENC-PA-REP (RFC 6806 11), MS-KILE calls this bit name-canonicalize. */
    public static final int ENC_PA_REP = 15;
    /** Anonymous ticket (RFC 8062 3). */
    public static final int ANONYMOUS = 16;

    public static final TicketFlags NONE = new TicketFlags(0);

    private static final String[] NAMES = {
        "reserved", "forwardable", "forwarded", "proxiable", "proxy", "may-postdate", "postdated", "invalid",
        "renewable", "initial", "pre-authent", "hw-authent", "transited-policy-checked", "ok-as-delegate", null,
        "enc-pa-rep", "anonymous",
    };

    /** The set with exactly the given flags (flag numbers, e.g. {@link #FORWARDABLE}). */
    public static TicketFlags of(int... flags) {
        return new TicketFlags(FlagBits.of(flags));
    }

    public boolean has(int flag) {
        return (bits & FlagBits.mask(flag)) != 0;
    }

    public TicketFlags with(int flag) {
        return new TicketFlags(bits | FlagBits.mask(flag));
    }

    public TicketFlags without(int flag) {
        return new TicketFlags(bits & ~FlagBits.mask(flag));
    }

    @Override
    public String toString() {
        return FlagBits.describe("TicketFlags", bits, NAMES);
    }
}
