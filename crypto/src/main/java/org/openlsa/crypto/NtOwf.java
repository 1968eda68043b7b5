package org.openlsa.crypto;

import org.bouncycastle.crypto.digests.MD4Digest;

/**
 * The NT one-way function (MS-NLMP 3.3.1, NTOWFv1): MD4 over the UTF-16LE password. The result is the NT hash the
 * SAM stores instead of the password.
 */
public final class NtOwf {
    private NtOwf() {}

    public static final int NT_HASH_LENGTH = 16;

    /** NTOWFv1 over a password already in UTF-16LE (as an MSV1_0_INTERACTIVE_LOGON carries it). */
    public static SecretBytes ntOwfV1(SecretBytes utf16lePassword) {
        byte[] out = new byte[NT_HASH_LENGTH];
        utf16lePassword.use(p -> {
            MD4Digest md4 = new MD4Digest();
            md4.update(p, 0, p.length);
            md4.doFinal(out, 0);
        });
        return SecretBytes.adopt(out);
    }

    /** NTOWFv1 over a password typed as characters; no String is made, the intermediate bytes are zeroed. */
    public static SecretBytes ntOwfV1(char[] password) {
        try (SecretBytes utf16 = utf16le(password)) {
            return ntOwfV1(utf16);
        }
    }

    /**
     * UTF-16LE encoding of a password without creating a String; the caller still owns (and zeroes) its array.
     * {@link SecretBytes#adoptChars} takes the array instead, zeroing it.
     */
    public static SecretBytes utf16le(char[] password) {
        return SecretBytes.adoptChars(password.clone());
    }
}
