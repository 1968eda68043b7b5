package org.openlsa.krb5;

import java.util.Objects;

/**
 * EncryptionKey (RFC 4120 5.2.9): a key type (an encryption type number, RFC 3961) and the raw key. Session keys,
 * subkeys and ticket keys travel in this shape inside encrypted parts.
 *
 * <pre>
 * EncryptionKey ::= SEQUENCE {
 *         keytype         [0] Int32 -- actually encryption type --,
 *         keyvalue        [1] OCTET STRING
 * }
 * </pre>
 *
 * <p>Security: {@code toString} shows the key type and length only, never the key. Equality compares the key in
 * constant time (for equal lengths); it exists so decoded values can be compared in tests, not for key checks.
 */
public record EncryptionKey(int keytype, Bytes keyvalue) {
    public EncryptionKey {
        Objects.requireNonNull(keyvalue, "keyvalue");
    }

    @Override
    public String toString() {
        return "EncryptionKey[keytype=" + keytype + ", keyvalue=<" + keyvalue.length() + " bytes redacted>]";
    }
}
