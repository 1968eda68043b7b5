package org.openlsa.crypto.kerberos;

import java.util.Locale;
import java.util.Optional;

/**
 * The Kerberos encryption types OpenLSA implements, with their IANA numbers (RFC 3961 section 8 registry) and MIT
 * names. DES, 3DES and Camellia are deliberately absent: OpenLSA neither issues nor accepts them.
 */
public enum EncryptionType {
    /** RFC 3962. */
    AES128_CTS_HMAC_SHA1_96(17, "aes128-cts-hmac-sha1-96", 16),
    /** RFC 3962. */
    AES256_CTS_HMAC_SHA1_96(18, "aes256-cts-hmac-sha1-96", 32),
    /** RFC 8009. */
    AES128_CTS_HMAC_SHA256_128(19, "aes128-cts-hmac-sha256-128", 16),
    /** RFC 8009. */
    AES256_CTS_HMAC_SHA384_192(20, "aes256-cts-hmac-sha384-192", 32),
    /** RFC 4757: the key is the NT hash, so it is still needed where Windows accounts lack AES keys. */
    RC4_HMAC(23, "rc4-hmac", 16);

    private final int id;
    private final String mitName;
    private final int keyLength;

    EncryptionType(int id, String mitName, int keyLength) {
        this.id = id;
        this.mitName = mitName;
        this.keyLength = keyLength;
    }

    /** The etype number carried in EncryptedData.etype and EncryptionKey.keytype (RFC 4120 section 5.2.9). */
    public int id() {
        return id;
    }

    /** The name MIT krb5 prints and accepts in krb5.conf / kdc.conf. */
    public String mitName() {
        return mitName;
    }

    /** Length in bytes of a protocol key (for these types equal to the key-generation seed length). */
    public int keyLength() {
        return keyLength;
    }

    /** The type with IANA number {@code id}, or empty for an unknown or unsupported one (DES, 3DES, ...). */
    public static Optional<EncryptionType> of(int id) {
        for (EncryptionType t : values()) {
            if (t.id == id) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /**
     * The type named {@code name} as krb5.conf spells enctypes: the MIT names above, MIT's aliases (aes256-cts,
     * aes128-cts, aes256-sha1, aes128-sha1, aes128-sha2, aes256-sha2, arcfour-hmac, arcfour-hmac-md5), or the
     * number as decimal text ("18"); case-insensitive. Empty for anything else.
     */
    public static Optional<EncryptionType> byName(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "aes128-cts-hmac-sha1-96", "aes128-cts", "aes128-sha1" -> Optional.of(AES128_CTS_HMAC_SHA1_96);
            case "aes256-cts-hmac-sha1-96", "aes256-cts", "aes256-sha1" -> Optional.of(AES256_CTS_HMAC_SHA1_96);
            case "aes128-cts-hmac-sha256-128", "aes128-sha2" -> Optional.of(AES128_CTS_HMAC_SHA256_128);
            case "aes256-cts-hmac-sha384-192", "aes256-sha2" -> Optional.of(AES256_CTS_HMAC_SHA384_192);
            case "rc4-hmac", "arcfour-hmac", "arcfour-hmac-md5" -> Optional.of(RC4_HMAC);
            default -> n.matches("[0-9]{1,9}") ? of(Integer.parseInt(n)) : Optional.empty();
        };
    }

    /** The mandatory-to-implement keyed checksum of this enctype (RFC 3961 section 6 "required checksum"). */
    public ChecksumType checksumType() {
        return switch (this) {
            case AES128_CTS_HMAC_SHA1_96 -> ChecksumType.HMAC_SHA1_96_AES128;
            case AES256_CTS_HMAC_SHA1_96 -> ChecksumType.HMAC_SHA1_96_AES256;
            case AES128_CTS_HMAC_SHA256_128 -> ChecksumType.HMAC_SHA256_128_AES128;
            case AES256_CTS_HMAC_SHA384_192 -> ChecksumType.HMAC_SHA384_192_AES256;
            case RC4_HMAC -> ChecksumType.HMAC_MD5;
        };
    }

    /**
     * The string-to-key parameters used when none are given: the big-endian PBKDF2 iteration count, 4096 for
     * RFC 3962 (section 4) and 32768 for RFC 8009 (section 4); empty for RC4, which has no parameters. A new array
     * on every call.
     */
    public byte[] defaultS2kParams() {
        int iterations = defaultIterations();
        if (iterations == 0) {
            return new byte[0];
        }
        return new byte[] {(byte) (iterations >>> 24), (byte) (iterations >>> 16), (byte) (iterations >>> 8),
            (byte) iterations};
    }

    /** Length in bytes of this type's pseudo-random function output (RFC 3961 section 3 "pseudo-random"). */
    public int prfLength() {
        return switch (this) {
            case AES128_CTS_HMAC_SHA1_96, AES256_CTS_HMAC_SHA1_96 -> 16;   // RFC 3962 section 4: one AES block
            case AES128_CTS_HMAC_SHA256_128 -> 32;                         // RFC 8009 section 5: 256 bits
            case AES256_CTS_HMAC_SHA384_192 -> 48;                         // RFC 8009 section 5: 384 bits
            case RC4_HMAC -> 20;                                           // HMAC-SHA1, as MIT and Windows do
        };
    }

    int defaultIterations() {
        return switch (this) {
            case AES128_CTS_HMAC_SHA1_96, AES256_CTS_HMAC_SHA1_96 -> 4096;
            case AES128_CTS_HMAC_SHA256_128, AES256_CTS_HMAC_SHA384_192 -> 32768;
            case RC4_HMAC -> 0;
        };
    }
}
