package org.openlsa.crypto.kerberos;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.ProviderException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.IvParameterSpec;

/**
 * The JCE objects this package uses, obtained fresh per call (they are not thread-safe, and a cached one would
 * keep a key schedule alive). Algorithms every JDK must have are missing only in a broken runtime, so their
 * checked exceptions become {@link ProviderException}.
 */
final class Jce {
    private Jce() {}

    static final int AES_BLOCK = 16;
    private static final IvParameterSpec ZERO_IV = new IvParameterSpec(new byte[AES_BLOCK]);

    /**
     * A raw key whose bytes we can zero. {@code SecretKeySpec} keeps a private copy that nothing can clear, so this
     * key hands the provider a copy (which SunJCE zeroes after expanding it) and zeroes its own on
     * {@link #destroy()}.
     */
    static final class RawKey implements SecretKey, AutoCloseable {
        private final byte[] key;
        private final String algorithm;
        private boolean destroyed;

        /** Borrows {@code key} (no copy): {@link #destroy()} zeroes the caller's array. */
        RawKey(byte[] key, String algorithm) {
            this.key = key;
            this.algorithm = algorithm;
        }

        @Override
        public String getAlgorithm() {
            return algorithm;
        }

        @Override
        public String getFormat() {
            return "RAW";
        }

        @Override
        public byte[] getEncoded() {
            return key.clone();
        }

        @Override
        public void destroy() {
            Arrays.fill(key, (byte) 0);
            destroyed = true;
        }

        @Override
        public boolean isDestroyed() {
            return destroyed;
        }

        @Override
        public void close() {
            destroy();
        }
    }

    /**
     * An uninitialised AES/CBC/NoPadding cipher. Obtaining one costs far more than keying it (a provider lookup,
     * about 2 us, against about 0.1 us for {@link #init}), so each operation gets one and re-keys it for every
     * step: key derivation, then encryption under the derived key. CBC with IV 0 on a single block is plain AES,
     * which is all the derivation and the CTS tail need.
     */
    static Cipher aesCbc() {
        try {
            return Cipher.getInstance("AES/CBC/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new ProviderException("AES/CBC/NoPadding unavailable", e);
        }
    }

    /** Keys {@code cipher} with {@code key} (copied into the provider; the array is not kept) and IV 0. */
    static void init(Cipher cipher, int mode, byte[] key) {
        try {
            cipher.init(mode, new RawKey(key, "AES"), ZERO_IV);
        } catch (GeneralSecurityException e) {
            throw new ProviderException("AES refused a " + key.length + "-byte key", e);
        }
    }

    /** An HMAC keyed with {@code key} ({@code algorithm}: HmacSHA1, HmacSHA256, HmacSHA384, HmacMD5). */
    static Mac hmac(String algorithm, byte[] key) {
        try {
            Mac m = Mac.getInstance(algorithm);
            m.init(new RawKey(key, algorithm));
            return m;
        } catch (GeneralSecurityException e) {
            throw new ProviderException(algorithm + " unavailable", e);
        }
    }

    /** Re-keys {@code mac}, which is cheaper than getting a new one. */
    static void init(Mac mac, byte[] key) {
        try {
            mac.init(new RawKey(key, mac.getAlgorithm()));
        } catch (GeneralSecurityException e) {
            throw new ProviderException(mac.getAlgorithm() + " refused its key", e);
        }
    }

    static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (GeneralSecurityException e) {
            throw new ProviderException(algorithm + " unavailable", e);
        }
    }

    /** {@code cipher.update} into {@code out}, for a cipher whose output always equals its input length. */
    static void update(Cipher cipher, byte[] in, int inOff, int len, byte[] out, int outOff) {
        try {
            int n = cipher.update(in, inOff, len, out, outOff);
            if (n != len) {
                throw new ProviderException("block cipher returned " + n + " of " + len + " bytes");
            }
        } catch (javax.crypto.ShortBufferException e) {
            throw new ProviderException(e);
        }
    }

    /** {@code cipher.doFinal} into {@code out}, for no-padding modes on whole blocks. */
    static void doFinal(Cipher cipher, byte[] in, int inOff, int len, byte[] out, int outOff) {
        try {
            int n = cipher.doFinal(in, inOff, len, out, outOff);
            if (n != len) {
                throw new ProviderException("block cipher returned " + n + " of " + len + " bytes");
            }
        } catch (GeneralSecurityException e) {
            throw new ProviderException(e);
        }
    }

    /** {@code mac.doFinal} into {@code out}. */
    static void doFinal(Mac mac, byte[] out, int outOff) {
        try {
            mac.doFinal(out, outOff);
        } catch (javax.crypto.ShortBufferException e) {
            throw new ProviderException(e);
        }
    }

    /** The 4-byte big-endian form of a key usage or counter (RFC 3961 section 5.3 "usage" constants). */
    static void putInt(byte[] out, int off, int value) {
        out[off] = (byte) (value >>> 24);
        out[off + 1] = (byte) (value >>> 16);
        out[off + 2] = (byte) (value >>> 8);
        out[off + 3] = (byte) value;
    }

    /** Equality of {@code len} bytes at the given offsets in time independent of where they differ. */
    static boolean equalsConstantTime(byte[] a, int aOff, byte[] b, int bOff, int len) {
        int diff = 0;
        for (int i = 0; i < len; i++) {
            diff |= a[aOff + i] ^ b[bOff + i];
        }
        return diff == 0;
    }
}
