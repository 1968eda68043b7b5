package org.openlsa.krb5;

import java.util.Optional;

/**
 * ETYPE-INFO2-ENTRY (RFC 4120 5.2.7.5): one encryption type the client's long-term key exists in, with the salt and
 * string-to-key parameters to derive it from a password. ETYPE-INFO2 (padata 19) is a SEQUENCE OF these, in the
 * KDC's order of preference. An absent salt means the default salt (realm followed by the name components).
 *
 * <pre>
 * ETYPE-INFO2-ENTRY       ::= SEQUENCE {
 *         etype           [0] Int32,
 *         salt            [1] KerberosString OPTIONAL,
 *         s2kparams       [2] OCTET STRING OPTIONAL
 * }
 * </pre>
 */
public record EtypeInfo2Entry(int etype, Optional<String> salt, Optional<Bytes> s2kparams) {
    public EtypeInfo2Entry {
        Checks.optionalString(salt, "salt");
        Checks.optional(s2kparams, "s2kparams");
    }

    /** An entry with an explicit salt and default string-to-key parameters. */
    public static EtypeInfo2Entry of(int etype, String salt) {
        return new EtypeInfo2Entry(etype, Optional.of(salt), Optional.empty());
    }
}
