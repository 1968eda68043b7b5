package org.openlsa.sam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Active Directory's complexity rule: three of five categories, and neither the account name nor a name token. */
class PasswordComplexityTest {

    private static Optional<String> check(String password, String account, String fullName) {
        return PasswordComplexity.violation(password.toCharArray(), account, fullName);
    }

    private static boolean passes(String password) {
        return check(password, "bob", "").isEmpty();
    }

    @Test
    void threeOfTheFiveCategoriesAreNeeded() {
        assertEquals(1, PasswordComplexity.categories("abcdefgh".toCharArray()));
        assertEquals(2, PasswordComplexity.categories("abcdEFGH".toCharArray()));
        assertTrue(!passes("abcdEFGH"), "upper and lower only");
        assertTrue(!passes("abcd1234"), "lower and digits only");
        assertTrue(!passes("ABCD!!!!"), "upper and special only");
        assertTrue(passes("abcdEF12"), "upper, lower, digits");
        assertTrue(passes("abcd12!?"), "lower, digits, special");
        assertTrue(passes("ABCD12#%"), "upper, digits, special");
        assertTrue(passes("abCD#%ef"), "upper, lower, special");
        // the README's and TestRealm's example passwords
        assertTrue(passes("Adm1n-Passw0rd!"));
        assertTrue(passes("S3cret-Passw0rd"));
    }

    @Test
    void lettersThatAreNeitherUpperNorLowerAreTheFifthCategory() {
        // U+5BC6 U+7801 (CJK ideographs, Lo): a category of their own
        assertEquals(3, PasswordComplexity.categories("\u5bc6\u7801abc123".toCharArray()));
        assertTrue(passes("\u5bc6\u7801\u5bc6abc123"));
        assertTrue(!passes("\u5bc6\u7801\u5bc6\u7801abcd"), "ideographs and lower-case: two");
        // Non-ASCII upper- and lower-case letters count as upper and lower (Greek, accented Latin)
        assertEquals(3, PasswordComplexity.categories("\u03a9\u00e9\u00e9\u00e91".toCharArray()));
    }

    @Test
    void onlyTheListedSpecialCharactersCount() {
        // Microsoft's list has no currency symbols: the euro sign and space count for nothing
        assertEquals(2, PasswordComplexity.categories("abcdEF\u20ac\u20ac".toCharArray()));
        assertEquals(2, PasswordComplexity.categories("abcd EFG".toCharArray()));
        for (char c : PasswordComplexity.SPECIAL.toCharArray()) {
            assertEquals(3, PasswordComplexity.categories(("abcDEF" + c).toCharArray()), "special " + c);
        }
    }

    @Test
    void theAccountNameIsRefusedCaseInsensitivelyFromThreeCharacters() {
        assertTrue(check("xxALICE!9a", "alice", "").isPresent());
        assertTrue(check("my-aLiCe-Pw1", "Alice", "").isPresent());
        assertTrue(check("Jo#Jo#12aB", "jo", "").isEmpty(), "a name of two characters is not looked for");
        assertTrue(check("ALIC3-pass", "alice", "").isEmpty(), "the name whole, not a part of it");
        assertTrue(check("hunter2-Ab", "alice", "").isEmpty());
    }

    @Test
    void fullNameTokensOfThreeOrMoreCharactersAreRefused() {
        String name = "Erin M. Hagens";
        assertTrue(check("hagens-Rules1", "eh", name).isPresent());
        assertTrue(check("X-ERIN-99a", "eh", name).isPresent());
        assertTrue(check("Mm-Mm-1234", "eh", name).isEmpty(), "tokens under three characters are ignored");
        assertTrue(check("Hage-1234xy", "eh", name).isEmpty(), "a part of a token is not looked for");
        // every documented delimiter splits: comma, period, hyphen, underscore, space, tab, number sign
        for (String d : new String[] {",", ".", "-", "_", " ", "\t", "#"}) {
            assertTrue(check("Zed-Quux9!", "eh", "Anna" + d + "Quux").isPresent(), "delimiter " + (int) d.charAt(0));
        }
        assertTrue(check("Zed-Quux9!", "eh", "AnnaQuux").isEmpty(), "without a delimiter the whole name is one token");
    }

    @Test
    void theReasonNeverContainsThePassword() {
        String pw = "alicealice";
        String why = check(pw, "alice", "").orElseThrow();
        assertTrue(!why.contains(pw), why);
    }
}
