package org.openlsa.kerberos;

import java.util.Arrays;

/**
 * KERB_CRYPTO_KEY {LONG KeyType; ULONG Length; PUCHAR Value}: a Kerberos key as the LSA hands it to a trusted
 * caller. The value is a secret: never printed ({@link #toString}), compared or kept longer than needed;
 * {@link #wipe} zeroes it.
 */
public record KerbCryptoKey(int keyType, byte[] value) {
    public KerbCryptoKey {
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    public void wipe() {
        Arrays.fill(value, (byte) 0);
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public String toString() {
        return "KerbCryptoKey[keyType=" + keyType + ", " + value.length + " bytes]";
    }
}
