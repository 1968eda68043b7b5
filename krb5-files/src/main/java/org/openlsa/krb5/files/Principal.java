package org.openlsa.krb5.files;

import java.util.List;
import java.util.Objects;

/**
 * A Kerberos principal name as the file formats store it (RFC 4120 PrincipalName plus realm): a name type, the
 * components, the realm. Strings are the UTF-8 of what the files hold. {@link #toString()} is the usual
 * {@code comp1/comp2@REALM} form, without escaping.
 */
public record Principal(int nameType, List<String> components, String realm) {
    // Name types, RFC 4120 section 6.2.
    public static final int NT_UNKNOWN = 0;
    public static final int NT_PRINCIPAL = 1;
    public static final int NT_SRV_INST = 2;
    public static final int NT_SRV_HST = 3;
    public static final int NT_ENTERPRISE = 10;

    public Principal {
        components = List.copyOf(components);
        Objects.requireNonNull(realm, "realm");
    }

    /** An NT_PRINCIPAL name. */
    public static Principal of(String realm, String... components) {
        return new Principal(NT_PRINCIPAL, List.of(components), realm);
    }

    @Override
    public String toString() {
        return String.join("/", components) + "@" + realm;
    }
}
