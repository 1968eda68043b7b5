package org.openlsa.crypto.kerberos;

import java.util.HexFormat;

/** Hex for the vector files, where an empty CSV column (null) means no bytes. */
final class Hex {
    private Hex() {}

    static byte[] bytes(String hex) {
        return hex == null ? new byte[0] : HexFormat.of().parseHex(hex);
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    static KerberosKey key(int enctype, String hex) {
        return KerberosKey.copyOf(EncryptionType.of(enctype).orElseThrow(), bytes(hex));
    }
}
