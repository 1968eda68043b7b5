package org.openlsa.krb5;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Authenticator (RFC 4120 5.5.1): the client's proof of holding the session key, encrypted in an AP-REQ. In a
 * TGS-REQ, {@code cksum} covers the req-body (RFC 4120 7.2.2). authenticator-vno (5) is implied; {@code cusec} is
 * Microseconds (0..999999) and {@code seqNumber} a UInt32. Empty {@code authorizationData} means absent.
 *
 * <pre>
 * Authenticator   ::= [APPLICATION 2] SEQUENCE  {
 *         authenticator-vno       [0] INTEGER (5),
 *         crealm                  [1] Realm,
 *         cname                   [2] PrincipalName,
 *         cksum                   [3] Checksum OPTIONAL,
 *         cusec                   [4] Microseconds,
 *         ctime                   [5] KerberosTime,
 *         subkey                  [6] EncryptionKey OPTIONAL,
 *         seq-number              [7] UInt32 OPTIONAL,
 *         authorization-data      [8] AuthorizationData OPTIONAL
 * }
 * </pre>
 */
public record Authenticator(
        String crealm,
        PrincipalName cname,
        Optional<Checksum> cksum,
        int cusec,
        KerberosTime ctime,
        Optional<EncryptionKey> subkey,
        OptionalLong seqNumber,
        AuthorizationData authorizationData) {

    public static final int AUTHENTICATOR_VNO = 5;

    public Authenticator {
        Checks.string(crealm, "crealm");
        Objects.requireNonNull(cname, "cname");
        Checks.optional(cksum, "cksum");
        KerberosTime.requireMicroseconds(cusec, "cusec");
        Objects.requireNonNull(ctime, "ctime");
        Checks.optional(subkey, "subkey");
        Checks.uint32(seqNumber, "seqNumber");
        Objects.requireNonNull(authorizationData, "authorizationData");
    }
}
