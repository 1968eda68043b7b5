package org.openlsa.msv1_0;

import java.util.Optional;

/** MSV1_0_PROTOCOL_MESSAGE_TYPE (ntsecapi.h): the first ULONG of an MSV1_0 CallPackage request. */
public enum Msv1_0ProtocolMessageType {
    LM20_CHALLENGE_REQUEST(0),
    LM20_GET_CHALLENGE_RESPONSE(1),
    ENUMERATE_USERS(2),
    GET_USER_INFO(3),
    RELOGON_USERS(4),
    CHANGE_PASSWORD(5),
    CHANGE_CACHED_PASSWORD(6),
    GENERIC_PASSTHROUGH(7),
    CACHE_LOGON(8),
    SUB_AUTH(9),
    DERIVE_CREDENTIAL(10),
    CACHE_LOOKUP(11),
    SET_PROCESS_OPTION(12),
    CONFIG_LOCAL_ALIASES(13),
    CLEAR_CACHED_CREDENTIALS(14),
    LOOKUP_TOKEN(15),
    VALIDATE_AUTH(16);

    private final int value;

    Msv1_0ProtocolMessageType(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    public static Optional<Msv1_0ProtocolMessageType> fromValue(int value) {
        return value >= 0 && value < values().length ? Optional.of(values()[value]) : Optional.empty();
    }
}
