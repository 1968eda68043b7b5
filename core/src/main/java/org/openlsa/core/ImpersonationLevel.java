package org.openlsa.core;

import java.util.Optional;

/** SECURITY_IMPERSONATION_LEVEL (winnt.h), ordered from least to most power. */
public enum ImpersonationLevel {
    ANONYMOUS(0),
    IDENTIFICATION(1),
    IMPERSONATION(2),
    DELEGATION(3);

    private final int value;

    ImpersonationLevel(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    public static Optional<ImpersonationLevel> fromValue(int value) {
        return value >= 0 && value < values().length ? Optional.of(values()[value]) : Optional.empty();
    }
}
