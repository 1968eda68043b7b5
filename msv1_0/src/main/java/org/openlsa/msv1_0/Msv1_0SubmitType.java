package org.openlsa.msv1_0;

import java.util.Optional;

/** MSV1_0_LOGON_SUBMIT_TYPE (ntsecapi.h): the MessageType of an MSV1_0 logon structure. */
public enum Msv1_0SubmitType {
    INTERACTIVE_LOGON(2),
    LM20_LOGON(3),
    NETWORK_LOGON(4),
    SUBAUTH_LOGON(5),
    WORKSTATION_UNLOCK_LOGON(7),
    S4U_LOGON(12),
    VIRTUAL_LOGON(82),
    NO_ELEVATION_LOGON(83),
    LUID_LOGON(84);

    private final int value;

    Msv1_0SubmitType(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    public static Optional<Msv1_0SubmitType> fromValue(int value) {
        for (Msv1_0SubmitType t : values()) {
            if (t.value == value) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
