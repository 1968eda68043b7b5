package org.openlsa.sam;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.crypto.kerberos.EncryptionType;
import org.openlsa.crypto.kerberos.KerberosCrypto;
import org.openlsa.crypto.kerberos.KerberosKey;

/**
 * The encryption types the SAM keeps keys for (RFC 3961 section 8 numbers; the crypto module's
 * {@link EncryptionType} is the one table of them), and how a key set comes into being: from a password with the
 * default salt, or as random keys.
 *
 * <p>Only the enctypes OpenLSA's KDC implements are known: the AES families of RFC 3962 and RFC 8009, and RC4-HMAC
 * (RFC 4757) for old Windows clients. For all of them random-to-key is the identity (RFC 3962 section 6, RFC 8009
 * section 5, RFC 4757), so a random key is simply {@link #keyLengthBytes} random bytes.
 */
public final class KerberosKeys {
    private KerberosKeys() {}

    public static final int AES128_CTS_HMAC_SHA1_96 = EncryptionType.AES128_CTS_HMAC_SHA1_96.id();
    public static final int AES256_CTS_HMAC_SHA1_96 = EncryptionType.AES256_CTS_HMAC_SHA1_96.id();
    public static final int AES128_CTS_HMAC_SHA256_128 = EncryptionType.AES128_CTS_HMAC_SHA256_128.id();
    public static final int AES256_CTS_HMAC_SHA384_192 = EncryptionType.AES256_CTS_HMAC_SHA384_192.id();
    /** rc4-hmac (RFC 4757): the key is the NT hash. */
    public static final int RC4_HMAC = EncryptionType.RC4_HMAC.id();

    /** Every enctype the SAM accepts keys for: those the crypto module implements, in RFC 3961 number order. */
    public static final List<Integer> SUPPORTED = Arrays.stream(EncryptionType.values()).map(EncryptionType::id)
            .sorted().toList();

    public static boolean isSupported(int enctype) {
        return EncryptionType.of(enctype).isPresent();
    }

    /**
     * The protocol key size of {@code enctype} in bytes.
     *
     * @throws IllegalArgumentException for an enctype not in {@link #SUPPORTED}
     */
    public static int keyLengthBytes(int enctype) {
        return type(enctype).keyLength();
    }

    private static EncryptionType type(int enctype) {
        return EncryptionType.of(enctype).orElseThrow(
                () -> new IllegalArgumentException("enctype " + enctype + " is not one of " + SUPPORTED));
    }

    /**
     * RFC 4120 section 4's default salt: the realm followed by the principal's name components, without separators,
     * in UTF-8. For krbtgt/REALM@REALM that is {@code REALM + "krbtgt" + REALM}.
     */
    public static byte[] defaultSalt(String realm, List<String> nameComponents) {
        Objects.requireNonNull(realm, "realm");
        StringBuilder b = new StringBuilder(realm);
        nameComponents.forEach(b::append);
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A key set of fresh random keys, one per enctype in the given order, all with {@code salt} (which a random key
     * does not depend on, but ETYPE-INFO2 announces). The caller destroys the set.
     *
     * @throws IllegalArgumentException for an unsupported or repeated enctype
     */
    public static KerberosKeySet randomKeySet(List<Integer> enctypes, int kvno, byte[] salt, SecureRandom random) {
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(random, "random");
        List<KerberosKeyEntry> keys = new ArrayList<>(enctypes.size());
        try {
            for (int enctype : enctypes) {
                byte[] key = new byte[keyLengthBytes(enctype)];
                random.nextBytes(key);
                keys.add(new KerberosKeyEntry(enctype, salt, SecretBytes.adopt(key)));
            }
            return new KerberosKeySet(kvno, keys);
        } catch (RuntimeException e) {
            keys.forEach(k -> k.key().destroy());
            throw e;
        }
    }

    /**
     * The keys of a password, one per enctype in the given order, by each enctype's string-to-key with the
     * default iteration count and {@code salt} (RFC 3961 section 3; RFC 4120 4 for the salt). The caller destroys
     * the set.
     *
     * @param utf8Password the password in UTF-8, as RFC 3962 and RFC 8009 feed it to PBKDF2; not destroyed here
     */
    public static KerberosKeySet passwordKeySet(List<Integer> enctypes, int kvno, SecretBytes utf8Password,
                                                byte[] salt) {
        Objects.requireNonNull(salt, "salt");
        List<KerberosKeyEntry> keys = new ArrayList<>(enctypes.size());
        try {
            for (int enctype : enctypes) {
                KerberosKey key = KerberosCrypto.stringToKey(type(enctype), utf8Password, salt, null);
                byte[] bytes = key.copyBytes();
                key.destroy();
                keys.add(new KerberosKeyEntry(enctype, salt, SecretBytes.adopt(bytes)));
            }
            return new KerberosKeySet(kvno, keys);
        } catch (RuntimeException e) {
            keys.forEach(k -> k.key().destroy());
            throw e;
        }
    }
}
