package org.openlsa.pac;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * PAC_SIGNATURE_DATA ([MS-PAC] 2.8): SignatureType (a signed 32-bit Kerberos checksum type), the Signature, and
 * for the KDC signature of a read-only DC an optional USHORT RODCIdentifier after it.
 *
 * <p>The Signature length follows from the type for the checksum types in {@link #signatureLength}; for any other
 * type the whole rest of the buffer is the signature (and there is no RODCIdentifier).
 */
public record PacSignatureData(PacSignatureKind kind, int signatureType, byte[] signature, OptionalInt rodcIdentifier)
        implements PacBuffer {

    /** KERB_CHECKSUM_HMAC_MD5 (-138, RFC 4757): 16 bytes. */
    public static final int HMAC_MD5 = -138;
    /** HMAC_SHA1_96_AES128 (15, RFC 3962): 12 bytes. */
    public static final int HMAC_SHA1_96_AES128 = 15;
    /** HMAC_SHA1_96_AES256 (16, RFC 3962): 12 bytes. */
    public static final int HMAC_SHA1_96_AES256 = 16;
    /** hmac-sha256-128-aes128 (19, RFC 8009): 16 bytes (MIT and Heimdal KDCs with aes-sha2 keys). */
    public static final int HMAC_SHA256_128_AES128 = 19;
    /** hmac-sha384-192-aes256 (20, RFC 8009): 24 bytes. */
    public static final int HMAC_SHA384_192_AES256 = 20;

    public PacSignatureData {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(rodcIdentifier, "rodcIdentifier (OptionalInt.empty() when absent)");
        int expected = signatureLength(signatureType);
        if (expected >= 0 && signature.length != expected) {
            throw new IllegalArgumentException("checksum type " + signatureType + " has a " + expected
                    + "-byte signature, not " + signature.length);
        }
        if (expected < 0 && rodcIdentifier.isPresent()) {
            throw new IllegalArgumentException("RODCIdentifier needs a checksum type of known length, not " + signatureType);
        }
        if (rodcIdentifier.isPresent() && (rodcIdentifier.getAsInt() & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("RODCIdentifier is a USHORT: " + rodcIdentifier.getAsInt());
        }
        signature = signature.clone();
    }

    /** A placeholder for signing: {@code kind} with a zero signature of the length {@code signatureType} has. */
    public static PacSignatureData zeroed(PacSignatureKind kind, int signatureType) {
        int length = signatureLength(signatureType);
        if (length < 0) {
            throw new IllegalArgumentException("unknown signature length of checksum type " + signatureType
                    + "; give it with zeroed(kind, type, length)");
        }
        return new PacSignatureData(kind, signatureType, new byte[length], OptionalInt.empty());
    }

    /** A placeholder for a checksum type this class does not know, with its signature length. */
    public static PacSignatureData zeroed(PacSignatureKind kind, int signatureType, int signatureLength) {
        return new PacSignatureData(kind, signatureType, new byte[signatureLength], OptionalInt.empty());
    }

    /** The Signature length of a checksum type, or -1 when this class does not know it. */
    public static int signatureLength(int signatureType) {
        return switch (signatureType) {
            case HMAC_MD5, HMAC_SHA256_128_AES128 -> 16;
            case HMAC_SHA1_96_AES128, HMAC_SHA1_96_AES256 -> 12;
            case HMAC_SHA384_192_AES256 -> 24;
            default -> -1;
        };
    }

    @Override
    public int type() {
        return kind.bufferType();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** This buffer with another Signature of the same length (and the same RODCIdentifier). */
    public PacSignatureData withSignature(byte[] value) {
        if (value.length != signature.length) {
            throw new IllegalArgumentException(kind + " signature has " + signature.length + " bytes, not " + value.length);
        }
        return new PacSignatureData(kind, signatureType, value, rodcIdentifier);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PacSignatureData s && s.kind == kind && s.signatureType == signatureType
                && Arrays.equals(s.signature, signature) && s.rodcIdentifier.equals(rodcIdentifier);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, signatureType, Arrays.hashCode(signature), rodcIdentifier);
    }

    @Override
    public String toString() {
        return "PacSignatureData[kind=" + kind + ", signatureType=" + signatureType + ", signature="
                + HexFormat.of().formatHex(signature) + ", rodcIdentifier=" + rodcIdentifier + "]";
    }
}
