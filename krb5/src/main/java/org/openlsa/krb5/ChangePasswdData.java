package org.openlsa.krb5;

import java.util.Objects;
import java.util.Optional;

/**
 * ChangePasswdData (RFC 3244 2): the user-data of a set-password request (kpasswd protocol version 0xff80): the
 * new password and, to set another principal's, its name and realm. {@code toString} never shows the password.
 *
 * <pre>
 * ChangePasswdData ::=  SEQUENCE {
 *         newpasswd[0]   OCTET STRING,
 *         targname[1]    PrincipalName OPTIONAL,
 *         targrealm[2]   Realm OPTIONAL
 * }
 * </pre>
 */
public record ChangePasswdData(Bytes newPasswd, Optional<PrincipalName> targName, Optional<String> targRealm) {
    public ChangePasswdData {
        Objects.requireNonNull(newPasswd, "newPasswd");
        Checks.optional(targName, "targName");
        targRealm = Checks.optionalString(targRealm, "targRealm");
    }

    @Override
    public String toString() {
        return "ChangePasswdData[newPasswd=(" + newPasswd.length() + " bytes), targName=" + targName
                + ", targRealm=" + targRealm + "]";
    }
}
