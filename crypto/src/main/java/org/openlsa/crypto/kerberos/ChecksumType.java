package org.openlsa.crypto.kerberos;

import java.util.Optional;

/**
 * The keyed checksum types OpenLSA computes and verifies (RFC 3961 section 6.1 registry, RFC 3962, RFC 8009, and
 * the Microsoft HMAC-MD5 type of RFC 4757 section 4 / MS-KILE).
 */
public enum ChecksumType {
    /** RFC 3962 section 7: HMAC-SHA1 under Kc, truncated to 96 bits. */
    HMAC_SHA1_96_AES128(15, 12, EncryptionType.AES128_CTS_HMAC_SHA1_96),
    HMAC_SHA1_96_AES256(16, 12, EncryptionType.AES256_CTS_HMAC_SHA1_96),
    /** RFC 8009 section 5: HMAC-SHA-256 under Kc, truncated to 128 bits. */
    HMAC_SHA256_128_AES128(19, 16, EncryptionType.AES128_CTS_HMAC_SHA256_128),
    /** RFC 8009 section 5: HMAC-SHA-384 under Kc, truncated to 192 bits. */
    HMAC_SHA384_192_AES256(20, 24, EncryptionType.AES256_CTS_HMAC_SHA384_192),
    /**
     * KERB_CHECKSUM_HMAC_MD5 (-138). Unlike the others it takes a key of any enctype: MS-SFU PA-FOR-USER always
     * uses it with the TGS session key, and MS-PAC uses it for RC4 signing keys.
     */
    HMAC_MD5(-138, 16, EncryptionType.RC4_HMAC);

    private final int id;
    private final int size;
    private final EncryptionType keyType;

    ChecksumType(int id, int size, EncryptionType keyType) {
        this.id = id;
        this.size = size;
        this.keyType = keyType;
    }

    /** The cksumtype number carried in Checksum.cksumtype (RFC 4120 section 5.2.9). */
    public int id() {
        return id;
    }

    /** Length in bytes of the checksum value. */
    public int size() {
        return size;
    }

    /** The enctype whose keys this checksum is defined for ({@link #HMAC_MD5}: RC4_HMAC, though any key works). */
    public EncryptionType keyType() {
        return keyType;
    }

    /** Whether a key of {@code type} may compute this checksum: the defining enctype, or any type for HMAC_MD5. */
    public boolean appliesTo(EncryptionType type) {
        return this == HMAC_MD5 || type == keyType;
    }

    /** The type with number {@code id}, or empty for an unknown or unkeyed one (CRC32, RSA-MD5, ...). */
    public static Optional<ChecksumType> of(int id) {
        for (ChecksumType t : values()) {
            if (t.id == id) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
