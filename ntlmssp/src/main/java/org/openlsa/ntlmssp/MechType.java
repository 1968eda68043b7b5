package org.openlsa.ntlmssp;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A GSS-API mechanism OID (RFC 4178 4.1 {@code MechType ::= OBJECT IDENTIFIER}) in dotted form. Only canonical
 * text is accepted (no leading zeros, first arc 0..2, second arc below 40 under 0 and 1, every arc fitting in 63
 * bits) so that the text and the DER encoding map one-to-one.
 */
public record MechType(String oid) {
    // Declared before the constants below, which run the constructor during class initialization.
    private static final Pattern CANONICAL = Pattern.compile("[0-2](\\.(0|[1-9][0-9]{0,18}))+");

    /** NTLMSSP, 1.3.6.1.4.1.311.2.2.10. */
    public static final MechType NTLMSSP = new MechType("1.3.6.1.4.1.311.2.2.10");
    /** Kerberos V5 (RFC 4121), 1.2.840.113554.1.2.2. */
    public static final MechType KERBEROS = new MechType("1.2.840.113554.1.2.2");
    /** The Kerberos OID Windows 2000 mis-encoded and Windows still offers first, 1.2.840.48018.1.2.2. */
    public static final MechType MS_KERBEROS = new MechType("1.2.840.48018.1.2.2");
    /** NEGOEX (MS-NEGOEX), 1.3.6.1.4.1.311.2.2.30. */
    public static final MechType NEGOEX = new MechType("1.3.6.1.4.1.311.2.2.30");

    public MechType {
        Objects.requireNonNull(oid, "oid");
        if (!CANONICAL.matcher(oid).matches()) {
            throw new IllegalArgumentException("not a canonical dotted OID: " + oid);
        }
        long[] arcs = arcs(oid);
        if (arcs[0] < 2 && arcs[1] >= 40) {
            throw new IllegalArgumentException("the second arc of " + oid + " must be below 40");
        }
        if (arcs[0] == 2 && arcs[1] > Long.MAX_VALUE - 80) {
            throw new IllegalArgumentException("the second arc of " + oid + " is too large");
        }
    }

    /** The arcs; each fits in a long ({@link #MechType} guarantees it). */
    long[] arcs() {
        return arcs(oid);
    }

    private static long[] arcs(String oid) {
        String[] parts = oid.split("\\.");
        long[] arcs = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                arcs[i] = Long.parseLong(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("OID arc " + parts[i] + " does not fit in 63 bits");
            }
        }
        return arcs;
    }

    @Override
    public String toString() {
        return oid;
    }
}
