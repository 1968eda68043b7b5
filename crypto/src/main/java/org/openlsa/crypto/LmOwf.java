package org.openlsa.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The LAN Manager one-way function (MS-NLMP 3.3.1, LMOWFv1):
 * {@code DES(K[0..7], "KGS!@#$%") || DES(K[7..14], "KGS!@#$%")} where K is the upper-cased OEM password padded
 * with zeros to 14 bytes. The OEM form here is ISO-8859-1. A password longer than 14 characters, or one with a
 * character that has no single-byte form once upper-cased, has no LM hash (Windows stores none either), and the
 * result is empty. Every intermediate copy of the password is zeroed.
 */
public final class LmOwf {
    private LmOwf() {}

    public static final int MAX_PASSWORD_CHARS = 14;
    public static final int LM_HASH_LENGTH = 16;

    private static final byte[] MAGIC = "KGS!@#$%".getBytes(StandardCharsets.US_ASCII);

    /** LMOWFv1 of {@code password}, or empty when the password has no LM hash. The caller's array is not changed. */
    public static Optional<SecretBytes> lmOwfV1(char[] password) {
        if (password.length > MAX_PASSWORD_CHARS) {
            return Optional.empty();
        }
        byte[] oem = new byte[MAX_PASSWORD_CHARS];
        try {
            for (int i = 0; i < password.length; i++) {
                // Per-character Character.toUpperCase is locale-independent and makes no String of the password.
                char upper = Character.toUpperCase(password[i]);
                if (upper > 0xff) {
                    return Optional.empty();
                }
                oem[i] = (byte) upper;
            }
            byte[] hash = new byte[LM_HASH_LENGTH];
            Des.encryptBlock(oem, 0, MAGIC, 0, hash, 0);
            Des.encryptBlock(oem, Des.KEY_BYTES, MAGIC, 0, hash, Des.BLOCK_BYTES);
            return Optional.of(SecretBytes.adopt(hash));
        } finally {
            Arrays.fill(oem, (byte) 0);
        }
    }
}
