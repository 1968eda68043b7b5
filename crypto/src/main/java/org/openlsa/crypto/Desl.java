package org.openlsa.crypto;

import java.util.Arrays;

/**
 * DESL (MS-NLMP 6): {@code DES(K[0..7], D) || DES(K[7..14], D) || DES(K[14..16] || 0x00*5, D)}, the 24-byte
 * NTLMv1 / LMv1 response function over a 16-byte hash and an 8-byte challenge. The padded copy of the key is
 * zeroed before return.
 */
public final class Desl {
    private Desl() {}

    public static final int KEY_BYTES = 16;
    public static final int DATA_BYTES = 8;
    public static final int RESPONSE_BYTES = 24;

    /** DESL(key, data); {@code key} must hold 16 bytes and {@code data} 8. */
    public static byte[] desl(SecretBytes key, byte[] data) {
        if (data.length != DATA_BYTES) {
            throw new IllegalArgumentException("DESL data must be " + DATA_BYTES + " bytes, got " + data.length);
        }
        if (key.length() != KEY_BYTES) {
            throw new IllegalArgumentException("DESL key must be " + KEY_BYTES + " bytes, got " + key.length());
        }
        byte[] padded = new byte[3 * Des.KEY_BYTES];
        byte[] out = new byte[RESPONSE_BYTES];
        try {
            key.use(k -> System.arraycopy(k, 0, padded, 0, KEY_BYTES));
            for (int i = 0; i < 3; i++) {
                Des.encryptBlock(padded, i * Des.KEY_BYTES, data, 0, out, i * Des.BLOCK_BYTES);
            }
            return out;
        } finally {
            Arrays.fill(padded, (byte) 0);
        }
    }
}
