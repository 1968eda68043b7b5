package org.openlsa.store.sqlite.internal;

/**
 * The case-folded key under which account names are unique. SQLite's NOCASE folds ASCII only, so the key is made
 * here: each code point upper-cased on its own (Character.toUpperCase, locale-independent), as Windows' upcase
 * table folds character by character; String.toUpperCase would expand "ß" to "SS" and merge names Windows keeps
 * apart.
 */
final class NameKey {
    private NameKey() {}

    static String of(String name) {
        StringBuilder b = new StringBuilder(name.length());
        name.codePoints().forEach(cp -> b.appendCodePoint(Character.toUpperCase(cp)));
        return b.toString();
    }
}
