package org.openlsa.crypto.kerberos;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * PBKDF2 (RFC 8018 section 5.2) with HMAC-SHA1/256/384 as the PRF. Written here rather than taken from
 * {@code SecretKeyFactory} because that API wants the password as {@code char[]} (Kerberos passwords arrive as
 * UTF-8 bytes, which need not round-trip through chars) and keeps copies we cannot zero.
 *
 * <p>The HMAC (RFC 2104) is computed over {@link MessageDigest} clones of the states after the ipad and opad
 * blocks: a JCE {@code Mac} rehashes both pads on every call, which doubles the work of the thousands of
 * iterations.
 */
final class Pbkdf2 {
    private Pbkdf2() {}

    /** {@code hmacAlgorithm}: HmacSHA1, HmacSHA256 or HmacSHA384. */
    static byte[] derive(String hmacAlgorithm, byte[] password, byte[] salt, int iterations, int length) {
        String digest = switch (hmacAlgorithm) {
            case "HmacSHA1" -> "SHA-1";
            case "HmacSHA256" -> "SHA-256";
            case "HmacSHA384" -> "SHA-384";
            default -> throw new IllegalArgumentException(hmacAlgorithm);
        };
        int blockSize = digest.equals("SHA-384") ? 128 : 64;
        MessageDigest inner = Jce.digest(digest);
        MessageDigest outer = Jce.digest(digest);
        int hLen = inner.getDigestLength();
        byte[] pad = new byte[blockSize];
        byte[] out = new byte[length];
        byte[] u = new byte[hLen];
        byte[] t = new byte[hLen];
        byte[] index = new byte[4];
        try {
            // A key longer than the hash block is hashed first (RFC 2104 section 2).
            if (password.length > blockSize) {
                byte[] hashed = inner.digest(password);
                System.arraycopy(hashed, 0, pad, 0, hLen);
                Arrays.fill(hashed, (byte) 0);
            } else {
                System.arraycopy(password, 0, pad, 0, password.length);
            }
            for (int i = 0; i < blockSize; i++) {
                pad[i] ^= 0x36;
            }
            inner.update(pad);
            for (int i = 0; i < blockSize; i++) {
                pad[i] ^= 0x36 ^ 0x5c;
            }
            outer.update(pad);
            for (int block = 1, done = 0; done < length; block++, done += hLen) {
                // T_i = U_1 xor ... xor U_c, U_1 = PRF(P, S || INT(i)), U_j = PRF(P, U_{j-1}).
                Jce.putInt(index, 0, block);
                hmac(inner, outer, u, salt, index);
                System.arraycopy(u, 0, t, 0, hLen);
                for (int j = 1; j < iterations; j++) {
                    hmac(inner, outer, u, u, null);
                    for (int k = 0; k < hLen; k++) {
                        t[k] ^= u[k];
                    }
                }
                System.arraycopy(t, 0, out, done, Math.min(hLen, length - done));
            }
            return out;
        } finally {
            Arrays.fill(pad, (byte) 0);
            Arrays.fill(u, (byte) 0);
            Arrays.fill(t, (byte) 0);
        }
    }

    /** HMAC of {@code a || b} into {@code out}: H(opad-state, H(ipad-state, a || b)). */
    private static void hmac(MessageDigest inner, MessageDigest outer, byte[] out, byte[] a, byte[] b) {
        try {
            MessageDigest in = (MessageDigest) inner.clone();
            in.update(a);
            if (b != null) {
                in.update(b);
            }
            in.digest(out, 0, out.length);
            MessageDigest o = (MessageDigest) outer.clone();
            o.update(out);
            o.digest(out, 0, out.length);
        } catch (CloneNotSupportedException | java.security.DigestException e) {
            throw new java.security.ProviderException("digest cannot be cloned", e);
        }
    }
}
