package org.openlsa.engine;

import java.util.Optional;

/** SID_NAME_USE (MS-LSAT 2.2.13): what kind of security principal a translated SID or name is. */
public enum SidNameUse {
    USER(1),
    GROUP(2),
    DOMAIN(3),
    ALIAS(4),
    WELL_KNOWN_GROUP(5),
    DELETED_ACCOUNT(6),
    INVALID(7),
    UNKNOWN(8),
    COMPUTER(9),
    LABEL(10),
    LOGON_SESSION(11);

    private final int value;

    SidNameUse(int value) {
        this.value = value;
    }

    /** The SidType* value of the enumeration. */
    public int value() {
        return value;
    }

    /** Whether an entry of this kind was translated (SidTypeInvalid and SidTypeUnknown were not). */
    public boolean isMapped() {
        return this != INVALID && this != UNKNOWN;
    }

    public static Optional<SidNameUse> fromValue(int value) {
        for (SidNameUse u : values()) {
            if (u.value == value) {
                return Optional.of(u);
            }
        }
        return Optional.empty();
    }
}
