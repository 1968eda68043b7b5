package org.openlsa.kerberos;

import java.util.Optional;

/** KERB_LOGON_SUBMIT_TYPE (ntsecapi.h): the MessageType of a Kerberos logon structure. */
public enum KerbLogonSubmitType {
    INTERACTIVE_LOGON(2),
    SMART_CARD_LOGON(6),
    WORKSTATION_UNLOCK_LOGON(7),
    SMART_CARD_UNLOCK_LOGON(8),
    PROXY_LOGON(9),
    TICKET_LOGON(10),
    TICKET_UNLOCK_LOGON(11),
    S4U_LOGON(12),
    CERTIFICATE_LOGON(13),
    CERTIFICATE_S4U_LOGON(14),
    CERTIFICATE_UNLOCK_LOGON(15);

    private final int value;

    KerbLogonSubmitType(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    public static Optional<KerbLogonSubmitType> fromValue(int value) {
        for (KerbLogonSubmitType t : values()) {
            if (t.value == value) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
