package org.openlsa.krb5;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * EncryptedData (RFC 4120 5.2.9): cipher text with the encryption type and, for long-term keys, the key version.
 *
 * <pre>
 * EncryptedData   ::= SEQUENCE {
 *         etype   [0] Int32 -- EncryptionType --,
 *         kvno    [1] UInt32 OPTIONAL,
 *         cipher  [2] OCTET STRING -- ciphertext
 * }
 * </pre>
 *
 * The kvno is a UInt32 held in the bits of an {@code int} (read it with {@link Integer#toUnsignedLong}): Windows
 * read-only DCs put their number in the high 16 bits (MS-KILE 3.1.5.8), and older peers encode such kvnos as
 * negative INTEGERs, which the decoder accepts.
 */
public record EncryptedData(int etype, OptionalInt kvno, Bytes cipher) {
    public EncryptedData {
        Objects.requireNonNull(kvno, "kvno");
        Objects.requireNonNull(cipher, "cipher");
    }

    /** Cipher text without a key version (session keys, subkeys). */
    public static EncryptedData of(int etype, Bytes cipher) {
        return new EncryptedData(etype, OptionalInt.empty(), cipher);
    }

    /** Cipher text under version {@code kvno} of a long-term key. */
    public static EncryptedData of(int etype, int kvno, Bytes cipher) {
        return new EncryptedData(etype, OptionalInt.of(kvno), cipher);
    }
}
