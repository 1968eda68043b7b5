package org.openlsa.engine;

import java.util.Optional;
import org.openlsa.core.SecurityLogonType;

/** LogonUser's LOGON32_LOGON_* and LOGON32_PROVIDER_* values (winbase.h). */
public final class Logon32 {
    private Logon32() {}

    public static final int LOGON_INTERACTIVE = 2;
    public static final int LOGON_NETWORK = 3;
    public static final int LOGON_BATCH = 4;
    public static final int LOGON_SERVICE = 5;
    public static final int LOGON_UNLOCK = 7;
    public static final int LOGON_NETWORK_CLEARTEXT = 8;
    public static final int LOGON_NEW_CREDENTIALS = 9;

    public static final int PROVIDER_DEFAULT = 0;
    public static final int PROVIDER_WINNT35 = 1;
    public static final int PROVIDER_WINNT40 = 2;
    public static final int PROVIDER_WINNT50 = 3;
    public static final int PROVIDER_VIRTUAL = 4;

    /**
     * The SECURITY_LOGON_TYPE a LOGON32 type maps to. NEW_CREDENTIALS (a copy of the caller's token with other
     * outbound credentials) is not a logon of a new user and is refused, as are unknown values: empty, which
     * LogonUser reports as INVALID_PARAMETER.
     */
    public static Optional<SecurityLogonType> logonType(int logon32Type) {
        return Optional.ofNullable(switch (logon32Type) {
            case LOGON_INTERACTIVE -> SecurityLogonType.INTERACTIVE;
            case LOGON_NETWORK -> SecurityLogonType.NETWORK;
            case LOGON_BATCH -> SecurityLogonType.BATCH;
            case LOGON_SERVICE -> SecurityLogonType.SERVICE;
            case LOGON_UNLOCK -> SecurityLogonType.UNLOCK;
            case LOGON_NETWORK_CLEARTEXT -> SecurityLogonType.NETWORK_CLEARTEXT;
            default -> null;
        });
    }
}
