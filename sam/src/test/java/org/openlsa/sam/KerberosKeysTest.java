package org.openlsa.sam;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openlsa.crypto.SecretBytes;

/** The enctype table, random key sets, the default salt, and the ownership rules of key entries and sets. */
class KerberosKeysTest {
    private static final byte[] SALT = "EXAMPLE.COMalice".getBytes(StandardCharsets.UTF_8);

    private static SecretBytes key(int length, int fill) {
        byte[] b = new byte[length];
        java.util.Arrays.fill(b, (byte) fill);
        return SecretBytes.adopt(b);
    }

    @Test
    void keySizesFollowRfc3962Rfc8009AndRfc4757() {
        assertEquals(16, KerberosKeys.keyLengthBytes(17));
        assertEquals(32, KerberosKeys.keyLengthBytes(18));
        assertEquals(16, KerberosKeys.keyLengthBytes(19));
        assertEquals(32, KerberosKeys.keyLengthBytes(20));
        assertEquals(16, KerberosKeys.keyLengthBytes(23));
        assertThrows(IllegalArgumentException.class, () -> KerberosKeys.keyLengthBytes(3)); // des-cbc-md5: gone
        assertEquals(List.of(17, 18, 19, 20, 23), KerberosKeys.SUPPORTED);
    }

    @Test
    void defaultSaltIsRealmThenComponentsWithoutSeparators() {
        assertArrayEquals("EXAMPLE.COMkrbtgtEXAMPLE.COM".getBytes(StandardCharsets.UTF_8),
                KerberosKeys.defaultSalt("EXAMPLE.COM", List.of("krbtgt", "EXAMPLE.COM")));
        // RFC 3962 appendix B's salt for raeburn@ATHENA.MIT.EDU
        assertArrayEquals("ATHENA.MIT.EDUraeburn".getBytes(StandardCharsets.UTF_8),
                KerberosKeys.defaultSalt("ATHENA.MIT.EDU", List.of("raeburn")));
    }

    @Test
    void randomKeySetHasOneFreshKeyPerEnctypeInOrder() {
        SecureRandom random = new SecureRandom();
        try (KerberosKeySet a = KerberosKeys.randomKeySet(List.of(18, 17, 23), 7, SALT, random);
             KerberosKeySet b = KerberosKeys.randomKeySet(List.of(18, 17, 23), 7, SALT, random)) {
            assertEquals(7, a.kvno());
            assertEquals(List.of(18, 17, 23), a.enctypes());
            for (KerberosKeyEntry k : a.keys()) {
                assertEquals(KerberosKeys.keyLengthBytes(k.enctype()), k.key().length());
                assertArrayEquals(SALT, k.salt());
                assertFalse(k.key().equalsConstantTime(b.key(k.enctype()).orElseThrow().key()), "two draws collide");
            }
        }
        assertThrows(IllegalArgumentException.class, () -> KerberosKeys.randomKeySet(List.of(18, 3), 1, SALT, random));
        assertThrows(IllegalArgumentException.class, () -> KerberosKeys.randomKeySet(List.of(18, 18), 1, SALT, random));
    }

    @Test
    void krbtgtKeysAreSaltedWithItsPrincipal() {
        try (KerberosKeySet k = DomainProvisioning.krbtgtKeys("LAB", KerberosPolicy.DEFAULT.enctypes(), new SecureRandom())) {
            assertEquals(DomainProvisioning.KRBTGT_FIRST_KVNO, k.kvno());
            assertEquals(KerberosPolicy.DEFAULT.enctypes(), k.enctypes());
            assertArrayEquals("LABkrbtgtLAB".getBytes(StandardCharsets.UTF_8), k.keys().getFirst().salt());
        }
    }

    @Test
    void anEntryChecksTheKeySizeAndCopiesTheSalt() {
        assertThrows(IllegalArgumentException.class, () -> new KerberosKeyEntry(18, SALT, key(16, 1)));
        assertThrows(IllegalArgumentException.class, () -> new KerberosKeyEntry(4, SALT, key(16, 1)));
        SecretBytes destroyed = key(16, 1);
        destroyed.destroy();
        assertThrows(IllegalArgumentException.class, () -> new KerberosKeyEntry(17, SALT, destroyed));

        byte[] salt = SALT.clone();
        KerberosKeyEntry e = new KerberosKeyEntry(17, salt, key(16, 1));
        salt[0] = 'X';
        assertArrayEquals(SALT, e.salt());
        e.salt()[0] = 'Y';
        assertArrayEquals(SALT, e.salt());
    }

    @Test
    void noKeyMaterialInToString() {
        SecretBytes k = key(16, 0xAB);
        KerberosKeySet set = new KerberosKeySet(2, List.of(new KerberosKeyEntry(17, SALT, k)));
        String text = set + " " + set.keys().getFirst();
        assertFalse(text.toLowerCase().contains("abab"), text);
        assertFalse(text.contains(HexFormat.of().formatHex(new byte[] {(byte) 0xAB})), text);
        assertTrue(text.contains("kvno=2") && text.contains("17"), text);
        set.destroy();
    }

    @Test
    void aSetOwnsItsKeysAndACopyIsIndependent() {
        SecretBytes k18 = key(32, 1);
        SecretBytes k17 = key(16, 2);
        KerberosKeySet set = new KerberosKeySet(1, List.of(new KerberosKeyEntry(18, SALT, k18),
                new KerberosKeyEntry(17, SALT, k17)));
        KerberosKeySet copy = set.copy();
        assertNotEquals(set, copy, "equality is identity: key sets are secrets");
        set.destroy();
        assertTrue(set.isDestroyed());
        assertTrue(k18.isDestroyed() && k17.isDestroyed(), "destroy() zeroes the keys the set took over");
        assertFalse(copy.isDestroyed());
        assertTrue(copy.key(18).orElseThrow().key().equalsConstantTime(key(32, 1)));
        copy.close();
        assertTrue(copy.isDestroyed());
        set.destroy(); // idempotent
    }

    @Test
    void aSetHasOneKeyPerEnctypeAndANonNegativeKvno() {
        assertThrows(IllegalArgumentException.class, () -> new KerberosKeySet(1,
                List.of(new KerberosKeyEntry(17, SALT, key(16, 1)), new KerberosKeyEntry(17, SALT, key(16, 2)))));
        assertThrows(IllegalArgumentException.class, () -> new KerberosKeySet(-1, List.of()));
        KerberosKeySet empty = new KerberosKeySet(0, List.of());
        assertEquals(List.of(), empty.enctypes());
        assertTrue(empty.key(18).isEmpty());
    }
}
