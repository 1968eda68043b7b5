package org.openlsa.krb5;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * KRB-ERROR (RFC 4120 5.9.1): a KDC's or server's refusal. pvno (5) and msg-type (30) are implied. {@code cusec}
 * and {@code susec} are Microseconds (0..999999). {@code eData} is opaque here; for PREAUTH_REQUIRED and friends it
 * holds METHOD-DATA (decode it with the codec's {@code decodeMethodData}).
 *
 * <pre>
 * KRB-ERROR       ::= [APPLICATION 30] SEQUENCE {
 *         pvno            [0] INTEGER (5),
 *         msg-type        [1] INTEGER (30),
 *         ctime           [2] KerberosTime OPTIONAL,
 *         cusec           [3] Microseconds OPTIONAL,
 *         stime           [4] KerberosTime,
 *         susec           [5] Microseconds,
 *         error-code      [6] Int32,
 *         crealm          [7] Realm OPTIONAL,
 *         cname           [8] PrincipalName OPTIONAL,
 *         realm           [9] Realm -- service realm --,
 *         sname           [10] PrincipalName -- service name --,
 *         e-text          [11] KerberosString OPTIONAL,
 *         e-data          [12] OCTET STRING OPTIONAL
 * }
 * </pre>
 */
public record KrbError(
        Optional<KerberosTime> ctime,
        OptionalInt cusec,
        KerberosTime stime,
        int susec,
        ErrorCode errorCode,
        Optional<String> crealm,
        Optional<PrincipalName> cname,
        String realm,
        PrincipalName sname,
        Optional<String> eText,
        Optional<Bytes> eData) {

    public static final int PVNO = 5;

    public KrbError {
        Checks.optional(ctime, "ctime");
        Checks.microseconds(cusec, "cusec");
        Objects.requireNonNull(stime, "stime");
        KerberosTime.requireMicroseconds(susec, "susec");
        Objects.requireNonNull(errorCode, "errorCode");
        Checks.optionalString(crealm, "crealm");
        Checks.optional(cname, "cname");
        Checks.string(realm, "realm");
        Objects.requireNonNull(sname, "sname");
        Checks.optionalString(eText, "eText");
        Checks.optional(eData, "eData");
    }
}
