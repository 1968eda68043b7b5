package org.openlsa.crypto;

import java.util.Arrays;
import org.bouncycastle.crypto.engines.RC4Engine;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The session-key exchange of MS-NLMP 3.1.5.1.2 / 3.2.5.1.2: EncryptedRandomSessionKey = RC4K(KXKEY,
 * ExportedSessionKey), and its inverse. Bouncy Castle's copy of the key is zeroed after use.
 */
public final class Rc4 {
    private Rc4() {}

    /** RC4K(keyExchangeKey, randomSessionKey): the wire form of the exported session key. */
    public static byte[] encryptSessionKey(SecretBytes keyExchangeKey, SecretBytes randomSessionKey) {
        byte[] out = new byte[randomSessionKey.length()];
        randomSessionKey.use(plain -> crypt(keyExchangeKey, plain, out));
        return out;
    }

    /** Recovers the exported session key from EncryptedRandomSessionKey. */
    public static SecretBytes decryptSessionKey(SecretBytes keyExchangeKey, byte[] encryptedRandomSessionKey) {
        byte[] out = new byte[encryptedRandomSessionKey.length];
        crypt(keyExchangeKey, encryptedRandomSessionKey, out);
        return SecretBytes.adopt(out);
    }

    private static void crypt(SecretBytes key, byte[] in, byte[] out) {
        key.use(k -> {
            KeyParameter parameter = new KeyParameter(k);
            try {
                RC4Engine rc4 = new RC4Engine();
                rc4.init(true, parameter);
                rc4.processBytes(in, 0, in.length, out, 0);
            } finally {
                Arrays.fill(parameter.getKey(), (byte) 0);
            }
        });
    }
}
