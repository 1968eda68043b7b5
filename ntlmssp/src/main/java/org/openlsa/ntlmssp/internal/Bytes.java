package org.openlsa.ntlmssp.internal;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;

/**
 * Array plumbing shared by the value records of {@code org.openlsa.ntlmssp}: defensive copies, content equality of
 * optional arrays, and the one way every decoder reports malformed input. Not exported.
 */
public final class Bytes {
    private Bytes() {}

    private static final HexFormat HEX = HexFormat.of();

    /** A copy of {@code bytes}, failing with a message naming {@code field} when it is null. */
    public static byte[] copy(byte[] bytes, String field) {
        if (bytes == null) {
            throw new NullPointerException(field);
        }
        return bytes.clone();
    }

    /** An optional holding a private copy of the array, if any. */
    public static Optional<byte[]> copy(Optional<byte[]> bytes, String field) {
        if (bytes == null) {
            throw new NullPointerException(field);
        }
        return bytes.map(byte[]::clone);
    }

    public static boolean equal(Optional<byte[]> a, Optional<byte[]> b) {
        return a.isPresent() == b.isPresent() && (a.isEmpty() || Arrays.equals(a.get(), b.get()));
    }

    public static int hash(Optional<byte[]> a) {
        return a.map(Arrays::hashCode).orElse(-1);
    }

    public static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    /** The failure every decoder in this module raises: INVALID_PARAMETER with a message naming the bound. */
    public static LsaException invalid(String message) {
        return new LsaException(NtStatus.INVALID_PARAMETER, message);
    }
}
