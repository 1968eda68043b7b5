package org.openlsa.krb5;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * S4UUserID (MS-SFU 2.2.2): the user of an S4U2Self request, by name and realm or by certificate. {@code nonce}
 * (a UInt32) must equal the KDC-REQ-BODY nonce. {@code options} are KerberosFlags held like the flag records (flag
 * 0 = most significant bit); the constants are flag numbers.
 *
 * <pre>
 * S4UUserID ::= SEQUENCE {
 *    nonce               [0] UInt32, -- the nonce in KDC-REQ-BODY
 *    cname               [1] PrincipalName OPTIONAL, -- Certificate mapping hints
 *    crealm              [2] Realm,
 *    subject-certificate [3] OCTET STRING OPTIONAL,
 *    options             [4] BIT STRING OPTIONAL,
 *    ...
 * }
 * </pre>
 */
public record S4uUserId(
        long nonce,
        Optional<PrincipalName> cname,
        String crealm,
        Optional<Bytes> subjectCertificate,
        OptionalInt options) {

    /** KDC_CHECK_LOGON_HOUR_RESTRICTIONS (0x40000000): check the user's logon hours. */
    public static final int CHECK_LOGON_HOUR_RESTRICTIONS = 1;
    /** USE_REPLY_KEY_USAGE (0x20000000): sign the reply's PA-S4U-X509-USER with key usage 27 instead of 26. */
    public static final int USE_REPLY_KEY_USAGE = 2;

    public S4uUserId {
        Checks.uint32(nonce, "nonce");
        Checks.optional(cname, "cname");
        Checks.string(crealm, "crealm");
        Checks.optional(subjectCertificate, "subjectCertificate");
        Objects.requireNonNull(options, "options");
    }

    /** Whether option {@code flag} is present and set. */
    public boolean hasOption(int flag) {
        return options.isPresent() && (options.getAsInt() & FlagBits.mask(flag)) != 0;
    }

    /** The options value with {@code flags} (flag numbers, as the constants above) set. */
    public static int optionsOf(int... flags) {
        int v = 0;
        for (int f : flags) {
            v |= FlagBits.mask(f);
        }
        return v;
    }
}
