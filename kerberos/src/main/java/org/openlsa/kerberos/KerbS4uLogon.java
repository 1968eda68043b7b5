package org.openlsa.kerberos;

import java.util.Objects;

/**
 * KERB_S4U_LOGON (ntsecapi.h): a logon for a user named by UPN, without the user's credentials; the LSA asks the
 * KDC for the user's authorization data with the host's own credentials (S4U2Self, MS-SFU 3.2.5.1).
 *
 * @param clientUpn "user" or "user@realm" (an enterprise name)
 * @param clientRealm the user's realm; empty means the realm of the UPN's suffix, else the default realm
 */
public record KerbS4uLogon(int flags, String clientUpn, String clientRealm) {
    /** KERB_S4U_LOGON_FLAG_CHECK_LOGONHOURS: refuse the logon outside the user's logon hours. */
    public static final int CHECK_LOGONHOURS = 0x2;
    /** KERB_S4U_LOGON_FLAG_IDENTIFY: an identification token, even for a caller with SeTcbPrivilege. */
    public static final int IDENTIFY = 0x8;

    public KerbS4uLogon {
        Objects.requireNonNull(clientUpn, "clientUpn");
        Objects.requireNonNull(clientRealm, "clientRealm");
    }

    public boolean checkLogonHours() {
        return (flags & CHECK_LOGONHOURS) != 0;
    }

    public boolean identify() {
        return (flags & IDENTIFY) != 0;
    }
}
