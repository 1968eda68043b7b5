package org.openlsa.krb5;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * PA-FOR-USER (MS-SFU 2.2.1), padata type 129: the user a service asks a ticket for in S4U2Self, protected by a
 * keyed checksum (KERB_CHECKSUM_HMAC_MD5, key usage 17, under the TGT session key) over {@link #checksumInput}.
 *
 * <pre>
 * PA-FOR-USER ::= SEQUENCE {
 *    -- PA TYPE 129
 *    userName              [0] PrincipalName,
 *    userRealm             [1] Realm,
 *    cksum                 [2] Checksum,
 *    auth-package          [3] KerberosString
 * }
 * </pre>
 */
public record PaForUser(PrincipalName userName, String userRealm, Checksum cksum, String authPackage) {
    /** The only auth-package MS-SFU defines. */
    public static final String AUTH_PACKAGE_KERBEROS = "Kerberos";

    public PaForUser {
        Objects.requireNonNull(userName, "userName");
        Checks.string(userRealm, "userRealm");
        Objects.requireNonNull(cksum, "cksum");
        Checks.string(authPackage, "authPackage");
    }

    /**
     * The octets {@code cksum} is computed over (MS-SFU 2.2.1, S4UByteArray): the name type as 4 bytes
     * LITTLE-endian, then each name-string component, then userRealm, then auth-package, all concatenated without
     * separators or lengths (strings as their UTF-8 octets, as carried in the GeneralStrings). MIT's KDC
     * (verify_for_user_checksum) builds the same array.
     */
    public byte[] checksumInput() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int t = userName.nameType();
        out.write(t);
        out.write(t >>> 8);
        out.write(t >>> 16);
        out.write(t >>> 24);
        for (String s : userName.nameString()) {
            out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(userRealm.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(authPackage.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
