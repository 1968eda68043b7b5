package org.openlsa.pkinit.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.openlsa.crypto.kerberos.EncryptionType;
import org.openlsa.crypto.kerberos.KerberosKey;

/**
 * RFC 4556 3.2.3.1 octetstring2key(x) = random-to-key(K-truncate(SHA1(0x00 | x) | SHA1(0x01 | x) | ...)), K the
 * key-generation seed length of the enctype; random-to-key is the identity for every enctype OpenLSA has.
 */
public final class OctetString2Key {
    private OctetString2Key() {}

    public static KerberosKey derive(EncryptionType type, byte[] x) {
        int k = type.keyLength();
        byte[] out = new byte[k];
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            int filled = 0;
            for (int counter = 0; filled < k; counter++) {
                sha1.update((byte) counter);
                byte[] block = sha1.digest(x);
                int n = Math.min(block.length, k - filled);
                System.arraycopy(block, 0, out, filled, n);
                Arrays.fill(block, (byte) 0);
                filled += n;
            }
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is a required JCA algorithm", e);
        }
        return KerberosKey.adopt(type, out);
    }
}
