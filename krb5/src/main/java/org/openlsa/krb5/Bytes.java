package org.openlsa.krb5;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable octet string: the value type of every OCTET STRING in the Kerberos messages (cipher text, checksums,
 * padata values, key values). The array is copied on the way in and on the way out, so a record holding a
 * {@code Bytes} is really immutable; equality is by content (constant-time for equal lengths, since some of these
 * are checksums and keys). {@code toString} is the lowercase hex of the content; types holding secrets
 * ({@link EncryptionKey}) override their own {@code toString} so the hex never reaches a log.
 */
public final class Bytes {
    private static final HexFormat HEX = HexFormat.of();

    public static final Bytes EMPTY = new Bytes(new byte[0]);

    private final byte[] value;

    private Bytes(byte[] value) {
        this.value = value;
    }

    /** A {@code Bytes} holding a copy of {@code value}. */
    public static Bytes of(byte[] value) {
        return value.length == 0 ? EMPTY : new Bytes(value.clone());
    }

    /** A {@code Bytes} holding a copy of {@code value[from, to)}. */
    public static Bytes of(byte[] value, int from, int to) {
        return from == to ? EMPTY : new Bytes(Arrays.copyOfRange(value, from, to));
    }

    /** Parses hex digits (either case, no separators). */
    public static Bytes fromHex(String hex) {
        return of(HEX.parseHex(hex));
    }

    /** A fresh copy of the content. */
    public byte[] toByteArray() {
        return value.clone();
    }

    public int length() {
        return value.length;
    }

    public boolean isEmpty() {
        return value.length == 0;
    }

    public String hex() {
        return HEX.formatHex(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes other && MessageDigest.isEqual(value, other.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return hex();
    }
}
