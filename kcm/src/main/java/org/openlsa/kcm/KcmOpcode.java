package org.openlsa.kcm;

import java.util.Optional;

/**
 * KCM opcodes (MIT src/include/kcm.h, which follows Heimdal's numbering; MIT's extensions from 13001). Whether this
 * server answers one is {@link #served()}; the others are answered {@link KcmStatus#CC_NOSUPP}, and a number not in
 * this table {@link KcmStatus#FCC_INTERNAL}, so that clients fall back (docs/kcm.md).
 */
public enum KcmOpcode {
    NOOP(0, true),
    GET_NAME(1, false),
    RESOLVE(2, false),
    GEN_NEW(3, true),
    INITIALIZE(4, true),
    DESTROY(5, true),
    STORE(6, true),
    RETRIEVE(7, true),
    GET_PRINCIPAL(8, true),
    GET_CRED_UUID_LIST(9, true),
    GET_CRED_BY_UUID(10, true),
    REMOVE_CRED(11, true),
    SET_FLAGS(12, false),
    CHOWN(13, false),
    CHMOD(14, false),
    GET_INITIAL_TICKET(15, false),
    GET_TICKET(16, false),
    MOVE_CACHE(17, false),
    GET_CACHE_UUID_LIST(18, true),
    GET_CACHE_BY_UUID(19, true),
    GET_DEFAULT_CACHE(20, true),
    SET_DEFAULT_CACHE(21, true),
    GET_KDC_OFFSET(22, true),
    SET_KDC_OFFSET(23, true),
    ADD_NTLM_CRED(24, false),
    HAVE_NTLM_CRED(25, false),
    DEL_NTLM_CRED(26, false),
    DO_NTLM_AUTH(27, false),
    GET_NTLM_USER_LIST(28, false),
    GET_CRED_LIST(13001, true),
    REPLACE(13002, true);

    private final int code;
    private final boolean served;

    KcmOpcode(int code, boolean served) {
        this.code = code;
        this.served = served;
    }

    public int code() {
        return code;
    }

    public boolean served() {
        return served;
    }

    public static Optional<KcmOpcode> of(int code) {
        for (KcmOpcode o : values()) {
            if (o.code == code) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }
}
