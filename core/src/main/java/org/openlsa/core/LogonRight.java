package org.openlsa.core;

import java.util.Optional;

/**
 * Account rights that decide which logon types an account may use (ntsecapi.h SE_*_LOGON_NAME). They are not
 * privileges: they never appear in a token; the LSA checks them at logon, a Deny right winning over its Allow.
 */
public enum LogonRight {
    SE_INTERACTIVE_LOGON("SeInteractiveLogonRight"),
    SE_NETWORK_LOGON("SeNetworkLogonRight"),
    SE_BATCH_LOGON("SeBatchLogonRight"),
    SE_SERVICE_LOGON("SeServiceLogonRight"),
    SE_REMOTE_INTERACTIVE_LOGON("SeRemoteInteractiveLogonRight"),
    SE_DENY_INTERACTIVE_LOGON("SeDenyInteractiveLogonRight"),
    SE_DENY_NETWORK_LOGON("SeDenyNetworkLogonRight"),
    SE_DENY_BATCH_LOGON("SeDenyBatchLogonRight"),
    SE_DENY_SERVICE_LOGON("SeDenyServiceLogonRight"),
    SE_DENY_REMOTE_INTERACTIVE_LOGON("SeDenyRemoteInteractiveLogonRight");

    private final String rightName;

    LogonRight(String rightName) {
        this.rightName = rightName;
    }

    public String rightName() {
        return rightName;
    }

    public static Optional<LogonRight> byName(String name) {
        for (LogonRight r : values()) {
            if (r.rightName.equalsIgnoreCase(name)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /**
     * The Allow and Deny rights that govern a logon type, or empty when none does (Proxy, NewCredentials:
     * those take the caller's own rights). Unlock and the Cached variants follow their base type.
     */
    public static Optional<LogonRight[]> forLogonType(SecurityLogonType type) {
        return Optional.ofNullable(switch (type) {
            case INTERACTIVE, UNLOCK, CACHED_INTERACTIVE, CACHED_UNLOCK ->
                    new LogonRight[] {SE_INTERACTIVE_LOGON, SE_DENY_INTERACTIVE_LOGON};
            case NETWORK, NETWORK_CLEARTEXT -> new LogonRight[] {SE_NETWORK_LOGON, SE_DENY_NETWORK_LOGON};
            case BATCH -> new LogonRight[] {SE_BATCH_LOGON, SE_DENY_BATCH_LOGON};
            case SERVICE -> new LogonRight[] {SE_SERVICE_LOGON, SE_DENY_SERVICE_LOGON};
            case REMOTE_INTERACTIVE, CACHED_REMOTE_INTERACTIVE ->
                    new LogonRight[] {SE_REMOTE_INTERACTIVE_LOGON, SE_DENY_REMOTE_INTERACTIVE_LOGON};
            case UNDEFINED, PROXY, NEW_CREDENTIALS -> null;
        });
    }

    @Override
    public String toString() {
        return rightName;
    }
}
