package org.openlsa.core;

import java.util.Optional;

/** SECURITY_LOGON_TYPE (ntsecapi.h), with the values of the wire. */
public enum SecurityLogonType {
    UNDEFINED(0),
    INTERACTIVE(2),
    NETWORK(3),
    BATCH(4),
    SERVICE(5),
    PROXY(6),
    UNLOCK(7),
    NETWORK_CLEARTEXT(8),
    NEW_CREDENTIALS(9),
    REMOTE_INTERACTIVE(10),
    CACHED_INTERACTIVE(11),
    CACHED_REMOTE_INTERACTIVE(12),
    CACHED_UNLOCK(13);

    private final int value;

    SecurityLogonType(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    public static Optional<SecurityLogonType> fromValue(int value) {
        for (SecurityLogonType t : values()) {
            if (t.value == value) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** Network logons get an impersonation token; every other logon type a primary token. */
    public boolean yieldsPrimaryToken() {
        return this != NETWORK && this != NETWORK_CLEARTEXT;
    }

    /**
     * The one logon-type SID the LSA adds to every token (lsa-semantics 1, step 6), or empty for a type that
     * adds none.
     */
    public Optional<Sid> logonTypeSid() {
        return Optional.ofNullable(switch (this) {
            case INTERACTIVE, UNLOCK, CACHED_INTERACTIVE, CACHED_UNLOCK, REMOTE_INTERACTIVE, CACHED_REMOTE_INTERACTIVE ->
                    WellKnownSids.INTERACTIVE;
            case NETWORK, NETWORK_CLEARTEXT -> WellKnownSids.NETWORK;
            case BATCH -> WellKnownSids.BATCH;
            case SERVICE -> WellKnownSids.SERVICE;
            case PROXY -> WellKnownSids.PROXY;
            case UNDEFINED, NEW_CREDENTIALS -> null;
        });
    }

    /** "Interactive", as Windows' event log names the type. */
    public String displayName() {
        StringBuilder b = new StringBuilder();
        for (String part : name().split("_")) {
            b.append(part.charAt(0)).append(part.substring(1).toLowerCase(java.util.Locale.ROOT));
        }
        return b.toString();
    }
}
