package org.openlsa.krb5;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Constructor checks shared by the records of this package. */
final class Checks {
    private Checks() {}

    static final long UINT32_MAX = 0xFFFF_FFFFL;

    /** UInt32 ::= INTEGER (0..4294967295), RFC 4120 5.2.4. */
    static long uint32(long value, String field) {
        if (value < 0 || value > UINT32_MAX) {
            throw new IllegalArgumentException(field + " is a UInt32, got " + value);
        }
        return value;
    }

    static OptionalLong uint32(OptionalLong value, String field) {
        Objects.requireNonNull(value, field);
        value.ifPresent(v -> uint32(v, field));
        return value;
    }

    static OptionalInt microseconds(OptionalInt value, String field) {
        Objects.requireNonNull(value, field);
        value.ifPresent(v -> KerberosTime.requireMicroseconds(v, field));
        return value;
    }

    /**
     * A KerberosString: non-null and well-formed UTF-16 (no unpaired surrogate), so its UTF-8 encoding decodes back
     * to the same string.
     */
    static String string(String value, String field) {
        Objects.requireNonNull(value, field);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean pairStart = Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1));
            if (pairStart) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(field + " has an unpaired surrogate at index " + i);
            }
        }
        return value;
    }

    static Optional<String> optionalString(Optional<String> value, String field) {
        Objects.requireNonNull(value, field);
        value.ifPresent(v -> string(v, field));
        return value;
    }

    static <T> List<T> list(List<T> list, String field) {
        return List.copyOf(Objects.requireNonNull(list, field));
    }

    static <T> Optional<T> optional(Optional<T> value, String field) {
        return Objects.requireNonNull(value, field);
    }
}
