package org.openlsa.crypto.kerberos;

import static org.openlsa.crypto.kerberos.Jce.AES_BLOCK;

import java.util.Arrays;
import javax.crypto.Cipher;

/**
 * AES in CBC mode with ciphertext stealing, the variant RFC 3962 section 5 specifies (NIST SP 800-38A addendum
 * "CBC-CS3"): with an IV of zero, the last two ciphertext blocks are always swapped and the final one truncated
 * to the length of the last plaintext block; a message of exactly one block is plain AES. JCE has no CTS mode, so
 * this builds it over AES/CBC/NoPadding. Messages shorter than a block cannot occur in Kerberos (the confounder
 * alone is one block) and are refused.
 */
final class AesCts {
    private AesCts() {}

    static byte[] encrypt(byte[] key, byte[] in, int off, int len, int extra) {
        try (Jce.Lease<Cipher> cbc = Jce.aesCbc()) {
            return encrypt(cbc.get(), key, in, off, len, extra);
        }
    }

    static byte[] decrypt(byte[] key, byte[] in, int off, int len) {
        try (Jce.Lease<Cipher> cbc = Jce.aesCbc()) {
            return decrypt(cbc.get(), key, in, off, len);
        }
    }

    /**
     * Encrypts {@code len} bytes of {@code in} from {@code off} under {@code key} into a new array of
     * {@code len + extra} bytes, the ciphertext first; the {@code extra} tail is left for the caller's MAC.
     * {@code cbc} is any AES/CBC/NoPadding cipher; it is re-keyed here.
     */
    static byte[] encrypt(Cipher cbc, byte[] key, byte[] in, int off, int len, int extra) {
        checkLength(len);
        byte[] out = new byte[len + extra];
        Jce.init(cbc, Cipher.ENCRYPT_MODE, key);
        if (len == AES_BLOCK) {
            Jce.doFinal(cbc, in, off, AES_BLOCK, out, 0);
            return out;
        }
        int blocks = (len + AES_BLOCK - 1) / AES_BLOCK;
        int lastLen = len - (blocks - 1) * AES_BLOCK;       // 1..16 bytes in the final plaintext block
        int prevOff = (blocks - 2) * AES_BLOCK;              // where C(n-1) lands, and where C(n) must go
        int lastOff = (blocks - 1) * AES_BLOCK;
        // C(1) .. C(n-1) in place, then C(n) = E(C(n-1) xor P(n) padded with zeros): the CBC chain continues.
        Jce.update(cbc, in, off, lastOff, out, 0);
        byte[] block = new byte[AES_BLOCK];
        System.arraycopy(in, off + lastOff, block, 0, lastLen);
        Jce.doFinal(cbc, block, 0, AES_BLOCK, block, 0);
        // The swap: C(n-1), truncated, moves to the end; C(n) takes its place.
        System.arraycopy(out, prevOff, out, lastOff, lastLen);
        System.arraycopy(block, 0, out, prevOff, AES_BLOCK);
        return out;
    }

    /**
     * Decrypts {@code len} bytes of {@code in} from {@code off} into a new array of {@code len} bytes.
     * {@code cbc} is any AES/CBC/NoPadding cipher; it is re-keyed here.
     */
    static byte[] decrypt(Cipher cbc, byte[] key, byte[] in, int off, int len) {
        checkLength(len);
        byte[] out = new byte[len];
        Jce.init(cbc, Cipher.DECRYPT_MODE, key);
        if (len == AES_BLOCK) {
            Jce.doFinal(cbc, in, off, AES_BLOCK, out, 0);
            return out;
        }
        int blocks = (len + AES_BLOCK - 1) / AES_BLOCK;
        int lastLen = len - (blocks - 1) * AES_BLOCK;
        int prevOff = (blocks - 2) * AES_BLOCK;              // holds C(n)
        int lastOff = (blocks - 1) * AES_BLOCK;              // holds the first lastLen bytes of C(n-1)
        // D(C(n)) = C(n-1) xor (P(n) || 0...) (one block with IV 0 is plain AES): its head gives P(n), its tail
        // the stolen bytes of C(n-1).
        byte[] d = new byte[AES_BLOCK];
        Jce.doFinal(cbc, in, off + prevOff, AES_BLOCK, d, 0);
        byte[] cPrev = new byte[AES_BLOCK];
        System.arraycopy(in, off + lastOff, cPrev, 0, lastLen);
        System.arraycopy(d, lastLen, cPrev, lastLen, AES_BLOCK - lastLen);
        for (int i = 0; i < lastLen; i++) {
            out[lastOff + i] = (byte) (d[i] ^ in[off + lastOff + i]);
        }
        Arrays.fill(d, (byte) 0);
        // Now plain CBC (the doFinal above reset the IV to 0) over C(1) .. C(n-2), then the rebuilt C(n-1).
        Jce.update(cbc, in, off, prevOff, out, 0);
        Jce.doFinal(cbc, cPrev, 0, AES_BLOCK, out, prevOff);
        return out;
    }

    private static void checkLength(int len) {
        if (len < AES_BLOCK) {
            throw new IllegalArgumentException("CTS needs at least one " + AES_BLOCK + "-byte block, got " + len);
        }
    }
}
