package org.openlsa.cli;

/**
 * Makes an untrusted string safe to put in a line of human output (docs/cli.md, "Untrusted text"). User, domain,
 * origin and workstation names come from whoever called LsaLogonUser; printed as they are, a newline forges a line of
 * its own, an ANSI escape (ESC [ ...) recolours or rewrites the reader's terminal, and a bidi override (U+202E)
 * reorders what the line appears to say. Every such character is replaced by a visible escape:
 * <ul>
 *   <li>C0 controls, DEL and C1 controls (U+0000..U+001F, U+007F..U+009F): {@code \x1b}, {@code \x0a}, ...</li>
 *   <li>format characters (bidi embeddings, overrides and isolates, zero-width characters, U+FEFF, ...), line and
 *       paragraph separators, unpaired surrogates: <code>&#92;u202e</code>; outside the BMP {@code \U000e0001}</li>
 * </ul>
 * A backslash stays as it is (it separates domain and user in names like {@code CONTOSO\alice}), so a name that holds
 * the four characters {@code \x1b} reads like one holding ESC; the line still cannot be forged or recoloured, and
 * {@code --json} tells the two apart. JSON output needs none of this: its generator escapes control characters
 * itself, and a JSON reader is not a terminal.
 */
final class Printable {
    private Printable() {}

    /** The string with every character that could change how the line reads replaced by its escape. */
    static String of(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = null;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int n = Character.charCount(cp);
            String esc = escape(cp);
            if (esc != null && b == null) {
                b = new StringBuilder(s.length() + 8).append(s, 0, i);
            }
            if (b != null) {
                if (esc != null) {
                    b.append(esc);
                } else {
                    b.appendCodePoint(cp);
                }
            }
            i += n;
        }
        return b == null ? s : b.toString();
    }

    private static String escape(int cp) {
        if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) {
            return String.format("\\x%02x", cp);
        }
        return switch (Character.getType(cp)) {
            case Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.SURROGATE,
                 Character.CONTROL -> cp <= 0xffff ? String.format("\\u%04x", cp) : String.format("\\U%08x", cp);
            default -> null;
        };
    }
}
