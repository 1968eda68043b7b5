package org.openlsa.crypto.kerberos;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Coverage-guided fuzzing of decryption (Jazzer). A plain {@code mvn test} replays the seeds under
 * {@code src/test/resources/org/openlsa/crypto/kerberos/KerberosCryptoFuzzTestInputs/<method>/}; to fuzz:
 * {@code JAZZER_FUZZ=1 mvn -pl crypto test -Dtest='KerberosCryptoFuzzTest#fuzzDecrypt'}.
 *
 * <p>Property: whatever the bytes, decryption under any enctype ends in a plaintext or a
 * {@link KerberosCryptoException}, never another exception.
 */
class KerberosCryptoFuzzTest {
    /** One fixed key per enctype; the seeds include MIT's t_decrypt ciphertexts under the rows' own keys. */
    private static final KerberosKey[] KEYS = {
        Hex.key(17, "9062430c8cda3388922e6d6a509f5b7a"),
        Hex.key(18, "b1ae4cd8462aff1677053cc9279aac30b796fb81ce21474dd3ddbcfea4ec76d7"),
        Hex.key(19, "3705d96080c17728a0e800eab6e0d23c"),
        Hex.key(20, "6d404d37faf79f9df0d33568d320669800eb4836472ea8a026d16b7182460c52"),
        Hex.key(23, "3e40ab6093695281b3ac1a9304224d98"),
    };

    @FuzzTest(maxDuration = "20s")
    void fuzzDecrypt(byte[] data) {
        for (KerberosKey key : KEYS) {
            try {
                KerberosCrypto.decrypt(key, 2, data);
            } catch (KerberosCryptoException expected) {
                // refused: the only acceptable failure
            }
        }
    }

    /** Checksum verification of arbitrary data against an arbitrary claimed checksum: a boolean, never a throw. */
    @FuzzTest(maxDuration = "20s")
    void fuzzVerifyChecksum(byte[] data) {
        int split = data.length == 0 ? 0 : (data[0] & 0xff) % (data.length + 1);
        byte[] claimed = Arrays.copyOfRange(data, 0, split);
        byte[] signed = Arrays.copyOfRange(data, split, data.length);
        for (KerberosKey key : KEYS) {
            for (ChecksumType type : ChecksumType.values()) {
                KerberosCrypto.verifyChecksum(type, key, 17, signed, claimed);
            }
        }
    }

    /** Encrypting arbitrary plaintext always decrypts back to it. */
    @FuzzTest(maxDuration = "20s")
    void fuzzRoundTrip(byte[] data) throws KerberosCryptoException {
        SecureRandom random = new SecureRandom();
        for (KerberosKey key : KEYS) {
            assertArrayEquals(data, KerberosCrypto.decrypt(key, 9, KerberosCrypto.encrypt(key, 9, data, random)));
        }
    }
}
