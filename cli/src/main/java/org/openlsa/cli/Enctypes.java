package org.openlsa.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.openlsa.crypto.kerberos.EncryptionType;

/** Kerberos enctypes as people type and read them: MIT names (and aliases) or RFC 3961 numbers. */
final class Enctypes {
    private Enctypes() {}

    /**
     * A comma- or space-separated list, in preference order, e.g. {@code aes256-cts-hmac-sha1-96,aes128-cts}.
     *
     * @throws IllegalArgumentException naming an unknown enctype and those OpenLSA has
     */
    static List<Integer> parseList(String text) {
        List<Integer> out = new ArrayList<>();
        for (String word : text.strip().split("[,\\s]+")) {
            if (word.isEmpty()) {
                continue;
            }
            EncryptionType t = EncryptionType.byName(word).orElseThrow(() -> new IllegalArgumentException(
                    "unknown or unsupported enctype '" + word + "' (OpenLSA has " + known() + ")"));
            out.add(t.id());
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no enctype given (OpenLSA has " + known() + ")");
        }
        return out;
    }

    /** The MIT name, or the number for one OpenLSA does not know (which the store never holds). */
    static String name(int enctype) {
        return EncryptionType.of(enctype).map(EncryptionType::mitName).orElse(Integer.toString(enctype));
    }

    static String names(List<Integer> enctypes) {
        return enctypes.stream().map(Enctypes::name).collect(Collectors.joining(", "));
    }

    private static String known() {
        return java.util.Arrays.stream(EncryptionType.values()).map(EncryptionType::mitName)
                .collect(Collectors.joining(", "));
    }
}
