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

    /**
     * A keyed RC4 stream whose state carries over from message to message: the "sealing key handle" NTLM session
     * security keeps per direction (MS-NLMP 3.4.3). Not thread-safe; {@link #destroy()} forgets the state.
     */
    public static final class Stream implements AutoCloseable {
        private final RC4Engine engine = new RC4Engine();
        private boolean destroyed;

        public Stream(SecretBytes key) {
            key.use(k -> {
                KeyParameter parameter = new KeyParameter(k);
                try {
                    engine.init(true, parameter);
                } finally {
                    Arrays.fill(parameter.getKey(), (byte) 0);
                }
            });
        }

        /** The next {@code in.length} bytes of key stream XORed into a new array. */
        public byte[] process(byte[] in) {
            if (destroyed) {
                throw new IllegalStateException("the RC4 stream was destroyed");
            }
            byte[] out = new byte[in.length];
            engine.processBytes(in, 0, in.length, out, 0);
            return out;
        }

        /** Re-keys the engine with zeros so its working state no longer derives from the session key. */
        public void destroy() {
            engine.init(true, new KeyParameter(new byte[16]));
            destroyed = true;
        }

        @Override
        public void close() {
            destroy();
        }
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
