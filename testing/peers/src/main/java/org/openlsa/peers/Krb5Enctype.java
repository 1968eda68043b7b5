package org.openlsa.peers;

import java.util.Optional;

/**
 * The Kerberos encryption types the peers are configured with, by their IANA number and the name MIT krb5 and the
 * JDK both use in krb5.conf, kadmin and klist output (RFC 3961 section 8, RFC 3962, RFC 4757, RFC 8009).
 */
public enum Krb5Enctype {
    DES3_CBC_SHA1(16, "des3-cbc-sha1"),
    AES128_CTS_HMAC_SHA1_96(17, "aes128-cts-hmac-sha1-96"),
    AES256_CTS_HMAC_SHA1_96(18, "aes256-cts-hmac-sha1-96"),
    AES128_CTS_HMAC_SHA256_128(19, "aes128-cts-hmac-sha256-128"),
    AES256_CTS_HMAC_SHA384_192(20, "aes256-cts-hmac-sha384-192"),
    ARCFOUR_HMAC(23, "arcfour-hmac");

    private final int number;
    private final String mitName;

    Krb5Enctype(int number, String mitName) {
        this.number = number;
        this.mitName = mitName;
    }

    /** The IANA "Kerberos Encryption Type Numbers" value. */
    public int number() {
        return number;
    }

    /** The name in krb5.conf, kadmin's -e and klist -e. */
    public String mitName() {
        return mitName;
    }

    public static Optional<Krb5Enctype> fromNumber(int number) {
        for (Krb5Enctype enctype : values()) {
            if (enctype.number == number) {
                return Optional.of(enctype);
            }
        }
        return Optional.empty();
    }

    /** Accepts the names klist prints; "rc4-hmac" and "arcfour-hmac-md5" are MIT's aliases of arcfour-hmac. */
    public static Optional<Krb5Enctype> fromMitName(String name) {
        if (name.equals("rc4-hmac") || name.equals("arcfour-hmac-md5")) {
            return Optional.of(ARCFOUR_HMAC);
        }
        for (Krb5Enctype enctype : values()) {
            if (enctype.mitName.equals(name)) {
                return Optional.of(enctype);
            }
        }
        return Optional.empty();
    }
}
