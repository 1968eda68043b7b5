package org.openlsa.crypto.kerberos;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import org.bouncycastle.crypto.engines.RC4Engine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.openlsa.crypto.NtOwf;
import org.openlsa.crypto.SecretBytes;

/**
 * rc4-hmac (RFC 4757): RC4 keyed per message from HMAC-MD5 values, with the Microsoft key usage numbers. Also the
 * HMAC-MD5 checksum (-138), which works with keys of any enctype. RC4 comes from Bouncy Castle so its copy of the
 * key can be zeroed; HMAC-MD5 and MD5 from JCE.
 */
final class Rc4HmacProfile implements EncryptionProfile {
    static final Rc4HmacProfile INSTANCE = new Rc4HmacProfile();

    private static final int CONFOUNDER_LENGTH = 8;
    private static final int CHECKSUM_LENGTH = 16;
    /** RFC 4757 section 4 / MIT: Ksign = HMAC-MD5(key, "signaturekey" with its terminating NUL). */
    private static final byte[] SIGNATURE_KEY = "signaturekey\0".getBytes(StandardCharsets.US_ASCII);

    private Rc4HmacProfile() {}

    /**
     * The key usage number Windows uses for a RFC 4120 usage (RFC 4757 section 3), exactly as MIT's
     * krb5int_arcfour_translate_usage: 3 (AS-REP enc-part) becomes 8, 23 (GSS wrap signing) becomes 13, and every
     * other usage, 9 (TGS-REP enc-part under the subkey) included, stays as it is. RFC 4757 lists 9 as 8, but MIT
     * and Heimdal both keep 9 and interoperate with Windows, so we follow them.
     */
    static int translateUsage(int usage) {
        return switch (usage) {
            case 3 -> 8;
            case 23 -> 13;
            default -> usage;
        };
    }

    @Override
    public int confounderLength() {
        return CONFOUNDER_LENGTH;
    }

    /**
     * RFC 4757 section 2: the key is MD4 of the UTF-16LE password, i.e. the NT hash; salt and iteration count play no
     * part.
     *
     * @throws IllegalArgumentException if {@code password} is not well-formed UTF-8 (as MIT refuses it)
     */
    @Override
    public byte[] stringToKey(byte[] password, byte[] salt, int iterations) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        char[] chars = new char[password.length];   // UTF-16 never needs more units than UTF-8 has bytes
        char[] exact = null;
        try {
            CharBuffer cb = CharBuffer.wrap(chars);
            if (decoder.decode(ByteBuffer.wrap(password), cb, true).isError() || decoder.flush(cb).isError()) {
                throw new CharacterCodingException();
            }
            exact = Arrays.copyOf(chars, cb.position());
            try (SecretBytes hash = NtOwf.ntOwfV1(exact)) {
                return hash.copyBytes();
            }
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("rc4-hmac string-to-key needs a well-formed UTF-8 password");
        } finally {
            Arrays.fill(chars, '\0');
            if (exact != null) {
                Arrays.fill(exact, '\0');
            }
        }
    }

    /**
     * RFC 4757 section 3: K1 = HMAC-MD5(key, LE32(T)); checksum = HMAC-MD5(K1, confounder | plaintext);
     * K3 = HMAC-MD5(K1, checksum); out = checksum | RC4(K3, confounder | plaintext).
     */
    @Override
    public byte[] encrypt(byte[] key, int usage, byte[] confounder, byte[] plaintext) {
        byte[] k1 = usageKey(key, usage);
        byte[] out = new byte[CHECKSUM_LENGTH + CONFOUNDER_LENGTH + plaintext.length];
        byte[] k3 = null;
        try {
            try (Jce.Lease<Mac> m = Jce.hmac("HmacMD5", k1)) {
                m.get().update(confounder, 0, CONFOUNDER_LENGTH);
                m.get().update(plaintext);
                Jce.doFinal(m.get(), out, 0);
                m.get().update(out, 0, CHECKSUM_LENGTH); // doFinal left it keyed with K1
                k3 = m.get().doFinal();
            }
            RC4Engine rc4 = rc4(k3);
            rc4.processBytes(confounder, 0, CONFOUNDER_LENGTH, out, CHECKSUM_LENGTH);
            rc4.processBytes(plaintext, 0, plaintext.length, out, CHECKSUM_LENGTH + CONFOUNDER_LENGTH);
            return out;
        } finally {
            Arrays.fill(k1, (byte) 0);
            if (k3 != null) {
                Arrays.fill(k3, (byte) 0);
            }
        }
    }

    @Override
    public byte[] decrypt(byte[] key, int usage, byte[] ciphertext) throws KerberosCryptoException {
        int minimum = CHECKSUM_LENGTH + CONFOUNDER_LENGTH;
        if (ciphertext.length < minimum) {
            throw new KerberosCryptoException(KerberosCryptoException.Reason.BAD_LENGTH,
                    "rc4-hmac ciphertext of " + ciphertext.length + " bytes is shorter than the " + minimum
                            + "-byte checksum and confounder");
        }
        byte[] k1 = usageKey(key, usage);
        byte[] k3 = null;
        byte[] data = new byte[ciphertext.length - CHECKSUM_LENGTH];
        try {
            byte[] expected;
            try (Jce.Lease<Mac> m = Jce.hmac("HmacMD5", k1)) {
                m.get().update(ciphertext, 0, CHECKSUM_LENGTH);
                k3 = m.get().doFinal();
                rc4(k3).processBytes(ciphertext, CHECKSUM_LENGTH, data.length, data, 0);
                expected = m.get().doFinal(data); // doFinal left it keyed with K1
            }
            if (!Jce.equalsConstantTime(expected, 0, ciphertext, 0, CHECKSUM_LENGTH)) {
                throw new KerberosCryptoException(KerberosCryptoException.Reason.BAD_INTEGRITY,
                        "rc4-hmac ciphertext failed its HMAC-MD5 check (wrong key, usage, or modified)");
            }
            return Arrays.copyOfRange(data, CONFOUNDER_LENGTH, data.length);
        } finally {
            Arrays.fill(data, (byte) 0);
            Arrays.fill(k1, (byte) 0);
            if (k3 != null) {
                Arrays.fill(k3, (byte) 0);
            }
        }
    }

    @Override
    public byte[] checksum(byte[] key, int usage, byte[] data) {
        return hmacMd5Checksum(key, usage, data);
    }

    /**
     * The HMAC-MD5 checksum (-138) as MIT computes it for a key of any length up to 64 bytes: Ksign =
     * HMAC-MD5(key, "signaturekey\0"); tmp = MD5(LE32(translated usage) | data); checksum = HMAC-MD5(Ksign, tmp).
     */
    static byte[] hmacMd5Checksum(byte[] key, int usage, byte[] data) {
        byte[] ksign = hmacMd5(key, SIGNATURE_KEY);
        try {
            MessageDigest md5 = Jce.digest("MD5");
            md5.update(le32(translateUsage(usage)));
            md5.update(data);
            return hmacMd5(ksign, md5.digest());
        } finally {
            Arrays.fill(ksign, (byte) 0);
        }
    }

    /** MIT and Windows define the rc4-hmac PRF as HMAC-SHA1(key, input) (RFC 4757 predates RFC 3961's PRF). */
    @Override
    public byte[] prf(byte[] key, byte[] input) {
        try (Jce.Lease<Mac> m = Jce.hmac("HmacSHA1", key)) {
            return m.get().doFinal(input);
        }
    }

    private static byte[] usageKey(byte[] key, int usage) {
        return hmacMd5(key, le32(translateUsage(usage)));
    }

    private static byte[] hmacMd5(byte[] key, byte[] data) {
        try (Jce.Lease<Mac> m = Jce.hmac("HmacMD5", key)) {
            return m.get().doFinal(data);
        }
    }

    private static byte[] le32(int v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }

    private static RC4Engine rc4(byte[] key) {
        KeyParameter parameter = new KeyParameter(key);
        try {
            RC4Engine engine = new RC4Engine();
            engine.init(true, parameter);
            return engine;
        } finally {
            Arrays.fill(parameter.getKey(), (byte) 0);   // Bouncy Castle's copy of the key
        }
    }
}
