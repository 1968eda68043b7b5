package org.openlsa.krb5;

/**
 * KDCOptions (RFC 4120 5.4.1), in KDC-REQ-BODY. Constants are flag numbers.
 *
 * <pre>
 * KDCOptions      ::= KerberosFlags
 *         -- reserved(0), forwardable(1), forwarded(2), proxiable(3), proxy(4), allow-postdate(5),
 *         -- postdated(6), unused7(7), renewable(8), unused9(9), unused10(10), opt-hardware-auth(11),
 *         -- unused12(12), unused13(13), cname-in-addl-tkt(14; MS-SFU 2.2.3), canonicalize(15; RFC 6806),
 *         -- request-anonymous(16; RFC 8062), disable-transited-check(26), renewable-ok(27),
 *         -- enc-tkt-in-skey(28), renew(30), validate(31)
 * </pre>
 *
 * Only the first 32 bits are kept (see {@link #bits}); the encoder sends exactly 32, the decoder accepts any length.
 */
public record KdcOptions(int bits) {
    public static final int RESERVED = 0;
    public static final int FORWARDABLE = 1;
    public static final int FORWARDED = 2;
    public static final int PROXIABLE = 3;
    public static final int PROXY = 4;
    public static final int ALLOW_POSTDATE = 5;
    public static final int POSTDATED = 6;
    public static final int RENEWABLE = 8;
    public static final int OPT_HARDWARE_AUTH = 11;
    /** S4U2Proxy: the client name comes from the additional ticket (MS-SFU 2.2.3). */
    public static final int CNAME_IN_ADDL_TKT = 14;
    /** The KDC may replace the names (RFC 6806 3). */
    public static final int CANONICALIZE = 15;
    public static final int REQUEST_ANONYMOUS = 16;
    public static final int DISABLE_TRANSITED_CHECK = 26;
    public static final int RENEWABLE_OK = 27;
    public static final int ENC_TKT_IN_SKEY = 28;
    public static final int RENEW = 30;
    public static final int VALIDATE = 31;

    public static final KdcOptions NONE = new KdcOptions(0);

    private static final String[] NAMES = {
        "reserved", "forwardable", "forwarded", "proxiable", "proxy", "allow-postdate", "postdated", null,
        "renewable", null, null, "opt-hardware-auth", null, null, "cname-in-addl-tkt", "canonicalize",
        "request-anonymous", null, null, null, null, null, null, null, null, null, "disable-transited-check",
        "renewable-ok", "enc-tkt-in-skey", null, "renew", "validate",
    };

    /** The set with exactly the given flags (flag numbers, e.g. {@link #FORWARDABLE}). */
    public static KdcOptions of(int... flags) {
        return new KdcOptions(FlagBits.of(flags));
    }

    public boolean has(int flag) {
        return (bits & FlagBits.mask(flag)) != 0;
    }

    public KdcOptions with(int flag) {
        return new KdcOptions(bits | FlagBits.mask(flag));
    }

    public KdcOptions without(int flag) {
        return new KdcOptions(bits & ~FlagBits.mask(flag));
    }

    @Override
    public String toString() {
        return FlagBits.describe("KdcOptions", bits, NAMES);
    }
}
