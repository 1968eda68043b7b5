package org.openlsa.crypto.kerberos;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The pooled JCE objects: handed back re-keyed with zeros, never shared between two holders. */
class JcePoolTest {

    @Test
    void aReturnedCipherNoLongerHoldsTheCallersKey() throws Exception {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        Cipher used;
        try (Jce.Lease<Cipher> lease = Jce.aesCbc()) {
            used = lease.get();
            Jce.init(used, Cipher.ENCRYPT_MODE, secret);
        }
        try (Jce.Lease<Cipher> again = Jce.aesCbc()) {
            assertSame(used, again.get(), "one thread, one idle cipher: the same object comes back");
            // Without re-keying, it encrypts under the zero key it was scrubbed with, not under the secret.
            byte[] block = new byte[16];
            byte[] out = new byte[16];
            Jce.doFinal(again.get(), block, 0, 16, out, 0);
            Cipher reference = Cipher.getInstance("AES/ECB/NoPadding");
            reference.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(new byte[16], "AES"));
            assertArrayEquals(reference.doFinal(block), out);
        }
    }

    @Test
    void aReturnedMacNoLongerHoldsTheCallersKey() throws Exception {
        byte[] secret = "a key nobody else may use".getBytes(StandardCharsets.US_ASCII);
        Mac used;
        try (Jce.Lease<Mac> lease = Jce.hmac("HmacSHA1", secret)) {
            used = lease.get();
            used.update((byte) 1);
        }
        byte[] data = "data".getBytes(StandardCharsets.US_ASCII);
        Mac reference = Mac.getInstance("HmacSHA1");
        reference.init(new SecretKeySpec(new byte[1], "HmacSHA1"));
        Mac pooled;
        try (Jce.Lease<Mac> again = Jce.hmac("HmacSHA1", new byte[1])) {
            pooled = again.get();
            assertSame(used, pooled);
        }
        // The scrubbed object is keyed with the zero key and holds no pending input from the first holder.
        assertArrayEquals(reference.doFinal(data), pooled.doFinal(data));
    }

    @Test
    void aClosedLeaseRefusesUse() {
        Jce.Lease<Cipher> lease = Jce.aesCbc();
        lease.close();
        lease.close(); // idempotent: the object goes back once
        assertThrows(IllegalStateException.class, lease::get);
    }

    @Test
    void concurrentOperationsUnderDifferentKeysNeverMix() throws Exception {
        List<KerberosKey> keys = new ArrayList<>();
        SecureRandom random = new SecureRandom();
        for (EncryptionType t : EncryptionType.values()) {
            keys.add(KerberosCrypto.randomKey(t, random));
            keys.add(KerberosCrypto.randomKey(t, random));
        }
        // Platform threads keep one idle object each; virtual threads share the deque: both paths under load.
        ExecutorService pool = Executors.newFixedThreadPool(8);
        ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor();
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int task = 0; task < 64; task++) {
                KerberosKey key = keys.get(task % keys.size());
                KerberosKey other = keys.get((task + 1) % keys.size());
                int usage = 1 + task % 20;
                results.add((task % 2 == 0 ? pool : virtual).submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        byte[] plain = ("message " + i).getBytes(StandardCharsets.US_ASCII);
                        byte[] c = KerberosCrypto.encrypt(key, usage, plain, random);
                        if (!java.util.Arrays.equals(plain, KerberosCrypto.decrypt(key, usage, c))) {
                            return false;
                        }
                        byte[] sum = KerberosCrypto.checksum(key.type().checksumType(), key, usage, plain);
                        if (!KerberosCrypto.verifyChecksum(key.type().checksumType(), key, usage, plain, sum)) {
                            return false;
                        }
                        try {
                            KerberosCrypto.decrypt(other, usage, c);
                            return false; // another key must never open it
                        } catch (KerberosCryptoException expected) {
                            // the integrity check caught the wrong key
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : results) {
                assertTrue(f.get());
            }
        } finally {
            pool.shutdownNow();
            virtual.shutdownNow();
            keys.forEach(KerberosKey::destroy);
        }
    }

    @Test
    void foldedUsageConstantsEqualTheNFoldOfTheConstant() {
        for (int usage : new int[] {0, 1, 2, 7, 17, 1024, -1, Integer.MAX_VALUE}) {
            for (int kind : new int[] {EncryptionProfile.KC, EncryptionProfile.KE, EncryptionProfile.KI}) {
                byte[] expected = NFold.nfold(EncryptionProfile.usageConstant(usage, kind), 16);
                byte[] first = FoldedUsageConstants.folded(usage, kind);
                assertArrayEquals(expected, first);
                first[0] ^= 1; // a caller overwriting its copy must not change the memo
                assertArrayEquals(expected, FoldedUsageConstants.folded(usage, kind));
            }
        }
    }
}
