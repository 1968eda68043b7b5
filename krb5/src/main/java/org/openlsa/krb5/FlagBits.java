package org.openlsa.krb5;

import java.util.StringJoiner;

/**
 * Bit arithmetic of KerberosFlags (RFC 4120 5.2.8): flag n is bit n of the BIT STRING, and bit 0 is the most
 * significant bit of the first octet. The flag records keep the first 32 bits as an {@code int} whose most
 * significant bit is flag 0, so the int reads the same as the four octets on the wire.
 */
final class FlagBits {
    private FlagBits() {}

    static final int BITS = 32;

    static int mask(int flag) {
        if (flag < 0 || flag >= BITS) {
            throw new IllegalArgumentException("KerberosFlags flag number must be in 0..31, got " + flag);
        }
        return 1 << (BITS - 1 - flag);
    }

    static int of(int... flags) {
        int bits = 0;
        for (int f : flags) {
            bits |= mask(f);
        }
        return bits;
    }

    /** "Type[name, name, bit20]", naming set flags from {@code names} (indexed by flag number, null = unnamed). */
    static String describe(String type, int bits, String[] names) {
        StringJoiner j = new StringJoiner(", ", type + "[", "]");
        for (int flag = 0; flag < BITS; flag++) {
            if ((bits & mask(flag)) != 0) {
                j.add(flag < names.length && names[flag] != null ? names[flag] : "bit" + flag);
            }
        }
        return j.toString();
    }
}
