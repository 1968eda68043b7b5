package org.openlsa.sam;

/**
 * Account name rules (Windows local accounts, as "net user" and MS-SAMR enforce them): not empty, no leading or
 * trailing space, not only dots and spaces, none of {@code " / \ [ ] : ; | = , + * ? < > @} nor control characters;
 * at most 20 characters for a user (sAMAccountName), 256 for a group or alias.
 */
public final class AccountNames {
    private AccountNames() {}

    public static final int MAX_USER_NAME = 20;
    public static final int MAX_GROUP_NAME = 256;
    private static final String FORBIDDEN = "\"/\\[]:;|=,+*?<>@";

    /** @throws IllegalArgumentException naming the rule broken */
    public static String requireValid(String name, int maxLength, String what) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException(what + " name must not be empty");
        }
        if (name.length() > maxLength) {
            throw new IllegalArgumentException(what + " name '" + name + "' is longer than " + maxLength + " characters");
        }
        if (!name.strip().equals(name)) {
            throw new IllegalArgumentException(what + " name '" + name + "' has leading or trailing white space");
        }
        if (name.chars().allMatch(c -> c == '.' || c == ' ')) {
            throw new IllegalArgumentException(what + " name '" + name + "' consists only of dots and spaces");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7F || FORBIDDEN.indexOf(c) >= 0) {
                throw new IllegalArgumentException(what + " name '" + name + "' contains the forbidden character '"
                        + (c < 0x20 ? String.format("\\x%02x", (int) c) : String.valueOf(c)) + "'");
            }
        }
        return name;
    }
}
