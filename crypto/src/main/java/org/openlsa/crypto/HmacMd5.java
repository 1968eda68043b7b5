package org.openlsa.crypto;

import java.util.Arrays;
import org.bouncycastle.crypto.digests.MD5Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/** HMAC_MD5(K, M) of MS-NLMP 6 over the concatenation of {@code parts}; key copies made here are zeroed. */
public final class HmacMd5 {
    private HmacMd5() {}

    public static final int MAC_BYTES = 16;

    public static byte[] mac(SecretBytes key, byte[]... parts) {
        byte[] out = new byte[MAC_BYTES];
        key.use(k -> {
            KeyParameter parameter = new KeyParameter(k);
            try {
                HMac hmac = new HMac(new MD5Digest());
                hmac.init(parameter);
                for (byte[] part : parts) {
                    hmac.update(part, 0, part.length);
                }
                hmac.doFinal(out, 0);
            } finally {
                Arrays.fill(parameter.getKey(), (byte) 0); // Bouncy Castle's copy of the key
            }
        });
        return out;
    }
}
