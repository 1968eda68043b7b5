package org.openlsa.krb5;

import java.util.List;
import java.util.Objects;

/**
 * PrincipalName (RFC 4120 5.2.2): a name type and its components. The realm is not part of it; messages carry the
 * realm in a separate Realm field.
 *
 * <pre>
 * PrincipalName ::= SEQUENCE {
 *         name-type       [0] Int32,
 *         name-string     [1] SEQUENCE OF KerberosString
 * }
 * </pre>
 *
 * The name type is a hint (RFC 4120 6.2: two names differing only in type are the same principal), so
 * {@link #sameNameAs} compares components only; {@code equals} compares both, as a value must.
 */
public record PrincipalName(int nameType, List<String> nameString) {
    /** Name type not known. */
    public static final int NT_UNKNOWN = 0;
    /** Just the name of the principal, as in DCE or for users. */
    public static final int NT_PRINCIPAL = 1;
    /** Service and other unique instance (krbtgt). */
    public static final int NT_SRV_INST = 2;
    /** Service with host name as instance (telnet, rcommands). */
    public static final int NT_SRV_HST = 3;
    /** Service with host as remaining components. */
    public static final int NT_SRV_XHST = 4;
    /** Unique ID. */
    public static final int NT_UID = 5;
    /** Encoded X.509 Distinguished name (RFC 2253). */
    public static final int NT_X500_PRINCIPAL = 6;
    /** Name in form of SMTP email name. */
    public static final int NT_SMTP_NAME = 7;
    /** Enterprise name: one component "user@upn-suffix" (RFC 6806 5). */
    public static final int NT_ENTERPRISE = 10;
    /** Well-known name (RFC 6111), as in WELLKNOWN/ANONYMOUS. */
    public static final int NT_WELLKNOWN = 11;
    /** Windows NT 4 style name "DOMAIN\\user" (MS-KILE). */
    public static final int NT_MS_PRINCIPAL = -128;
    /** NT 4 style name and SID (MS-KILE). */
    public static final int NT_MS_PRINCIPAL_AND_ID = -129;
    /** Enterprise principal and SID (MS-KILE). */
    public static final int NT_ENT_PRINCIPAL_AND_ID = -130;

    /** The first component of the ticket-granting service's name (RFC 4120 7.3). */
    public static final String KRBTGT = "krbtgt";

    public PrincipalName {
        nameString = List.copyOf(Objects.requireNonNull(nameString, "nameString"));
        for (String component : nameString) {
            Checks.string(component, "nameString");
        }
    }

    /** An NT-PRINCIPAL name with the given components (usually one: the user name). */
    public static PrincipalName principal(String... components) {
        return new PrincipalName(NT_PRINCIPAL, List.of(components));
    }

    /** An NT-SRV-INST name "service/instance", as {@code service("krbtgt", "REALM")}. */
    public static PrincipalName service(String service, String instance) {
        return new PrincipalName(NT_SRV_INST, List.of(service, instance));
    }

    /** An NT-SRV-HST name "service/host", as {@code host("HTTP", "www.example.com")}. */
    public static PrincipalName host(String service, String host) {
        return new PrincipalName(NT_SRV_HST, List.of(service, host));
    }

    /** The ticket-granting service of {@code realm}: krbtgt/REALM (RFC 4120 7.3). */
    public static PrincipalName krbtgt(String realm) {
        return service(KRBTGT, realm);
    }

    /** Whether this names a ticket-granting service, local or cross-realm: krbtgt/ANY. */
    public boolean isKrbtgt() {
        return nameString.size() == 2 && KRBTGT.equals(nameString.getFirst());
    }

    /** Same components, ignoring the name type (RFC 4120 6.2). */
    public boolean sameNameAs(PrincipalName other) {
        return nameString.equals(other.nameString);
    }

    /** "a/b@REALM", with '/', '@' and '\' inside components escaped by '\' (as MIT's krb5_unparse_name does). */
    public String format(String realm) {
        return this + "@" + escape(realm);
    }

    /** The components joined by '/', with '/', '@' and '\' inside components escaped by '\'. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (String s : nameString) {
            if (!sb.isEmpty()) {
                sb.append('/');
            }
            sb.append(escape(s));
        }
        return sb.toString();
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '/' || c == '@' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
