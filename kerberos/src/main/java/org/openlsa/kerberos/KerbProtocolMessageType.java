package org.openlsa.kerberos;

import java.util.Optional;

/**
 * KERB_PROTOCOL_MESSAGE_TYPE (ntsecapi.h): the CallPackage messages of the Kerberos package. The values are pinned
 * to the SDK's numbering up to PurgeTicketCacheEx (15), the messages this LSA answers.
 */
public enum KerbProtocolMessageType {
    DEBUG_REQUEST(0),
    QUERY_TICKET_CACHE(1),
    CHANGE_MACHINE_PASSWORD(2),
    VERIFY_PAC(3),
    RETRIEVE_TICKET(4),
    UPDATE_ADDRESSES(5),
    PURGE_TICKET_CACHE(6),
    CHANGE_PASSWORD(7),
    RETRIEVE_ENCODED_TICKET(8),
    DECRYPT_DATA(9),
    ADD_BINDING_CACHE_ENTRY(10),
    SET_PASSWORD(11),
    SET_PASSWORD_EX(12),
    VERIFY_CREDENTIALS(13),
    QUERY_TICKET_CACHE_EX(14),
    PURGE_TICKET_CACHE_EX(15);

    private final int value;

    KerbProtocolMessageType(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    public static Optional<KerbProtocolMessageType> fromValue(int value) {
        for (KerbProtocolMessageType t : values()) {
            if (t.value == value) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
