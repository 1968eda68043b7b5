package org.openlsa.krb5;

/**
 * PA-PAC-OPTIONS (MS-KILE 2.2.10, MS-SFU 2.2.5), padata type 167: PAC features the client asks for. Constants
 * are flag numbers. The wire form is a SEQUENCE holding the flags, as below.
 *
 * <pre>
 * PA-PAC-OPTIONS ::= SEQUENCE {
 *     flags [0] PAC-OPTIONS-FLAGS
 * }
 * PAC-OPTIONS-FLAGS ::= KerberosFlags
 *     -- Claims (0), Branch Aware (1), Forward to Full DC (2),
 *     -- Resource-based constrained delegation (3; MS-SFU 2.2.5)
 * </pre>
 *
 * Only the first 32 bits are kept (see {@link #bits}); the encoder sends exactly 32, the decoder accepts any length.
 */
public record PaPacOptions(int bits) {
    public static final int CLAIMS = 0;
    public static final int BRANCH_AWARE = 1;
    public static final int FORWARD_TO_FULL_DC = 2;
    public static final int RESOURCE_BASED_CONSTRAINED_DELEGATION = 3;

    public static final PaPacOptions NONE = new PaPacOptions(0);

    private static final String[] NAMES = {
        "claims", "branch-aware", "forward-to-full-dc", "resource-based-constrained-delegation",
    };

    /** The set with exactly the given flags (flag numbers, e.g. {@link #BRANCH_AWARE}). */
    public static PaPacOptions of(int... flags) {
        return new PaPacOptions(FlagBits.of(flags));
    }

    public boolean has(int flag) {
        return (bits & FlagBits.mask(flag)) != 0;
    }

    public PaPacOptions with(int flag) {
        return new PaPacOptions(bits | FlagBits.mask(flag));
    }

    public PaPacOptions without(int flag) {
        return new PaPacOptions(bits & ~FlagBits.mask(flag));
    }

    @Override
    public String toString() {
        return FlagBits.describe("PaPacOptions", bits, NAMES);
    }
}
