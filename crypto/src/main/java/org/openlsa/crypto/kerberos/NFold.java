package org.openlsa.crypto.kerberos;

import java.util.Objects;

/**
 * The n-fold function of RFC 3961 section 5.1, which stretches or shrinks a constant to a cipher's block size
 * before key derivation. Its inputs are public constants (usage numbers, "kerberos", "prf"), never secrets.
 */
public final class NFold {
    private NFold() {}

    /**
     * n-fold of {@code in} to {@code outBytes} bytes. The input is repeated to the least common multiple of both
     * lengths, each repetition rotated 13 more bits to the right than the previous one, and the {@code outBytes}
     * chunks of that string are summed with one's-complement (end-around carry) addition.
     *
     * @throws IllegalArgumentException if {@code in} is empty or {@code outBytes} is not positive
     */
    public static byte[] nfold(byte[] in, int outBytes) {
        Objects.requireNonNull(in, "in");
        if (in.length == 0 || outBytes <= 0) {
            throw new IllegalArgumentException("n-fold needs a non-empty input and a positive output length");
        }
        int inBytes = in.length;
        int inBits = inBytes * 8;
        int total = lcm(inBytes, outBytes);
        int[] sum = new int[outBytes];
        for (int k = 0; k < total; k++) {
            // Byte k of the repeated string lies in copy k / inBytes, which is rotated right by 13 bits per copy.
            int copy = k / inBytes;
            int rotation = (int) ((13L * copy) % inBits);
            int bitPos = Math.floorMod((k % inBytes) * 8 - rotation, inBits);
            int i = bitPos >>> 3;
            int shift = bitPos & 7;
            int hi = in[i] & 0xff;
            int lo = in[(i + 1) % inBytes] & 0xff;
            sum[k % outBytes] += ((hi << shift) | (lo >>> (8 - shift))) & 0xff;
        }
        // Propagate carries from the last (least significant) byte; a carry out of the first byte wraps around
        // to the last, which is what one's-complement addition means. Repeat until nothing is left to carry.
        int carry;
        do {
            carry = 0;
            for (int j = outBytes - 1; j >= 0; j--) {
                int v = sum[j] + carry;
                sum[j] = v & 0xff;
                carry = v >>> 8;
            }
            if (carry != 0) {
                sum[outBytes - 1] += carry;
            }
        } while (carry != 0);
        byte[] out = new byte[outBytes];
        for (int j = 0; j < outBytes; j++) {
            out[j] = (byte) sum[j];
        }
        return out;
    }

    private static int lcm(int a, int b) {
        int x = a;
        int y = b;
        while (y != 0) {
            int t = x % y;
            x = y;
            y = t;
        }
        return Math.multiplyExact(a / x, b);
    }
}
