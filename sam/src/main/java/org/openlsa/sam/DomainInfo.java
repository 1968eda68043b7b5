package org.openlsa.sam;

import java.util.Locale;
import java.util.Objects;
import org.openlsa.core.Sid;

/**
 * The account domain this SAM holds: its NetBIOS-style name, its SID (S-1-5-21-a-b-c), the machine's name (used as
 * logon server and for workstation checks of interactive logons), the Kerberos realm of its embedded KDC, and its
 * policy.
 *
 * @param realm the Kerberos realm, conventionally the domain name in upper case ({@link #defaultRealm}); not
 *     empty, at most 255 characters, no white space at either end, none of {@code @ / \} (the separators and escape
 *     of a principal's text form) nor control characters
 */
public record DomainInfo(String name, Sid sid, String machineName, String realm, DomainPolicy policy) {
    public static final int MAX_REALM_LENGTH = 255;

    public DomainInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sid, "sid");
        Objects.requireNonNull(machineName, "machineName");
        requireValidRealm(realm);
        Objects.requireNonNull(policy, "policy");
    }

    /** A domain whose realm is {@link #defaultRealm the default} for its name. */
    public DomainInfo(String name, Sid sid, String machineName, DomainPolicy policy) {
        this(name, sid, machineName, defaultRealm(Objects.requireNonNull(name, "name")), policy);
    }

    /** The realm a domain gets when none is given: its name upper-cased (locale-independent). */
    public static String defaultRealm(String domainName) {
        return domainName.toUpperCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the rule broken */
    public static String requireValidRealm(String realm) {
        Objects.requireNonNull(realm, "realm");
        if (realm.isEmpty() || realm.length() > MAX_REALM_LENGTH) {
            throw new IllegalArgumentException("a realm has 1.." + MAX_REALM_LENGTH + " characters, not "
                    + realm.length());
        }
        if (!realm.strip().equals(realm)) {
            throw new IllegalArgumentException("realm '" + realm + "' has leading or trailing white space");
        }
        for (int i = 0; i < realm.length(); i++) {
            char c = realm.charAt(i);
            if (c < 0x20 || c == 0x7F || c == '@' || c == '/' || c == '\\') {
                throw new IllegalArgumentException("realm '" + realm + "' contains the forbidden character "
                        + (c < 0x20 || c == 0x7F ? String.format("\\x%02x", (int) c) : "'" + c + "'"));
            }
        }
        return realm;
    }

    public DomainInfo withPolicy(DomainPolicy v) {
        return new DomainInfo(name, sid, machineName, realm, v);
    }

    /** True for the names a logon may use for this domain: its name, the machine name, "." or empty. */
    public boolean answersTo(String domainName) {
        return domainName.isEmpty() || domainName.equals(".") || domainName.equalsIgnoreCase(name)
                || domainName.equalsIgnoreCase(machineName);
    }
}
