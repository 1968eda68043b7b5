package org.openlsa.crypto;

import java.util.Arrays;
import org.bouncycastle.crypto.engines.DESEngine;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Single-block DES under a 7-byte (56-bit) key, as MS-NLMP 6 ("DES(K, D)") uses it: the key is spread over eight
 * bytes, seven key bits each in the high bits, with the low bit set for odd parity. The expanded key and Bouncy
 * Castle's copy of it are zeroed before return; the engine's private round-key schedule cannot be reached and is
 * left to the garbage collector.
 */
final class Des {
    private Des() {}

    static final int KEY_BYTES = 7;
    static final int BLOCK_BYTES = 8;

    /** Encrypts {@code in[inOff..inOff+8]} under {@code key[keyOff..keyOff+7]} into {@code out[outOff..]}. */
    static void encryptBlock(byte[] key, int keyOff, byte[] in, int inOff, byte[] out, int outOff) {
        byte[] expanded = expandKey(key, keyOff);
        KeyParameter parameter = new KeyParameter(expanded);
        try {
            DESEngine des = new DESEngine();
            des.init(true, parameter);
            des.processBlock(in, inOff, out, outOff);
        } finally {
            Arrays.fill(expanded, (byte) 0);
            Arrays.fill(parameter.getKey(), (byte) 0); // getKey() returns Bouncy Castle's own copy
        }
    }

    /** The 56-to-64-bit DES key expansion with odd parity (MS-NLMP 6, "DES"). */
    static byte[] expandKey(byte[] key, int off) {
        byte[] out = new byte[BLOCK_BYTES];
        for (int i = 0; i < BLOCK_BYTES; i++) {
            // Output byte i carries key bits 7i..7i+6: the low (7-i) bits of byte i-1 and the top bits of byte i.
            int high = i == 0 ? 0 : (key[off + i - 1] & 0xff) << (7 - i);
            int low = i == KEY_BYTES ? 0 : (key[off + i] & 0xff) >>> (i + 1);
            int b = ((high | low) & 0x7f) << 1;
            out[i] = (byte) (Integer.bitCount(b) % 2 == 0 ? b | 1 : b);
        }
        return out;
    }
}
