package org.openlsa.sam;

import java.util.Optional;

/**
 * Active Directory's "Password must meet complexity requirements" (MS-SAMR 3.1.1.7.2, Microsoft's "Password must
 * meet complexity requirements" and "Strong password enforcement and Passfilt.dll"):
 * <ul>
 * <li>the password does not contain the account name (sAMAccountName), compared case-insensitively, when the name is
 *     longer than two characters;</li>
 * <li>it contains none of the tokens of the full name (displayName) that are three characters or longer; the name is
 *     split at commas, periods, hyphens, underscores, spaces, tabs and number signs, and tokens are compared
 *     case-insensitively and whole (a part of a token is not looked for);</li>
 * <li>it has characters of at least three of the five categories: upper-case letters, lower-case letters, the
 *     digits 0-9, the special characters Microsoft lists ({@value #SPECIAL}; currency symbols such as the euro sign
 *     are not among them), and letters that are neither upper- nor lower-case (ideographs, for instance).</li>
 * </ul>
 * The length is the minimum-length rule's business, not this one's. Works on a {@code char[]} the caller owns and
 * zeroes; nothing here copies the password into a String.
 */
public final class PasswordComplexity {
    private PasswordComplexity() {}

    /** The non-alphanumeric characters the complexity rule counts. */
    static final String SPECIAL = "~!@#$%^&*_-+=`|\\(){}[]:;\"'<>,.?/";

    /** The delimiters a full name is split at. */
    private static final String NAME_DELIMITERS = ",.-_ \t#";

    /** The smallest name or name token that a password may not contain. */
    private static final int MIN_NAME_PART = 3;

    /**
     * Why the password fails the rule, or empty when it passes. The reason names the rule, never the password.
     *
     * @param accountName the account's sAMAccountName
     * @param fullName the account's full name (may be empty)
     */
    public static Optional<String> violation(char[] password, String accountName, String fullName) {
        if (accountName.length() >= MIN_NAME_PART && containsIgnoreCase(password, accountName)) {
            return Optional.of("the password contains the account name");
        }
        for (String token : fullName.split("[" + java.util.regex.Pattern.quote(NAME_DELIMITERS) + "]")) {
            if (token.length() >= MIN_NAME_PART && containsIgnoreCase(password, token)) {
                return Optional.of("the password contains a part of the user's full name");
            }
        }
        if (categories(password) < 3) {
            return Optional.of("the password must have characters of three of these kinds: upper-case letters, "
                    + "lower-case letters, digits, special characters (" + SPECIAL + "), other letters");
        }
        return Optional.empty();
    }

    /** How many of the five categories the password has characters of. */
    static int categories(char[] password) {
        boolean upper = false;
        boolean lower = false;
        boolean digit = false;
        boolean special = false;
        boolean otherLetter = false;
        for (int i = 0; i < password.length; ) {
            int cp = Character.codePointAt(password, i);
            i += Character.charCount(cp);
            if (Character.isUpperCase(cp)) {
                upper = true;
            } else if (Character.isLowerCase(cp)) {
                lower = true;
            } else if (cp >= '0' && cp <= '9') {
                digit = true;
            } else if (cp < 0x80 && SPECIAL.indexOf(cp) >= 0) {
                special = true;
            } else if (Character.isLetter(cp)) {
                otherLetter = true;
            }
        }
        return (upper ? 1 : 0) + (lower ? 1 : 0) + (digit ? 1 : 0) + (special ? 1 : 0) + (otherLetter ? 1 : 0);
    }

    /**
     * Whether {@code part} occurs in the password, each char folded the same locale-independent way (upper-cased,
     * then lower-cased), so that positions stay as they are and no folded copy of the password is made.
     */
    private static boolean containsIgnoreCase(char[] password, String part) {
        outer:
        for (int start = 0; start + part.length() <= password.length; start++) {
            for (int j = 0; j < part.length(); j++) {
                if (fold(password[start + j]) != fold(part.charAt(j))) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static char fold(char c) {
        return Character.toLowerCase(Character.toUpperCase(c));
    }
}
