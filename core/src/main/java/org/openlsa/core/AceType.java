package org.openlsa.core;

import java.util.Optional;

/** The ACE types this model carries (winnt.h ACCESS_ALLOWED_ACE_TYPE 0, ACCESS_DENIED_ACE_TYPE 1). */
public enum AceType {
    ACCESS_ALLOWED(0, "A"),
    ACCESS_DENIED(1, "D");

    private final int value;
    private final String sddl;

    AceType(int value, String sddl) {
        this.value = value;
        this.sddl = sddl;
    }

    public int value() {
        return value;
    }

    /** The SDDL ace_type token. */
    public String sddl() {
        return sddl;
    }

    public static Optional<AceType> fromValue(int value) {
        for (AceType t : values()) {
            if (t.value == value) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
