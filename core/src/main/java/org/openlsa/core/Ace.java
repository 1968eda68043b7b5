package org.openlsa.core;

import java.util.Objects;

/**
 * ACCESS_ALLOWED_ACE / ACCESS_DENIED_ACE (MS-DTYP 2.4.4.2, 2.4.4.4): {ACE_HEADER {AceType, AceFlags, AceSize};
 * ACCESS_MASK Mask; SID SidStart}.
 */
public record Ace(AceType type, int flags, int accessMask, Sid sid) {
    /** AceFlags (MS-DTYP 2.4.4.1). */
    public static final int OBJECT_INHERIT = 0x01;
    public static final int CONTAINER_INHERIT = 0x02;
    public static final int NO_PROPAGATE_INHERIT = 0x04;
    public static final int INHERIT_ONLY = 0x08;
    public static final int INHERITED = 0x10;
    public static final int SUCCESSFUL_ACCESS = 0x40;
    public static final int FAILED_ACCESS = 0x80;

    public Ace {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(sid, "sid");
        if (flags < 0 || flags > 0xFF) {
            throw new IllegalArgumentException("ACE flags are one byte: " + flags);
        }
    }

    public static Ace allow(int accessMask, Sid sid) {
        return new Ace(AceType.ACCESS_ALLOWED, 0, accessMask, sid);
    }

    /** AceSize: header 4 + mask 4 + the SID; always a multiple of 4 because SIDs are. */
    public int byteLength() {
        return 8 + sid.byteLength();
    }

    /** SDDL: {@code (A;;GA;;;S-1-5-18)}; generic rights by their SDDL names, other masks in hex. */
    public String toSddl() {
        return "(" + type.sddl() + ";" + (flags == 0 ? "" : String.format("0x%x", flags)) + ";" + sddlRights(accessMask)
                + ";;;" + sid + ")";
    }

    private static String sddlRights(int mask) {
        return switch (mask) {
            case AccessMask.GENERIC_ALL -> "GA";
            case AccessMask.GENERIC_READ -> "GR";
            case AccessMask.GENERIC_WRITE -> "GW";
            case AccessMask.GENERIC_EXECUTE -> "GX";
            case AccessMask.GENERIC_READ | AccessMask.GENERIC_EXECUTE -> "GRGX";
            default -> String.format("0x%x", mask);
        };
    }
}
