package org.openlsa.crypto.kerberos;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.ProviderException;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.IvParameterSpec;

/**
 * The JCE objects this package uses. Ciphers and MACs are borrowed from small pools ({@link Lease}): looking one up
 * in the provider list costs more than the AES or HMAC work of a whole Kerberos message, and a KDC request does a
 * dozen such operations. They are not thread-safe, so a lease belongs to one caller until closed; closing re-keys
 * the object with a zero key, so no pooled object keeps the last caller's key or key schedule (SunJCE keeps a copy
 * of the raw AES key to spot re-use of the same key). Algorithms every JDK must have are missing only in a broken
 * runtime, so their checked exceptions become {@link ProviderException}.
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
     * A JCE object borrowed for one operation. Closing scrubs it (re-keys it with zeros) and returns it to its pool;
     * a lease that is never closed only costs the pool one object.
     */
    static final class Lease<T> implements AutoCloseable {
        private final Pool<T> pool;
        private T value;

        private Lease(Pool<T> pool, T value) {
            this.pool = pool;
            this.value = value;
        }

        T get() {
            if (value == null) {
                throw new IllegalStateException("JCE lease already closed");
            }
            return value;
        }

        @Override
        public void close() {
            T v = value;
            value = null;
            if (v != null) {
                pool.release(v);
            }
        }
    }

    /**
     * Idle objects of one algorithm: one per platform thread, and at most {@link #CAPACITY} shared; beyond that,
     * returned objects are dropped. Every idle object has been scrubbed.
     */
    private static final class Pool<T> {
        private static final int CAPACITY = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());

        private final Supplier<T> create;
        private final Consumer<T> scrub;
        private final ConcurrentLinkedDeque<T> idle = new ConcurrentLinkedDeque<>(); // LIFO: the warmest first
        private final AtomicInteger size = new AtomicInteger();
        /**
         * One idle object per platform thread (a KDC worker, say), taken and returned without touching the shared
         * deque. Virtual threads are many and short-lived, so they use the deque only.
         */
        private final ThreadLocal<Object[]> local = ThreadLocal.withInitial(() -> new Object[1]);

        Pool(Supplier<T> create, Consumer<T> scrub) {
            this.create = create;
            this.scrub = scrub;
        }

        Lease<T> acquire() {
            if (!Thread.currentThread().isVirtual()) {
                Object[] slot = local.get();
                @SuppressWarnings("unchecked")
                T mine = (T) slot[0];
                if (mine != null) {
                    slot[0] = null;
                    return new Lease<>(this, mine);
                }
            }
            T v = idle.pollFirst();
            if (v == null) {
                return new Lease<>(this, create.get());
            }
            size.decrementAndGet();
            return new Lease<>(this, v);
        }

        void release(T v) {
            try {
                scrub.accept(v);
            } catch (RuntimeException e) {
                return; // a provider that refuses the zero key keeps whatever it holds out of the pool
            }
            if (!Thread.currentThread().isVirtual()) {
                Object[] slot = local.get();
                if (slot[0] == null) {
                    slot[0] = v;
                    return;
                }
            }
            if (size.incrementAndGet() <= CAPACITY) {
                idle.offerFirst(v);
            } else {
                size.decrementAndGet();
            }
        }
    }

    private static final byte[] ZERO_AES_KEY = new byte[AES_BLOCK];
    private static final byte[] ZERO_HMAC_KEY = new byte[1];

    private static final Pool<Cipher> AES_CBC = new Pool<>(() -> {
        try {
            return Cipher.getInstance("AES/CBC/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new ProviderException("AES/CBC/NoPadding unavailable", e);
        }
    }, c -> init(c, Cipher.ENCRYPT_MODE, ZERO_AES_KEY.clone()));

    private static final ConcurrentHashMap<String, Pool<Mac>> HMACS = new ConcurrentHashMap<>();

    /**
     * An uninitialised AES/CBC/NoPadding cipher, to be keyed with {@link #init}: each operation re-keys it for
     * every step (key derivation, then encryption under the derived key). CBC with IV 0 on a single block is plain
     * AES, which is all the derivation and the CTS tail need.
     */
    static Lease<Cipher> aesCbc() {
        return AES_CBC.acquire();
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
    static Lease<Mac> hmac(String algorithm, byte[] key) {
        Pool<Mac> pool = HMACS.computeIfAbsent(algorithm, a -> new Pool<>(() -> {
            try {
                return Mac.getInstance(a);
            } catch (GeneralSecurityException e) {
                throw new ProviderException(a + " unavailable", e);
            }
        }, m -> init(m, ZERO_HMAC_KEY.clone())));
        Lease<Mac> lease = pool.acquire();
        try {
            init(lease.get(), key);
            return lease;
        } catch (RuntimeException e) {
            lease.close();
            throw e;
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

    /** Zeroes each array that is not null (the ones a failed operation never got to allocate are). */
    static void zero(byte[]... arrays) {
        for (byte[] a : arrays) {
            if (a != null) {
                Arrays.fill(a, (byte) 0);
            }
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
